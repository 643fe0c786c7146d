//! The samples handed to the round-trip harness, and judging what it
//! wrote back.
//!
//! # Which samples
//!
//! Every request and response body, and every other JSON block, that reads
//! (strictly or tolerantly) and whose context names a structured type the
//! docs define (`graphdoc-samples` decides the type: the operation's request
//! or response type, `isCollection`, `@odata.type`). Samples with validation
//! findings are included: an unknown property or a value that is not an enum
//! member must still survive a round trip. Resource representations are
//! left out: their values are type placeholders (`"String"`), not data.
//!
//! Each sample names the objects in it to read (`items`, JSON pointers),
//! as the validator reads them: the items of `value` (or of a bare array)
//! for a collection; for a single object wrapped in `{"value": {…}}` (an
//! Intune doc habit), the wrapped object, when the type has no `value`
//! property or the object's `@odata.type` names the type; else the
//! payload itself. The type is the one the validator chose, widened to the
//! nearest base shared with every item's `@odata.type`: the validator takes
//! the first item's type, and a list of users and groups is read as
//! `directoryObject`, each item then as its own type.
//!
//! # Who is at fault
//!
//! | reason | blame | meaning |
//! |---|---|---|
//! | `not_an_object` | docs | the payload (or a collection item) is not a JSON object |
//! | `wrong_json_type` | docs | a value of another JSON type than its property's (a string for a boolean) |
//! | `invalid_value` | docs | a malformed timestamp, date, GUID, duration or base64 text, a fraction for an integer |
//! | `out_of_range` | docs | a number outside its type's range |
//! | `not_a_flags_member` | docs | a name that is not a member of a flags enum |
//! | `unknown_type` | graphdoc | the docs define the type but the model has no struct for it |
//! | `wrong_shape` | graphdoc | the model's shape does not fit: a page read as one object, an object without `value` as a page, a body where it expects none |
//! | `disputed_shape` | docs | the same, on a page whose Response sentence and example disagree or whose example wraps one object in `value` (GD0026 at the page) |
//! | `read_error` | graphdoc | the runtime refused the value for another reason |
//! | `panic` | graphdoc | the model panicked |
//! | `dropped`, `added`, `type_changed`, `value_changed` | graphdoc | the JSON written back differs from the original (see [`crate::compare`]) |
//!
//! A value the runtime refuses is one the docs' own property table says is
//! wrong, hence the docs; anything lost or changed on the way back is the
//! model's. A plain enum never refuses a value (an unknown one is kept in
//! `Other`), so "not an enum member" never fails a round trip: the
//! validator reports it.

use crate::compare::{excerpt, first_difference, DifferenceKind};
use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::{ReadStatus, VersionReport};
use graphdoc_schema::{Schema, DEFAULT_NAMESPACE};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// One sample as the harness reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundTripSample {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Qualified name of the type the sample is read as.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Items of `value` (or of a bare array), each read as `type`.
    pub collection: bool,
    /// The page, relative to the docs root.
    pub file: String,
    /// The page line of the sample's first JSON line.
    pub line: u32,
    /// `request`, `response` or `other`.
    pub kind: String,
    /// The validator's findings: (JSON pointer, code).
    pub findings: Vec<(String, String)>,
    /// The sample's JSON as read.
    pub payload: Value,
    /// JSON pointers of the objects to read, in `payload`.
    pub items: Vec<String>,
    /// The generated operation an API page's response is read through as
    /// a whole (`v1_0::operations::ListUsers`), see [`crate::through`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The page disputes its response shape (GD0026).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shape_disputed: bool,
}

impl RoundTripSample {
    /// An API page's response sample read as a whole through `operation`,
    /// as `type_name` (the operation's response, or the operation itself
    /// where the harness dispatches on it).
    pub fn response_through(
        version: &str,
        type_name: &str,
        operation: &str,
        sample: &graphdoc_samples::SampleReport,
        payload: &Value,
        shape_disputed: bool,
    ) -> RoundTripSample {
        RoundTripSample {
            version: version.to_string(),
            type_name: type_name.to_string(),
            collection: false,
            file: sample.file.clone(),
            line: sample.line,
            kind: "response".into(),
            findings: findings_of(sample),
            payload: payload.clone(),
            items: vec![String::new()],
            operation: Some(operation.to_string()),
            shape_disputed,
        }
    }
}

