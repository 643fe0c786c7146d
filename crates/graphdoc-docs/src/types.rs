//! Type cells: `String`, `[user](user.md) collection`, `Collection(Int32)`,
//! `String (url)`, `microsoft.graph.callRecords.session`…

use crate::cells::{self, Link};

/// A type as written in a cell, before names are resolved against the
/// types the corpus defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellType {
    /// The type's name, a primitive or as written.
    pub name: TypeName,
    /// `x collection`, `Collection(x)`, `collection of x` or `x[]`.
    pub collection: bool,
    /// The link target, when the type is a link (used to resolve the name).
    pub link: Option<String>,
    /// A spelling we accepted but that is not the canonical one (`int`,
    /// `DateTime`): worth a note.
    pub alias_of: Option<&'static str>,
}

/// The name part of a type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeName {
    /// `Edm.String` etc.
    Primitive(&'static str),
    /// A type named in the docs; maybe qualified.
    Named(String),
}

/// Why a type cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeCellError {
    /// The cell is empty.
    Empty,
    /// `Enumeration`, `enum`: the enum's name is not given.
    UnnamedEnum,
    /// No type could be made of it; the cell's text.
    Unrecognized(String),
}

/// Canonical Edm primitive for a spelling, and whether it was an alias:
/// the one table of spellings, shared with the samples checker and the
/// linter.
pub use graphdoc_schema::edm::primitive;

/// Reads a Type cell: a primitive (any spelling the docs use), a link to a type's page, or a type name, maybe a collection.
pub fn parse_type_cell(raw: &str) -> Result<CellType, TypeCellError> {
    let cell_links: Vec<Link> = cells::links(raw);
    let full = cells::plain(raw);
    if full.is_empty() {
        return Err(TypeCellError::Empty);
    }
    // "educationOutcome collection. Holds grades…": a description that
    // spilled into the type cell. The type is the first sentence, when that
    // sentence alone reads as a type.
    if let Some((head, _)) = full.split_once(". ") {
        if let Ok(t) = parse_type_text(head, &cell_links) {
            return Ok(t);
        }
    }
    parse_type_text(&full, &cell_links)
}

fn parse_type_text(full: &str, cell_links: &[Link]) -> Result<CellType, TypeCellError> {
    // "(Optional) String": a one-word note before the type, as "String
    // (url)" has one after it. "(boolean or string) collection" is no note.
    let full = match full.strip_prefix('(').and_then(|rest| rest.split_once(')')) {
        Some((note, rest))
            if note.chars().all(|c| c.is_ascii_alphabetic()) && !rest.trim().is_empty() =>
        {
            rest.trim()
        }
        _ => full,
    };
    let mut text = full.to_string();
    let mut collection = false;
    if strip_prefix_ci(&text, "collection(").is_some() && text.ends_with(')') {
        text = text["collection(".len()..text.len() - 1].trim().to_string();
        collection = true;
    } else if let Some(rest) = strip_prefix_ci(&text, "collection of ") {
        text = rest.trim().to_string();
        collection = true;
    } else if let Some(rest) =
        strip_suffix_ci(&text, " collection").or_else(|| strip_suffix_ci(&text, " collections"))
    {
        text = rest.trim().to_string();
        collection = true;
    } else if let Some(rest) = text.strip_suffix("[]") {
        text = rest.trim().to_string();
        collection = true;
    }
    // A note after the type: "String (url)", "string, maximum size 20".
    let mut name = text.as_str();
    if let Some(i) = name.find(" (") {
        name = name[..i].trim();
    }
    if let Some(i) = name.find(',') {
        name = name[..i].trim();
    }
    // "String collection (url)": the note hid the collection word.
    if !collection {
        if let Some(rest) = strip_suffix_ci(name, " collection") {
            name = rest.trim();
            collection = true;
        }
    }
    if name.eq_ignore_ascii_case("enumeration") || name.eq_ignore_ascii_case("enum") {
        return Err(TypeCellError::UnnamedEnum);
    }
    if let Some((edm, alias)) = primitive(name) {
        return Ok(CellType {
            name: TypeName::Primitive(edm),
            collection,
            link: None,
            alias_of: alias.then_some(edm),
        });
    }
    // "[itemAnalytics][] resource", "alertStatus enum": the kind of thing
    // named after the name adds nothing.
    for noun in [" resource", " object", " enum", " enumeration"] {
        if let Some(rest) = strip_suffix_ci(name, noun) {
            if is_type_identifier(rest.trim()) {
                name = rest.trim();
                break;
            }
        }
    }
    let link = cell_links.iter().find(|l| {
        let text = cells::plain(&l.text);
        text == name || name.contains(&text)
    });
    if is_type_identifier(name) {
        return Ok(CellType {
            name: TypeName::Named(name.to_string()),
            collection,
            link: link.map(|l| l.target.clone()).filter(|t| !t.is_empty()),
            alias_of: None,
        });
    }
    // The cell as written, not what is left of it: "x collection collection"
    // is reported as such.
    Err(TypeCellError::Unrecognized(full.to_string()))
}

