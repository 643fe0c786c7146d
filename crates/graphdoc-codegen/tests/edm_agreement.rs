//! The Edm format validators of `graphdoc_schema::edm::formats` (what the
//! samples checker accepts) against the generated runtime's string types
//! (what the generated model accepts), over the edge cases where two
//! readings of OData and ISO 8601 part: they must agree.

#[allow(dead_code, unused_imports)]
#[path = "../runtime/lib.rs"]
mod runtime;

use graphdoc_schema::edm::formats;

/// (format, text) pairs: case, fractions, offsets, leap days and seconds,
/// durations with weeks, fractions and commas, GUID braces, base64url.
const CASES: &[(&str, &str)] = &[
    ("Date", "2024-02-29"),
    ("Date", "2023-02-29"),
    ("Date", "2100-02-29"),
    ("Date", "2000-02-29"),
    ("Date", "2019-04-31"),
    ("Date", "2019-7-31"),
    ("Date", "2019-13-01"),
    ("TimeOfDay", "08:00"),
    ("TimeOfDay", "08:00:00.0000000"),
    ("TimeOfDay", "23:59:60"),
    ("TimeOfDay", "24:00:00"),
    ("TimeOfDay", "12:00.5"),
    ("TimeOfDay", "12:00:00,5"),
    ("TimeOfDay", "12:00:00."),
    ("DateTimeOffset", "2016-12-31T23:57:57.2481234-08:00"),
    ("DateTimeOffset", "2016-12-31T23:57:57Z"),
    ("DateTimeOffset", "2024-01-01t00:00:00z"),
    ("DateTimeOffset", "2024-01-01T00:00:00z"),
    ("DateTimeOffset", "2024-01-01t00:00:00Z"),
    ("DateTimeOffset", "2024-01-01 00:00:00Z"),
    ("DateTimeOffset", "2019-05-06T07:08:09"),
    ("DateTimeOffset", "2020-01-01T10:00Z"),
    ("DateTimeOffset", "2020-01-01T10:00:00+05:30"),
    ("DateTimeOffset", "2020-01-01T10:00:00+0530"),
    ("DateTimeOffset", "2020-01-01T10:00:00+24:00"),
    ("DateTimeOffset", "2020-01-01T10:00:00.+01:00"),
    ("DateTimeOffset", "2024-02-29T00:00:00Z"),
    ("DateTimeOffset", "2023-02-29T00:00:00Z"),
    ("Duration", "P1D"),
    ("Duration", "PT1H30M"),
    ("Duration", "-PT0.5S"),
    ("Duration", "P1Y2M3DT4H5M6S"),
    ("Duration", "P2W"),
    ("Duration", "P1W2D"),
    ("Duration", "PT1,5S"),
    ("Duration", "P1.5D"),
    ("Duration", "PT1.5M"),
    ("Duration", "PT.5S"),
    ("Duration", "PT1.S"),
    ("Duration", "P"),
    ("Duration", "PT"),
    ("Duration", "P1DT"),
    ("Duration", "p1d"),
    ("Duration", "+P1D"),
    ("Guid", "9ceb2f92-2f92-9ceb-922f-eb9c922feb9c"),
    ("Guid", "9CEB2F92-2F92-9CEB-922F-EB9C922FEB9C"),
    ("Guid", "{9ceb2f92-2f92-9ceb-922f-eb9c922feb9c}"),
    ("Guid", "9ceb2f922f929ceb922feb9c922feb9c"),
    ("Guid", "9ceb2f92-2f92-9ceb-922f-eb9c922feb9"),
    ("Binary", "aGVsbG8="),
    ("Binary", "aGVsbG8"),
    ("Binary", "_-8"),
    ("Binary", "+/8="),
    ("Binary", "A"),
    ("Binary", "AA="),
    ("Binary", "A==="),
    ("Binary", "a b"),
];

fn ours(format: &str, text: &str) -> bool {
    match format {
        "Date" => formats::is_date(text),
        "TimeOfDay" => formats::is_time_of_day(text),
        "DateTimeOffset" => formats::is_date_time_offset(text),
        "Duration" => formats::is_duration(text),
        "Guid" => formats::is_guid(text),
        "Binary" => formats::is_base64(text),
        _ => unreachable!("{format}"),
    }
}

fn runtimes(format: &str, text: &str) -> bool {
    match format {
        "Date" => runtime::Date::new(text).is_ok(),
        "TimeOfDay" => runtime::TimeOfDay::new(text).is_ok(),
        "DateTimeOffset" => runtime::DateTimeOffset::new(text).is_ok(),
        "Duration" => runtime::Duration::new(text).is_ok(),
        "Guid" => runtime::Guid::new(text).is_ok(),
        "Binary" => runtime::Base64::new(text).is_ok(),
        _ => unreachable!("{format}"),
    }
}

#[test]
fn samples_validators_and_runtime_agree() {
    let disagreements: Vec<(&str, &str)> = CASES
        .iter()
        .copied()
        .filter(|(format, text)| ours(format, text) != runtimes(format, text))
        .collect();
    assert_eq!(disagreements, []);
}

#[test]
fn the_issue_cases_are_refused_by_both() {
    for (format, text) in [
        ("DateTimeOffset", "2024-01-01t00:00:00z"),
        ("Duration", "PT1,5S"),
        ("Duration", "P1.5D"),
        ("Guid", "{9ceb2f92-2f92-9ceb-922f-eb9c922feb9c}"),
    ] {
        assert!(!ours(format, text), "{text}");
        assert!(!runtimes(format, text), "{text}");
    }
}