/// The validator's findings of a sample as (JSON pointer, code).
fn findings_of(sample: &graphdoc_samples::SampleReport) -> Vec<(String, String)> {
    sample
        .findings
        .iter()
        .map(|f| (f.pointer.clone(), f.kind.code().to_string()))
        .collect()
}

/// The samples of one version fit for a round trip (see the module docs).
pub fn collect_samples(report: &VersionReport, schema: &Schema) -> Vec<RoundTripSample> {
    let mut out = Vec::new();
    for s in &report.samples {
        let (Some(validated), Some(value)) = (&s.validated_as, &s.value) else {
            continue;
        };
        if s.kind == SampleKind::Resource || s.read == ReadStatus::Unreadable {
            continue;
        }
        let (type_name, collection) = match validated
            .strip_prefix("Collection(")
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(item) => (item.to_string(), true),
            None => (validated.clone(), false),
        };
        let items = items(schema, &type_name, collection, value);
        let type_name = common_base(schema, type_name, value, &items);
        out.push(RoundTripSample {
            version: s.version.clone(),
            items,
            type_name,
            collection,
            file: s.file.clone(),
            line: s.line,
            kind: match s.kind {
                SampleKind::Request => "request",
                SampleKind::Response => "response",
                _ => "other",
            }
            .to_string(),
            findings: findings_of(s),
            payload: value.clone(),
            operation: None,
            shape_disputed: false,
        });
    }
    out
}

/// The pointers of the objects to read (see the module docs).
pub fn items(schema: &Schema, type_name: &str, collection: bool, payload: &Value) -> Vec<String> {
    let list = match payload {
        Value::Array(items) if collection => Some(("", items)),
        Value::Object(o) if collection => match o.get("value") {
            Some(Value::Array(items)) => Some(("/value", items)),
            _ => None,
        },
        _ => None,
    };
    if let Some((prefix, items)) = list {
        return (0..items.len()).map(|i| format!("{prefix}/{i}")).collect();
    }
    match payload {
        Value::Object(o) if !collection && is_single_value_wrapper(schema, type_name, o) => {
            vec!["/value".to_string()]
        }
        _ => vec![String::new()],
    }
}

fn is_single_value_wrapper(schema: &Schema, type_name: &str, o: &Map<String, Value>) -> bool {
    let Some(inner @ Value::Object(_)) = o.get("value") else {
        return false;
    };
    let has_value_property = schema
        .flattened_properties(type_name)
        .iter()
        .any(|p| p.name == "value");
    o.keys().all(|k| k == "value" || k.starts_with('@'))
        && (!has_value_property || names_type(schema, inner, type_name))
}

/// Whether `item`'s `@odata.type` is `type_name` or a type derived from it.
fn names_type(schema: &Schema, item: &Value, type_name: &str) -> bool {
    named_type(schema, item).is_some_and(|found| {
        schema
            .ancestry(found)
            .iter()
            .any(|t| t.qualified_name() == type_name)
    })
}

/// The type an object's `@odata.type` names, if the schema has it.
fn named_type<'a>(schema: &'a Schema, item: &Value) -> Option<&'a str> {
    let named = item.get("@odata.type")?.as_str()?.trim_start_matches('#');
    let qualified = if named.contains('.') {
        named.to_string()
    } else {
        format!("{DEFAULT_NAMESPACE}.{named}")
    };
    schema
        .types
        .keys()
        .find(|k| k.eq_ignore_ascii_case(&qualified))
        .map(String::as_str)
}

/// The type to read a sample's items as: the sample's type (which the
/// first item's `@odata.type` may have chosen), widened to the nearest
/// base it shares with every item's `@odata.type`, so that a list of users
/// and groups is read as `directoryObject` and each item as its own type.
fn common_base(schema: &Schema, type_name: String, payload: &Value, items: &[String]) -> String {
    let mut base = type_name;
    for pointer in items {
        let Some(named) = payload.pointer(pointer).and_then(|i| named_type(schema, i)) else {
            continue;
        };
        let ancestry: Vec<String> = schema
            .ancestry(named)
            .iter()
            .map(|t| t.qualified_name())
            .collect();
        if ancestry.contains(&base) {
            continue;
        }
        // The nearest ancestor of `base` that is also one of `named`.
        if let Some(shared) = schema
            .ancestry(&base)
            .iter()
            .map(|t| t.qualified_name())
            .find(|q| ancestry.contains(q))
        {
            base = shared;
        }
    }
    base
}

