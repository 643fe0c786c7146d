//! GL0003: a JSON representation placeholder naming another type than the
//! Properties table, as graphdoc-samples finds it.

use super::{Finding, Rule};
use crate::pages::Pages;
use crate::samples::SampleFinding;
use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::validate::FindingKind;
use graphdoc_schema::Severity;

/// The GL0003 json-type-mismatch rule, reported when the JSON representation's placeholder disagrees with the table's type.
pub const RULE: Rule = Rule {
    code: "GL0003",
    name: "json-type-mismatch",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "the JSON representation's placeholder disagrees with the table's type",
    explain: "GL0003 json-type-mismatch\n\n\
The placeholder a `## JSON representation` block shows for a property tells\n\
its type: `\"Int64\"`, `\"String (timestamp)\"` (a DateTimeOffset), `true`\n\
(a Boolean), `[ … ]` (a collection), `{\"@odata.type\": \"microsoft.graph.x\"}`,\n\
`\"microsoft.graph.x\"`. This rule reports a placeholder that names a\n\
different type than the Properties table, for example `\"Int64\"` in the\n\
block and `Int32` in the table, `\"String (timestamp)\"` for a property the\n\
table types as String, or a string where the table has an object or a\n\
collection. Plain `\"String\"` fits every type sent as a JSON string\n\
(strings, enums, GUIDs, dates). The check is `graphdoc samples`' check of\n\
representation blocks (`placeholder_drift`, `wrong_json_type`).\n",
    aliases: &["GL003"],
};

/// The sample findings this rule reports: of which samples, of which kind.
pub(crate) const SAMPLE_FINDINGS: &[(SampleKind, FindingKind)] = &[
    (SampleKind::Resource, FindingKind::PlaceholderDrift),
    (SampleKind::Resource, FindingKind::WrongJsonType),
];

/// Members of the JSON representations whose placeholder disagrees with
/// the type of the table row of the same name.
pub fn check(samples: &[SampleFinding], pages: &Pages) -> Vec<Finding> {
    crate::samples::findings(samples, pages, &RULE, SAMPLE_FINDINGS)
}
