//! GL0010: a request or response example giving an enum-typed property a
//! value that is not a member, as graphdoc-samples finds it.

use super::{Finding, Rule};
use crate::pages::Pages;
use crate::samples::SampleFinding;
use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::validate::FindingKind;
use graphdoc_schema::Severity;

/// The GL0010 enum-sample-value rule, reported when a request or response example gives an enum-typed property a value that is not a member.
pub const RULE: Rule = Rule {
    code: "GL0010",
    name: "enum-sample-value",
    default_severity: Severity::Warning,
    enabled: true,
    summary:
        "a request or response example gives an enum-typed property a value that is not a member",
    explain: "GL0010 enum-sample-value\n\n\
The JSON body of a request or response example sets a property whose type is\n\
an enum to a value that is not one of the enum's members, typically the\n\
generator's `\"String\"` placeholder. The example's type is what\n\
`graphdoc samples` checks it against: the body's `@odata.type`, else the\n\
annotation's, else the operation's request or response type; nested objects\n\
are checked by their property's type or their own `@odata.type`. Flags enums\n\
accept comma-separated members. Bodies are read by the tolerant reader\n\
(`...` elisions, comments and trailing commas are forgiven). The JSON\n\
representation blocks of resource pages are GL0003's: `\"String\"` is their\n\
normal placeholder.\n",
    aliases: &["GL010"],
};

/// The sample findings this rule reports: of which samples, of which kind.
pub(crate) const SAMPLE_FINDINGS: &[(SampleKind, FindingKind)] = &[
    (SampleKind::Request, FindingKind::NotEnumMember),
    (SampleKind::Response, FindingKind::NotEnumMember),
];

/// Enum-typed values of request and response examples that are not members.
pub fn check(samples: &[SampleFinding], pages: &Pages) -> Vec<Finding> {
    crate::samples::findings(samples, pages, &RULE, SAMPLE_FINDINGS)
}
