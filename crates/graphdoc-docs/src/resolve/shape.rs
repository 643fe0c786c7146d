//! The shape of an operation's response: one object or a page of them.
//!
//! The Response sentence, the example and the operation itself (a list, a
//! delta function, a get of one keyed entity) each say something about it.
//! The example is what the service sent, so it wins where it shows a shape;
//! else the operation does; else the sentence. Where they disagree the page
//! gets a `RESPONSE_SHAPE` note naming the choice.

use crate::page::codes::{self, shape_dispute as dispute};
use graphdoc_schema::names::{Defined, Names};
use graphdoc_schema::{Diagnostic, ExampleKind, Operation, Schema, Severity, Source, TypeRef};
use serde_json::Value;

/// What a response example's body shows at its top level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shown {
    /// `{"value": [ … ]}`.
    Collection,
    /// An object with properties and no `value` array.
    Object,
    /// `{"value": { … }}`: one object wrapped as OData wraps only a
    /// primitive or a collection.
    Wrapped,
    /// Examples that show different shapes.
    Mixed,
}

/// A `RESPONSE_SHAPE` note about `op` at `source` (the page's API line, or
/// the body of the example it is about).
fn note(op: &Operation, source: &Source, key: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(source, Severity::Note, codes::RESPONSE_SHAPE, message)
        .about(op.title.clone())
        .keyed(key)
}

/// Settles `op.response_type.collection`; a primitive response is left as
/// the page states it.
pub(super) fn settle(op: &mut Operation, diagnostics: &mut Vec<Diagnostic>) {
    let Some(stated) = op.response_type.as_ref() else {
        return;
    };
    if stated.is_primitive() {
        return;
    }
    let shown = shown(op);
    let shown = shown.filter(|s| *s == Shown::Collection || *s == Shown::Object);
    let listed = lists(op);
    let keyed = keyed_get(op);
    let (collection, why) = match shown {
        Some(s) => (s == Shown::Collection, ""),
        None if listed => (true, "the operation lists (a `List …` page or `delta`)"),
        None if keyed => (false, "the path addresses one keyed entity"),
        None => (stated.collection, ""),
    };
    let name = stated.name.clone();
    let shape = |c: bool| {
        if c {
            format!("a collection of `{name}`")
        } else {
            format!("one `{name}`")
        }
    };
    let page = |key: &str, message: String| note(op, &op.source, key, message);
    if collection != stated.collection {
        let evidence = match shown {
            Some(_) => format!("the response example returns {}", shape(collection)),
            None => why.to_string(),
        };
        diagnostics.push(page(
            dispute::STATED_SHAPE,
            format!(
                "the Response section says {}, but {evidence}; read as {}",
                shape(stated.collection),
                shape(collection),
            ),
        ));
    } else if listed && !collection {
        diagnostics.push(page(
            dispute::LIST_ANSWERS_ONE,
            format!(
                "`{}` reads as a list, but the page says and shows {}; read as one",
                op.title,
                shape(false)
            ),
        ));
    } else if keyed && collection {
        diagnostics.push(page(
            dispute::KEYED_ANSWERS_COLLECTION,
            format!(
                "the path addresses one keyed entity, but the page says {}; read as a collection",
                shape(true)
            ),
        ));
    }
    // Each example that does not show the shape read, at its own line.
    for e in super::per_path::own_responses(op) {
        let (key, message) = match top_level_shape(&e.body) {
            Some(Shown::Wrapped) => (
                dispute::WRAPPED_OBJECT,
                format!(
                    "the response example wraps {} in `{{\"value\": …}}`, which OData does only for a primitive, an enum or a collection; read as {}",
                    shape(false),
                    shape(collection)
                ),
            ),
            Some(Shown::Collection) if !collection => (
                dispute::EXAMPLE_SHAPE,
                format!(
                    "the response examples show different shapes; this one {}, read as {}",
                    shape(true),
                    shape(false)
                ),
            ),
            Some(Shown::Object) if collection => (
                dispute::EXAMPLE_SHAPE,
                format!(
                    "the response examples show different shapes; this one {}, read as {}",
                    shape(false),
                    shape(true)
                ),
            ),
            _ => continue,
        };
        diagnostics.push(note(op, &e.source, key, message));
    }
    if downloads(op) {
        diagnostics.push(page(
            dispute::DOWNLOAD_BESIDE_JSON,
            format!(
                "the response examples show a download (a `302` or a body that is not JSON) beside {}; read as {}, which a download does not fit",
                shape(collection),
                shape(collection)
            ),
        ));
    }
    if let Some(t) = op.response_type.as_mut() {
        t.collection = collection;
    }
}

