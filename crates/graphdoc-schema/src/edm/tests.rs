use super::formats::*;
use super::placeholder::{read, Placeholder};
use super::*;

/// Every spelling the docs use, and what it names.
#[test]
fn every_spelling_names_its_type() {
    let table: [(&str, &str, bool); 32] = [
        ("String", "Edm.String", false),
        ("Boolean", "Edm.Boolean", false),
        ("Int32", "Edm.Int32", false),
        ("Int64", "Edm.Int64", false),
        ("Int16", "Edm.Int16", false),
        ("Double", "Edm.Double", false),
        ("Single", "Edm.Single", false),
        ("Decimal", "Edm.Decimal", false),
        ("DateTimeOffset", "Edm.DateTimeOffset", false),
        ("Date", "Edm.Date", false),
        ("TimeOfDay", "Edm.TimeOfDay", false),
        ("Duration", "Edm.Duration", false),
        ("Guid", "Edm.Guid", false),
        ("Binary", "Edm.Binary", false),
        ("Stream", "Edm.Stream", false),
        ("Byte", "Edm.Byte", false),
        ("SByte", "Edm.SByte", false),
        ("Untyped", "Edm.Untyped", false),
        ("bool", "Edm.Boolean", true),
        ("int", "Edm.Int32", true),
        ("integer", "Edm.Int32", true),
        ("long", "Edm.Int64", true),
        ("float", "Edm.Single", true),
        ("number", "Edm.Double", true),
        ("datetime", "Edm.DateTimeOffset", true),
        ("timestamp", "Edm.DateTimeOffset", true),
        ("uuid", "Edm.Guid", true),
        ("url", "Edm.String", true),
        ("uri", "Edm.String", true),
        ("timespan", "Edm.Duration", true),
        (" Edm.Int32 ", "Edm.Int32", false),
        ("edm.datetime", "Edm.DateTimeOffset", true),
    ];
    for (word, edm, alias) in table {
        assert_eq!(primitive(word), Some((edm, alias)), "{word}");
        assert_eq!(
            primitive(&word.to_ascii_uppercase()),
            Some((edm, alias)),
            "{word} in upper case"
        );
        assert!(is_primitive(edm), "{edm}");
    }
    // Every primitive is reached by its own name.
    for edm in PRIMITIVES {
        assert_eq!(primitive(edm), Some((edm, false)));
        assert_eq!(primitive(&edm[4..]), Some((edm, false)));
    }
    for not in [
        "",
        "Edm.",
        "user",
        "Int8",
        "Int128",
        "Collection(Int32)",
        "stringy",
    ] {
        assert_eq!(primitive(not), None, "{not}");
    }
}

#[test]
fn numeric_and_string_classes() {
    for edm in PRIMITIVES {
        let integer = [
            "Edm.Byte",
            "Edm.SByte",
            "Edm.Int16",
            "Edm.Int32",
            "Edm.Int64",
        ]
        .contains(&edm);
        let real = ["Edm.Single", "Edm.Double", "Edm.Decimal"].contains(&edm);
        assert_eq!(is_integer(edm), integer, "{edm}");
        assert_eq!(is_numeric(edm), integer || real, "{edm}");
        let string = !integer && !real && !matches!(edm, "Edm.Boolean" | "Edm.Untyped");
        assert_eq!(is_string_valued(edm), string, "{edm}");
        assert_eq!(
            Format::of(edm).is_some(),
            string && !matches!(edm, "Edm.String" | "Edm.Stream")
        );
    }
}

#[test]
fn placeholders() {
    let p = Placeholder::Primitive;
    for (text, want) in [
        ("String", Some(Placeholder::AnyString)),
        ("string (url)", Some(Placeholder::AnyString)),
        ("String (timestamp)", Some(p("Edm.DateTimeOffset"))),
        ("String (ISO 8601 DateTime)", Some(p("Edm.DateTimeOffset"))),
        ("String (date)", Some(p("Edm.Date"))),
        ("String (duration)", Some(p("Edm.Duration"))),
        ("String (ISO 8601 duration)", Some(p("Edm.Duration"))),
        ("String (durations)", Some(Placeholder::AnyString)),
        ("String (time of day)", Some(p("Edm.TimeOfDay"))),
        ("String (GUID)", Some(p("Edm.Guid"))),
        ("String (base64)", Some(p("Edm.Binary"))),
        ("Integer", Some(Placeholder::AnyInteger)),
        ("long", Some(Placeholder::AnyInteger)),
        ("Float", Some(Placeholder::AnyNumber)),
        ("Int32", Some(p("Edm.Int32"))),
        ("Edm.SByte", Some(p("Edm.SByte"))),
        ("bool", Some(p("Edm.Boolean"))),
        ("datetime", Some(p("Edm.DateTimeOffset"))),
        ("timespan", Some(p("Edm.Duration"))),
        ("Url", Some(Placeholder::AnyString)),
        (
            "microsoft.graph.identitySet",
            Some(Placeholder::Named("microsoft.graph.identitySet")),
        ),
        (
            "@odata.type: microsoft.graph.alertSeverity",
            Some(Placeholder::Named("microsoft.graph.alertSeverity")),
        ),
        (
            "Collection(microsoft.graph.x)",
            Some(Placeholder::Named("Collection(microsoft.graph.x)")),
        ),
        ("Manager", None),
        ("John Doe", None),
        ("", None),
    ] {
        assert_eq!(read(text), want, "{text}");
    }
}

