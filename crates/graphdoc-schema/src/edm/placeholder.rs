//! Type placeholders: the strings a resource's JSON representation shows
//! instead of values (`"String"`, `"Int32"`, `"String (timestamp)"`,
//! `"microsoft.graph.identitySet"`), read once for every reader.

use super::primitive;

/// What a placeholder says about the value's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placeholder<'a> {
    /// `"String"`: any type sent as a JSON string.
    AnyString,
    /// `"Integer"`, `"int"`, `"long"`: any integer type.
    AnyInteger,
    /// `"Number"`, `"Float"`: any numeric type.
    AnyNumber,
    /// One `Edm` primitive: `"Int32"`, `"String (timestamp)"`, `"bool"`.
    Primitive(&'static str),
    /// A type the docs may define, as written (`microsoft.graph.x`,
    /// `graph.x`, `Collection(x)`): qualified, as a bare word like
    /// `"Manager"` is more likely sample text than a type.
    Named(&'a str),
}

/// The placeholder `text` is, if it is one. `"@odata.type:
/// microsoft.graph.alertSeverity"` names a type too.
pub fn read(text: &str) -> Option<Placeholder<'_>> {
    let t = text.trim();
    let t = t.strip_prefix("@odata.type:").map(str::trim).unwrap_or(t);
    let (head, note) = match t.split_once('(') {
        Some((h, q)) if !h.trim().eq_ignore_ascii_case("collection") => {
            (h.trim(), q.trim_end_matches(')').trim())
        }
        _ => (t, ""),
    };
    let bare = match head.get(..4) {
        Some("Edm." | "edm.") => &head[4..],
        _ => head,
    };
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(bare));
    if is(&["string"]) {
        return Some(string_note(note));
    }
    if is(&["integer", "int", "long"]) {
        return Some(Placeholder::AnyInteger);
    }
    if is(&["number", "float"]) {
        return Some(Placeholder::AnyNumber);
    }
    match primitive(bare) {
        Some(("Edm.String", _)) => return Some(Placeholder::AnyString),
        Some((edm, _)) => return Some(Placeholder::Primitive(edm)),
        None => {}
    }
    if bare.is_empty() || bare.contains(' ') {
        return None;
    }
    (bare.contains('.') || bare.starts_with("Collection(")).then_some(Placeholder::Named(bare))
}

/// `"String (timestamp)"`, `"String (ISO 8601 duration)"`, `"String
/// (date)"`, `"String (base64)"`: the note in parentheses names the `Edm`
/// type the string carries.
fn string_note(note: &str) -> Placeholder<'static> {
    let says = |w: &str| note.eq_ignore_ascii_case(w);
    let has_word = |w: &str| {
        note.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case(w))
    };
    let mentions = |w: &str| {
        note.as_bytes()
            .windows(w.len())
            .any(|win| win.eq_ignore_ascii_case(w.as_bytes()))
    };
    let edm = if mentions("timestamp") || mentions("datetime") {
        "Edm.DateTimeOffset"
    } else if says("date") {
        "Edm.Date"
    } else if has_word("duration") {
        "Edm.Duration"
    } else if says("time") || says("timeofday") || says("time of day") {
        "Edm.TimeOfDay"
    } else if says("guid") || says("uuid") {
        "Edm.Guid"
    } else if says("stream") {
        "Edm.Stream"
    } else if says("binary") || says("base64") {
        "Edm.Binary"
    } else {
        return Placeholder::AnyString;
    };
    Placeholder::Primitive(edm)
}
