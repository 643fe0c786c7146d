//! Every item the derive generates, on small enums of each kind.

// The enums stand for generated ones (public, as the model's are); their
// members are test data, not API.
#![allow(missing_docs)]

use graphdoc_enum_derive::{graph_enum_literal, GraphEnum};
use std::str::FromStr;

/// Strict, with values, with `unknownFutureValue` and a member beyond it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
#[graph_enum(name = "riskLevel", rename_all = "camelCase")]
pub enum RiskLevel {
    #[graph_enum(value = 0)]
    Low,
    #[graph_enum(value = 10)]
    Medium,
    #[graph_enum(rename = "hidden", value = -1)]
    Hidden,
    #[graph_enum(value = 99)]
    UnknownFutureValue,
    #[graph_enum(value = 100)]
    VeryHigh,
}

/// Forward-compatible, without values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
#[graph_enum(name = "colorName", rename_all = "snake_case")]
pub enum ColorName {
    DarkRed,
    LightBlue,
    #[graph_enum(other)]
    Other(String),
}

/// Default name and wire names: the Rust names as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphEnum)]
enum Plain {
    Alpha,
    Beta,
}

/// Flags with bit values, as Graph documents them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GraphEnum)]
#[graph_enum(name = "weekDays", flags, rename_all = "camelCase")]
pub enum WeekDays {
    #[graph_enum(value = 1)]
    Monday,
    #[graph_enum(value = 2)]
    Tuesday,
    #[graph_enum(value = 4)]
    Wednesday,
}

/// Forward-compatible and evolvable.
#[derive(Clone, Debug, PartialEq, Eq, GraphEnum)]
#[graph_enum(name = "phase", rename_all = "camelCase")]
pub enum Phase {
    Start,
    UnknownFutureValue,
    Finish,
    #[graph_enum(other)]
    Unrecognized(String),
}

const MEDIUM: RiskLevel = graph_enum_literal!(RiskLevel, "medium");

#[test]
fn constants_list_members_in_declaration_order() {
    assert_eq!(RiskLevel::NAME, "riskLevel");
    assert_eq!(
        RiskLevel::MEMBERS,
        ["low", "medium", "hidden", "unknownFutureValue", "veryHigh"]
    );
    assert_eq!(
        RiskLevel::ALL,
        [
            RiskLevel::Low,
            RiskLevel::Medium,
            RiskLevel::Hidden,
            RiskLevel::UnknownFutureValue,
            RiskLevel::VeryHigh
        ]
    );
    assert_eq!(RiskLevel::VALUES, [0, 10, -1, 99, 100]);
    assert_eq!(RiskLevel::EVOLVABLE_MEMBERS, ["veryHigh"]);
    assert_eq!(ColorName::MEMBERS, ["dark_red", "light_blue"]);
    assert_eq!(ColorName::ALL, [ColorName::DarkRed, ColorName::LightBlue]);
    assert_eq!(Plain::NAME, "Plain");
    assert_eq!(Plain::MEMBERS, ["Alpha", "Beta"]);
}

#[test]
fn index_and_from_index_are_inverse() {
    for (position, member) in RiskLevel::ALL.iter().enumerate() {
        assert_eq!(member.index(), position);
        assert_eq!(RiskLevel::from_index(position).as_ref(), Some(member));
        assert_eq!(member.as_str(), RiskLevel::MEMBERS[position]);
    }
    assert_eq!(RiskLevel::from_index(5), None);
    assert_eq!(ColorName::LightBlue.index(), Some(1));
    assert_eq!(ColorName::Other("x".into()).index(), None);
    assert_eq!(ColorName::from_index(2), None);
}

#[test]
fn as_str_display_and_from_str() {
    assert_eq!(RiskLevel::Hidden.as_str(), "hidden");
    assert_eq!(RiskLevel::VeryHigh.to_string(), "veryHigh");
    assert_eq!(format!("[{:>8}]", RiskLevel::Low), "[     low]");
    assert_eq!(RiskLevel::from_str("veryHigh"), Ok(RiskLevel::VeryHigh));
    assert_eq!(ColorName::Other("teal".into()).as_str(), "teal");
    assert_eq!(ColorName::Other("teal".into()).to_string(), "teal");
    assert_eq!("Beta".parse::<Plain>(), Ok(Plain::Beta));
}