/// What the harness wrote for one payload.
#[derive(Clone, Debug, Deserialize)]
pub struct HarnessResult {
    /// Index into the samples file.
    pub sample: usize,
    /// Pointer of the payload inside the sample (`/value/3`, or empty).
    pub pointer: String,
    /// The type the model read the payload as (its `@odata.type` may pick a derived one).
    #[serde(default)]
    pub read_as: Option<String>,
    /// What the model wrote back, when it read the payload.
    #[serde(default)]
    pub written: Option<Value>,
    /// Why the model could not read the payload, when it could not.
    #[serde(default)]
    pub error: Option<HarnessError>,
    /// Top-level properties the model does not know (kept, written back).
    #[serde(default)]
    pub unknown: Vec<String>,
}

/// Why the model refused a payload, as the harness reports it.
#[derive(Clone, Debug, Deserialize)]
pub struct HarnessError {
    /// `runtime::ErrorKind` in `Debug` form, `unknown_type` or `panic`.
    pub kind: String,
    /// The JSON path of the refused value (property names and indexes).
    pub path: Vec<String>,
    /// The runtime's message.
    pub message: String,
}

#[derive(Deserialize)]
struct HarnessResults {
    results: Vec<HarnessResult>,
}

/// Parses the harness's results file.
pub fn parse_results(text: &str) -> Result<Vec<HarnessResult>, String> {
    serde_json::from_str::<HarnessResults>(text)
        .map(|r| r.results)
        .map_err(|e| format!("the harness wrote no valid results: {e}"))
}

/// Why a payload failed its round trip (the table in the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The payload (or a collection item) is not a JSON object.
    NotAnObject,
    /// A value of another JSON type than its property's.
    WrongJsonType,
    /// A malformed timestamp, date, GUID, duration or base64 text, or a fraction for an integer.
    InvalidValue,
    /// A number outside its type's range.
    OutOfRange,
    /// A name that is not a member of a flags enum.
    NotAFlagsMember,
    /// The docs define the type but the model has no struct for it.
    UnknownType,
    /// The model's response shape does not fit the payload.
    WrongShape,
    /// The payload's shape disagrees with the model's, on a page whose own
    /// Response sentence and examples disagree (GD0026): blamed on the docs.
    DisputedShape,
    /// The runtime refused the value for another reason.
    ReadError,
    /// The model panicked.
    Panic,
    /// A key of the original is missing from what was written back.
    Dropped,
    /// What was written back has a key the original lacks.
    Added,
    /// A value came back with another JSON type.
    TypeChanged,
    /// A value came back with the same JSON type but changed.
    ValueChanged,
}

/// Who must fix a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Blame {
    /// The sample contradicts the docs' own property table.
    Docs,
    /// The generated model lost, changed or refused what it should keep (fails CI).
    Graphdoc,
}

impl Reason {
    /// The reason as reports spell it (`wrong_json_type`).
    pub fn code(self) -> &'static str {
        match self {
            Reason::NotAnObject => "not_an_object",
            Reason::WrongJsonType => "wrong_json_type",
            Reason::InvalidValue => "invalid_value",
            Reason::OutOfRange => "out_of_range",
            Reason::NotAFlagsMember => "not_a_flags_member",
            Reason::UnknownType => "unknown_type",
            Reason::WrongShape => "wrong_shape",
            Reason::DisputedShape => "disputed_shape",
            Reason::ReadError => "read_error",
            Reason::Panic => "panic",
            Reason::Dropped => "dropped",
            Reason::Added => "added",
            Reason::TypeChanged => "type_changed",
            Reason::ValueChanged => "value_changed",
        }
    }

    /// See the table in the module docs.
    pub fn blame(self) -> Blame {
        match self {
            Reason::NotAnObject
            | Reason::WrongJsonType
            | Reason::InvalidValue
            | Reason::OutOfRange
            | Reason::NotAFlagsMember
            | Reason::DisputedShape => Blame::Docs,
            Reason::UnknownType
            | Reason::WrongShape
            | Reason::ReadError
            | Reason::Panic
            | Reason::Dropped
            | Reason::Added
            | Reason::TypeChanged
            | Reason::ValueChanged => Blame::Graphdoc,
        }
    }
}

