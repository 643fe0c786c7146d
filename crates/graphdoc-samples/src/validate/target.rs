//! What a sample is checked against: the payload's or the annotation's
//! `@odata.type`, else the page operation's declared types.

use super::checker::is_annotation;
use super::{Lookup, Named};
use crate::extract::{RawSample, SampleKind};
use graphdoc_schema::{edm, Operation, TypeRef};
use serde_json::{Map, Value};

/// `Collection(x)` → (`x`, true).
pub(super) fn strip_collection(raw: &str) -> (&str, bool) {
    let t = raw.trim();
    // Pages write `collection(…)` too.
    match t
        .get(..11)
        .filter(|p| p.eq_ignore_ascii_case("collection("))
        .and_then(|_| t[11..].strip_suffix(')'))
    {
        Some(inner) => (inner.trim(), true),
        None => (t, false),
    }
}

/// What a sample is checked against.
#[derive(Clone, Debug, PartialEq)]
pub enum Target<'a> {
    /// A type the docs define (structured or enum) or an `Edm` primitive,
    /// or a collection of one.
    Type(TypeRef),
    /// The rows of an operation's request body table: an action's
    /// parameters, when the page names no type for the body.
    Parameters(&'a Operation),
    /// The body of a `…/$ref` request: `{ "@odata.id": "…" }`.
    Reference,
}

impl Target<'_> {
    /// `microsoft.graph.user`, `Collection(Edm.String)`, or
    /// `parameters of <page title>`.
    pub fn describe(&self) -> String {
        match self {
            Target::Type(t) => t.to_string(),
            Target::Parameters(op) => format!("parameters of `{}`", op.title),
            Target::Reference => "reference (`@odata.id`)".to_string(),
        }
    }
}

/// `Edm.String`, `string`, `Int32`, `float` → `Edm.String`, `Edm.String`,
/// `Edm.Int32`, `Edm.Single`: the spellings the front-end reads.
fn primitive_name(name: &str) -> Option<String> {
    edm::primitive(name).map(|(edm, _)| edm.to_string())
}

/// A type name as the docs write it (`user`, `graph.user`,
/// `Collection(Edm.String)`) → the reference the checker uses, or `None`
/// when the docs define no such type.
fn type_ref(lookup: &Lookup, raw: &str, collection: bool) -> Option<TypeRef> {
    let (name, inner_collection) = strip_collection(raw);
    let collection = collection || inner_collection;
    if let Some(p) = primitive_name(name) {
        return Some(TypeRef::new(p, collection));
    }
    match lookup.named(name)? {
        Named::Structured(q) | Named::Enum(q) => Some(TypeRef::new(q, collection)),
    }
}

/// The type a sample is checked against: `(qualified name, whether the
/// payload is a collection)`, or `None` when its context names no
/// structured type the docs define. Kept for callers that only care about
/// structured types; [`target`] is the full answer.
pub fn root_type(
    lookup: &Lookup,
    sample: &RawSample,
    op: Option<&Operation>,
    value: &Value,
) -> Result<Option<(String, bool)>, String> {
    Ok(target(lookup, sample, op, value)?.and_then(|t| match t {
        Target::Type(t) if lookup.structured(&t.name).is_some() => Some((t.name, t.collection)),
        _ => None,
    }))
}

