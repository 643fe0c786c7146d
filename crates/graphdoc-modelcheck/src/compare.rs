//! Semantic JSON equality for the round trip.
//!
//! Two values are equal when:
//! * objects have the same keys with equal values; key order is ignored
//!   (the model writes annotations first, then properties in schema order,
//!   then unknown properties, which need not be the sample's order);
//! * arrays have the same length and equal items in the same order;
//! * numbers are equal as numbers: `1`, `1.0` and `1e0` are one value
//!   (integers are compared exactly, others as `f64`);
//! * strings are equal byte for byte, so timestamps, dates, GUIDs and
//!   durations are compared as text (`.2481234-08:00` must come back as
//!   written, not normalized);
//! * a string never equals a number, even when it holds one (`"5"` vs `5`).

use serde_json::{Number, Value};

/// How the written JSON differs from the original at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DifferenceKind {
    /// A key of the original is missing from what was written.
    Dropped,
    /// What was written has a key the original does not.
    Added,
    /// Another JSON type (a string became a number).
    TypeChanged,
    /// Same JSON type, another value (or another array length).
    ValueChanged,
}

/// The first place where two values differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// JSON pointer into the original.
    pub pointer: String,
    /// What differs there.
    pub kind: DifferenceKind,
    /// The original value there; `None` when only the written side has it.
    pub original: Option<Value>,
    /// The written value there; `None` when it was dropped.
    pub written: Option<Value>,
}

impl Difference {
    /// One line: what changed, with short excerpts of both sides.
    pub fn describe(&self) -> String {
        let show = |v: &Option<Value>| match v {
            Some(v) => excerpt(v),
            None => "(absent)".to_string(),
        };
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        match self.kind {
            DifferenceKind::Dropped => {
                format!("{at} was dropped (was {})", show(&self.original))
            }
            DifferenceKind::Added => format!("{at} was added ({})", show(&self.written)),
            DifferenceKind::TypeChanged | DifferenceKind::ValueChanged => format!(
                "{at} changed from {} to {}",
                show(&self.original),
                show(&self.written)
            ),
        }
    }
}

/// A value's JSON text, cut to about 80 characters.
pub fn excerpt(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() <= 80 {
        return text;
    }
    let cut: String = text.chars().take(77).collect();
    format!("{cut}...")
}

/// `None` when `original` and `written` are equal in the sense of the
/// module docs; else the first difference in document order.
pub fn first_difference(original: &Value, written: &Value) -> Option<Difference> {
    let mut pointer = String::new();
    diff(original, written, &mut pointer)
}

fn diff(a: &Value, b: &Value, pointer: &mut String) -> Option<Difference> {
    let changed = |pointer: &str, kind| {
        Some(Difference {
            pointer: pointer.to_string(),
            kind,
            original: Some(a.clone()),
            written: Some(b.clone()),
        })
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, va) in x {
                let len = pointer.len();
                push_segment(pointer, key);
                let found = match y.get(key) {
                    Some(vb) => diff(va, vb, pointer),
                    None => Some(Difference {
                        pointer: pointer.clone(),
                        kind: DifferenceKind::Dropped,
                        original: Some(va.clone()),
                        written: None,
                    }),
                };
                pointer.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            let (key, vb) = y.iter().find(|(k, _)| !x.contains_key(*k))?;
            let len = pointer.len();
            push_segment(pointer, key);
            let added = Difference {
                pointer: pointer.clone(),
                kind: DifferenceKind::Added,
                original: None,
                written: Some(vb.clone()),
            };
            pointer.truncate(len);
            Some(added)
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                let found = diff(va, vb, pointer);
                pointer.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            if x.len() == y.len() {
                None
            } else {
                changed(pointer, DifferenceKind::ValueChanged)
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            if numbers_equal(x, y) {
                None
            } else {
                changed(pointer, DifferenceKind::ValueChanged)
            }
        }
        (Value::String(x), Value::String(y)) if x == y => None,
        (Value::Bool(x), Value::Bool(y)) if x == y => None,
        (Value::Null, Value::Null) => None,
        (Value::String(_), Value::String(_)) | (Value::Bool(_), Value::Bool(_)) => {
            changed(pointer, DifferenceKind::ValueChanged)
        }
        _ => changed(pointer, DifferenceKind::TypeChanged),
    }
}

/// A JSON pointer segment (RFC 6901 escapes).
fn push_segment(pointer: &mut String, key: &str) {
    pointer.push('/');
    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
}

fn numbers_equal(x: &Number, y: &Number) -> bool {
    if let (Some(a), Some(b)) = (x.as_i64(), y.as_i64()) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (x.as_u64(), y.as_u64()) {
        return a == b;
    }
    match (x.as_f64(), y.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_is_ignored_and_numbers_compare_as_numbers() {
        let a = json!({"a": 1, "b": [1.0, "x"], "c": {"d": null, "e": 1e2}});
        let b = json!({"c": {"e": 100, "d": null}, "b": [1, "x"], "a": 1.0});
        assert_eq!(first_difference(&a, &b), None);
        assert_eq!(
            first_difference(&json!(9007199254740993_i64), &json!(9007199254740992_i64))
                .map(|d| d.kind),
            Some(DifferenceKind::ValueChanged),
            "large integers are compared exactly, not through f64"
        );
    }

    #[test]
    fn timestamps_compare_as_text_and_strings_never_equal_numbers() {
        let d = first_difference(
            &json!({"t": "2016-12-31T23:57:57.2481234-08:00"}),
            &json!({"t": "2016-12-31T23:57:57.248123400-08:00"}),
        )
        .unwrap();
        assert_eq!(
            (d.pointer.as_str(), d.kind),
            ("/t", DifferenceKind::ValueChanged)
        );
        let d = first_difference(&json!({"n": "5"}), &json!({"n": 5})).unwrap();
        assert_eq!(d.kind, DifferenceKind::TypeChanged);
        assert_eq!(d.describe(), "/n changed from \"5\" to 5");
    }

    #[test]
    fn dropped_added_and_reordered_items_are_found_with_their_pointer() {
        let d = first_difference(&json!({"a/b": {"x~": 1}}), &json!({"a/b": {}})).unwrap();
        assert_eq!(
            (d.pointer.as_str(), d.kind),
            ("/a~1b/x~0", DifferenceKind::Dropped)
        );
        assert_eq!(d.describe(), "/a~1b/x~0 was dropped (was 1)");
        let d = first_difference(&json!({}), &json!({"z": true})).unwrap();
        assert_eq!((d.pointer.as_str(), d.kind), ("/z", DifferenceKind::Added));
        let d = first_difference(&json!([1, 2]), &json!([2, 1])).unwrap();
        assert_eq!(d.pointer, "/0");
        let d = first_difference(&json!([1, 2]), &json!([1])).unwrap();
        assert_eq!(
            (d.pointer.as_str(), d.kind),
            ("", DifferenceKind::ValueChanged)
        );
        assert_eq!(
            first_difference(&json!(null), &json!(false)).unwrap().kind,
            DifferenceKind::TypeChanged
        );
    }

    #[test]
    fn excerpts_are_cut() {
        let long = json!("x".repeat(200));
        assert_eq!(excerpt(&long).chars().count(), 80);
        assert!(excerpt(&long).ends_with("..."));
    }
}
