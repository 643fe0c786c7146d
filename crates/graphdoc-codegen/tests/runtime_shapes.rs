//! The runtime's response shapes refuse what does not fit them, rather
//! than dropping data or making it up.

#[allow(dead_code, unused_imports)]
#[path = "../runtime/lib.rs"]
mod runtime;

use runtime::*;
use serde_json::json;

struct DeleteUser;

impl Operation for DeleteUser {
    const TITLE: &'static str = "Delete a user";
    const METHOD: Method = Method::Delete;
    const PATH: &'static str = "/users/{id}";
    const PATHS: &'static [&'static str] = &["/users/{id}"];
    type Request = NoBody;
    type Response = NoBody;
}

#[test]
fn no_body_refuses_a_body_and_names_the_operation() {
    assert_eq!(NoBody::from_json(json!(null)), Ok(NoBody));
    for body in [
        json!({}),
        json!({"id": "1"}),
        json!([]),
        json!("text"),
        json!(0),
    ] {
        assert!(NoBody::from_json(body.clone()).is_err(), "{body}");
        assert!(
            serde_json::from_value::<NoBody>(body.clone()).is_err(),
            "{body}"
        );
    }
    assert_eq!(read_response::<DeleteUser>(b""), Ok(NoBody));
    assert_eq!(read_response::<DeleteUser>(b" \n"), Ok(NoBody));
    let refused = read_response::<DeleteUser>(br#"{"id": "1"}"#).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Delete a user: expected no body, found an object"
    );
    let garbled = read_response::<DeleteUser>(b"<html>").unwrap_err();
    assert!(
        garbled
            .to_string()
            .starts_with("Delete a user: the body is not JSON"),
        "{garbled}"
    );
}

struct ListCounts;

impl Operation for ListCounts {
    const TITLE: &'static str = "List counts";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/counts";
    const PATHS: &'static [&'static str] = &["/counts"];
    type Request = NoBody;
    type Response = Page<i32>;
}

#[test]
fn a_refused_value_keeps_its_path_when_named_by_the_operation() {
    let refused = read_response::<ListCounts>(br#"{"value": [1, "two"]}"#).unwrap_err();
    assert_eq!(
        (refused.segments(), refused.kind(), refused.message()),
        (
            &["value".to_string(), "1".to_string()][..],
            ErrorKind::WrongType,
            "List counts: expected an integer, found a string"
        )
    );
}

#[test]
fn a_page_refuses_an_object_without_value() {
    let one = json!({"@odata.context": "c", "id": "1", "displayName": "Sara"});
    let refused = Page::<serde_json::Value>::from_json(one.clone()).unwrap_err();
    assert!(refused.to_string().contains("without `value`"), "{refused}");
    assert_eq!(refused.kind(), ErrorKind::WrongShape);
    assert!(serde_json::from_value::<Page<serde_json::Value>>(one).is_err());
    // An empty page is a page.
    let empty = Page::<i32>::from_json(json!({"value": []})).unwrap();
    assert!(empty.value.is_empty());
    assert_eq!(empty.to_json(), json!({"value": []}));
    assert!(serde_json::from_value::<Page<i32>>(json!({"value": []})).is_ok());
}

#[test]
fn value_of_reads_a_wrapped_result_and_refuses_a_bare_one() {
    let read = ValueOf::<bool>::from_json(json!({"@odata.context": "c", "value": true})).unwrap();
    assert!(read.value);
    assert_eq!(
        read.to_json(),
        json!({"value": true, "@odata.context": "c"})
    );
    let texts: ValueOf<Vec<String>> = serde_json::from_value(json!({"value": ["a", "b"]})).unwrap();
    assert_eq!(texts.value, ["a", "b"]);
    assert!(ValueOf::<bool>::from_json(json!(true)).is_err());
    assert!(ValueOf::<bool>::from_json(json!({"enabled": true})).is_err());
    let wrong = ValueOf::<bool>::from_json(json!({"value": "yes"})).unwrap_err();
    assert_eq!(wrong.path(), "value");
}

#[test]
fn a_download_is_bytes_not_json() {
    assert_eq!(
        Download::from_bytes(b"%PDF-1.7"),
        Download(b"%PDF-1.7".to_vec())
    );
    // A 302 answer has no body.
    assert_eq!(Download::from_json(json!(null)), Ok(Download::default()));
    assert!(Download::from_json(json!({"id": "1"})).is_err());
}
