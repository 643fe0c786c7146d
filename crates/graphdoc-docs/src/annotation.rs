//! What an annotation comment (`<!-- { "blockType": … } -->`) says, read the
//! same way by the front-end, the samples validator and the linter.

use serde_json::Value;

/// The type an annotation names: `"@odata.type"`, or the older `"@type"`
/// that some pages write. A blank name names nothing.
pub fn type_name(annotation: &Value) -> Option<&str> {
    ["@odata.type", "@type"]
        .iter()
        .filter_map(|key| annotation.get(key)?.as_str())
        .find(|name| !name.trim().is_empty())
}

/// An annotation flag: `true`, or the string `"true"` (in any case) that
/// some pages write.
pub fn flag(annotation: &Value, key: &str) -> bool {
    annotation.get(key).is_some_and(|v| match v {
        Value::Bool(b) => *b,
        Value::String(s) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn type_key_and_its_older_spelling() {
        assert_eq!(
            type_name(&json!({"@odata.type": "microsoft.graph.user"})),
            Some("microsoft.graph.user")
        );
        assert_eq!(
            type_name(&json!({"@type": "microsoft.graph.root"})),
            Some("microsoft.graph.root")
        );
        // A blank or non-string `@odata.type` gives way to `@type`.
        assert_eq!(
            type_name(&json!({"@odata.type": " ", "@type": "x"})),
            Some("x")
        );
        assert_eq!(
            type_name(&json!({"@odata.type": null, "@type": "x"})),
            Some("x")
        );
        assert_eq!(type_name(&json!({"@odata.type": ""})), None);
        assert_eq!(type_name(&json!({"blockType": "resource"})), None);
    }

    #[test]
    fn flags_written_as_booleans_or_strings() {
        for yes in [json!(true), json!("true"), json!("True"), json!(" true ")] {
            assert!(flag(&json!({"isCollection": yes}), "isCollection"), "{yes}");
        }
        for no in [
            json!(false),
            json!("false"),
            json!("yes"),
            json!(1),
            json!(null),
        ] {
            assert!(!flag(&json!({"isCollection": no}), "isCollection"), "{no}");
        }
        assert!(!flag(&json!({}), "isCollection"));
    }
}