impl Blame {
    /// The blame as reports spell it (`docs`, `graphdoc`).
    pub fn code(self) -> &'static str {
        match self {
            Blame::Docs => "docs",
            Blame::Graphdoc => "graphdoc",
        }
    }
}

/// One payload that did not come back equal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    /// `v1.0` or `beta`.
    pub version: String,
    /// The page, relative to the docs root.
    pub file: String,
    /// Line of the sample's first JSON line.
    pub line: u32,
    /// JSON pointer of the offending value inside the sample.
    pub pointer: String,
    /// The type the sample was read as.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Why it failed.
    pub reason: Reason,
    /// Who must fix it, from the reason.
    pub blame: Blame,
    /// What the harness or the comparison said.
    pub message: String,
    /// The validator's finding at the same place, if any: a second opinion
    /// that the value, not the model, is wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
}

impl Failure {
    /// `file:line: roundtrip[reason] (blame): message [pointer] as type`
    pub fn render(&self) -> String {
        let mut out = format!(
            "{}:{}: roundtrip[{}] ({}): {} [{}] reading {}",
            self.file,
            self.line,
            self.reason.code(),
            self.blame.code(),
            self.message,
            if self.pointer.is_empty() {
                "/"
            } else {
                &self.pointer
            },
            self.type_name
        );
        if let Some(v) = &self.validator {
            out.push_str(&format!(" (validator: {v})"));
        }
        out
    }
}

/// Counts for one version.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Samples handed to the harness.
    pub samples: usize,
    /// Samples whose every payload came back equal.
    pub samples_ok: usize,
    /// Objects read and written (collection items count one each).
    pub payloads: usize,
    /// Payloads that came back equal.
    pub payloads_ok: usize,
    /// Payloads read with top-level properties the model does not know:
    /// they round-trip (kept as additional properties) but are not typed.
    pub payloads_with_unknown: usize,
    /// Failing payloads by reason code.
    pub failures: BTreeMap<&'static str, usize>,
    /// Failing payloads blamed on the docs.
    pub docs_failures: usize,
    /// Failing payloads blamed on graphdoc.
    pub graphdoc_failures: usize,
}

impl Summary {
    /// The summary line model-check prints for the version.
    pub fn render(&self) -> String {
        let by = |blame: Blame| -> String {
            let mut parts = Vec::new();
            for (code, n) in &self.failures {
                if reason_of(code).map(Reason::blame) == Some(blame) {
                    parts.push(format!("{code} {n}"));
                }
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", parts.join(", "))
            }
        };
        format!(
            "{}: {} samples, {} round-trip clean; {} payloads, {} equal ({} with properties the model does not know), {} failed: {} docs{}, {} graphdoc{}\n",
            self.version,
            self.samples,
            self.samples_ok,
            self.payloads,
            self.payloads_ok,
            self.payloads_with_unknown,
            self.payloads - self.payloads_ok,
            self.docs_failures,
            by(Blame::Docs),
            self.graphdoc_failures,
            by(Blame::Graphdoc),
        )
    }
}

fn reason_of(code: &str) -> Option<Reason> {
    ALL_REASONS.iter().copied().find(|r| r.code() == code)
}

const ALL_REASONS: [Reason; 14] = [
    Reason::NotAnObject,
    Reason::WrongJsonType,
    Reason::InvalidValue,
    Reason::OutOfRange,
    Reason::NotAFlagsMember,
    Reason::UnknownType,
    Reason::WrongShape,
    Reason::DisputedShape,
    Reason::ReadError,
    Reason::Panic,
    Reason::Dropped,
    Reason::Added,
    Reason::TypeChanged,
    Reason::ValueChanged,
];

