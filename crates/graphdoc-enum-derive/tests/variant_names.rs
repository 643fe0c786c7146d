//! Variants named like the associated types of the traits the derive
//! implements (`TryFrom::Error`, `FromStr::Err`) or like the prelude's
//! `Ok`: the expansion must not read `Self::Error` as the variant.

// The enums stand for generated ones (public, as the model's are); their
// members are test data, not API.
#![allow(missing_docs)]

use graphdoc_enum_derive::GraphEnum;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
#[graph_enum(name = "outcome")]
pub enum Outcome {
    #[graph_enum(rename = "ok", value = 0)]
    Ok,
    #[graph_enum(rename = "error", value = 1)]
    Error,
    #[graph_enum(rename = "err", value = 2)]
    Err,
    #[graph_enum(other)]
    Other(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GraphEnum)]
#[graph_enum(name = "signals", flags)]
pub enum Signals {
    #[graph_enum(rename = "error", value = 1)]
    Error,
    #[graph_enum(rename = "err", value = 2)]
    Err,
}

#[test]
fn variants_named_error_and_err_parse_convert_and_serialize() {
    assert_eq!(Outcome::from_str("error"), Ok(Outcome::Error));
    assert_eq!(Outcome::from_str("err"), Ok(Outcome::Err));
    assert_eq!(Outcome::from_str("ok"), Ok(Outcome::Ok));
    assert!(Outcome::from_str("later").is_err());
    assert_eq!(Outcome::try_from(1), Ok(Outcome::Error));
    assert_eq!(Outcome::try_from(2), Ok(Outcome::Err));
    let refused: <Outcome as TryFrom<i64>>::Error = Outcome::try_from(7).unwrap_err();
    assert!(refused.to_string().contains('7'), "{refused}");
    assert_eq!(Outcome::Err.as_str(), "err");
    assert_eq!(
        serde_json::to_string(&Outcome::Error).unwrap(),
        r#""error""#
    );
    assert_eq!(
        serde_json::from_str::<Outcome>(r#""later""#).unwrap(),
        Outcome::Other("later".into())
    );
}

#[test]
fn flags_named_error_and_err() {
    assert_eq!(Signals::from_str("err"), Ok(Signals::Err));
    assert_eq!(Signals::try_from(1), Ok(Signals::Error));
    let set: SignalsSet = "err,error".parse().unwrap();
    assert!(set.contains(&Signals::Error) && set.contains(&Signals::Err));
    assert_eq!(set.to_string(), "error,err");
    assert!("error,nope".parse::<SignalsSet>().is_err());
}
