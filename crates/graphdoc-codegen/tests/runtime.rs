//! The runtime copied into generated crates, tested directly.

#[allow(dead_code, unused_imports)]
#[path = "../runtime/lib.rs"]
mod runtime;

use runtime::*;
use serde_json::json;

#[test]
fn date_time_offsets_keep_their_text_and_give_their_parts() {
    for text in [
        "2016-12-31T23:57:57.2481234-08:00",
        "2017-01-01T00:00:00Z",
        "2020-02-29T12:30:00.1+05:30",
        "2019-05-06T07:08:09",
    ] {
        let t = DateTimeOffset::new(text).unwrap();
        assert_eq!(t.as_str(), text);
        assert_eq!(DateTimeOffset::from_json(t.to_json()).unwrap(), t);
    }
    let t = DateTimeOffset::new("2020-02-29T12:30:00.1+05:30").unwrap();
    assert_eq!(
        (t.year(), t.month(), t.day(), t.hour(), t.minute()),
        (2020, 2, 29, 12, 30)
    );
    assert_eq!(
        (t.nanosecond(), t.offset_minutes()),
        (100_000_000, Some(330))
    );
    assert_eq!(
        DateTimeOffset::new("1970-01-01T00:00:00Z")
            .unwrap()
            .unix_timestamp(),
        0
    );
    assert_eq!(
        DateTimeOffset::new("1969-12-31T16:00:00-08:00")
            .unwrap()
            .unix_timestamp(),
        0
    );
    assert_eq!(
        DateTimeOffset::new("2019-05-06T07:08:09")
            .unwrap()
            .offset_minutes(),
        None
    );
    for bad in [
        "",
        "2016-13-01T00:00:00Z",
        "2016-12-31 23:57:57Z",
        "2016-12-31T25:00:00Z",
        "2016-12-31T23:57:57.Z",
        "2016-12-31T23:57:57+8",
    ] {
        assert!(DateTimeOffset::new(bad).is_err(), "{bad}");
    }
}

#[test]
fn durations_dates_times_guids_and_base64() {
    assert_eq!(
        Duration::new("PT1H30M").unwrap().to_std(),
        Some(std::time::Duration::from_secs(5400))
    );
    assert_eq!(
        Duration::new("P1DT0.5S").unwrap().as_seconds_f64(),
        Some(86_400.5)
    );
    assert_eq!(Duration::new("-PT2S").unwrap().as_seconds_f64(), Some(-2.0));
    assert_eq!(Duration::new("-PT2S").unwrap().to_std(), None);
    assert_eq!(Duration::new("P1Y").unwrap().as_seconds_f64(), None);
    for bad in ["", "P", "PT", "1H", "PT1.5H", "P1S", "PT1M1H"] {
        assert!(Duration::new(bad).is_err(), "{bad}");
    }
    assert_eq!(Date::new("2017-09-04").unwrap().day(), 4);
    assert!(Date::new("2017-9-4").is_err());
    assert_eq!(TimeOfDay::new("11:00:00.0000000").unwrap().hour(), 11);
    assert!(TimeOfDay::new("24:00:00").is_err());
    let g = Guid::new("9CEB2F92-2F92-9CEB-922F-EB9C922FEB9C").unwrap();
    assert_eq!(g.as_str(), "9CEB2F92-2F92-9CEB-922F-EB9C922FEB9C");
    assert_eq!(
        Guid::from_u128(g.to_u128()).as_str(),
        "9ceb2f92-2f92-9ceb-922f-eb9c922feb9c"
    );
    assert!(Guid::new("9ceb2f92-2f92-9ceb-922f-eb9c922feb9").is_err());
    for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"\xff\x00\x80"] {
        assert_eq!(Base64::encode(bytes).decode().unwrap(), bytes);
    }
    assert_eq!(Base64::encode(b"hello").as_str(), "aGVsbG8=");
    assert!(Base64::new("a*b").is_err());
}

#[test]
fn numbers_and_fields() {
    assert_eq!(
        i64::from_json(json!("9007199254740993")).unwrap(),
        9_007_199_254_740_993
    );
    assert!(i32::from_json(json!(1u64 << 40)).is_err());
    assert!(u8::from_json(json!(-1)).is_err());
    assert!(f64::from_json(json!("NaN")).unwrap().is_nan());
    assert_eq!(f64::INFINITY.to_json(), json!("INF"));
    assert_eq!(0.1f32.to_json(), json!(0.1));
    assert_eq!(f32::NEG_INFINITY.to_json(), json!("-INF"));
    let mut f: Field<String> = Field::Absent;
    assert_eq!((&f as &dyn FieldValue).to_json(), None);
    (&mut f as &mut dyn FieldValue)
        .set_json(json!(null))
        .unwrap();
    assert!(f.is_null());
    assert_eq!((&f as &dyn FieldValue).to_json(), Some(json!(null)));
    (&mut f as &mut dyn FieldValue)
        .set_json(json!("x"))
        .unwrap();
    assert_eq!(f.value().map(String::as_str), Some("x"));
    let err = Vec::<bool>::from_json(json!([true, 1])).unwrap_err();
    assert_eq!(err.path(), "1");
}

