//! Which samples go to the harness, and which objects in each it reads
//! (see the module docs of [`crate::roundtrip`]).

use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::{ReadStatus, VersionReport};
use graphdoc_schema::{Schema, DEFAULT_NAMESPACE};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    /// The page disputes this example's shape (a GD0026 note about it).
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
        if let Some(shared) = schema.common_ancestor(&base, named) {
            base = shared;
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
