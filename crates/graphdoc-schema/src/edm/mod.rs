//! The `Edm` primitives: how the docs spell them, which JSON values carry
//! them, and what text a string-valued one must hold.
//!
//! One home for what the front-end (type cells), the samples checker
//! (annotations, placeholders, values) and the linter (placeholders) know
//! about primitives; the generated model's runtime includes [`formats`].

pub mod formats;
pub mod placeholder;

/// A spelling the docs use for a primitive: the word, lower case, without
/// `Edm.`, and the `Edm` type it names.
struct Spelling {
    word: &'static str,
    edm: &'static str,
}

const fn spelled(word: &'static str, edm: &'static str) -> Spelling {
    Spelling { word, edm }
}

/// Every `Edm` primitive the docs use, by its own name.
pub const PRIMITIVES: [&str; 18] = [
    "Edm.String",
    "Edm.Boolean",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Int16",
    "Edm.Double",
    "Edm.Single",
    "Edm.Decimal",
    "Edm.DateTimeOffset",
    "Edm.Date",
    "Edm.TimeOfDay",
    "Edm.Duration",
    "Edm.Guid",
    "Edm.Binary",
    "Edm.Stream",
    "Edm.Byte",
    "Edm.SByte",
    "Edm.Untyped",
];

/// Other spellings the docs use for a primitive, in type cells,
/// annotations and placeholders.
///
/// `float` is `Edm.Single`: the docs write "Float" where the metadata has
/// `Edm.Single` (`userFlowTypeVersion` of the user-flow pages), as C#'s
/// `float` is a `System.Single`. `number` is `Edm.Double`: the JSON number
/// type of OData's JSON format, and what "number" means in the docs' prose
/// types ("number", never with a precision). `datetime` and `timestamp` are
/// `Edm.DateTimeOffset`, the only date-time type with a time Graph uses;
/// `url` and `uri` are strings ("Url" stands where "String (url)" usually
/// does).
const ALIASES: [Spelling; 12] = [
    spelled("bool", "Edm.Boolean"),
    spelled("int", "Edm.Int32"),
    spelled("integer", "Edm.Int32"),
    spelled("long", "Edm.Int64"),
    spelled("float", "Edm.Single"),
    spelled("number", "Edm.Double"),
    spelled("datetime", "Edm.DateTimeOffset"),
    spelled("timestamp", "Edm.DateTimeOffset"),
    spelled("uuid", "Edm.Guid"),
    spelled("url", "Edm.String"),
    spelled("uri", "Edm.String"),
    spelled("timespan", "Edm.Duration"),
];

/// The `Edm` type a spelling names (`String`, `edm.int32`, `GUID`, `int`,
/// `float`…), in any case, with or without `Edm.`, and whether the spelling
/// is an alias rather than the type's own name.
pub fn primitive(word: &str) -> Option<(&'static str, bool)> {
    let w = word.trim();
    let w = match w.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => &w[4..],
        _ => w,
    };
    if let Some(edm) = PRIMITIVES.iter().find(|p| p[4..].eq_ignore_ascii_case(w)) {
        return Some((edm, false));
    }
    ALIASES
        .iter()
        .find(|s| s.word.eq_ignore_ascii_case(w))
        .map(|s| (s.edm, true))
}

/// Whether `edm` is one of the `Edm` primitives (`Edm.Int32`, not `Int32`).
pub fn is_primitive(edm: &str) -> bool {
    PRIMITIVES.contains(&edm)
}

/// An integer type: a JSON number without a fraction.
pub fn is_integer(edm: &str) -> bool {
    matches!(
        edm,
        "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64"
    )
}

/// A numeric type: a JSON number (`Edm.Single` and `Edm.Double` also
/// `"NaN"`, `"INF"`, `"-INF"`).
pub fn is_numeric(edm: &str) -> bool {
    is_integer(edm) || matches!(edm, "Edm.Single" | "Edm.Double" | "Edm.Decimal")
}

/// A type whose values are JSON strings.
pub fn is_string_valued(edm: &str) -> bool {
    matches!(
        edm,
        "Edm.String"
            | "Edm.Guid"
            | "Edm.Binary"
            | "Edm.Stream"
            | "Edm.Date"
            | "Edm.DateTimeOffset"
            | "Edm.Duration"
            | "Edm.TimeOfDay"
    )
}

/// The text format a string-valued primitive must follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `YYYY-MM-DD`.
    Date,
    /// `hh:mm[:ss[.fraction]]`.
    TimeOfDay,
    /// A date and time with `T`, and `Z` or an offset.
    DateTimeOffset,
    /// ISO 8601 `P…T…S`, a fraction on the seconds only.
    Duration,
    /// 8-4-4-4-12 hexadecimal digits, without braces.
    Guid,
    /// Base64, in the standard or the URL-safe alphabet.
    Binary,
}

impl Format {
    /// The format of `edm`, when its text has one (`Edm.String` has none).
    pub fn of(edm: &str) -> Option<Format> {
        Some(match edm {
            "Edm.Date" => Format::Date,
            "Edm.TimeOfDay" => Format::TimeOfDay,
            "Edm.DateTimeOffset" => Format::DateTimeOffset,
            "Edm.Duration" => Format::Duration,
            "Edm.Guid" => Format::Guid,
            "Edm.Binary" => Format::Binary,
            _ => return None,
        })
    }

    /// Whether `text` is a value of this format.
    pub fn accepts(self, text: &str) -> bool {
        match self {
            Format::Date => formats::is_date(text),
            Format::TimeOfDay => formats::is_time_of_day(text),
            Format::DateTimeOffset => formats::is_date_time_offset(text),
            Format::Duration => formats::is_duration(text),
            Format::Guid => formats::is_guid(text),
            Format::Binary => formats::is_base64(text),
        }
    }
}

#[cfg(test)]
mod tests;