/// `user`, `callRecords.session`, `microsoft.graph.json`.
pub fn is_type_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !s.ends_with('.')
        && !s.contains("..")
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(at) && s[at..].eq_ignore_ascii_case(suffix)).then(|| &s[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(s: &str, collection: bool) -> CellType {
        CellType {
            name: TypeName::Named(s.into()),
            collection,
            link: None,
            alias_of: None,
        }
    }

    #[test]
    fn primitives_in_any_case_and_with_notes() {
        for (cell, edm, coll) in [
            ("String", "Edm.String", false),
            ("string (url)", "Edm.String", false),
            ("`DateTimeOffset`", "Edm.DateTimeOffset", false),
            ("String collection", "Edm.String", true),
            ("Collection(Int32)", "Edm.Int32", true),
            ("Edm.Binary", "Edm.Binary", false),
            ("string, maximum size 20", "Edm.String", false),
            ("GUID", "Edm.Guid", false),
        ] {
            let t = parse_type_cell(cell).unwrap();
            assert_eq!(
                (t.name, t.collection),
                (TypeName::Primitive(edm), coll),
                "{cell}"
            );
        }
        assert_eq!(parse_type_cell("int").unwrap().alias_of, Some("Edm.Int32"));
        assert_eq!(parse_type_cell("Url").unwrap().alias_of, Some("Edm.String"));
        assert_eq!(
            parse_type_cell("(Optional) String").unwrap().name,
            TypeName::Primitive("Edm.String")
        );
        assert!(parse_type_cell("(boolean or string or number) collection").is_err());
    }

    #[test]
    fn named_and_linked_types() {
        let t = parse_type_cell("[vppToken](../resources/vpptoken.md) collection").unwrap();
        assert_eq!(t.name, TypeName::Named("vppToken".into()));
        assert!(t.collection);
        assert_eq!(t.link.as_deref(), Some("../resources/vpptoken.md"));
        assert_eq!(
            parse_type_cell("Collection([user](user.md))").unwrap().name,
            TypeName::Named("user".into())
        );
        assert_eq!(
            parse_type_cell("microsoft.graph.callRecords.session").unwrap(),
            named("microsoft.graph.callRecords.session", false)
        );
        assert_eq!(
            parse_type_cell("[identitySet][] collection").unwrap(),
            named("identitySet", true)
        );
    }

    #[test]
    fn trailing_nouns_and_spilled_descriptions() {
        let t = parse_type_cell("[itemAnalytics][] resource").unwrap();
        assert_eq!(t, named("itemAnalytics", false));
        assert_eq!(
            parse_type_cell("alertStatus enum").unwrap(),
            named("alertStatus", false)
        );
        assert_eq!(
            parse_type_cell("educationOutcome collection. Holds grades and feedback.").unwrap(),
            named("educationOutcome", true)
        );
        // Only a first sentence that reads as a type is taken.
        assert!(matches!(
            parse_type_cell("Moment in time. DateTimeOffset"),
            Err(TypeCellError::Unrecognized(_))
        ));
    }

    #[test]
    fn bad_cells() {
        assert_eq!(parse_type_cell(""), Err(TypeCellError::Empty));
        assert_eq!(
            parse_type_cell("Enumeration"),
            Err(TypeCellError::UnnamedEnum)
        );
        assert!(matches!(
            parse_type_cell("String or Int32"),
            Err(TypeCellError::Unrecognized(_))
        ));
        // The diagnostic quotes the cell, not what is left after one
        // "collection" was taken off.
        assert_eq!(
            parse_type_cell("routingPolicy collection collection"),
            Err(TypeCellError::Unrecognized(
                "routingPolicy collection collection".into()
            ))
        );
    }
}
