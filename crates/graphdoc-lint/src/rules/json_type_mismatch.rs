//! GL0003: a JSON representation placeholder naming another type than the
//! Properties table.

use super::{Finding, Rule};
use crate::jsonpos::{Node, Value};
use crate::pages::Pages;
use crate::representation::representation;
use graphdoc_docs::types;
use graphdoc_schema::{Schema, Severity, TypeDef, TypeRef};
use rayon::prelude::*;

pub const RULE: Rule = Rule {
    code: "GL0003",
    name: "json-type-mismatch",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "the JSON representation's placeholder disagrees with the table's type",
    explain: "GL0003 json-type-mismatch\n\n\
The placeholder a `## JSON representation` block shows for a property tells\n\
its type: `\"Int64\"`, `\"String (timestamp)\"` (a DateTimeOffset), `true`\n\
(a Boolean), `[ … ]` (a collection), `{\"@odata.type\": \"microsoft.graph.x\"}`.\n\
This rule reports a placeholder that names a different type than the\n\
Properties table, for example `\"Int64\"` in the block and `Int32` in the\n\
table, or `\"String (timestamp)\"` for a property the table types as String.\n\
Plain `\"String\"` is not checked: the docs use it for strings, enums, GUIDs\n\
and dates alike.\n",
    aliases: &["GL003"],
};

/// Members of each type's JSON representation whose placeholder disagrees
/// with the type of the table row of the same name.
pub fn check(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let types: Vec<&TypeDef> = schema.types.values().collect();
    let mut out: Vec<Finding> = types
        .par_iter()
        .flat_map_iter(|t| {
            let mut out = Vec::new();
            let Some(text) = pages.get(&t.source.file) else {
                return out;
            };
            let Some((object, start)) = representation(text, &t.name) else {
                return out;
            };
            let Value::Object(members) = &object.value else {
                return out;
            };
            for (key, node) in members {
                let Some(p) = t.properties.iter().find(|p| &p.name == key) else {
                    continue;
                };
                if let Some(why) = placeholder_mismatch(&placeholder(node), &p.ty, false) {
                    let line = start + node.line - 1;
                    let f = RULE
                        .finding(
                            &t.source.file,
                            line,
                            format!(
                                "JSON representation of `{}.{}` disagrees with the table: {why}",
                                t.name, key
                            ),
                        )
                        .note(format!("the table row is at line {}", p.source.line));
                    let width = text.lines().nth(line as usize - 1).map_or(0, |l| {
                        l.chars()
                            .skip(node.column as usize - 1)
                            .take_while(|c| *c != ',')
                            .count() as u32
                    });
                    out.push(f.span(node.column, width));
                }
            }
            out
        })
        .collect();
    out.sort();
    out
}

/// What a placeholder of a JSON representation says about the type.
enum Placeholder {
    Primitive(&'static str),
    Bool,
    Number,
    Array(Option<Box<Placeholder>>),
    Unknown,
}

fn placeholder(node: &Node) -> Placeholder {
    match &node.value {
        Value::Bool(_) => Placeholder::Bool,
        Value::Number(_) => Placeholder::Number,
        Value::Array(items) => Placeholder::Array(items.first().map(|n| Box::new(placeholder(n)))),
        Value::String(s) => {
            let s = s.trim();
            if s.eq_ignore_ascii_case("String (timestamp)") {
                return Placeholder::Primitive("Edm.DateTimeOffset");
            }
            let word = s.split(" (").next().unwrap_or(s);
            match types::primitive(word) {
                Some((edm, false)) if edm != "Edm.String" => Placeholder::Primitive(edm),
                _ => Placeholder::Unknown,
            }
        }
        _ => Placeholder::Unknown,
    }
}

const NUMERIC: [&str; 7] = [
    "Edm.Int16",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Double",
    "Edm.Single",
    "Edm.Decimal",
    "Edm.Byte",
];

/// Why a placeholder disagrees with a table type, if it does.
fn placeholder_mismatch(ph: &Placeholder, ty: &TypeRef, in_collection: bool) -> Option<String> {
    if !ty.is_primitive() {
        return None;
    }
    match ph {
        Placeholder::Array(item) if !ty.collection && !in_collection => {
            let _ = item;
            Some(format!(
                "the block shows an array, the table `{}`",
                ty.name.trim_start_matches("Edm.")
            ))
        }
        Placeholder::Array(Some(item)) if !in_collection => placeholder_mismatch(item, ty, true),
        Placeholder::Primitive(edm) if *edm != ty.name => Some(format!(
            "the block says `{}`, the table `{}`",
            edm.trim_start_matches("Edm."),
            ty.name.trim_start_matches("Edm.")
        )),
        Placeholder::Bool if ty.name != "Edm.Boolean" => Some(format!(
            "the block shows a Boolean, the table `{}`",
            ty.name.trim_start_matches("Edm.")
        )),
        Placeholder::Number if !NUMERIC.contains(&ty.name.as_str()) => Some(format!(
            "the block shows a number, the table `{}`",
            ty.name.trim_start_matches("Edm.")
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mismatch(json: &str, ty: &str, collection: bool) -> Option<String> {
        let node = crate::jsonpos::parse(json).expect("test JSON parses");
        placeholder_mismatch(&placeholder(&node), &TypeRef::new(ty, collection), false)
    }

    #[test]
    fn placeholders_against_table_types() {
        assert_eq!(
            mismatch("\"Int64\"", "Edm.Int32", false).as_deref(),
            Some("the block says `Int64`, the table `Int32`")
        );
        assert_eq!(
            mismatch("\"String (timestamp)\"", "Edm.String", false).as_deref(),
            Some("the block says `DateTimeOffset`, the table `String`")
        );
        assert_eq!(mismatch("\"String\"", "Edm.DateTimeOffset", false), None);
        assert_eq!(mismatch("12", "Edm.Int32", false), None);
        assert!(mismatch("true", "Edm.String", false).is_some());
        assert!(mismatch("[\"String\"]", "Edm.String", false).is_some());
        assert_eq!(mismatch("[\"Int32\"]", "Edm.Int32", true), None);
    }
}
