//! GL0012: one property typed differently in v1.0 and beta.

use super::{Finding, Rule};
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
    let mut out = Vec::new();
    for (name, t1) in &v1.types {
        if !beta.types.contains_key(name) {
            continue;
        }
        let beta_props = beta.flattened_properties(name);
        for p in &t1.properties {
            let Some(q) = beta_props
                .iter()
                .find(|q| q.name.eq_ignore_ascii_case(&p.name))
            else {
                continue;
            };
            if q.ty.name.eq_ignore_ascii_case(&p.ty.name) && q.ty.collection == p.ty.collection {
                continue;
            }
            out.push(
                RULE.finding(
                    &q.source.file,
                    q.source.line,
                    format!(
                        "`{}.{}` is `{}` in beta but `{}` in v1.0",
                        t1.name, p.name, q.ty, p.ty
                    ),
                )
                .note(format!(
                    "v1.0 defines it at {}:{}",
                    p.source.file, p.source.line
                )),
            );
        }
    }
    out.sort();
    out.dedup();
    out
}
