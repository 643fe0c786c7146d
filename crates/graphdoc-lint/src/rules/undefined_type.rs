//! GL0006: an `@odata.type` in a JSON block naming a type no page defines.

use super::{Finding, Rule};
use crate::pages::{place, Pages};
use graphdoc_docs::markdown::{self, Block};
use graphdoc_docs::tolerant::pointer_segment;
use graphdoc_schema::{split_qualified, Schema, Severity};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashSet;

/// The GL0006 undefined-type rule, reported when an "@odata.type" names a type no page of this version defines.
pub const RULE: Rule = Rule {
    code: "GL0006",
    name: "undefined-type",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "an \"@odata.type\" names a type no page of this version defines",
    explain: "GL0006 undefined-type\n\n\
A JSON block (representation, request or response example) carries an\n\
`\"@odata.type\": \"#microsoft.graph.x\"` for a type that no page of this\n\
version defines, in any namespace. Types named in tables that no page defines\n\
are the front-end diagnostic GD0009 (GL0001).\n",
    aliases: &["GL006"],
};

/// `@odata.type` values in JSON blocks naming no type of the version.
pub fn check(schema: &Schema, pages: &Pages, version_dir: &str) -> Vec<Finding> {
    let simple = defined_names(schema, pages, version_dir);
    let list: Vec<(&String, &String)> = pages
        .iter()
        .filter(|(f, _)| f.starts_with(version_dir))
        .collect();
    let mut out: Vec<Finding> = list
        .par_iter()
        .flat_map_iter(|(file, text)| {
            let mut out = Vec::new();
            if !text.contains("@odata.type") {
                return out;
            }
            for b in markdown::blocks(text) {
                let Block::Code {
                    text: code, line, ..
                } = b
                else {
                    continue;
                };
                let json_start = code.find(['{', '[']).unwrap_or(0);
                let skipped_lines = code[..json_start].matches('\n').count() as u32;
                let Some(read) = crate::json::read(&code[json_start..]) else {
                    continue;
                };
                let mut stack = vec![(String::new(), &read.value)];
                while let Some((pointer, v)) = stack.pop() {
                    match v {
                        Value::Array(items) => stack.extend(
                            items
                                .iter()
                                .enumerate()
                                .map(|(i, item)| (format!("{pointer}/{i}"), item)),
                        ),
                        Value::Object(members) => {
                            for (k, v) in members {
                                let here = format!("{pointer}/{}", pointer_segment(k));
                                if let (true, Some(s), Some(pos)) =
                                    (k == "@odata.type", v.as_str(), read.positions.get(&here))
                                {
                                    let line = line + skipped_lines + pos.line - 1;
                                    out.extend(odata_type(s, file, line, &simple, pages));
                                }
                                stack.push((here, v));
                            }
                        }
                        _ => {}
                    }
                }
            }
            out
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The lowercased simple names of every type and enum of the version.
fn defined_names(schema: &Schema, pages: &Pages, version_dir: &str) -> HashSet<String> {
    let mut simple: HashSet<String> = HashSet::new();
    for t in schema.types.values() {
        simple.insert(t.name.to_ascii_lowercase());
    }
    for e in schema.enums.values() {
        simple.insert(e.name.to_ascii_lowercase());
    }
    // A resource page of a type without properties (a facet with none yet)
    // gives no TypeDef; its file name still defines the name.
    for file in pages
        .keys()
        .filter(|f| f.starts_with(version_dir) && f.contains("/resources/"))
    {
        let stem = file.rsplit('/').next().unwrap_or("");
        let stem = stem.trim_end_matches(".md").to_ascii_lowercase();
        simple.insert(stem.rsplit('-').next().unwrap_or("").to_string());
        simple.insert(stem);
    }
    simple
}

/// A finding for the `@odata.type` value `s` at `line`, when it names no
/// type of the version.
fn odata_type(
    s: &str,
    file: &str,
    line: u32,
    simple: &HashSet<String>,
    pages: &Pages,
) -> Option<Finding> {
    let name = s.trim_start_matches('#');
    if !name.starts_with("microsoft.graph.") {
        return None;
    }
    let simple_name = split_qualified(name).1;
    if simple_name.is_empty() || simple.contains(&simple_name.to_ascii_lowercase()) {
        return None;
    }
    let f = RULE.finding(
        file,
        line,
        format!("`@odata.type` names `{name}`, which no page of this version defines"),
    );
    Some(place(f, pages, s, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_types_in_code_blocks_are_reported() {
        let mut pages = Pages::new();
        pages.insert(
            "d/v1.0/resources/known.md".into(),
            "```json\n{\n  \"@odata.type\": \"#microsoft.graph.known\",\n  \"x\": {\"@odata.type\": \"#microsoft.graph.ghost\"}\n}\n```\n".into(),
        );
        let found = check(&Schema::default(), &pages, "d/v1.0");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 4);
        assert!(found[0].message.contains("microsoft.graph.ghost"));
    }
}