/// The nearest base of a collection response's item type that every item
/// of its examples derives from, when some item does not derive from the
/// type the page states (a list of several derived types, documented as
/// one of them): the page is read as a page of that base, polymorphic, so
/// that each item keeps its own type. With the note saying so. `names`
/// are the schema's, for the items' `@odata.type`s in any case.
pub(super) fn items_base(
    op: &Operation,
    schema: &Schema,
    names: &Names,
) -> Option<(TypeRef, Diagnostic)> {
    let stated = op.response_type.as_ref().filter(|t| t.collection)?;
    schema.types.get(&stated.name)?;
    let mut base = stated.name.clone();
    let mut outside = None;
    for named in item_types(op) {
        let Some((item, Defined::Type)) = names.get(&named) else {
            continue;
        };
        let shared = schema.common_ancestor(&base, item)?;
        if shared != base {
            outside.get_or_insert_with(|| item.clone());
            base = shared;
        }
    }
    let outside = outside?;
    let note = note(
        op,
        &op.source,
        dispute::ITEMS_OUTSIDE_TYPE,
        format!(
            "the response example lists `{outside}`, which does not derive from `{}`; read as a page of their base `{base}`",
            stated.name
        ),
    );
    Some((TypeRef::new(base, true), note))
}

/// The `@odata.type`s of the items of the response examples' `value`
/// arrays, qualified, in order.
fn item_types(op: &Operation) -> Vec<String> {
    let mut out = Vec::new();
    for e in op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
    {
        let Ok(read) = crate::tolerant::read(&e.body) else {
            continue;
        };
        let Some(Value::Array(items)) = read.value.get("value") else {
            continue;
        };
        for item in items {
            if let Some(t) = item.get("@odata.type").and_then(Value::as_str) {
                let t = t.trim_start_matches('#');
                out.push(if t.contains('.') {
                    t.to_string()
                } else {
                    format!("{}.{t}", graphdoc_schema::DEFAULT_NAMESPACE)
                });
            }
        }
    }
    out
}