/// The judged round trip of all versions.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Judgement {
    /// One per version, in sample order.
    pub summaries: Vec<Summary>,
    /// Sorted by version (in sample order), file, line, pointer.
    pub failures: Vec<Failure>,
}

impl Judgement {
    /// The failures that fail CI: those blamed on graphdoc.
    pub fn graphdoc_failures(&self) -> impl Iterator<Item = &Failure> {
        self.failures.iter().filter(|f| f.blame == Blame::Graphdoc)
    }

    /// `n` failures spread evenly over the sorted list (every k-th), the
    /// same ones on every run over the same docs: the sample to review by
    /// hand.
    pub fn review_sample(&self, n: usize) -> Vec<&Failure> {
        let total = self.failures.len();
        if total <= n {
            return self.failures.iter().collect();
        }
        (0..n).map(|i| &self.failures[i * total / n]).collect()
    }
}

/// Compares what the harness wrote with the samples it was given.
///
/// Results that name a sample or payload that does not exist are the
/// harness's bug and an error.
pub fn judge(samples: &[RoundTripSample], results: &[HarnessResult]) -> Result<Judgement, String> {
    let mut summaries: Vec<Summary> = Vec::new();
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    for s in samples {
        if !index_of.contains_key(s.version.as_str()) {
            index_of.insert(&s.version, summaries.len());
            summaries.push(Summary {
                version: s.version.clone(),
                ..Summary::default()
            });
        }
        summaries[index_of[s.version.as_str()]].samples += 1;
    }
    let mut failed_samples = vec![false; samples.len()];
    let mut seen: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); samples.len()];
    let mut failures = Vec::new();
    for r in results {
        let sample = samples.get(r.sample).ok_or_else(|| {
            format!(
                "harness result for sample {} of {}",
                r.sample,
                samples.len()
            )
        })?;
        let original = sample
            .payload
            .pointer(&r.pointer)
            .filter(|_| sample.items.contains(&r.pointer))
            .ok_or_else(|| {
                format!(
                    "harness result for {}:{} names payload `{}`, which is not one of its items",
                    sample.file, sample.line, r.pointer
                )
            })?;
        if !seen[r.sample].insert(&r.pointer) {
            return Err(format!(
                "two harness results for {}:{} payload `{}`",
                sample.file, sample.line, r.pointer
            ));
        }
        let summary = &mut summaries[index_of[sample.version.as_str()]];
        summary.payloads += 1;
        if !r.unknown.is_empty() {
            summary.payloads_with_unknown += 1;
        }
        let failure = match (&r.error, &r.written) {
            (Some(e), _) => Some(read_failure(&r.pointer, e)).map(|(reason, p, m)| match reason {
                Reason::WrongShape if sample.shape_disputed => (Reason::DisputedShape, p, m),
                _ => (reason, p, m),
            }),
            (None, Some(written)) => first_difference(original, written).map(|d| {
                let reason = match d.kind {
                    DifferenceKind::Dropped => Reason::Dropped,
                    DifferenceKind::Added => Reason::Added,
                    DifferenceKind::TypeChanged => Reason::TypeChanged,
                    DifferenceKind::ValueChanged => Reason::ValueChanged,
                };
                let mut message = d.describe();
                if let Some(t) = r.read_as.as_deref().filter(|t| *t != sample.type_name) {
                    message.push_str(&format!(" (read as {t})"));
                }
                (reason, format!("{}{}", r.pointer, d.pointer), message)
            }),
            (None, None) => {
                return Err(format!(
                    "harness result for {}:{} has neither JSON nor an error",
                    sample.file, sample.line
                ))
            }
        };
        let Some((reason, pointer, message)) = failure else {
            summary.payloads_ok += 1;
            continue;
        };
        *summary.failures.entry(reason.code()).or_default() += 1;
        match reason.blame() {
            Blame::Docs => summary.docs_failures += 1,
            Blame::Graphdoc => summary.graphdoc_failures += 1,
        }
        failed_samples[r.sample] = true;
        let validator = validator_opinion(&sample.findings, &pointer);
        failures.push(Failure {
            version: sample.version.clone(),
            file: sample.file.clone(),
            line: sample.line,
            pointer,
            type_name: sample.type_name.clone(),
            reason,
            blame: reason.blame(),
            message,
            validator,
        });
    }
    let missing = (0..samples.len()).find(|&i| seen[i].len() != samples[i].items.len());
    if let Some(i) = missing {
        return Err(format!(
            "the harness wrote nothing for {}:{}",
            samples[i].file, samples[i].line
        ));
    }
    for (i, s) in samples.iter().enumerate() {
        if !failed_samples[i] {
            summaries[index_of[s.version.as_str()]].samples_ok += 1;
        }
    }
    failures.sort_by(|a, b| {
        (index_of[a.version.as_str()], &a.file, a.line, &a.pointer).cmp(&(
            index_of[b.version.as_str()],
            &b.file,
            b.line,
            &b.pointer,
        ))
    });
    Ok(Judgement {
        summaries,
        failures,
    })
}

