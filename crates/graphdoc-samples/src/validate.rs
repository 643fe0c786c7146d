//! Checking a sample's value against the schema type its context names.

use crate::extract::{RawSample, SampleKind};
use crate::tolerant::pointer_segment;
use graphdoc_schema::edm::{self, Format};
use graphdoc_schema::{Operation, Property, PropertyKind, Schema, TypeRef, DEFAULT_NAMESPACE};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// Nested objects deeper than this are not checked (the reader already caps
/// depth; this keeps recursion here bounded on its own terms).
const MAX_CHECK_DEPTH: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A property the type (with its ancestors) does not have.
    UnknownProperty,
    /// String vs number vs boolean vs object vs array, by the property's type.
    WrongJsonType,
    /// A string that is not a member of the property's enum.
    NotEnumMember,
    MalformedTimestamp,
    MalformedDate,
    MalformedGuid,
    MalformedDuration,
    MalformedTimeOfDay,
    /// `null` for a property the docs say is not nullable.
    NullNotNullable,
    /// A request body sets a property the docs say is read-only.
    ReadOnlyInRequest,
    /// A representation or full response without properties of its type
    /// (switched off by `truncated`, and for `$select` responses).
    AbsentProperty,
    /// A create request or action call without what the docs say is required.
    AbsentRequired,
    /// A representation placeholder names another type than the property table.
    PlaceholderDrift,
    /// `@odata.type` names a type the docs do not define.
    UnknownType,
}

impl FindingKind {
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::UnknownProperty => "unknown_property",
            FindingKind::WrongJsonType => "wrong_json_type",
            FindingKind::NotEnumMember => "not_enum_member",
            FindingKind::MalformedTimestamp => "malformed_timestamp",
            FindingKind::MalformedDate => "malformed_date",
            FindingKind::MalformedGuid => "malformed_guid",
            FindingKind::MalformedDuration => "malformed_duration",
            FindingKind::MalformedTimeOfDay => "malformed_time_of_day",
            FindingKind::NullNotNullable => "null_not_nullable",
            FindingKind::ReadOnlyInRequest => "read_only_in_request",
            FindingKind::AbsentProperty => "absent_property",
            FindingKind::AbsentRequired => "absent_required",
            FindingKind::PlaceholderDrift => "placeholder_drift",
            FindingKind::UnknownType => "unknown_type",
        }
    }
}

/// A finding before its pointer is mapped to a doc position.
#[derive(Clone, Debug, PartialEq)]
pub struct RawFinding {
    pub kind: FindingKind,
    pub pointer: String,
    pub message: String,
}

/// Name lookups over one schema, built once per version.
pub struct Lookup<'a> {
    pub schema: &'a Schema,
    lower_types: HashMap<String, &'a str>,
    lower_enums: HashMap<String, &'a str>,
    /// Types some other type derives from.
    bases: HashSet<&'a str>,
    /// Base type → the types that name it as their base.
    derived: HashMap<&'a str, Vec<&'a str>>,
}