#[test]
fn from_str_is_strict_and_case_sensitive() {
    let error = "VeryHigh".parse::<RiskLevel>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid riskLevel `VeryHigh`: expected one of low, medium, hidden, unknownFutureValue, veryHigh"
    );
    assert_eq!(error.value(), "VeryHigh");
    assert_eq!(error.clone(), error);
    let as_std_error: Box<dyn std::error::Error> = Box::new(error);
    assert!(as_std_error.source().is_none());
    // Strict even with an `other` variant.
    assert_eq!(
        "teal".parse::<ColorName>().unwrap_err().to_string(),
        "invalid colorName `teal`: expected one of dark_red, light_blue"
    );
    assert!("".parse::<Plain>().is_err());
}

#[test]
fn numeric_values_both_ways() {
    assert_eq!(RiskLevel::Hidden.value(), -1);
    assert_eq!(RiskLevel::from_value(100), Some(RiskLevel::VeryHigh));
    assert_eq!(RiskLevel::from_value(1), None);
    assert_eq!(RiskLevel::try_from(-1), Ok(RiskLevel::Hidden));
    let error = RiskLevel::try_from(7).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid riskLevel value 7: expected one of 0, 10, -1, 99, 100"
    );
    assert_eq!(error.value(), "7");
}

#[test]
fn serde_strict_mode() {
    assert_eq!(
        serde_json::to_string(&RiskLevel::Medium).unwrap(),
        r#""medium""#
    );
    assert_eq!(
        serde_json::from_str::<RiskLevel>(r#""hidden""#).unwrap(),
        RiskLevel::Hidden
    );
    let error = serde_json::from_str::<RiskLevel>(r#""extreme""#)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(
            "invalid riskLevel `extreme`: expected one of low, medium, hidden, unknownFutureValue, veryHigh"
        ),
        "{error}"
    );
    assert!(serde_json::from_str::<RiskLevel>("10").is_err());
    // Escaped strings are not borrowed from the input; they must still parse.
    assert_eq!(
        serde_json::from_str::<RiskLevel>(r#""\u006cow""#).unwrap(),
        RiskLevel::Low
    );
}

#[test]
fn serde_forward_compatible_mode() {
    let read: ColorName = serde_json::from_str(r#""teal""#).unwrap();
    assert_eq!(read, ColorName::Other("teal".into()));
    assert!(!read.is_known());
    assert_eq!(serde_json::to_string(&read).unwrap(), r#""teal""#);
    let known: ColorName = serde_json::from_str(r#""light_blue""#).unwrap();
    assert_eq!(known, ColorName::LightBlue);
    assert!(known.is_known());
}

#[test]
fn from_wire_never_puts_a_known_member_in_other() {
    assert_eq!(ColorName::from_wire("dark_red".into()), ColorName::DarkRed);
    assert_eq!(
        ColorName::from_wire("DarkRed".into()),
        ColorName::Other("DarkRed".into())
    );
}

#[derive(Debug, serde::Deserialize)]
struct StrictColor {
    #[serde(deserialize_with = "ColorName::deserialize_strict")]
    color: ColorName,
}

#[test]
fn deserialize_strict_rejects_unknown_despite_other() {
    let ok: StrictColor = serde_json::from_str(r#"{"color":"dark_red"}"#).unwrap();
    assert_eq!(ok.color, ColorName::DarkRed);
    let error = serde_json::from_str::<StrictColor>(r#"{"color":"teal"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid colorName `teal`: expected one of dark_red, light_blue"),
        "{error}"
    );
}

#[test]
fn evolvable_members_and_sendability() {
    assert!(RiskLevel::VeryHigh.is_evolvable());
    assert!(!RiskLevel::UnknownFutureValue.is_evolvable());
    assert!(!RiskLevel::Medium.is_evolvable());
    assert!(!RiskLevel::UnknownFutureValue.is_sendable());
    assert!(RiskLevel::VeryHigh.is_sendable());
    assert!(!ColorName::DarkRed.is_evolvable());
    assert!(ColorName::Other("x".into()).is_sendable());
    assert_eq!(Phase::EVOLVABLE_MEMBERS, ["finish"]);
    assert!(Phase::Finish.is_evolvable());
    assert!(!Phase::Unrecognized("later".into()).is_evolvable());
    assert!(!Phase::UnknownFutureValue.is_sendable());
    assert!(Phase::Unrecognized("later".into()).is_sendable());
}

#[derive(serde::Serialize)]
struct Request {
    #[serde(serialize_with = "RiskLevel::serialize_sendable")]
    level: RiskLevel,
}

#[test]
fn serialize_sendable_refuses_unknown_future_value() {
    let ok = serde_json::to_string(&Request {
        level: RiskLevel::VeryHigh,
    })
    .unwrap();
    assert_eq!(ok, r#"{"level":"veryHigh"}"#);
    let error = serde_json::to_string(&Request {
        level: RiskLevel::UnknownFutureValue,
    })
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("riskLevel `unknownFutureValue` must not be sent to the service"),
        "{error}"
    );
    // Plain Serialize keeps what was read.
    assert_eq!(
        serde_json::to_string(&RiskLevel::UnknownFutureValue).unwrap(),
        r#""unknownFutureValue""#
    );
}

#[test]
fn literal_macro_gives_the_member() {
    assert_eq!(MEDIUM, RiskLevel::Medium);
    assert_eq!(
        graph_enum_literal!(ColorName, "light_blue"),
        ColorName::LightBlue
    );
    assert_eq!(graph_enum_literal!(crate::Plain, "Alpha",), Plain::Alpha);
}

#[test]
fn flag_set_basics() {
    let mut set = WeekDaysSet::empty();
    assert!(set.is_empty());
    assert!(set.insert(WeekDays::Wednesday));
    assert!(!set.insert(WeekDays::Wednesday));
    set = set.with(WeekDays::Monday);
    assert_eq!(set.len(), 2);
    assert!(set.contains(&WeekDays::Monday));
    assert!(!set.contains(&WeekDays::Tuesday));
    assert_eq!(
        set.iter().collect::<Vec<_>>(),
        [WeekDays::Monday, WeekDays::Wednesday]
    );
    assert_eq!(set.bits(), 0b101);
    assert_eq!(set.value(), 5);
    assert_eq!(WeekDaysSet::from_value(5), Some(set));
    assert_eq!(WeekDaysSet::from_value(0), Some(WeekDaysSet::empty()));
    assert_eq!(WeekDaysSet::from_value(7), Some(WeekDaysSet::all()));
    // Bit 8 is no day's.
    assert_eq!(WeekDaysSet::from_value(9), None);
    assert_eq!(WeekDaysSet::from_value(-1), None);
    for bits in 0..=WeekDaysSet::all().bits() {
        let set = WeekDaysSet::from_bits(bits).unwrap();
        assert_eq!(WeekDaysSet::from_value(set.value()), Some(set), "{set:?}");
    }
    assert!(set.remove(&WeekDays::Monday));
    assert!(!set.remove(&WeekDays::Monday));
    assert_eq!(set, WeekDaysSet::from(WeekDays::Wednesday));
    assert_eq!(WeekDaysSet::all().len(), 3);
    assert_eq!(WeekDaysSet::from_bits(0b111), Some(WeekDaysSet::all()));
    assert_eq!(WeekDaysSet::from_bits(0b1000), None);
    assert_eq!(WeekDaysSet::default(), WeekDaysSet::empty());
    let collected: WeekDaysSet = [WeekDays::Tuesday, WeekDays::Monday].into_iter().collect();
    assert_eq!(collected.bits(), 0b011);
}

#[test]
fn flag_set_text_form() {
    let set: WeekDaysSet = "wednesday,monday".parse().unwrap();
    assert_eq!(set.to_string(), "monday,wednesday");
    assert_eq!(format!("{set:?}"), r#"WeekDaysSet("monday,wednesday")"#);
    assert_eq!(
        " tuesday , monday "
            .parse::<WeekDaysSet>()
            .unwrap()
            .to_string(),
        "monday,tuesday"
    );
    assert_eq!("".parse::<WeekDaysSet>(), Ok(WeekDaysSet::empty()));
    assert_eq!(WeekDaysSet::empty().to_string(), "");
    assert_eq!(
        "monday,sunday"
            .parse::<WeekDaysSet>()
            .unwrap_err()
            .to_string(),
        "invalid weekDays `sunday`: expected one of monday, tuesday, wednesday"
    );
    assert_eq!(
        "monday,,tuesday"
            .parse::<WeekDaysSet>()
            .unwrap_err()
            .value(),
        ""
    );
}

#[test]
fn flag_set_serde() {
    let set = WeekDaysSet::from(WeekDays::Tuesday).with(WeekDays::Wednesday);
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        r#""tuesday,wednesday""#
    );
    assert_eq!(
        serde_json::from_str::<WeekDaysSet>(r#""wednesday,tuesday""#).unwrap(),
        set
    );
    let error = serde_json::from_str::<WeekDaysSet>(r#""Monday""#)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid weekDays `Monday`: expected one of monday, tuesday, wednesday"),
        "{error}"
    );
    // A single member still (de)serializes as the enum itself.
    assert_eq!(
        serde_json::to_string(&WeekDays::Monday).unwrap(),
        r#""monday""#
    );
}

/// 64 members fill the bit mask exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphEnum)]
#[graph_enum(flags)]
#[rustfmt::skip]
enum Wide {
    M00, M01, M02, M03, M04, M05, M06, M07, M08, M09, M10, M11, M12, M13, M14, M15,
    M16, M17, M18, M19, M20, M21, M22, M23, M24, M25, M26, M27, M28, M29, M30, M31,
    M32, M33, M34, M35, M36, M37, M38, M39, M40, M41, M42, M43, M44, M45, M46, M47,
    M48, M49, M50, M51, M52, M53, M54, M55, M56, M57, M58, M59, M60, M61, M62, M63,
}

#[test]
fn a_flag_set_of_64_members_uses_every_bit() {
    assert_eq!(WideSet::all().bits(), u64::MAX);
    assert_eq!(WideSet::all().len(), 64);
    let last: WideSet = "M63".parse().unwrap();
    assert_eq!(last.bits(), 1 << 63);
    assert_eq!(last.iter().collect::<Vec<_>>(), [Wide::M63]);
}

#[derive(Debug, serde::Deserialize)]
struct StrictOptionalColor {
    #[serde(default, deserialize_with = "ColorName::deserialize_strict_option")]
    color: Option<ColorName>,
}

#[test]
fn deserialize_strict_option_allows_null_and_absence_only() {
    let read = |json: &str| serde_json::from_str::<StrictOptionalColor>(json).map(|v| v.color);
    assert_eq!(
        read(r#"{"color":"light_blue"}"#).unwrap(),
        Some(ColorName::LightBlue)
    );
    assert_eq!(read(r#"{"color":null}"#).unwrap(), None);
    assert_eq!(read("{}").unwrap(), None);
    let error = read(r#"{"color":"teal"}"#).unwrap_err().to_string();
    assert!(
        error.starts_with("invalid colorName `teal`: expected one of dark_red, light_blue"),
        "{error}"
    );
}

#[test]
fn values_lookups_work_in_const_context() {
    const HIDDEN: Option<RiskLevel> = RiskLevel::from_value(-1);
    const HIDDEN_VALUE: i64 = RiskLevel::Hidden.value();
    const TUESDAY_AND_WEDNESDAY: i64 = WeekDaysSet::empty()
        .with(WeekDays::Tuesday)
        .with(WeekDays::Wednesday)
        .value();
    assert_eq!(HIDDEN, Some(RiskLevel::Hidden));
    assert_eq!(HIDDEN_VALUE, -1);
    assert_eq!(TUESDAY_AND_WEDNESDAY, 6);
}
