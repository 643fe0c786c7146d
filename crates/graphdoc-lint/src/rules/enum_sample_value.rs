//! GL0010: a request or response example giving an enum-typed property a
//! value that is not a member.

use super::{Finding, Rule};
use crate::jsonpos::{self, Node, Value};
use crate::pages::{locate, Pages};
use graphdoc_schema::{ExampleKind, Schema, Severity};
use rayon::prelude::*;

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
generator's `\"String\"` placeholder. The example's type is the body's\n\
`@odata.type`, else the operation's request or response type; nested objects\n\
are checked when their type is known (property type or `@odata.type`).\n\
Flags enums accept comma-separated members. Bodies that are not JSON (elided\n\
with `...`) are skipped. The JSON representation blocks of resource pages are\n\
not checked: `\"String\"` is their normal placeholder.\n",
    aliases: &["GL010"],
};

/// Enum-typed values of request and response examples that are not members.
pub fn check(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out: Vec<Finding> = schema
        .operations
        .par_iter()
        .flat_map_iter(|op| {
            let mut out = Vec::new();
            for ex in &op.examples {
                let Some(body) = jsonpos::parse(&ex.body) else {
                    continue;
                };
                let declared = match ex.kind {
                    ExampleKind::Request => op.request_type.as_ref(),
                    ExampleKind::Response => op.response_type.as_ref(),
                };
                let checker = SampleChecker {
                    schema,
                    file: &ex.source.file,
                    first_line: ex.source.line,
                    pages,
                };
                let ty = declared.map(|t| t.name.as_str());
                // A collection response wraps its items in "value", unless
                // the type itself has a property of that name.
                let wraps_items = |t: Option<&str>| {
                    t.is_none_or(|t| {
                        !schema
                            .flattened_properties(t)
                            .iter()
                            .any(|p| p.name == "value")
                    })
                };
                match body.get("value") {
                    Some(Node {
                        value: Value::Array(items),
                        ..
                    }) if body.get("@odata.type").is_none() && wraps_items(ty) => {
                        for item in items {
                            checker.object(item, ty, &mut out);
                        }
                    }
                    _ => checker.object(&body, ty, &mut out),
                }
            }
            out
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

struct SampleChecker<'a> {
    schema: &'a Schema,
    file: &'a str,
    first_line: u32,
    pages: &'a Pages,
}

impl SampleChecker<'_> {
    fn resolve_odata_type(&self, node: &Node) -> Option<String> {
        let t = node.get("@odata.type")?.as_str()?.trim_start_matches('#');
        if self.schema.types.contains_key(t) {
            return Some(t.to_string());
        }
        let q = graphdoc_schema::qualify(graphdoc_schema::DEFAULT_NAMESPACE, t);
        self.schema.types.contains_key(&q).then_some(q)
    }

    fn object(&self, node: &Node, declared: Option<&str>, out: &mut Vec<Finding>) {
        let Value::Object(members) = &node.value else {
            return;
        };
        // An `@odata.type` overrides the declared type; one that names no
        // type leaves the object's type unknown.
        let ty = match node.get("@odata.type") {
            Some(_) => self.resolve_odata_type(node),
            None => declared.map(str::to_string),
        };
        let Some(ty) = ty else { return };
        let props = self.schema.flattened_properties(&ty);
        for (key, value) in members {
            let Some(p) = props.iter().find(|p| &p.name == key) else {
                continue;
            };
            if let Some(e) = self.schema.enums.get(&p.ty.name) {
                let values: Vec<&Node> = match &value.value {
                    Value::Array(items) => items.iter().collect(),
                    _ => vec![value],
                };
                for v in values {
                    let Some(s) = v.as_str() else { continue };
                    let parts: Vec<&str> = if e.is_flags {
                        s.split(',').map(str::trim).collect()
                    } else {
                        vec![s]
                    };
                    if parts
                        .iter()
                        .all(|part| e.members.iter().any(|m| m.name == *part))
                    {
                        continue;
                    }
                    let line = self.first_line + v.line - 1;
                    let shown: Vec<&str> =
                        e.members.iter().map(|m| m.name.as_str()).take(8).collect();
                    let more = if e.members.len() > 8 { ", …" } else { "" };
                    let f = RULE
                        .finding(
                            self.file,
                            line,
                            format!(
                                "example sets `{key}` to \"{s}\", which is not a member of `{}`",
                                e.name
                            ),
                        )
                        .note(format!("members: {}{more}", shown.join(", ")));
                    let f = match self
                        .pages
                        .get(self.file)
                        .and_then(|t| locate(t, line, &format!("\"{s}\""), 0))
                    {
                        Some((c, w)) => f.span(c, w),
                        None => f,
                    };
                    out.push(f);
                }
            } else if self.schema.types.contains_key(&p.ty.name) {
                match &value.value {
                    Value::Object(_) => self.object(value, Some(&p.ty.name), out),
                    Value::Array(items) => {
                        for item in items {
                            self.object(item, Some(&p.ty.name), out);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
