//! Checking a sample's value against its target, property by property.

use super::placeholders::placeholder_type;
use super::target::is_single_value_wrapper;
use super::{FindingKind, Lookup, Named, RawFinding, Target, MAX_CHECK_DEPTH};
use crate::extract::{RawSample, SampleKind};
use crate::tolerant::{pointer_segment, push_pointer_segment};
use graphdoc_schema::edm::{self, Format};
use graphdoc_schema::{Operation, Property, PropertyKind, TypeRef};
use serde_json::{Map, Value};
use std::fmt::Write as _;

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
            c.parameter_body(value, op, completeness);
            return c.findings;
        }
        Target::Reference => {
            c.reference_body(value);
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
                lookup.flattened_properties(&actual).to_vec()
            };
            c.absent(o, &props, completeness, &actual, &pointer);
        }
    }
    c.findings
}

pub(super) struct Checker<'a, 'b> {
    pub(super) lookup: &'b Lookup<'a>,
    /// Resource representation: strings are type placeholders.
    pub(super) placeholders: bool,
    pub(super) findings: Vec<RawFinding>,
}

pub(super) fn json_kind(v: &Value) -> &'static str {
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

/// `@odata.type`, `name@odata.bind`, `@microsoft.graph.conflictBehavior`:
/// any key with an `@`.
pub(super) fn is_annotation(key: &str) -> bool {
    key.contains('@')
}

impl Checker<'_, '_> {
    /// An action's body against its request body table.
    fn parameter_body(&mut self, value: &Value, op: &Operation, completeness: Completeness) {
        match value {
            Value::Object(o) => {
                self.parameters(o, op);
                if completeness == Completeness::Required {
                    let rows: Vec<&Property> = op.request_body.iter().collect();
                    self.absent(o, &rows, completeness, &format!("`{}`", op.title), "");
                }
            }
            other => self.find(
                FindingKind::WrongJsonType,
                "",
                format!(
                    "expected an object (the parameters of `{}`), found {}",
                    op.title,
                    json_kind(other)
                ),
            ),
        }
    }

    /// The body of a `$ref` request: `@odata.id` and nothing else.
    fn reference_body(&mut self, value: &Value) {
        match value {
            Value::Object(o) => {
                for key in o.keys().filter(|k| !is_annotation(k)) {
                    self.find(
                        FindingKind::UnknownProperty,
                        &format!("/{}", pointer_segment(key)),
                        format!(
                            "`{key}` in the body of a `$ref` request, which holds only `@odata.id`"
                        ),
                    );
                }
                if !o.contains_key("@odata.id") {
                    self.find(
                        FindingKind::AbsentRequired,
                        "",
                        "the body of a `$ref` request without `@odata.id`".to_string(),
                    );
                }
            }
            other => self.find(
                FindingKind::WrongJsonType,
                "",
                format!(
                    "expected an object with `@odata.id`, found {}",
                    json_kind(other)
                ),
            ),
        }
    }

    pub(super) fn find(&mut self, kind: FindingKind, pointer: &str, message: String) {
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
        let props = self.lookup.flattened_properties(qualified);
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
        let named = self.lookup.named(&ty.name);
        if matches!(named, Some(Named::Structured(t)) if self.lookup.is_untyped(t)) {
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
                    let mut here = String::with_capacity(pointer.len() + 4);
                    for (i, item) in items.iter().enumerate() {
                        here.clear();
                        let _ = write!(here, "{pointer}/{i}");
                        self.value(item, &item_ty, None, &here, depth + 1);
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
        match named {
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
        let props = self.lookup.flattened_properties(&qualified);
        let open = self.lookup.is_open(&qualified);
        // Each member's pointer, made in one buffer.
        let mut here = String::with_capacity(pointer.len() + 32);
        for (key, v) in o {
            if is_annotation(key) || is_directory_extension(key) {
                continue;
            }
            here.clear();
            here.push_str(pointer);
            here.push('/');
            push_pointer_segment(&mut here, key);
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
            let Some(format) = Format::of(ty).filter(|format| !format.accepts(s)) else {
                return;
            };
            let kind = match format {
                Format::Guid => FindingKind::MalformedGuid,
                Format::Date => FindingKind::MalformedDate,
                Format::DateTimeOffset => FindingKind::MalformedTimestamp,
                Format::Duration => FindingKind::MalformedDuration,
                Format::TimeOfDay => FindingKind::MalformedTimeOfDay,
                Format::Binary => FindingKind::MalformedBinary,
            };
            self.find(kind, pointer, format!("\"{s}\" is not a valid {ty}"));
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::Schema;
    use serde_json::json;

    fn kinds(value: Value, ty: &str) -> Vec<FindingKind> {
        let schema = Schema::default();
        let lookup = Lookup::new(&schema);
        let mut c = Checker {
            lookup: &lookup,
            placeholders: false,
            findings: Vec::new(),
        };
        c.primitive(&value, ty, "/x");
        c.findings.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn primitive_values_by_the_edm_validators() {
        for (value, ty, want) in [
            (json!("2024-02-29"), "Edm.Date", None),
            (
                json!("2023-02-29"),
                "Edm.Date",
                Some(FindingKind::MalformedDate),
            ),
            (
                json!("2024-01-01t00:00:00z"),
                "Edm.DateTimeOffset",
                Some(FindingKind::MalformedTimestamp),
            ),
            (
                json!("PT1,5S"),
                "Edm.Duration",
                Some(FindingKind::MalformedDuration),
            ),
            (
                json!("P1.5D"),
                "Edm.Duration",
                Some(FindingKind::MalformedDuration),
            ),
            (json!("PT1.5S"), "Edm.Duration", None),
            (
                json!("25:00"),
                "Edm.TimeOfDay",
                Some(FindingKind::MalformedTimeOfDay),
            ),
            (
                json!("{9ceb2f92-2f92-9ceb-922f-eb9c922feb9c}"),
                "Edm.Guid",
                Some(FindingKind::MalformedGuid),
            ),
            (json!("aGVsbG8"), "Edm.Binary", None),
            (
                json!("MIIDYDCCAki..."),
                "Edm.Binary",
                Some(FindingKind::MalformedBinary),
            ),
            (json!("anything"), "Edm.Stream", None),
            (json!(1), "Edm.SByte", None),
            (json!(1.5), "Edm.SByte", Some(FindingKind::WrongJsonType)),
            (json!("INF"), "Edm.Single", None),
            (json!("1"), "Edm.Double", Some(FindingKind::WrongJsonType)),
        ] {
            assert_eq!(
                kinds(value.clone(), ty),
                Vec::from_iter(want),
                "{value} as {ty}"
            );
        }
    }
}
