//! Checking a sample's value against the schema type its context names.

use crate::extract::{RawSample, SampleKind};
use crate::tolerant::pointer_segment;
use graphdoc_schema::{Operation, Property, Schema, TypeRef, DEFAULT_NAMESPACE};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

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

    fn is_open(&self, qualified: &str) -> bool {
        self.schema.ancestry(qualified).iter().any(|t| t.is_open)
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
    match t
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(inner) => (inner, true),
        None => (t, false),
    }
}

/// The type a sample is checked against: `(qualified name, whether the
/// payload is a collection)`, or `None` when its context names no type the
/// docs define. Payload `@odata.type` wins over the annotation, which wins
/// over the operation's declared types. A name the docs do not define is
/// returned as the error, for an `unknown_type` finding.
pub fn root_type(
    lookup: &Lookup,
    sample: &RawSample,
    op: Option<&Operation>,
    value: &Value,
) -> Result<Option<(String, bool)>, String> {
    let annotated = sample
        .annotation
        .get("@odata.type")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty());
    let annotated_collection = annotated.is_some_and(|a| strip_collection(a).1)
        || sample.annotation.get("isCollection").is_some_and(|v| {
            v == &Value::Bool(true) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
        });
    let payload = first_object(value)
        .and_then(|o| o.get("@odata.type"))
        .and_then(Value::as_str);
    if let Some(t) = payload.and_then(|p| lookup.structured(p)) {
        return Ok(Some((
            t.to_string(),
            annotated_collection || value.is_array() || is_value_wrapper(lookup, t, value),
        )));
    }
    if let Some(a) = annotated {
        return match lookup.structured(a) {
            Some(t) => Ok(Some((t.to_string(), annotated_collection))),
            None if lookup.named(a).is_some() || is_primitive_name(strip_collection(a).0) => {
                Ok(None)
            }
            None => Err(a.to_string()),
        };
    }
    let declared: Option<&TypeRef> = match (sample.kind, op) {
        (SampleKind::Request, Some(op))
            if matches!(sample.method.as_str(), "POST" | "PATCH" | "PUT") =>
        {
            op.request_type.as_ref()
        }
        (SampleKind::Response, Some(op))
            if sample.http_line.contains(" 200")
                || sample.http_line.contains(" 201")
                || sample.http_line.is_empty() =>
        {
            op.response_type.as_ref()
        }
        _ => None,
    };
    Ok(declared.and_then(|d| {
        let t = lookup.structured(&d.name)?;
        Some((
            t.to_string(),
            d.collection || annotated_collection || is_value_wrapper(lookup, t, value),
        ))
    }))
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

/// `{ "@odata.context": …, "value": [ … ] }` for a type without a `value` property.
fn is_value_wrapper(lookup: &Lookup, qualified: &str, value: &Value) -> bool {
    let Value::Object(o) = value else {
        return false;
    };
    matches!(o.get("value"), Some(Value::Array(_)))
        && o.keys().all(|k| k == "value" || k.starts_with('@'))
        && !lookup
            .schema
            .flattened_properties(qualified)
            .iter()
            .any(|p| p.name == "value")
}

/// `{ "value": { … } }` for a type without a `value` property.
fn is_single_value_wrapper(lookup: &Lookup, qualified: &str, o: &Map<String, Value>) -> bool {
    matches!(o.get("value"), Some(Value::Object(_)))
        && o.keys().all(|k| k == "value" || k.starts_with('@'))
        && !lookup
            .schema
            .flattened_properties(qualified)
            .iter()
            .any(|p| p.name == "value")
}

