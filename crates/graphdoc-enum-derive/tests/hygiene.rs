//! The expansion names only `::core`, `::std` and `::serde`: it must compile
//! without the prelude and next to items that shadow prelude names.

#![no_implicit_prelude]

mod shadowing {
    #![allow(dead_code)]
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Result;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub trait Iterator {}
    pub trait ToString {}
}

mod generated {
    #![allow(unused_imports)]
    use super::shadowing::*;
    use ::graphdoc_enum_derive::{graph_enum_literal, GraphEnum};

    #[derive(Clone, Copy, Debug, PartialEq, Eq, GraphEnum)]
    #[graph_enum(name = "weekDays", flags, rename_all = "camelCase")]
    pub enum WeekDays {
        #[graph_enum(value = 1)]
        Monday,
        #[graph_enum(value = 2)]
        UnknownFutureValue,
        #[graph_enum(value = 4)]
        Tuesday,
    }

    #[derive(Clone, Debug, PartialEq, Eq, GraphEnum)]
    #[graph_enum(name = "phase")]
    pub enum Phase {
        #[graph_enum(rename = "start", value = 0)]
        Start,
        #[graph_enum(rename = "unknownFutureValue", value = 1)]
        UnknownFutureValue,
        #[graph_enum(other)]
        Other(::std::string::String),
    }

    pub const START: Phase = graph_enum_literal!(Phase, "start");
}

#[test]
fn expansion_works_without_the_prelude() {
    use ::std::assert_eq;
    use ::std::string::ToString;
    let set: generated::WeekDaysSet = ::core::str::FromStr::from_str("tuesday,monday").unwrap();
    assert_eq!(set.to_string(), "monday,tuesday");
    assert_eq!(set.value(), 5);
    assert_eq!(generated::START, generated::Phase::Start);
    assert_eq!(
        generated::Phase::from_wire("later".to_string()).as_str(),
        "later"
    );
    assert_eq!(
        generated::Phase::from_value(1),
        ::core::option::Option::Some(generated::Phase::UnknownFutureValue)
    );
}