enum Named<'a> {
    Structured(&'a str),
    Enum(&'a str),
}

impl<'a> Lookup<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        Lookup {
            schema,
            lower_types: schema
                .types
                .keys()
                .map(|k| (k.to_ascii_lowercase(), k.as_str()))
                .collect(),
            lower_enums: schema
                .enums
                .keys()
                .map(|k| (k.to_ascii_lowercase(), k.as_str()))
                .collect(),
            bases: schema
                .types
                .values()
                .filter_map(|t| t.base_type.as_deref())
                .collect(),
            derived: schema
                .types
                .iter()
                .filter_map(|(name, t)| Some((t.base_type.as_deref()?, name.as_str())))
                .fold(HashMap::new(), |mut m, (base, name)| {
                    m.entry(base).or_insert_with(Vec::new).push(name);
                    m
                }),
        }
    }

    /// `#microsoft.graph.user`, `graph.user`, `user`, `Collection(user)` → the
    /// defined type, matched case-insensitively as the docs' case varies.
    fn named(&self, raw: &str) -> Option<Named<'a>> {
        let (name, _) = strip_collection(raw);
        let name = name.trim().trim_start_matches('#');
        let qualified = if let Some(rest) = name.strip_prefix("graph.") {
            format!("{DEFAULT_NAMESPACE}.{rest}")
        } else if name.contains('.') {
            name.to_string()
        } else {
            format!("{DEFAULT_NAMESPACE}.{name}")
        };
        let lower = qualified.to_ascii_lowercase();
        if let Some(t) = self.lower_types.get(&lower) {
            return Some(Named::Structured(t));
        }
        self.lower_enums.get(&lower).map(|e| Named::Enum(e))
    }

    pub fn structured(&self, raw: &str) -> Option<&'a str> {
        match self.named(raw)? {
            Named::Structured(t) => Some(t),
            Named::Enum(_) => None,
        }
    }

    /// Open by the annotation (`"openType": true`), or by the page saying
    /// so in prose ("This is an _open type_ that…"), which some pages do
    /// instead.
    fn is_open(&self, qualified: &str) -> bool {
        self.schema.ancestry(qualified).iter().any(|t| {
            t.is_open
                || t.description
                    .replace(['_', '*'], "")
                    .to_ascii_lowercase()
                    .contains("is an open type")
        })
    }

    /// A concrete type without a single property, own or inherited, that
    /// nothing derives from (`microsoft.graph.Json`): the docs use it for
    /// "any JSON", so any value fits.
    fn is_untyped(&self, qualified: &str) -> bool {
        let chain = self.schema.ancestry(qualified);
        !chain.is_empty()
            && chain.iter().all(|t| t.properties.is_empty())
            && !chain[0].is_abstract
            && !self.bases.contains(qualified)
    }

    /// The first type below `base` (breadth first, in name order) that has
    /// a property named `key`.
    fn derived_with(&self, base: &str, key: &str) -> Option<&'a str> {
        let mut queue: Vec<&str> = self.derived.get(base).cloned().unwrap_or_default();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut i = 0;
        while i < queue.len() {
            let t = queue[i];
            i += 1;
            if !seen.insert(t) {
                continue;
            }
            if self
                .schema
                .types
                .get(t)
                .is_some_and(|d| d.property(key).is_some())
            {
                return Some(t);
            }
            queue.extend(self.derived.get(t).into_iter().flatten());
        }
        None
    }

    fn derives_from(&self, derived: &str, base: &str) -> bool {
        self.schema
            .ancestry(derived)
            .iter()
            .any(|t| t.qualified_name() == base)
    }
}