/// Checks a sample's value against `qualified` (items of `value`, or of
/// the array, when `collection`).
pub fn check(
    lookup: &Lookup,
    sample: &RawSample,
    qualified: &str,
    collection: bool,
    value: &Value,
) -> Vec<RawFinding> {
    let mut c = Checker {
        lookup,
        placeholders: sample.kind == SampleKind::Resource,
        findings: Vec::new(),
    };
    let ty = TypeRef::new(qualified, false);
    let items: Vec<(String, &Value)> = match (collection, value) {
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
    for (pointer, item) in items {
        c.value(item, &ty, None, &pointer, 0);
        if sample.kind == SampleKind::Request
            && matches!(sample.method.as_str(), "POST" | "PATCH" | "PUT")
        {
            c.read_only(item, qualified, &pointer);
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

    fn read_only(&mut self, value: &Value, qualified: &str, pointer: &str) {
        let Value::Object(o) = value else { return };
        let props = self.lookup.schema.flattened_properties(qualified);
        for key in o.keys() {
            if let Some(p) = props
                .iter()
                .find(|p| &p.name == key)
                .filter(|p| p.read_only)
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
        if let Some(edm) = ty.name.strip_prefix("Edm.") {
            if let Value::String(s) = v {
                if self.placeholders && placeholder_type(self.lookup, s).is_some() {
                    self.placeholder(s, ty, pointer);
                    return;
                }
            }
            self.primitive(v, edm, pointer);
            return;
        }
        match self.lookup.named(&ty.name) {
            Some(Named::Enum(e)) => self.enum_value(v, e, ty, pointer),
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
            if is_annotation(key) {
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

    fn enum_value(&mut self, v: &Value, qualified: &str, ty: &TypeRef, pointer: &str) {
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
            self.find(
                FindingKind::NotEnumMember,
                pointer,
                format!("{what} is not a member of {qualified} ({shown})"),
            );
        }
    }

    fn primitive(&mut self, v: &Value, edm: &str, pointer: &str) {
        let wrong = |c: &mut Self, wanted: &str| {
            c.find(
                FindingKind::WrongJsonType,
                pointer,
                format!("expected {wanted} (Edm.{edm}), found {}", json_kind(v)),
            )
        };
        match edm {
            "String" | "Guid" | "Date" | "DateTimeOffset" | "Duration" | "TimeOfDay" | "Binary" => {
                let Value::String(s) = v else {
                    return wrong(self, "a string");
                };
                let (ok, kind) = match edm {
                    "Guid" => (is_guid(s), FindingKind::MalformedGuid),
                    "Date" => (is_date(s), FindingKind::MalformedDate),
                    "DateTimeOffset" => (is_timestamp(s), FindingKind::MalformedTimestamp),
                    "Duration" => (is_duration(s), FindingKind::MalformedDuration),
                    "TimeOfDay" => (is_time_of_day(s), FindingKind::MalformedTimeOfDay),
                    _ => (true, FindingKind::WrongJsonType),
                };
                if !ok {
                    self.find(kind, pointer, format!("\"{s}\" is not a valid Edm.{edm}"));
                }
            }
            "Boolean" if !v.is_boolean() => wrong(self, "a boolean"),
            "Int16" | "Int32" | "Int64" | "Byte" | "SByte" if !(v.is_i64() || v.is_u64()) => {
                wrong(self, "an integer")
            }
            "Double" | "Single" | "Decimal" => {
                let special = v
                    .as_str()
                    .is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF"));
                if !v.is_number() && !special {
                    wrong(self, "a number");
                }
            }
            _ => {}
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
            Placeholder::AnyInteger => {
                !ty.collection
                    && matches!(
                        table,
                        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte"
                    )
            }
            Placeholder::AnyNumber => {
                !ty.collection
                    && matches!(
                        table,
                        "Edm.Int16"
                            | "Edm.Int32"
                            | "Edm.Int64"
                            | "Edm.Byte"
                            | "Edm.SByte"
                            | "Edm.Double"
                            | "Edm.Single"
                            | "Edm.Decimal"
                    )
            }
            Placeholder::AnyString => {
                !ty.collection
                    && (matches!(
                        table,
                        "Edm.String"
                            | "Edm.Guid"
                            | "Edm.Binary"
                            | "Edm.Date"
                            | "Edm.DateTimeOffset"
                            | "Edm.Duration"
                            | "Edm.TimeOfDay"
                    ) || matches!(self.lookup.named(table), Some(Named::Enum(_))))
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

const EDM_NAMES: [&str; 15] = [
    "String",
    "Int16",
    "Int32",
    "Int64",
    "Byte",
    "SByte",
    "Double",
    "Single",
    "Decimal",
    "Boolean",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
];

/// `Edm.String`, `String`, `int32`: the annotation of a sample that is a
/// primitive (or a collection of them) names no type to check against.
fn is_primitive_name(name: &str) -> bool {
    let bare = name
        .trim()
        .trim_start_matches("Edm.")
        .trim_start_matches("edm.");
    EDM_NAMES.iter().any(|n| n.eq_ignore_ascii_case(bare))
        || [
            "binary", "stream", "untyped", "int", "integer", "number", "bool",
        ]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(bare))
}

fn placeholder_type(lookup: &Lookup, s: &str) -> Option<Placeholder> {
    // `"@odata.type: microsoft.graph.alertSeverity"` names the type too.
    let t = s.trim();
    let t = t.strip_prefix("@odata.type:").map(str::trim).unwrap_or(t);
    let (head, qualifier) = match t.split_once('(') {
        Some((h, q)) if !h.trim().eq_ignore_ascii_case("collection") => (
            h.trim(),
            q.trim_end_matches(')').trim().to_ascii_lowercase(),
        ),
        _ => (t, String::new()),
    };
    let bare = head
        .strip_prefix("Edm.")
        .or_else(|| head.strip_prefix("edm."))
        .unwrap_or(head);
    let edm = |n: &str| Some(Placeholder::Primitive(format!("Edm.{n}")));
    if bare.eq_ignore_ascii_case("string") {
        return match qualifier.as_str() {
            q if q.contains("timestamp") || q.contains("datetime") => edm("DateTimeOffset"),
            "date" => edm("Date"),
            "duration" => edm("Duration"),
            "time" | "timeofday" | "time of day" => edm("TimeOfDay"),
            "guid" | "uuid" => edm("Guid"),
            _ => Some(Placeholder::AnyString),
        };
    }
    if ["integer", "int", "long"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(bare))
    {
        return Some(Placeholder::AnyInteger);
    }
    if ["number", "float"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(bare))
    {
        return Some(Placeholder::AnyNumber);
    }
    if bare.eq_ignore_ascii_case("timestamp") {
        return edm("DateTimeOffset");
    }
    if bare.eq_ignore_ascii_case("binary") || bare.eq_ignore_ascii_case("stream") {
        return edm(if bare.eq_ignore_ascii_case("binary") {
            "Binary"
        } else {
            "Stream"
        });
    }
    if let Some(n) = EDM_NAMES.iter().find(|n| n.eq_ignore_ascii_case(bare)) {
        return edm(n);
    }
    if bare.contains(' ') || bare.is_empty() {
        return None;
    }
    // Only a qualified name is taken as a type placeholder: a bare word
    // like "Manager" is more likely sample text than a type.
    if !bare.contains('.') && !bare.starts_with("Collection(") {
        return None;
    }
    match lookup.named(bare)? {
        Named::Structured(q) | Named::Enum(q) => Some(Placeholder::Named(q.to_string())),
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && digits(parts[0], 4)
        && digits(parts[1], 2)
        && digits(parts[2], 2)
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0))
}

pub fn is_time_of_day(s: &str) -> bool {
    let (main, fraction) = match s.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (s, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = main.split(':').collect();
    let in_range = |p: &str, max: u32| digits(p, 2) && p.parse::<u32>().is_ok_and(|v| v <= max);
    match parts.as_slice() {
        [h, m] => fraction.is_none() && in_range(h, 23) && in_range(m, 59),
        [h, m, sec] => in_range(h, 23) && in_range(m, 59) && in_range(sec, 60),
        _ => false,
    }
}

/// RFC 3339 / ISO 8601 date-time with an offset or `Z`; a missing offset is
/// accepted, as the service reads such values as UTC.
pub fn is_timestamp(s: &str) -> bool {
    let Some((date, time)) = s.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let time = time.strip_suffix(['Z', 'z']).unwrap_or(time);
    let time = match time.rfind(['+', '-']) {
        Some(i) => {
            let offset = &time[i + 1..];
            if !is_time_of_day(offset) || offset.contains('.') || offset.matches(':').count() != 1 {
                return false;
            }
            &time[..i]
        }
        None => time,
    };
    is_time_of_day(time)
}

pub fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// ISO 8601 duration: `P1DT2H`, `PT0.5S`, `-P1Y2M`.
pub fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let components = |part: &str, units: &str| -> Option<usize> {
        let mut count = 0;
        let mut number = String::new();
        let mut allowed = units;
        for c in part.chars() {
            if c.is_ascii_digit() || (c == '.' || c == ',') && !number.is_empty() {
                number.push(c);
            } else {
                let i = allowed.find(c)?;
                if number.is_empty() {
                    return None;
                }
                allowed = &allowed[i + 1..];
                number.clear();
                count += 1;
            }
        }
        number.is_empty().then_some(count)
    };
    let Some(d) = components(date, "YMWD") else {
        return false;
    };
    match time {
        Some(t) => components(t, "HMS").is_some_and(|n| n > 0),
        None => d > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        for ok in [
            "2017-01-01T00:01:27.2282595+03:00",
            "2016-12-31T23:56:56Z",
            "2020-02-29T10:00:00",
            "2020-01-01T10:00Z",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "2017-01-01",
            "datetime-value",
            "2017-13-01T00:00:00Z",
            "2017-01-01T25:00:00Z",
            "2017-01-01T00:00:00+0300",
            "",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
        assert!(is_date("2019-07-31") && !is_date("2019-7-31") && !is_date("String (date)"));
        assert!(
            is_guid("e4ee2821-2821-e4ee-2128-eee42128eee4")
                && !is_guid("e4ee2821-2821-e4ee-2128-eee42128eee")
                && !is_guid("{id}")
        );
        for ok in ["P1D", "PT1H30M", "PT0.5S", "-P1Y2M3DT4H5M6S", "P2W"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in ["P", "PT", "1D", "P1H", "PT1D", "P1M1Y", "duration"] {
            assert!(!is_duration(bad), "{bad}");
        }
        assert!(
            is_time_of_day("08:00:00")
                && is_time_of_day("08:00:00.0000000")
                && is_time_of_day("08:00")
                && !is_time_of_day("8:00")
                && !is_time_of_day("24:00:00")
        );
    }
}