struct Given(&'static [(&'static str, &'static str)]);

impl PathParams for Given {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

#[test]
fn the_path_taking_the_given_parameters_is_filled() {
    let templates = [
        "/me/messages/{message-id}",
        "/users/{user-id}/messages/{message-id}",
        "/users/{user-id}/mailFolders/{mailFolder-id}/messages/{message-id}",
    ];
    let one = Given(&[("message-id", "m 1")]);
    assert_eq!(
        expand_paths(&templates, &one).unwrap(),
        "/me/messages/m%201"
    );
    let two = Given(&[("message-id", "m"), ("user-id", "u")]);
    assert_eq!(
        expand_paths(&templates, &two).unwrap(),
        "/users/u/messages/m"
    );
    let three = Given(&[
        ("message-id", "m"),
        ("user-id", "u"),
        ("mailFolder-id", "f"),
    ]);
    assert_eq!(
        expand_paths(&templates, &three).unwrap(),
        "/users/u/mailFolders/f/messages/m"
    );
    let err = expand_paths(&templates, &Given(&[("user-id", "u")])).unwrap_err();
    assert!(
        err.to_string().contains("no path of the operation"),
        "{err}"
    );
}

#[test]
fn paths_and_pages() {
    assert_eq!(
        expand_path("/users/{id}/x", &[("id", "a/b c")]).unwrap(),
        "/users/a%2Fb%20c/x"
    );
    assert!(expand_path("/users/{id}", &[]).is_err());
    assert!(expand_path("/users/{id", &[("id", "x")]).is_err());
    let page = Page::<i32>::from_json(json!({"value": [1, 2], "@odata.nextLink": "n"})).unwrap();
    assert_eq!(
        (page.value.as_slice(), page.next_link()),
        (&[1, 2][..], Some("n"))
    );
    assert_eq!(
        page.to_json(),
        json!({"value": [1, 2], "@odata.nextLink": "n"})
    );
}

#[test]
fn errors_say_why_a_value_was_refused() {
    let kind = |r: Result<(), Error>| r.unwrap_err().kind();
    assert_eq!(
        kind(bool::from_json(json!("true")).map(drop)),
        ErrorKind::WrongType
    );
    assert_eq!(
        kind(i32::from_json(json!(1.5)).map(drop)),
        ErrorKind::Invalid
    );
    assert_eq!(
        kind(i64::from_json(json!("twelve")).map(drop)),
        ErrorKind::Invalid
    );
    // Only Int64 may come as a string (IEEE754Compatible), and a Double
    // only as NaN or an infinity.
    assert_eq!(
        kind(i32::from_json(json!("12")).map(drop)),
        ErrorKind::WrongType
    );
    assert_eq!(
        kind(f64::from_json(json!("0.5")).map(drop)),
        ErrorKind::WrongType
    );
    assert_eq!(
        kind(i16::from_json(json!(40_000)).map(drop)),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        kind(i64::from_json(json!("99999999999999999999")).map(drop)),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        kind(i64::from_json(json!(u64::MAX)).map(drop)),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        kind(DateTimeOffset::from_json(json!("yesterday")).map(drop)),
        ErrorKind::Invalid
    );
    assert_eq!(
        kind(Guid::from_json(json!(12)).map(drop)),
        ErrorKind::WrongType
    );
    assert_eq!(
        kind(parse_from_json::<std::net::Ipv4Addr>(json!("red,green")).map(drop)),
        ErrorKind::NotAMember
    );
    let nested = Vec::<bool>::from_json(json!([true, "no"])).unwrap_err();
    assert_eq!(
        (nested.kind(), nested.path()),
        (ErrorKind::WrongType, "1".into())
    );
}

/// A hand-written struct using `Field` the way the docs advise.
#[derive(serde::Serialize, serde::Deserialize, Default, Debug, PartialEq)]
struct Patch {
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    name: Field<String>,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    count: Field<i32>,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    when: Field<Date>,
}

#[test]
fn fields_in_hand_written_structs_keep_absent_null_and_set_apart() {
    let patch = Patch {
        name: Field::Value("x".into()),
        count: Field::Null,
        when: Field::Absent,
    };
    let text = serde_json::to_string(&patch).unwrap();
    assert_eq!(text, r#"{"name":"x","count":null}"#);
    assert_eq!(serde_json::from_str::<Patch>(&text).unwrap(), patch);
    let dated: Patch = serde_json::from_str(r#"{"when":"2017-09-04"}"#).unwrap();
    assert_eq!(dated.when.value().map(Date::month), Some(9));
    assert!(dated.name.is_absent() && dated.count.is_absent());
    assert!(serde_json::from_str::<Patch>(r#"{"when":"September"}"#).is_err());
}

#[test]
fn pages_and_no_body_work_with_serde_json() {
    let text = r#"{"@odata.context":"c","value":[{"name":"a"},{"count":2}],"@odata.nextLink":"n"}"#;
    let page: Page<Patch> = serde_json::from_str(text).unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.value[1].count, Field::Value(2));
    assert_eq!(page.next_link(), Some("n"));
    assert_eq!(
        serde_json::to_string(&page).unwrap(),
        r#"{"value":[{"name":"a"},{"count":2}],"@odata.context":"c","@odata.nextLink":"n"}"#
    );
    assert!(serde_json::from_str::<Page<Patch>>(r#"{"value":[{"count":"x"}]}"#).is_err());
    assert_eq!(serde_json::to_string(&NoBody).unwrap(), "null");
    // A body where none is expected is refused, not dropped
    // (runtime_shapes.rs).
    assert!(serde_json::from_str::<NoBody>(r#"{"a":[1]}"#).is_err());
    assert_eq!(serde_json::from_str::<NoBody>("null").unwrap(), NoBody);
}

#[test]
fn odata_errors_read_every_part_and_keep_the_rest() {
    let text = r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.","details":[{"code":"d","message":"m","target":"t","extra":1}],"innerError":{"date":"2023-03-13T17:48:59","request-id":"r-1","client-request-id":"c-1","innerError":{"code":"deeper"}},"future":true},"beside":2}"#;
    let error: ODataError = serde_json::from_str(text).unwrap();
    assert_eq!(error.code, "Request_ResourceNotFound");
    assert_eq!(
        error.to_string(),
        "Request_ResourceNotFound: Resource 'x' does not exist."
    );
    assert_eq!(error.request_id(), Some("r-1"));
    let inner = error.inner_error.as_ref().unwrap();
    assert_eq!(inner.client_request_id.as_deref(), Some("c-1"));
    assert_eq!(inner.date.as_deref(), Some("2023-03-13T17:48:59"));
    assert_eq!(
        inner.additional_properties["innerError"],
        json!({"code": "deeper"})
    );
    assert_eq!(error.details[0].target.as_deref(), Some("t"));
    assert_eq!(error.details[0].additional_properties["extra"], 1);
    assert_eq!(error.additional_properties["future"], true);
    assert_eq!(error.envelope_properties["beside"], 2);
    let boxed: Box<dyn std::error::Error> = Box::new(error.clone());
    assert!(boxed.to_string().starts_with("Request_ResourceNotFound: "));
    let written: serde_json::Value = serde_json::to_value(&error).unwrap();
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(written, original);
    assert!(serde_json::from_str::<ODataError>(r#"{"error":{"code":1}}"#).is_err());
    assert!(serde_json::from_str::<ODataError>("[1]").is_err());
    let bare: ODataError = serde_json::from_str(r#"{"code":"c","message":"m"}"#).unwrap();
    assert_eq!(bare.to_string(), "c: m");
}

/// A parameter value cannot address another resource than its template
/// does: `..` and `.` (which URL libraries resolve, `%2E%2E` too) are
/// refused as a whole segment, and a `'` inside a quoted key is doubled
/// (OData's escape: the service decodes `%27` back to `'`).
#[test]
fn a_path_parameter_stays_inside_its_segment_or_string() {
    for dots in ["..", "."] {
        let err = expand_path("/users/{id}/messages", &[("id", dots)]).unwrap_err();
        assert!(err.to_string().contains("{id}"), "{err}");
        assert!(expand_path("/users/{id}", &[("id", dots)]).is_err());
    }
    assert!(expand_path("/users/{id}", &[("id", "")]).is_err());
    // Dots within a value are fine.
    assert_eq!(
        expand_path("/users/{id}", &[("id", "a..b")]).unwrap(),
        "/users/a..b"
    );
    assert_eq!(
        expand_path("/reports/getX(period='{p}')", &[("p", "D7')/y('z")]).unwrap(),
        "/reports/getX(period='D7%27%27%29%2Fy%28%27%27z')"
    );
    assert_eq!(
        expand_path("/items/{id}", &[("id", "it's")]).unwrap(),
        "/items/it%27s"
    );
}

/// A type description with `names` as its fields, laid out by the generator.
fn desc_of(names: &[String]) -> TypeDesc {
    let fields: Vec<&'static str> = names
        .iter()
        .map(|n| &*Box::leak(n.clone().into_boxed_str()))
        .collect();
    let (seed, slots) = graphdoc_codegen::field_slots(&fields);
    let half_full = slots.len() >= 2 * fields.len() && slots.len().is_power_of_two();
    assert!(fields.is_empty() || half_full, "{} slots", slots.len());
    TypeDesc {
        name: "microsoft.graph.test",
        ancestors: &[],
        fields: Box::leak(fields.into_boxed_slice()),
        seed,
        slots: Box::leak(slots.into_boxed_slice()),
        is_abstract: false,
        derived: &[],
        make: || unreachable!("not made in this test"),
    }
}

#[test]
fn every_property_is_found_by_its_name_and_no_other_name_finds_one() {
    // Names that share lengths, prefixes and the 8-byte words the hash
    // takes them by, in tables of every size up to past the u8 range.
    for count in [0, 1, 2, 3, 7, 8, 9, 31, 72, 114, 300] {
        let names: Vec<String> = (0..count)
            .map(|i| match i % 3 {
                0 => format!("property{i}"),
                1 => format!("propertyNameLongerThanSixteen{i}"),
                _ => format!("p{i}"),
            })
            .collect();
        let desc = desc_of(&names);
        for (i, name) in names.iter().enumerate() {
            assert_eq!(desc.field_index(name), Some(i), "{name} of {count}");
        }
        for other in ["", "property", "propertyX", "p", "P0", "property0 ", "id"] {
            assert_eq!(desc.field_index(other), None, "{other:?} of {count}");
        }
    }
}

#[test]
fn scalars_written_straight_to_the_serializer_keep_odata_spellings() {
    // Array items and object entries of scalars skip the `Sink`: the
    // infinities and NaN are still OData's strings, an f32 its short text.
    let doubles = vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5];
    assert_eq!(doubles.to_json(), json!(["NaN", "INF", "-INF", 1.5]));
    assert_eq!(vec![0.1f32].to_json(), json!([0.1]));
    assert_eq!(vec![1i32, -7].to_json(), json!([1, -7]));
    assert_eq!(vec![true, false].to_json(), json!([true, false]));
    let guid = Guid::new("9ceb2f92-2f92-9ceb-922f-eb9c922feb9c").unwrap();
    assert_eq!(
        vec![guid.clone(), guid].to_json(),
        json!([
            "9ceb2f92-2f92-9ceb-922f-eb9c922feb9c",
            "9ceb2f92-2f92-9ceb-922f-eb9c922feb9c"
        ])
    );
}

#[test]
fn entries_and_items_of_every_kind_go_straight_to_the_serializer() {
    // Each kind of entry and item takes its own `MapWriter`/`SeqWriter`
    // method (nested arrays as the serializer's own sequences): the same
    // JSON through a writer of text and one of `Value`.
    let check = |text: &str| {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let read = ValueOf::<Vec<Vec<f64>>>::from_json(value.clone()).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
        assert_eq!(serde_json::to_value(&read).unwrap(), value);
        assert_eq!(read.to_json(), value);
    };
    check(r#"{"value":[[1.5,"NaN"],[],["INF","-INF"]],"@odata.count":3}"#);
    let nested = ValueOf {
        value: vec![vec![String::from("a\"b")], Vec::new()],
        additional_properties: JsonMap::new(),
    };
    assert_eq!(
        serde_json::to_string(&nested).unwrap(),
        r#"{"value":[["a\"b"],[]]}"#
    );
    let flags = ValueOf {
        value: vec![true, false],
        additional_properties: JsonMap::new(),
    };
    assert_eq!(flags.to_json(), json!({"value": [true, false]}));
    let count = ValueOf {
        value: -7i64,
        additional_properties: JsonMap::new(),
    };
    assert_eq!(serde_json::to_string(&count).unwrap(), r#"{"value":-7}"#);
    let nan = ValueOf {
        value: f64::NAN,
        additional_properties: JsonMap::new(),
    };
    assert_eq!(serde_json::to_string(&nan).unwrap(), r#"{"value":"NaN"}"#);
}