/// The response type of an operation whose page names none but shows a
/// body (a GET, or an action returning a value): a GET's
/// download (a `302` to the content, or a body that is not JSON) is an
/// `Edm.Stream`; a function's `{"value": …}` is the primitive (or the
/// collection of the `@odata.type` its items name, through `named`) it
/// wraps; any other body is `Edm.Untyped`, with a note, so nothing the
/// service sends is dropped.
pub(super) fn unnamed_response(
    op: &Operation,
    named: impl Fn(&str) -> Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TypeRef> {
    if downloads(op) {
        return Some(TypeRef::new("Edm.Stream", false));
    }
    let body = first_response_body(op)?;
    if let Some(t) = wrapped(body, &named) {
        return Some(t);
    }
    diagnostics.push(note(
        op,
        &op.source,
        dispute::UNTYPED_BODY,
        "the response example shows a body, but the Response section names no type; read as untyped JSON",
    ));
    Some(TypeRef::new("Edm.Untyped", false))
}

/// Whether a GET's response examples show a download: a `302` to the
/// content, or a first body that is not JSON (neither an object nor an
/// array).
pub(super) fn downloads(op: &Operation) -> bool {
    if op.method != "GET" {
        return false;
    }
    let redirect = op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .any(|e| {
            let mut words = e.start_line.split_whitespace();
            words.next().is_some_and(|w| w.starts_with("HTTP/")) && words.next() == Some("302")
        });
    redirect || first_response_body(op).is_some_and(|b| !b.starts_with(['{', '[']))
}

/// The first response example's body that is not empty, trimmed.
fn first_response_body(op: &Operation) -> Option<&str> {
    op.examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .map(|e| e.body.trim())
        .find(|b| !b.is_empty())
}

/// The type a `{"value": …}` body wraps, when its JSON reads.
fn wrapped(body: &str, named: &impl Fn(&str) -> Option<String>) -> Option<TypeRef> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(body) else {
        return None;
    };
    let primitive = |v: &Value| match v {
        Value::String(_) => Some("Edm.String"),
        Value::Bool(_) => Some("Edm.Boolean"),
        Value::Number(n) if n.is_i64() && n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => {
            Some("Edm.Int32")
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("Edm.Int64"),
        Value::Number(_) => Some("Edm.Double"),
        _ => None,
    };
    match map.get("value")? {
        Value::Array(items) => {
            let first = items.first()?;
            if let Some(edm) = primitive(first) {
                return Some(TypeRef::new(edm, true));
            }
            let odata_type = first.get("@odata.type")?.as_str()?;
            Some(TypeRef::new(
                named(odata_type.trim_start_matches('#'))?,
                true,
            ))
        }
        v => primitive(v).map(|edm| TypeRef::new(edm, false)),
    }
}

/// The shape every response example with a readable body shows, or
/// `Mixed`; the examples of property paths, which `per_path` may split
/// off, left out.
fn shown(op: &Operation) -> Option<Shown> {
    let mut seen = None;
    for e in super::per_path::own_responses(op) {
        match (top_level_shape(&e.body), seen) {
            (None, _) => {}
            (Some(s), None) => seen = Some(s),
            (Some(s), Some(prev)) if s == prev => {}
            (Some(_), Some(_)) => return Some(Shown::Mixed),
        }
    }
    seen
}

fn last_segment(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or(path);
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// A `List …` page or a `delta` function: an operation that answers a
/// collection, whatever its page says.
pub fn lists(op: &Operation) -> bool {
    op.title.to_ascii_lowercase().starts_with("list ")
        || op.paths.iter().any(|p| {
            let last = last_segment(p);
            let name = last.split('(').next().unwrap_or(last);
            name == "delta" || name.ends_with(".delta")
        })
}

/// A GET whose every path ends with a key (`/me/chats/{chat-id}`), not a
/// list: an operation that answers one entity, whatever its page says.
pub fn keyed_get(op: &Operation) -> bool {
    op.method == "GET"
        && !lists(op)
        && !op.paths.is_empty()
        && op.paths.iter().all(|p| is_key(last_segment(p)))
}

/// The shape of a JSON body's top-level object. A scan rather than a
/// parse: example bodies are often cut short with `...`. A `value` that is
/// not an array (a function's wrapped result) shows neither shape.
pub(super) fn top_level_shape(body: &str) -> Option<Shown> {
    let bytes = body.trim_start().as_bytes();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut keys = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let text = &bytes[start..j.min(bytes.len())];
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                if depth == 1 && bytes.get(k) == Some(&b':') {
                    if !text.starts_with(b"@odata.") {
                        keys += 1;
                    }
                    let mut v = k + 1;
                    while v < bytes.len() && bytes[v].is_ascii_whitespace() {
                        v += 1;
                    }
                    if text == b"value" {
                        return match bytes.get(v) {
                            Some(b'[') => Some(Shown::Collection),
                            Some(b'{') => Some(Shown::Wrapped),
                            _ => None,
                        };
                    }
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    (keys > 0).then_some(Shown::Object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrapped_values() {
        let named = |n: &str| Some(format!("q.{n}"));
        let read = |b: &str| wrapped(b, &named).map(|t| (t.name, t.collection));
        assert_eq!(
            read(r#"{"value": "x"}"#),
            Some(("Edm.String".into(), false))
        );
        assert_eq!(
            read(r#"{"value": ["a", "b"]}"#),
            Some(("Edm.String".into(), true))
        );
        assert_eq!(
            read(r#"{"value": true}"#),
            Some(("Edm.Boolean".into(), false))
        );
        assert_eq!(read(r#"{"value": 3}"#), Some(("Edm.Int32".into(), false)));
        assert_eq!(
            read(r#"{"value": 30000000000}"#),
            Some(("Edm.Int64".into(), false))
        );
        assert_eq!(
            read(r##"{"value": [{"@odata.type": "#microsoft.graph.userActivity"}]}"##),
            Some(("q.microsoft.graph.userActivity".into(), true))
        );
        assert_eq!(read(r#"{"id": "1"}"#), None);
        assert_eq!(read(r#"{"value": "x", ...}"#), None);
    }

    #[test]
    fn a_download_is_a_redirect_or_a_body_that_is_not_json() {
        let get = |start_line: &str, body: &str| {
            let mut op = crate::resolve::fixtures::operation("Get x", "GET", &["/x"], None).op;
            op.examples.push(graphdoc_schema::Example {
                kind: ExampleKind::Response,
                annotation: Value::Null,
                start_line: start_line.into(),
                body: body.into(),
                source: op.source.clone(),
            });
            op
        };
        assert!(downloads(&get("HTTP/1.1 302 Found", "")));
        assert!(downloads(&get(
            "HTTP/1.1 200 OK",
            "Binary data for the image"
        )));
        assert!(!downloads(&get("HTTP/1.1 200 OK", r#"{"id": "1"}"#)));
        // JSON, if not what OData sends: a collection is wrapped in `value`.
        assert!(!downloads(&get("HTTP/1.1 200 OK", r#"[{"id": "1"}]"#)));
    }

    #[test]
    fn reads_top_level_shapes() {
        let page = r#"{"@odata.context": "x", "value": [ {"id": "1"}, ... ]}"#;
        assert_eq!(top_level_shape(page), Some(Shown::Collection));
        let one = r#"{"@odata.context": "x", "id": "1", "members": [{"value": [1]}]}"#;
        assert_eq!(top_level_shape(one), Some(Shown::Object));
        assert_eq!(top_level_shape(r#"{"value": "text"}"#), None);
        assert_eq!(
            top_level_shape(r#"{"value": {"id": "1"}}"#),
            Some(Shown::Wrapped)
        );
        assert_eq!(top_level_shape(r#"{"@odata.context": "x"}"#), None);
        assert_eq!(top_level_shape(""), None);
        assert_eq!(top_level_shape("[1, 2]"), None);
        assert_eq!(
            top_level_shape(r#"{"a\"b": {"value": [1]}, "c": 1"#),
            Some(Shown::Object)
        );
    }
}
