//! What the rules share: the page texts of a version, finding positions in
//! them, and the property tables of a schema.

use crate::rules::Finding;
use graphdoc_docs::markdown::Block;
use graphdoc_schema::{Property, Schema};
use std::collections::BTreeMap;

/// The text of every page, by the path the front-end shows for it.
pub type Pages = BTreeMap<String, String>;

/// Every page split into blocks, by its path: the blocks the front-end
/// read the page from ([`graphdoc_docs::PageText::blocks`], the front
/// matter left out), so that each page is parsed once, and every check that
/// reads a page's structure (samples, outline, JSON representation, code
/// blocks) reads these.
pub type Parsed<'a> = BTreeMap<&'a str, Vec<Block<'a>>>;

/// The blocks of every page of `pages` (pages without front matter).
#[cfg(test)]
pub(crate) fn parse(pages: &Pages) -> Parsed<'_> {
    pages
        .iter()
        .map(|(file, text)| (file.as_str(), graphdoc_docs::markdown::blocks(text)))
        .collect()
}

/// The 1-based character column and width of the `nth` (0-based)
/// occurrence of `needle` in line `line` of `text`, compared ignoring ASCII
/// case.
pub fn locate(text: &str, line: u32, needle: &str, nth: usize) -> Option<(u32, u32)> {
    if needle.is_empty() {
        return None;
    }
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    let lower = l.to_ascii_lowercase();
    let n = needle.to_ascii_lowercase();
    let mut from = 0;
    let mut found = None;
    for _ in 0..=nth {
        let i = lower[from..].find(&n)? + from;
        found = Some(i);
        from = i + n.len();
    }
    let i = found?;
    let column = l[..i].chars().count() as u32 + 1;
    Some((column, needle.chars().count() as u32))
}

/// Where the two ASCII bytes `pair` (`](`, `. `) first stand together in
/// `text`: `text.find(pair)`, found by the first byte (a fast search), as
/// the rules look in every line or description for one.
pub(crate) fn find_pair(text: &str, pair: [u8; 2]) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = text[from..].find(char::from(pair[0])) {
        let at = from + k;
        if text.as_bytes().get(at + 1) == Some(&pair[1]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `f` with the column and width of the `nth` occurrence of `needle` on its
/// line, when the line has one.
pub(crate) fn place(f: Finding, pages: &Pages, needle: &str, nth: usize) -> Finding {
    match pages
        .get(&f.file)
        .and_then(|t| locate(t, f.line, needle, nth))
    {
        Some((c, w)) => f.span(c, w),
        None => f,
    }
}

/// Every property table of a version: each type's own properties and each
/// operation's request body.
pub(crate) fn property_tables(schema: &Schema) -> Vec<&[Property]> {
    let mut out: Vec<&[Property]> = schema
        .types
        .values()
        .map(|t| t.properties.as_slice())
        .collect();
    out.extend(schema.operations.iter().map(|o| o.request_body.as_slice()));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use graphdoc_schema::{PropertyKind, TypeRef};

    /// A structural String property of `p.md` line 1.
    pub(crate) fn prop(name: &str, description: &str) -> Property {
        Property {
            name: name.into(),
            ty: TypeRef::new("Edm.String", false),
            kind: PropertyKind::Structural,
            description: description.into(),
            read_only: false,
            nullable: None,
            possible_values: Vec::new(),
            query_options: Vec::new(),
            required_on_create: false,
            source: graphdoc_schema::Source::new("p.md", 1),
        }
    }

    #[test]
    fn pairs_are_found_where_find_finds_them() {
        for text in ["", "]", "a](b", "]]( ](", "é](", "x. y", ".. .", "no pair"] {
            for pair in ["](", ". "] {
                let bytes = pair.as_bytes();
                assert_eq!(
                    find_pair(text, [bytes[0], bytes[1]]),
                    text.find(pair),
                    "{text:?} {pair:?}"
                );
            }
        }
    }

    #[test]
    fn locate_counts_characters_and_occurrences() {
        let text = "first\n|é|Possible values are: a. Possible values are: b.|\n";
        assert_eq!(locate(text, 2, "possible values", 0), Some((4, 15)));
        assert_eq!(locate(text, 2, "possible values", 1), Some((28, 15)));
        assert_eq!(locate(text, 2, "possible values", 2), None);
        assert_eq!(locate(text, 9, "x", 0), None);
    }
}
