//! GL0011: a property of a v1.0 type that the same type in beta lacks.

use super::{Finding, Rule};
use crate::versions::{defined_in_v1, property_pairs};
use graphdoc_schema::{Schema, Severity};

/// The GL0011 missing-in-beta rule, reported when a property of a v1.0 type is missing from the same type in beta.
pub const RULE: Rule = Rule {
    code: "GL0011",
    name: "missing-in-beta",
    default_severity: Severity::Warning,
    enabled: false,
    summary: "a property of a v1.0 type is missing from the same type in beta",
    explain: "GL0011 missing-in-beta\n\n\
With both versions linted, a type defined in both v1.0 and beta whose v1.0\n\
page lists a property (own or inherited) the beta type does not have. Beta\n\
is meant to be a superset of v1.0; a missing property is either a beta page\n\
that fell behind or a v1.0 property that was never there. The finding is on\n\
the beta type.\n\n\
Off by default (`--enable GL0011`): on the Graph docs about a third of the\n\
findings sampled were deliberate API differences (a property renamed or\n\
reshaped in beta), not doc defects.\n",
    aliases: &["GL011"],
};

/// v1.0 properties (compared ignoring case) missing from the beta type of
/// the same name, reported on the beta type.
pub fn check(v1: &Schema, beta: &Schema) -> Vec<Finding> {
    let mut out: Vec<Finding> = property_pairs(v1, beta)
        .into_iter()
        .filter(|pair| pair.beta.is_none())
        .map(|pair| {
            RULE.finding(
                &pair.beta_type.source.file,
                pair.beta_type.source.line,
                format!(
                    "`{}` has property `{}` in v1.0 but not in beta",
                    pair.v1_type.name, pair.v1.name
                ),
            )
            .note(defined_in_v1(pair.v1))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
