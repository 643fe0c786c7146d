//! GL0012: one property typed differently in v1.0 and beta.

use super::{Finding, Rule};
use crate::versions::{defined_in_v1, property_pairs};
use graphdoc_schema::{Schema, Severity};

/// The GL0012 version-type-differs rule, reported when one property has different types in v1.0 and beta.
pub const RULE: Rule = Rule {
    code: "GL0012",
    name: "version-type-differs",
    default_severity: Severity::Warning,
    enabled: false,
    summary: "one property has different types in v1.0 and beta",
    explain: "GL0012 version-type-differs\n\n\
With both versions linted, a property of a type defined in both versions has\n\
a different type (name, ignoring case, or collection flag) in v1.0 and beta.\n\
The finding is on the beta property.\n\n\
Off by default (`--enable GL0012`): some differences are deliberate beta API\n\
changes (emailAddress vs typedEmailAddress), not doc defects.\n",
    aliases: &["GL012"],
};

/// Properties of types in both versions whose type name (ignoring case) or
/// collection flag differs, reported on the beta property.
pub fn check(v1: &Schema, beta: &Schema) -> Vec<Finding> {
    let mut out: Vec<Finding> = property_pairs(v1, beta)
        .into_iter()
        .filter_map(|pair| {
            let (p, q) = (pair.v1, pair.beta?);
            if q.ty.name.eq_ignore_ascii_case(&p.ty.name) && q.ty.collection == p.ty.collection {
                return None;
            }
            Some(
                RULE.finding(
                    &q.source.file,
                    q.source.line,
                    format!(
                        "`{}.{}` is `{}` in beta but `{}` in v1.0",
                        pair.v1_type.name, p.name, q.ty, p.ty
                    ),
                )
                .note(defined_in_v1(p)),
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
