//! Why a payload failed its round trip, and who must fix it (the table
//! in the module docs of [`crate::roundtrip`]).

use serde::Serialize;

/// Why a payload failed its round trip (the table in the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The payload (or a collection item) is not a JSON object.
    NotAnObject,
    /// A value of another JSON type than its property's.
    WrongJsonType,
    /// A malformed timestamp, date, GUID, duration or base64 text, or a fraction for an integer.
    InvalidValue,
    /// A number outside its type's range.
    OutOfRange,
    /// A name that is not a member of a flags enum.
    NotAFlagsMember,
    /// The docs define the type but the model has no struct for it.
    UnknownType,
    /// The model's response shape does not fit the payload.
    WrongShape,
    /// The payload's shape disagrees with the model's, for an example the
    /// page's GD0026 note is about: blamed on the docs.
    DisputedShape,
    /// The runtime refused the value for another reason.
    ReadError,
    /// The model panicked.
    Panic,
    /// A key of the original is missing from what was written back.
    Dropped,
    /// What was written back has a key the original lacks.
    Added,
    /// A value came back with another JSON type.
    TypeChanged,
    /// A value came back with the same JSON type but changed.
    ValueChanged,
}

/// Who must fix a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Blame {
    /// The sample contradicts the docs' own property table.
    Docs,
    /// The generated model lost, changed or refused what it should keep (fails CI).
    Graphdoc,
}

impl Reason {
    /// The reason as reports spell it (`wrong_json_type`).
    pub fn code(self) -> &'static str {
        match self {
            Reason::NotAnObject => "not_an_object",
            Reason::WrongJsonType => "wrong_json_type",
            Reason::InvalidValue => "invalid_value",
            Reason::OutOfRange => "out_of_range",
            Reason::NotAFlagsMember => "not_a_flags_member",
            Reason::UnknownType => "unknown_type",
            Reason::WrongShape => "wrong_shape",
            Reason::DisputedShape => "disputed_shape",
            Reason::ReadError => "read_error",
            Reason::Panic => "panic",
            Reason::Dropped => "dropped",
            Reason::Added => "added",
            Reason::TypeChanged => "type_changed",
            Reason::ValueChanged => "value_changed",
        }
    }

    /// See the table in the module docs.
    pub fn blame(self) -> Blame {
        match self {
            Reason::NotAnObject
            | Reason::WrongJsonType
            | Reason::InvalidValue
            | Reason::OutOfRange
            | Reason::NotAFlagsMember
            | Reason::DisputedShape => Blame::Docs,
            Reason::UnknownType
            | Reason::WrongShape
            | Reason::ReadError
            | Reason::Panic
            | Reason::Dropped
            | Reason::Added
            | Reason::TypeChanged
            | Reason::ValueChanged => Blame::Graphdoc,
        }
    }
}

impl Blame {
    /// The blame as reports spell it (`docs`, `graphdoc`).
    pub fn code(self) -> &'static str {
        match self {
            Blame::Docs => "docs",
            Blame::Graphdoc => "graphdoc",
        }
    }
}

pub(super) fn reason_of(code: &str) -> Option<Reason> {
    ALL_REASONS.iter().copied().find(|r| r.code() == code)
}

pub(super) const ALL_REASONS: [Reason; 14] = [
    Reason::NotAnObject,
    Reason::WrongJsonType,
    Reason::InvalidValue,
    Reason::OutOfRange,
    Reason::NotAFlagsMember,
    Reason::UnknownType,
    Reason::WrongShape,
    Reason::DisputedShape,
    Reason::ReadError,
    Reason::Panic,
    Reason::Dropped,
    Reason::Added,
    Reason::TypeChanged,
    Reason::ValueChanged,
];