#[test]
fn dates_count_leap_years() {
    for ok in [
        "2019-07-31",
        "2024-02-29",
        "2000-02-29",
        "0001-01-01",
        "9999-12-31",
    ] {
        assert!(is_date(ok), "{ok}");
    }
    for bad in [
        "2019-7-31",
        "2023-02-29",
        "2100-02-29",
        "2019-04-31",
        "2019-00-10",
        "2019-13-10",
        "2019-01-00",
        "20190131",
        "+2019-01-31",
        "String (date)",
        "",
    ] {
        assert!(!is_date(bad), "{bad}");
    }
    assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
}

#[test]
fn times_of_day() {
    assert_eq!(parse_time("08:00"), Some((8, 0, 0, 0)));
    assert_eq!(parse_time("23:59:60.5"), Some((23, 59, 60, 500_000_000)));
    assert_eq!(
        parse_time("11:00:00.1234567891"),
        Some((11, 0, 0, 123_456_789))
    );
    for bad in [
        "8:00",
        "24:00:00",
        "12:60",
        "12:00:61",
        "12:00.5",
        "12:00:00.",
        "12:00:00,5",
    ] {
        assert!(!is_time_of_day(bad), "{bad}");
    }
}

#[test]
fn date_times_need_upper_case_separators() {
    for ok in [
        "2017-01-01T00:01:27.2282595+03:00",
        "2016-12-31T23:56:56Z",
        "2020-02-29T10:00:00",
        "2020-01-01T10:00Z",
        "2020-01-01T10:00:00-23:59",
    ] {
        assert!(is_date_time_offset(ok), "{ok}");
    }
    for bad in [
        "2017-01-01",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00z",
        "2024-01-01 00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2017-01-01T25:00:00Z",
        "2017-01-01T00:00:00+0300",
        "2017-01-01T00:00:00+24:00",
        "2017-01-01T00:00:00+3",
        "datetime-value",
        "",
    ] {
        assert!(!is_date_time_offset(bad), "{bad}");
    }
    let parts = parse_date_time("2020-02-29T12:30:00.1+05:30").unwrap();
    assert_eq!(parts.offset_minutes, Some(330));
    assert_eq!(parts.time, (12, 30, 0, 100_000_000));
}

#[test]
fn durations() {
    for ok in [
        "P1D",
        "PT1H30M",
        "PT0.5S",
        "-P1Y2M3DT4H5M6S",
        "P2W",
        "P1W2D",
        "PT36H",
        "P0D",
    ] {
        assert!(is_duration(ok), "{ok}");
    }
    for bad in [
        "P", "PT", "1D", "P1H", "PT1D", "P1M1Y", "P1DT", "PT1,5S", "P1.5D", "PT1.5M", "PT.5S",
        "PT1.S", "PT1.2.3S", "+P1D", "p1d", "duration",
    ] {
        assert!(!is_duration(bad), "{bad}");
    }
    let d = parse_duration("-P1W1DT1H1M1.5S").unwrap();
    assert!(d.negative);
    assert_eq!(d.seconds, 8.0 * 86_400.0 + 3_661.5);
}

#[test]
fn guids_and_base64() {
    assert!(is_guid("e4ee2821-2821-e4ee-2128-eee42128eee4"));
    assert!(is_guid("E4EE2821-2821-E4EE-2128-EEE42128EEE4"));
    for bad in [
        "{e4ee2821-2821-e4ee-2128-eee42128eee4}",
        "e4ee2821-2821-e4ee-2128-eee42128eee",
        "e4ee28212821e4ee2128eee42128eee4",
        "e4ee2821-2821-e4ee-2128-eee42128eeeg",
        "{id}",
    ] {
        assert!(!is_guid(bad), "{bad}");
    }
    for ok in ["", "AA==", "AAA=", "AAAA", "AA", "_-8", "+/8=", "aGVsbG8"] {
        assert!(is_base64(ok), "{ok}");
    }
    for bad in ["A", "AAAAA", "AA=", "A===", "AA==AA", "a b", "AAA*"] {
        assert!(!is_base64(bad), "{bad}");
    }
}