fn read_failure(item_pointer: &str, e: &HarnessError) -> (Reason, String, String) {
    let mut pointer = item_pointer.to_string();
    for segment in &e.path {
        pointer.push('/');
        pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    let reason = match e.kind.as_str() {
        // The payload itself is not an object: the harness reads objects only.
        "WrongType" if e.path.is_empty() => Reason::NotAnObject,
        "WrongType" => Reason::WrongJsonType,
        "Invalid" => Reason::InvalidValue,
        "OutOfRange" => Reason::OutOfRange,
        "NotAMember" => Reason::NotAFlagsMember,
        // The model chose the shape (page, one object, no body).
        "WrongShape" => Reason::WrongShape,
        "unknown_type" => Reason::UnknownType,
        "panic" => Reason::Panic,
        _ => Reason::ReadError,
    };
    (reason, pointer, one_line(&e.message))
}

/// The validator's finding at `pointer`, or at a value inside it or around it.
fn validator_opinion(findings: &[(String, String)], pointer: &str) -> Option<String> {
    let exact = findings.iter().find(|(p, _)| p == pointer);
    let near = || {
        findings.iter().find(|(p, _)| {
            let within = |outer: &str, inner: &str| {
                inner.starts_with(outer) && inner[outer.len()..].starts_with('/')
            };
            within(pointer, p) || (!p.is_empty() && within(p, pointer))
        })
    };
    exact.or_else(near).map(|(p, code)| {
        if p == pointer {
            code.clone()
        } else {
            format!("{code} at {p}")
        }
    })
}

fn one_line(s: &str) -> String {
    let line = s.replace(['\n', '\r'], " ");
    if line.chars().count() > 200 {
        excerpt(&Value::String(line))
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample(version: &str, payload: Value, collection: bool) -> RoundTripSample {
        RoundTripSample {
            version: version.into(),
            type_name: "microsoft.graph.user".into(),
            collection,
            file: format!("{version}/api/user-get.md"),
            line: 10,
            kind: "response".into(),
            findings: vec![("/value/1/accountEnabled".into(), "wrong_json_type".into())],
            items: items(
                &Schema::default(),
                "microsoft.graph.user",
                collection,
                &payload,
            ),
            payload,
            operation: None,
            shape_disputed: false,
        }
    }

    fn schema_with(types: &[(&str, Option<&str>, &[&str])]) -> Schema {
        let mut s = Schema::default();
        for (name, base, props) in types {
            let t = graphdoc_schema::TypeDef {
                base_type: base.map(|b| format!("{DEFAULT_NAMESPACE}.{b}")),
                properties: props
                    .iter()
                    .map(|p| graphdoc_schema::Property {
                        name: (*p).into(),
                        ty: graphdoc_schema::TypeRef::new("Edm.String", false),
                        kind: graphdoc_schema::PropertyKind::Structural,
                        description: String::new(),
                        read_only: false,
                        nullable: None,
                        possible_values: Vec::new(),
                        query_options: Vec::new(),
                        required_on_create: false,
                        source: graphdoc_schema::Source::new("x.md", 1),
                    })
                    .collect(),
                ..graphdoc_schema::TypeDef::new(
                    *name,
                    DEFAULT_NAMESPACE,
                    graphdoc_schema::TypeKind::Complex,
                    graphdoc_schema::Source::new("x.md", 1),
                )
            };
            s.types.insert(t.qualified_name(), t);
        }
        s
    }

    #[test]
    fn items_follow_collections_and_single_value_wrappers() {
        let schema = schema_with(&[
            ("plain", None, &["name"]),
            ("valued", None, &["value"]),
            ("derivedValued", Some("valued"), &[]),
        ]);
        let q = |n: &str| format!("{DEFAULT_NAMESPACE}.{n}");
        let list = json!({"@odata.context": "x", "value": [{}, {}]});
        assert_eq!(
            items(&schema, &q("plain"), true, &list),
            ["/value/0", "/value/1"]
        );
        assert_eq!(items(&schema, &q("plain"), true, &json!([{}])), ["/0"]);
        assert!(items(&schema, &q("plain"), true, &json!({"value": []})).is_empty());
        let wrapped = json!({"value": {"name": "n"}});
        assert_eq!(items(&schema, &q("plain"), false, &wrapped), ["/value"]);
        // A type with a `value` property of its own: only an object that
        // names the type is taken for a wrapped one.
        assert_eq!(
            items(&schema, &q("valued"), false, &json!({"value": {"a": 1}})),
            [""]
        );
        let named =
            json!({"value": {"@odata.type": "#microsoft.graph.derivedValued", "value": "v"}});
        assert_eq!(items(&schema, &q("valued"), false, &named), ["/value"]);
        assert_eq!(
            items(
                &schema,
                &q("plain"),
                false,
                &json!({"value": {}, "other": 1})
            ),
            [""]
        );
    }

    #[test]
    fn a_list_of_sibling_types_is_read_as_their_common_base() {
        let schema = schema_with(&[
            ("directoryObject", None, &["id"]),
            ("user", Some("directoryObject"), &["mail"]),
            ("group", Some("directoryObject"), &["mailEnabled"]),
            ("unrelated", None, &[]),
        ]);
        let q = |n: &str| format!("{DEFAULT_NAMESPACE}.{n}");
        let list = json!({"value": [
            {"@odata.type": "#microsoft.graph.user"},
            {"@odata.type": "#microsoft.graph.group"},
            {"@odata.type": "#microsoft.graph.unrelated"},
            {"@odata.type": "#microsoft.graph.notDefined"},
            {}
        ]});
        let pointers = items(&schema, &q("user"), true, &list);
        assert_eq!(
            common_base(&schema, q("user"), &list, &pointers),
            q("directoryObject")
        );
        let users = json!([{"@odata.type": "#Microsoft.Graph.User"}]);
        assert_eq!(
            common_base(&schema, q("directoryObject"), &users, &["/0".into()]),
            q("directoryObject")
        );
    }

    fn result(
        sample: usize,
        pointer: &str,
        written: Option<Value>,
        error: Option<(&str, &[&str])>,
    ) -> HarnessResult {
        HarnessResult {
            sample,
            pointer: pointer.into(),
            read_as: Some("microsoft.graph.user".into()),
            written,
            unknown: Vec::new(),
            error: error.map(|(kind, path)| HarnessError {
                kind: kind.into(),
                path: path.iter().map(|s| s.to_string()).collect(),
                message: "expected a boolean, found a string".into(),
            }),
        }
    }

    #[test]
    fn failures_are_classified_counted_and_located() {
        let samples = vec![
            sample(
                "v1.0",
                json!({"value": [{"id": "1"}, {"accountEnabled": "yes"}, {"n": 1.5}]}),
                true,
            ),
            sample("beta", json!({"id": "2"}), false),
            sample("beta", json!("text"), false),
        ];
        let results = vec![
            result(0, "/value/0", Some(json!({"id": "1"})), None),
            result(
                0,
                "/value/1",
                None,
                Some(("WrongType", &["accountEnabled"])),
            ),
            result(0, "/value/2", Some(json!({"n": 2})), None),
            result(1, "", Some(json!({"id": "2"})), None),
            result(2, "", None, Some(("WrongType", &[]))),
        ];
        let j = judge(&samples, &results).unwrap();
        let codes: Vec<(&str, &str, &str)> = j
            .failures
            .iter()
            .map(|f| (f.reason.code(), f.blame.code(), f.pointer.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("wrong_json_type", "docs", "/value/1/accountEnabled"),
                ("value_changed", "graphdoc", "/value/2/n"),
                ("not_an_object", "docs", ""),
            ]
        );
        assert_eq!(j.failures[0].validator.as_deref(), Some("wrong_json_type"));
        assert_eq!(j.failures[1].validator, None);
        let v1 = &j.summaries[0];
        assert_eq!(
            (v1.samples, v1.samples_ok, v1.payloads, v1.payloads_ok),
            (1, 0, 3, 1)
        );
        assert_eq!((v1.docs_failures, v1.graphdoc_failures), (1, 1));
        let beta = &j.summaries[1];
        assert_eq!(
            (
                beta.samples,
                beta.samples_ok,
                beta.payloads,
                beta.payloads_ok
            ),
            (2, 1, 2, 1)
        );
        assert_eq!(j.graphdoc_failures().count(), 1);
        assert!(
            v1.render()
                .contains("1 docs (wrong_json_type 1), 1 graphdoc (value_changed 1)"),
            "{}",
            v1.render()
        );
        assert!(j.failures[0]
            .render()
            .starts_with("v1.0/api/user-get.md:10: roundtrip[wrong_json_type] (docs): "));
    }

    #[test]
    fn a_harness_that_skips_or_invents_payloads_is_an_error() {
        let samples = vec![sample("v1.0", json!({"id": "1"}), false)];
        assert!(judge(&samples, &[]).is_err());
        assert!(judge(&samples, &[result(1, "", Some(json!({})), None)]).is_err());
        assert!(judge(&samples, &[result(0, "/value/0", Some(json!({})), None)]).is_err());
        assert!(judge(&samples, &[result(0, "", None, None)]).is_err());
        let twice = [
            result(0, "", Some(json!({"id": "1"})), None),
            result(0, "", Some(json!({"id": "1"})), None),
        ];
        assert!(judge(&samples, &twice).is_err());
        let empty = vec![sample("v1.0", json!({"value": []}), true)];
        let j = judge(&empty, &[]).unwrap();
        assert_eq!(
            (
                j.summaries[0].samples,
                j.summaries[0].samples_ok,
                j.summaries[0].payloads
            ),
            (1, 1, 0)
        );
    }

    #[test]
    fn a_response_of_the_wrong_shape_is_blamed_on_graphdoc() {
        let e = HarnessError {
            kind: "WrongShape".into(),
            path: Vec::new(),
            message: "expected one `microsoft.graph.user`, found a collection response".into(),
        };
        let (reason, pointer, _) = read_failure("", &e);
        assert_eq!(
            (reason, reason.blame(), pointer.as_str()),
            (Reason::WrongShape, Blame::Graphdoc, "")
        );
        assert_eq!(reason_of("wrong_shape"), Some(Reason::WrongShape));
    }

    #[test]
    fn unknown_error_kinds_are_blamed_on_graphdoc() {
        let e = HarnessError {
            kind: "SomethingNew".into(),
            path: vec!["a/b".into()],
            message: "x\ny".into(),
        };
        let (reason, pointer, message) = read_failure("/value/0", &e);
        assert_eq!(
            (reason.blame(), pointer.as_str(), message.as_str()),
            (Blame::Graphdoc, "/value/0/a~1b", "x y")
        );
        for r in ALL_REASONS {
            assert_eq!(reason_of(r.code()), Some(r));
        }
    }

    #[test]
    fn the_review_sample_is_spread_and_stable() {
        let failures: Vec<Failure> = (0..100)
            .map(|i| Failure {
                version: "v1.0".into(),
                file: format!("f{i:03}.md"),
                line: 1,
                pointer: String::new(),
                type_name: "t".into(),
                reason: Reason::WrongJsonType,
                blame: Blame::Docs,
                message: String::new(),
                validator: None,
            })
            .collect();
        let j = Judgement {
            summaries: Vec::new(),
            failures,
        };
        let picked: Vec<&str> = j
            .review_sample(40)
            .iter()
            .map(|f| f.file.as_str())
            .collect();
        assert_eq!(picked.len(), 40);
        assert_eq!(
            (picked[0], picked[1], picked[39]),
            ("f000.md", "f002.md", "f097.md")
        );
        assert_eq!(j.review_sample(200).len(), 100);
    }
}
