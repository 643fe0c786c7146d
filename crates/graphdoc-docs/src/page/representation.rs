//! A resource's JSON representation block: properties typed by their placeholders.

use super::RawProperty;
use crate::types::{parse_type_cell, CellType, TypeName};
use graphdoc_schema::edm::placeholder::{self, Placeholder};
use graphdoc_schema::{PropertyKind, Source};
use serde_json::Value;

/// Properties of a JSON representation block whose values are type
/// placeholders. A block that is not strict JSON yields nothing here (the
/// samples checker reports it).
pub(super) fn representation_properties(
    file: &str,
    text: &str,
    line: u32,
) -> (Vec<RawProperty>, Vec<(String, Source)>) {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return (Vec::new(), Vec::new());
    };
    let mut out = Vec::new();
    let mut untyped = Vec::new();
    let lines = crate::markdown::LineIndex::new(text);
    for (name, value) in &map {
        if name.starts_with('@') || !crate::types::is_type_identifier(name) {
            continue;
        }
        let offset = memchr::memmem::find(text.as_bytes(), format!("\"{name}\"").as_bytes())
            .map(|i| lines.line(i) - 1)
            .unwrap_or(0);
        let Some(cell_type) = placeholder_type(value) else {
            untyped.push((name.clone(), Source::new(file, line + offset)));
            continue;
        };
        out.push(RawProperty {
            name: name.clone(),
            cell_type,
            kind: PropertyKind::Structural,
            description: String::new(),
            facts: crate::facts::Facts::default(),
            source: Source::new(file, line + offset),
        });
    }
    (out, untyped)
}

fn placeholder_type(value: &Value) -> Option<CellType> {
    let simple = |name: TypeName| CellType {
        name,
        collection: false,
        link: None,
        alias_of: None,
    };
    match value {
        Value::Bool(_) => Some(simple(TypeName::Primitive("Edm.Boolean"))),
        // A number does not say which of Int32, Int64, Double… it is.
        Value::Number(_) => None,
        Value::String(s) => {
            // "String (timestamp)", "String (ISO 8601 duration)": the note in
            // parentheses names the Edm type the string carries, as the
            // samples checker reads it.
            if let Some(Placeholder::Primitive(edm)) = placeholder::read(s) {
                return Some(match parse_type_cell(s) {
                    Ok(t) if t.name == TypeName::Primitive(edm) && !t.collection => t,
                    _ => simple(TypeName::Primitive(edm)),
                });
            }
            match parse_type_cell(s) {
                Ok(
                    t @ CellType {
                        name: TypeName::Primitive(_),
                        ..
                    },
                ) => Some(t),
                Ok(
                    t @ CellType {
                        name: TypeName::Named(_),
                        ..
                    },
                ) if s.starts_with("microsoft.graph.") => Some(t),
                _ => None,
            }
        }
        Value::Object(o) => {
            let t = o.get("@odata.type")?.as_str()?.trim_start_matches('#');
            // `{ "@odata.type": "Edm.Stream" }`: a primitive, written as an object.
            if let Some((edm, _)) = t
                .starts_with("Edm.")
                .then(|| crate::types::primitive(t))
                .flatten()
            {
                return Some(simple(TypeName::Primitive(edm)));
            }
            crate::types::is_type_identifier(t).then(|| simple(TypeName::Named(t.to_string())))
        }
        Value::Array(items) => {
            let mut t = placeholder_type(items.first()?)?;
            t.collection = true;
            Some(t)
        }
        Value::Null => None,
    }
}