/// What a sample is checked against, or `None` when its context names
/// nothing the docs define. Payload `@odata.type` wins over the annotation
/// (`@odata.type`, `isCollection`), which wins over the operation's declared
/// types: the request type (for a PATCH or PUT without one, the type the
/// operation returns, as an update body is a partial resource), else the
/// request body table; the response type for a 200/201 response. A name the
/// docs do not define is returned as the error, for an `unknown_type`
/// finding.
pub fn target<'a>(
    lookup: &Lookup,
    sample: &RawSample,
    op: Option<&'a Operation>,
    value: &Value,
) -> Result<Option<Target<'a>>, String> {
    if sample.kind == SampleKind::Request
        && sample
            .http_line
            .split(['?', ' '])
            .any(|part| part.trim_end_matches('/').ends_with("/$ref"))
    {
        return Ok(Some(Target::Reference));
    }
    let annotated = graphdoc_docs::annotation::type_name(&sample.annotation);
    // The docs' validator convention for "the request body table of this
    // page".
    if annotated.is_some_and(|a| {
        a.trim()
            .to_ascii_lowercase()
            .starts_with("requestbodyresourcefor.")
    }) {
        return Ok(op
            .filter(|op| !op.request_body.is_empty())
            .map(Target::Parameters));
    }
    let annotated_collection = annotated.is_some_and(|a| strip_collection(a).1)
        || graphdoc_docs::annotation::flag(&sample.annotation, "isCollection");
    let payload = first_object(value)
        .and_then(|o| o.get("@odata.type"))
        .and_then(Value::as_str);
    if let Some(t) = payload.and_then(|p| lookup.structured(p)) {
        return Ok(Some(Target::Type(TypeRef::new(
            t,
            annotated_collection || value.is_array() || is_value_wrapper(lookup, t, value),
        ))));
    }
    if let Some(a) = annotated {
        return match type_ref(lookup, a, annotated_collection) {
            Some(mut t) => {
                // `isCollection` is often left out of a `value` list's annotation.
                if let Some(q) = lookup.structured(&t.name) {
                    t.collection = t.collection || is_value_wrapper(lookup, q, value);
                }
                Ok(Some(Target::Type(t)))
            }
            None => Err(a.to_string()),
        };
    }
    let Some(op) = op.filter(|op| fits_operation(sample, op)) else {
        return Ok(None);
    };
    let declared: Option<TypeRef> = match sample.kind {
        SampleKind::Request if matches!(sample.method.as_str(), "POST" | "PATCH" | "PUT") => {
            match &op.request_type {
                Some(t) => Some(t.clone()),
                None => {
                    let returned = op
                        .response_type
                        .as_ref()
                        .filter(|r| !r.collection && lookup.structured(&r.name).is_some());
                    match returned {
                        Some(r) if matches!(sample.method.as_str(), "PATCH" | "PUT") => {
                            Some(r.clone())
                        }
                        _ if !op.request_body.is_empty() => {
                            return Ok(Some(Target::Parameters(op)))
                        }
                        _ => None,
                    }
                }
            }
        }
        SampleKind::Response
            if sample.http_line.contains(" 200")
                || sample.http_line.contains(" 201")
                || sample.http_line.is_empty() =>
        {
            op.response_type.clone()
        }
        _ => None,
    };
    Ok(declared.and_then(|d| {
        // The front-end resolved the operation's types; one it could not
        // resolve (left as written) says nothing to check against.
        let schema = lookup.schema;
        let defined = edm::is_primitive(&d.name)
            || schema.types.contains_key(&d.name)
            || schema.enums.contains_key(&d.name);
        let mut t = TypeRef::new(d.name.clone(), d.collection || annotated_collection);
        if !defined {
            return None;
        }
        if let Some(q) = schema.types.get_key_value(&t.name).map(|(k, _)| k.as_str()) {
            if carries(lookup, value, q) {
                return None;
            }
            t.collection = t.collection || is_value_wrapper(lookup, q, value);
        }
        Some(Target::Type(t))
    }))
}

/// Whether `value` is another resource carrying a `qualified` inside: a
/// property `qualified` does not have holds an object whose `@odata.type`
/// names it, or is a property that other types hold `qualified`s in. The "Create open extension" page also creates a message with
/// an extension in its `extensions`, and replies to a post with one; the
/// page's type describes the extension, not those bodies.
fn carries(lookup: &Lookup, value: &Value, qualified: &str) -> bool {
    fn holds(lookup: &Lookup, v: &Value, qualified: &str, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        match v {
            Value::Object(o) => {
                names_type(lookup, Some(v), qualified)
                    || o.values().any(|x| holds(lookup, x, qualified, depth + 1))
            }
            Value::Array(items) => items.iter().any(|x| holds(lookup, x, qualified, depth + 1)),
            _ => false,
        }
    }
    let Value::Object(o) = value else {
        return false;
    };
    // `{ "value": … }` wrapping the type itself is another slip, reported
    // as such.
    if is_value_wrapper(lookup, qualified, value) || is_single_value_wrapper(lookup, qualified, o) {
        return false;
    }
    let props = lookup.flattened_properties(qualified);
    // `"multiValueExtendedProperties": [ … ]`: a property of some other
    // type whose values are of this one.
    let leads_here = |key: &str| {
        lookup.schema.types.values().any(|t| {
            t.properties
                .iter()
                .any(|p| p.name == key && p.ty.name == qualified)
        })
    };
    o.iter().any(|(k, v)| {
        !is_annotation(k)
            && !props.iter().any(|p| &p.name == k)
            && (holds(lookup, v, qualified, 0) || (v.is_array() || v.is_object()) && leads_here(k))
    })
}

