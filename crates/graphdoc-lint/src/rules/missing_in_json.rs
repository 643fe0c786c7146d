//! GL0002: a Properties table row the JSON representation does not show.

use super::{Finding, Rule};
use crate::pages::{place, Pages};
use crate::representation::representation;
use graphdoc_schema::{PropertyKind, Schema, Severity, TypeDef};
use rayon::prelude::*;

/// The GL0002 missing-in-json rule, reported when a property of the Properties table is missing from the JSON representation.
pub const RULE: Rule = Rule {
    code: "GL0002",
    name: "missing-in-json",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a property of the Properties table is missing from the JSON representation",
    explain: "GL0002 missing-in-json\n\n\
A resource page lists a property in its Properties (or Relationships) table\n\
that the `## JSON representation` block of the same page does not show.\n\
Navigation properties are not checked (the representation normally omits\n\
them), nor are inherited properties. The opposite case, a property only the\n\
JSON representation shows, is the front-end diagnostic GD0020 (GL0001).\n\n\
Fix: add the property to the JSON block, or remove the stale table row.\n",
    aliases: &["GL002"],
};

/// Own structural properties of each type missing from its page's JSON
/// representation.
pub fn check(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let types: Vec<&TypeDef> = schema.types.values().collect();
    let mut out: Vec<Finding> = types
        .par_iter()
        .flat_map_iter(|t| {
            let mut out = Vec::new();
            let Some(text) = pages.get(&t.source.file) else {
                return out;
            };
            let Some((members, start)) = representation(text, &t.name) else {
                return out;
            };
            for p in &t.properties {
                if p.kind != PropertyKind::Structural || p.source.file != t.source.file {
                    continue;
                }
                if !members.keys().any(|k| k.eq_ignore_ascii_case(&p.name)) {
                    let f = RULE
                        .finding(
                            &p.source.file,
                            p.source.line,
                            format!(
                                "property `{}` of `{}` is missing from the JSON representation",
                                p.name, t.name
                            ),
                        )
                        .note(format!("the JSON representation starts at line {start}"));
                    out.push(place(f, pages, &p.name, 0));
                }
            }
            out
        })
        .collect();
    out.sort();
    out
}