/// `Collection(x)` → (`x`, true).
fn strip_collection(raw: &str) -> (&str, bool) {
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
        let mut t = type_ref(lookup, &d.name, d.collection || annotated_collection)?;
        if let Some(q) = lookup.structured(&t.name) {
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
    let props = lookup.schema.flattened_properties(qualified);
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
        .schema
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
fn is_single_value_wrapper(lookup: &Lookup, qualified: &str, o: &Map<String, Value>) -> bool {
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
    let Some(url) = line.split_whitespace().nth(1) else {
        return true;
    };
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

/// Whether the absence of a property says something about the sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Completeness {
    /// Nothing: the sample is `truncated`, a `$select` response, an error…
    Unchecked,
    /// A resource representation: every structural property of the page's
    /// table is expected, except those the annotation lists as
    /// `optionalProperties`.
    Representation,
    /// A full response: likewise, and a property the docs call "Optional"
    /// may be left out too.
    Response,
    /// A create request or an action call: the properties or parameters the
    /// docs say are required.
    Required,
}

fn completeness(sample: &RawSample) -> Completeness {
    // `"blockType": "ignored"` tells the docs' own validator to skip the
    // block: it is an illustration, not a complete payload.
    let ignored = sample
        .annotation
        .get("blockType")
        .and_then(Value::as_str)
        .is_some_and(|b| b.trim().eq_ignore_ascii_case("ignored"));
    if ignored || graphdoc_docs::annotation::flag(&sample.annotation, "truncated") {
        return Completeness::Unchecked;
    }
    match sample.kind {
        SampleKind::Resource => Completeness::Representation,
        SampleKind::Response => {
            let request = sample.request_line.to_ascii_lowercase();
            // A response to `$select` holds only what was selected; an
            // error or a 206 holds something else.
            let selected = ["$select=", "%24select="]
                .iter()
                .any(|s| request.contains(s));
            let success = sample.http_line.is_empty()
                || sample.http_line.contains(" 200")
                || sample.http_line.contains(" 201");
            if selected || !success {
                Completeness::Unchecked
            } else {
                Completeness::Response
            }
        }
        SampleKind::Request if sample.method == "POST" => Completeness::Required,
        _ => Completeness::Unchecked,
    }
}

/// "Optional." as a sentence of the description.
fn said_optional(p: &Property) -> bool {
    p.description.split(". ").any(|sentence| {
        let t = sentence.trim().trim_end_matches('.').trim();
        t.eq_ignore_ascii_case("optional")
    })
}

/// Whether the docs say a request must carry `p`, without a condition:
/// "Required." yes; "Required for users that will be assigned licenses" or
/// "Required information for joining a meeting" no, and a read-only
/// property ("Required. Read-only.": always in responses) never.
fn required_in_request(p: &Property) -> bool {
    if !p.required_on_create || p.read_only {
        return false;
    }
    let d = p.description.to_ascii_lowercase();
    d.contains("required when creating")
        || d.contains("required on create")
        || d.split(". ").any(|sentence| {
            let t = sentence.trim().trim_end_matches('.').trim();
            t == "required" || t.starts_with("required,") || t.starts_with("required;")
        })
}

/// Whether a read-only property may still be set when the object is
/// created: the docs often write "read-only" for "cannot be changed after
/// creation" ("After a category is created, the name cannot be changed.
/// Read-only.").
fn settable_on_create(p: &Property) -> bool {
    if p.required_on_create {
        return true;
    }
    let d = p.description.to_ascii_lowercase();
    let immutable = [
        "cannot be changed",
        "can't be changed",
        "cannot be modified",
        "can't be modified",
        "cannot be updated",
        "can't be updated",
        "immutable",
    ];
    immutable.iter().any(|w| d.contains(w))
        || d.split(". ").any(|sentence| {
            (sentence.contains("creat") || sentence.contains("activat"))
                && ["after", "once", "only", "when", "must be", "during", "at "]
                    .iter()
                    .any(|w| sentence.contains(w))
        })
}

/// Checks a sample's value against `qualified` (items of `value`, or of
/// the array, when `collection`). Kept for callers that know only a
/// structured type; [`check_target`] takes any target.
pub fn check(
    lookup: &Lookup,
    sample: &RawSample,
    qualified: &str,
    collection: bool,
    value: &Value,
) -> Vec<RawFinding> {
    check_target(
        lookup,
        sample,
        "",
        &Target::Type(TypeRef::new(qualified, collection)),
        value,
    )
}

/// Checks a sample's value against `target`. `file` is the page the
/// sample is on (a representation is checked against that page's rows).
pub fn check_target(
    lookup: &Lookup,
    sample: &RawSample,
    file: &str,
    target: &Target,
    value: &Value,
) -> Vec<RawFinding> {
    let mut c = Checker {
        lookup,
        placeholders: sample.kind == SampleKind::Resource,
        findings: Vec::new(),
    };
    let completeness = completeness(sample);
    let writes = sample.kind == SampleKind::Request
        && matches!(sample.method.as_str(), "POST" | "PATCH" | "PUT");
    let ty = match target {
        Target::Parameters(op) => {
            match value {
                Value::Object(o) => {
                    c.parameters(o, op);
                    if completeness == Completeness::Required {
                        let rows: Vec<&Property> = op.request_body.iter().collect();
                        c.absent(o, &rows, completeness, &format!("`{}`", op.title), "");
                    }
                }
                other => c.find(
                    FindingKind::WrongJsonType,
                    "",
                    format!(
                        "expected an object (the parameters of `{}`), found {}",
                        op.title,
                        json_kind(other)
                    ),
                ),
            }
            return c.findings;
        }
        Target::Reference => {
            match value {
                Value::Object(o) => {
                    for key in o.keys().filter(|k| !is_annotation(k)) {
                        c.find(
                            FindingKind::UnknownProperty,
                            &format!("/{}", pointer_segment(key)),
                            format!("`{key}` in the body of a `$ref` request, which holds only `@odata.id`"),
                        );
                    }
                    if !o.contains_key("@odata.id") {
                        c.find(
                            FindingKind::AbsentRequired,
                            "",
                            "the body of a `$ref` request without `@odata.id`".to_string(),
                        );
                    }
                }
                other => c.find(
                    FindingKind::WrongJsonType,
                    "",
                    format!(
                        "expected an object with `@odata.id`, found {}",
                        json_kind(other)
                    ),
                ),
            }
            return c.findings;
        }
        Target::Type(t) => t,
    };
    let Some(qualified) = c.lookup.structured(&ty.name) else {
        // An enum or a primitive: OData wraps it as `{ "value": … }`.
        let inner = match value {
            Value::Object(o) if o.contains_key("value") => {
                for key in o.keys().filter(|k| *k != "value" && !is_annotation(k)) {
                    c.find(
                        FindingKind::UnknownProperty,
                        &format!("/{}", pointer_segment(key)),
                        format!("`{key}` next to the `value` of a {ty} payload"),
                    );
                }
                ("/value".to_string(), &o["value"])
            }
            _ => (String::new(), value),
        };
        c.value(inner.1, ty, None, &inner.0, 0);
        return c.findings;
    };
    let items: Vec<(String, &Value)> = match (ty.collection, value) {
        (true, Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("/{i}"), v))
            .collect(),
        (true, Value::Object(o)) => match o.get("value") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("/value/{i}"), v))
                .collect(),
            _ => vec![(String::new(), value)],
        },
        (false, Value::Object(o)) if is_single_value_wrapper(lookup, qualified, o) => {
            // A common doc slip (the Intune pages): one object wrapped like a
            // collection. Say so once and check the object itself.
            c.find(
                FindingKind::UnknownProperty,
                "/value",
                format!(
                    "`value` wraps a single {qualified}; the payload should be the object itself"
                ),
            );
            vec![("/value".to_string(), &o["value"])]
        }
        _ => vec![(String::new(), value)],
    };
    let item_ty = TypeRef::new(qualified, false);
    for (pointer, item) in items {
        c.value(item, &item_ty, None, &pointer, 0);
        let Value::Object(o) = item else { continue };
        let actual = c.actual_type(o, qualified);
        if writes {
            c.read_only(o, &actual, &pointer, sample.method == "POST");
        }
        if completeness != Completeness::Unchecked {
            // A representation is checked against its page's own table:
            // many list only what the type adds to its base.
            // A type documented on several pages (the Intune
            // `deviceManagement`) is checked against this page's rows.
            let props: Vec<&Property> = if sample.kind == SampleKind::Resource {
                lookup
                    .schema
                    .types
                    .get(&actual)
                    .map(|t| {
                        t.properties
                            .iter()
                            .filter(|p| p.source.file == file)
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                lookup.schema.flattened_properties(&actual)
            };
            c.absent(o, &props, completeness, &actual, &pointer);
        }
    }
    c.findings
}

struct Checker<'a, 'b> {
    lookup: &'b Lookup<'a>,
    /// Resource representation: strings are type placeholders.
    placeholders: bool,
    findings: Vec<RawFinding>,
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `extension_<app id>_<name>`: a directory schema extension, which any
/// directory object may carry beyond its documented properties.
fn is_directory_extension(key: &str) -> bool {
    key.strip_prefix("extension_")
        .and_then(|rest| rest.split_once('_'))
        .is_some_and(|(app, name)| {
            app.len() == 32 && app.bytes().all(|b| b.is_ascii_hexdigit()) && !name.is_empty()
        })
}

fn is_annotation(key: &str) -> bool {
    key.starts_with('@') || key.contains("@odata.") || key.contains('@')
}

impl Checker<'_, '_> {
    fn find(&mut self, kind: FindingKind, pointer: &str, message: String) {
        self.findings.push(RawFinding {
            kind,
            pointer: pointer.to_string(),
            message,
        });
    }

    /// The type an object is: the one its `@odata.type` names, if the
    /// docs define it, else the declared one.
    fn actual_type(&self, o: &Map<String, Value>, declared: &str) -> String {
        o.get("@odata.type")
            .and_then(Value::as_str)
            .and_then(|t| self.lookup.structured(t))
            .unwrap_or(declared)
            .to_string()
    }

    fn read_only(&mut self, o: &Map<String, Value>, qualified: &str, pointer: &str, create: bool) {
        let props = self.lookup.schema.flattened_properties(qualified);
        for key in o.keys() {
            if let Some(p) = props
                .iter()
                .find(|p| &p.name == key)
                .filter(|p| p.read_only && !(create && settable_on_create(p)))
            {
                self.find(
                    FindingKind::ReadOnlyInRequest,
                    &format!("{pointer}/{}", pointer_segment(key)),
                    format!(
                        "request body sets `{key}`, which the docs say is read-only ({})",
                        p.source
                    ),
                );
            }
        }
    }

    /// Properties `o` lacks: every structural property not listed (or, in
    /// a response, described) as optional; in a request, those the docs
    /// say are required. One finding per object, at the object.
    fn absent(
        &mut self,
        o: &Map<String, Value>,
        props: &[&Property],
        completeness: Completeness,
        owner: &str,
        pointer: &str,
    ) {
        let optional: Vec<&str> = self
            .lookup
            .schema
            .ancestry(owner)
            .iter()
            .flat_map(|t| t.optional_properties.iter().map(String::as_str))
            .collect();
        let missing: Vec<&str> = props
            .iter()
            .filter(|p| match completeness {
                Completeness::Representation => {
                    p.kind == PropertyKind::Structural && !optional.contains(&p.name.as_str())
                }
                Completeness::Response => {
                    p.kind == PropertyKind::Structural
                        && !optional.contains(&p.name.as_str())
                        && !said_optional(p)
                }
                Completeness::Required => required_in_request(p),
                Completeness::Unchecked => false,
            })
            .map(|p| p.name.as_str())
            .filter(|name| !o.keys().any(|k| k.eq_ignore_ascii_case(name)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let (kind, why) = match completeness {
            Completeness::Required => (
                FindingKind::AbsentRequired,
                "which the docs say are required",
            ),
            _ => (
                FindingKind::AbsentProperty,
                "and the sample is not marked `truncated`",
            ),
        };
        let shown = if missing.len() > 6 {
            format!("{}, … ({} in all)", missing[..6].join(", "), missing.len())
        } else {
            missing.join(", ")
        };
        self.find(kind, pointer, format!("{owner} without {shown}, {why}"));
    }

    /// An action's parameters against its request body table.
    fn parameters(&mut self, o: &Map<String, Value>, op: &Operation) {
        for (key, v) in o {
            if is_annotation(key) {
                continue;
            }
            let here = format!("/{}", pointer_segment(key));
            // Parameter tables often capitalize (`Message`, `SaveToSentItems`)
            // where samples and the service use camelCase: match ignoring case.
            let row = op.request_body.iter().find(|p| &p.name == key).or_else(|| {
                op.request_body
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(key))
            });
            match row {
                Some(p) => self.value(v, &p.ty, Some(p), &here, 1),
                None => self.find(
                    FindingKind::UnknownProperty,
                    &here,
                    format!(
                        "`{key}` is not a parameter of `{}` (request body table)",
                        op.title
                    ),
                ),
            }
        }
    }

    fn value(
        &mut self,
        v: &Value,
        ty: &TypeRef,
        prop: Option<&Property>,
        pointer: &str,
        depth: usize,
    ) {
        if depth > MAX_CHECK_DEPTH {
            return;
        }
        if self
            .lookup
            .structured(&ty.name)
            .is_some_and(|t| self.lookup.is_untyped(t))
        {
            return;
        }
        if v.is_null() {
            if let Some(p) = prop.filter(|p| p.nullable == Some(false)) {
                self.find(
                    FindingKind::NullNotNullable,
                    pointer,
                    format!(
                        "`{}` is null, but the docs say it is not nullable ({})",
                        p.name, p.source
                    ),
                );
            }
            return;
        }
        // `"[String]"` in a representation: a collection of strings.
        if let Some(inner) = v
            .as_str()
            .filter(|_| self.placeholders)
            .map(str::trim)
            .and_then(|t| t.strip_prefix('['))
            .and_then(|t| t.strip_suffix(']'))
        {
            if ty.collection {
                let item = TypeRef::new(ty.name.clone(), false);
                self.value(
                    &Value::String(inner.trim().to_string()),
                    &item,
                    prop,
                    pointer,
                    depth + 1,
                );
            } else {
                self.find(
                    FindingKind::PlaceholderDrift,
                    pointer,
                    format!(
                        "the representation says \"[{inner}]\" (a collection), the property table says {ty}"
                    ),
                );
            }
            return;
        }
        // `{ "@odata.type": "microsoft.graph.printOrientation" }` in a
        // representation names the property's type, enums included.
        if let Some(Value::String(named)) = v
            .as_object()
            .filter(|o| self.placeholders && o.len() == 1)
            .and_then(|o| o.get("@odata.type"))
        {
            let named = named.trim().trim_start_matches('#');
            let as_type = if named.contains('.') && !named.starts_with("Edm.") {
                named.to_string()
            } else {
                format!("Edm.{}", named.trim_start_matches("Edm."))
            };
            if placeholder_type(self.lookup, &as_type).is_some() {
                let item = TypeRef::new(ty.name.clone(), false);
                self.placeholder(&as_type, &item, pointer);
                return;
            }
        }
        if ty.collection {
            match v {
                Value::Array(items) => {
                    let item_ty = TypeRef::new(ty.name.clone(), false);
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, &item_ty, None, &format!("{pointer}/{i}"), depth + 1);
                    }
                }
                Value::String(s) if self.placeholders => self.placeholder(s, ty, pointer),
                _ => self.find(
                    FindingKind::WrongJsonType,
                    pointer,
                    format!("expected an array ({ty}), found {}", json_kind(v)),
                ),
            }
            return;
        }
        if ty.name.starts_with("Edm.") {
            if let Value::String(s) = v {
                if self.placeholders && placeholder_type(self.lookup, s).is_some() {
                    self.placeholder(s, ty, pointer);
                    return;
                }
            }
            self.primitive(v, &ty.name, pointer);
            return;
        }
        match self.lookup.named(&ty.name) {
            Some(Named::Enum(e)) => self.enum_value(v, e, ty, prop, pointer),
            Some(Named::Structured(t)) => match v {
                Value::Object(o) => self.object(o, t, pointer, depth),
                Value::String(s) if self.placeholders => self.placeholder(s, ty, pointer),
                _ => self.find(
                    FindingKind::WrongJsonType,
                    pointer,
                    format!("expected an object ({ty}), found {}", json_kind(v)),
                ),
            },
            None => {}
        }
    }

    fn object(&mut self, o: &Map<String, Value>, declared: &str, pointer: &str, depth: usize) {
        let mut qualified = declared.to_string();
        if let Some(t) = o.get("@odata.type").and_then(Value::as_str) {
            match self.lookup.structured(t) {
                Some(actual) => qualified = actual.to_string(),
                None if self.lookup.named(t).is_none()
                    && !t.trim().is_empty()
                    && !self.placeholders =>
                {
                    self.find(
                        FindingKind::UnknownType,
                        &format!("{pointer}/@odata.type"),
                        format!("`@odata.type` names `{t}`, which the docs do not define"),
                    );
                }
                None => {}
            }
        }
        let props = self.lookup.schema.flattened_properties(&qualified);
        let open = self.lookup.is_open(&qualified);
        for (key, v) in o {
            if is_annotation(key) || is_directory_extension(key) {
                continue;
            }
            let here = format!("{pointer}/{}", pointer_segment(key));
            match props.iter().find(|p| &p.name == key) {
                Some(p) => self.value(v, &p.ty, Some(p), &here, depth + 1),
                None if open => {}
                None => {
                    let hint = props
                        .iter()
                        .find(|p| p.name.eq_ignore_ascii_case(key))
                        .map(|p| format!(" (did you mean `{}`?)", p.name))
                        .unwrap_or_default();
                    let derived = if qualified != declared
                        && !self.lookup.derives_from(&qualified, declared)
                    {
                        format!("; `@odata.type` {qualified} does not derive from {declared}")
                    } else if let Some(d) = (!o.contains_key("@odata.type"))
                        .then(|| self.lookup.derived_with(&qualified, key))
                        .flatten()
                    {
                        format!(" but of the derived {d}, and the object has no `@odata.type`")
                    } else {
                        String::new()
                    };
                    self.find(
                        FindingKind::UnknownProperty,
                        &here,
                        format!("`{key}` is not a property of {qualified}{hint}{derived}"),
                    );
                }
            }
        }
    }

    fn enum_value(
        &mut self,
        v: &Value,
        qualified: &str,
        ty: &TypeRef,
        prop: Option<&Property>,
        pointer: &str,
    ) {
        let Value::String(s) = v else {
            self.find(
                FindingKind::WrongJsonType,
                pointer,
                format!("expected a string ({ty}), found {}", json_kind(v)),
            );
            return;
        };
        let Some(def) = self.lookup.schema.enums.get(qualified) else {
            return;
        };
        if def.members.is_empty() {
            return;
        }
        // A member spelled like a placeholder (`attributeType` has `Boolean`) is a member.
        let is_member = def.members.iter().any(|m| m.name == s.trim());
        if self.placeholders && !is_member && placeholder_type(self.lookup, s).is_some() {
            self.placeholder(s, ty, pointer);
            return;
        }
        let pieces: Vec<&str> = s
            .split('|')
            .flat_map(|alt| {
                if def.is_flags {
                    alt.split(',').collect::<Vec<_>>()
                } else {
                    vec![alt]
                }
            })
            .map(str::trim)
            .collect();
        let bad: Vec<&str> = pieces
            .into_iter()
            .filter(|p| !def.members.iter().any(|m| m.name == *p))
            .collect();
        if !bad.is_empty() {
            let names: Vec<&str> = def.members.iter().map(|m| m.name.as_str()).collect();
            let shown = if names.len() > 8 {
                format!("{}, …", names[..8].join(", "))
            } else {
                names.join(", ")
            };
            let what = bad
                .iter()
                .map(|b| format!("\"{b}\""))
                .collect::<Vec<_>>()
                .join(", ");
            // The enum table and the property's "Possible values" disagree
            // now and then; say so, the fix is then in the table.
            let listed =
                prop.is_some_and(|p| bad.iter().all(|b| p.possible_values.iter().any(|v| v == b)));
            let note = if listed {
                "; the property's description lists it"
            } else {
                ""
            };
            self.find(
                FindingKind::NotEnumMember,
                pointer,
                format!("{what} is not a member of {qualified} ({shown}){note}"),
            );
        }
    }

    fn primitive(&mut self, v: &Value, ty: &str, pointer: &str) {
        let wrong = |c: &mut Self, wanted: &str| {
            c.find(
                FindingKind::WrongJsonType,
                pointer,
                format!("expected {wanted} ({ty}), found {}", json_kind(v)),
            )
        };
        // A stream's content is not in the payload; what samples show in
        // its place varies.
        if edm::is_string_valued(ty) && ty != "Edm.Stream" {
            let Value::String(s) = v else {
                return wrong(self, "a string");
            };
            let checked = Format::of(ty).and_then(|format| {
                let kind = match format {
                    Format::Guid => FindingKind::MalformedGuid,
                    Format::Date => FindingKind::MalformedDate,
                    Format::DateTimeOffset => FindingKind::MalformedTimestamp,
                    Format::Duration => FindingKind::MalformedDuration,
                    Format::TimeOfDay => FindingKind::MalformedTimeOfDay,
                    // Binary payloads are not checked yet: no finding kind.
                    Format::Binary => return None,
                };
                Some((format, kind))
            });
            if let Some((_, kind)) = checked.filter(|(format, _)| !format.accepts(s)) {
                self.find(kind, pointer, format!("\"{s}\" is not a valid {ty}"));
            }
        } else if ty == "Edm.Boolean" {
            if !v.is_boolean() {
                wrong(self, "a boolean");
            }
        } else if edm::is_integer(ty) {
            if !(v.is_i64() || v.is_u64()) {
                wrong(self, "an integer");
            }
        } else if edm::is_numeric(ty) {
            let special = v
                .as_str()
                .is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF"));
            if !v.is_number() && !special {
                wrong(self, "a number");
            }
        }
    }

    /// A representation placeholder (`"Int32"`, `"String (timestamp)"`,
    /// `"microsoft.graph.x"`) against the property table's type.
    fn placeholder(&mut self, s: &str, ty: &TypeRef, pointer: &str) {
        let Some(said) = placeholder_type(self.lookup, s) else {
            // `"values": "Json"` names the property's own type by its simple name.
            let own_name = graphdoc_schema::split_qualified(&ty.name).1;
            if (!ty.is_primitive() || ty.collection) && !s.trim().eq_ignore_ascii_case(own_name) {
                self.find(
                    FindingKind::WrongJsonType,
                    pointer,
                    format!(
                        "expected {} ({ty}), found the string \"{s}\"",
                        if ty.collection {
                            "an array"
                        } else {
                            "an object"
                        }
                    ),
                );
            }
            return;
        };
        let table = ty.name.as_str();
        let ok = match &said {
            Placeholder::AnyInteger => !ty.collection && edm::is_integer(table),
            Placeholder::AnyNumber => !ty.collection && edm::is_numeric(table),
            Placeholder::AnyString => {
                !ty.collection
                    && (edm::is_string_valued(table)
                        || matches!(self.lookup.named(table), Some(Named::Enum(_))))
            }
            Placeholder::Primitive(p) => !ty.collection && p == table,
            Placeholder::Named(n) => {
                let table_q = self.lookup.named(table).map(|t| match t {
                    Named::Structured(q) | Named::Enum(q) => q.to_string(),
                });
                table_q.as_deref() == Some(n.as_str())
                    || table_q
                        .as_deref()
                        .is_some_and(|b| self.lookup.derives_from(n, b))
            }
        };
        if !ok {
            let said_text = match &said {
                Placeholder::AnyString => "Edm.String".to_string(),
                Placeholder::AnyInteger => "an integer".to_string(),
                Placeholder::AnyNumber => "a number".to_string(),
                Placeholder::Primitive(p) | Placeholder::Named(p) => p.clone(),
            };
            self.find(
                FindingKind::PlaceholderDrift,
                pointer,
                format!(
                    "the representation says \"{s}\" ({said_text}), the property table says {ty}"
                ),
            );
        }
    }
}

#[derive(Debug, PartialEq)]
enum Placeholder {
    /// `"String"`: fits any type sent as a JSON string.
    AnyString,
    /// `"Integer"`: fits any integer type.
    AnyInteger,
    /// `"Number"`: fits any numeric type.
    AnyNumber,
    /// `Edm.Int32` etc.
    Primitive(String),
    /// A type the docs define.
    Named(String),
}

/// A placeholder as [`edm::placeholder::read`] reads it, with a named type
/// resolved against the docs' types (one they do not define is no
/// placeholder).
fn placeholder_type(lookup: &Lookup, s: &str) -> Option<Placeholder> {
    Some(match edm::placeholder::read(s)? {
        edm::placeholder::Placeholder::AnyString => Placeholder::AnyString,
        edm::placeholder::Placeholder::AnyInteger => Placeholder::AnyInteger,
        edm::placeholder::Placeholder::AnyNumber => Placeholder::AnyNumber,
        edm::placeholder::Placeholder::Primitive(p) => Placeholder::Primitive(p.to_string()),
        edm::placeholder::Placeholder::Named(name) => match lookup.named(name)? {
            Named::Structured(q) | Named::Enum(q) => Placeholder::Named(q.to_string()),
        },
    })
}