/// The object a payload is about: the payload itself, the first item of an
/// array, or the first item of a `value` wrapper.
fn first_object(value: &Value) -> Option<&Map<String, Value>> {
    match value {
        Value::Object(o) => match o.get("value") {
            Some(Value::Array(items)) if o.keys().all(|k| k == "value" || k.starts_with('@')) => {
                items.first().and_then(Value::as_object)
            }
            _ => Some(o),
        },
        Value::Array(items) => items.first().and_then(Value::as_object),
        _ => None,
    }
}

/// `{ "@odata.context": …, "value": [ … ] }`: a collection, for a type
/// without a `value` property; for a type with one, when the first item
/// names the type (or one derived from it) in its `@odata.type`.
fn is_value_wrapper(lookup: &Lookup, qualified: &str, value: &Value) -> bool {
    let Value::Object(o) = value else {
        return false;
    };
    let Some(Value::Array(items)) = o.get("value") else {
        return false;
    };
    o.keys().all(|k| k == "value" || k.starts_with('@'))
        && (!has_value_property(lookup, qualified) || names_type(lookup, items.first(), qualified))
}

fn has_value_property(lookup: &Lookup, qualified: &str) -> bool {
    lookup
        .flattened_properties(qualified)
        .iter()
        .any(|p| p.name == "value")
}

/// Whether `item` is an object whose `@odata.type` is `qualified` or a
/// type derived from it.
fn names_type(lookup: &Lookup, item: Option<&Value>, qualified: &str) -> bool {
    item.and_then(|i| i.get("@odata.type"))
        .and_then(Value::as_str)
        .and_then(|t| lookup.structured(t))
        .is_some_and(|t| t == qualified || lookup.derives_from(t, qualified))
}

/// `{ "value": { … } }` for a type without a `value` property.
/// For a type that has a `value` property of its own, the wrapped object
/// gives itself away by naming the type (or one derived from it) in its
/// `@odata.type`.
pub(super) fn is_single_value_wrapper(
    lookup: &Lookup,
    qualified: &str,
    o: &Map<String, Value>,
) -> bool {
    let Some(inner @ Value::Object(_)) = o.get("value") else {
        return false;
    };
    o.keys().all(|k| k == "value" || k.starts_with('@'))
        && (!has_value_property(lookup, qualified) || names_type(lookup, Some(inner), qualified))
}

/// Whether a sample's request is the page's operation, as far as the URL
/// tells: it must contain the last fixed segment of one of the
/// operation's paths (`extensions` of `/users/{id}/messages/{id}/extensions`).
/// Pages show other calls too (creating a message with an extension on the
/// "Create open extension" page, a callback to the bot on a calls page);
/// the operation's types say nothing about those.
fn fits_operation(sample: &RawSample, op: &Operation) -> bool {
    let line = match sample.kind {
        SampleKind::Request => &sample.http_line,
        SampleKind::Response => &sample.request_line,
        _ => return true,
    };
    let url = graphdoc_schema::request_path::request_line(line).1;
    if url.is_empty() {
        return true;
    }
    let path = url.split('?').next().unwrap_or("");
    let path = match path.find("://") {
        Some(i) => path[i + 3..].find('/').map_or("", |j| &path[i + 3 + j..]),
        None => path,
    };
    let segment = |s: &str| {
        s.split('(')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    let mut segments: Vec<String> = path.split(['/', ':']).map(segment).collect();
    // `/me` is `/users/{id}`.
    if segments.get(1).is_some_and(|s| s == "me") {
        segments.push("users".to_string());
    }
    // A path cut short (`/users/{id`) says nothing; neither does a sample id.
    if op
        .paths
        .iter()
        .any(|t| t.matches('{').count() != t.matches('}').count())
    {
        return true;
    }
    let is_name = |s: &&str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '$')
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | '.' | '_' | '('))
    };
    let mut any = false;
    for template in &op.paths {
        let last = template
            .split('?')
            .next()
            .unwrap_or("")
            .split(['/', ':'])
            .map(|s| s.split('(').next().unwrap_or("").trim())
            .rfind(|s| !s.contains(['{', '}']) && is_name(s))
            .map(segment);
        if let Some(last) = last {
            any = true;
            if segments.contains(&last) {
                return true;
            }
        }
    }
    !any
}
