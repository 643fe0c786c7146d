//! Sentences that name a type's base or its derived types.

use crate::cells::{self, plain};
use crate::types::{CellType, TypeName};

/// The base type named by "Inherits from [x](x.md)".
pub(super) fn inherits_from(paragraph: &str) -> Option<CellType> {
    let lower = paragraph.to_ascii_lowercase();
    let at = [
        "inherits from",
        "derived from",
        "derives from",
        "a subclass of",
        "subclass from",
        "subtype of",
        "derived type of",
        "extends",
    ]
    .iter()
    .find_map(|m| lower.find(m).map(|i| i + m.len()))?;
    let rest = &paragraph[at..];
    let link = cells::links(rest).into_iter().next()?;
    // Only a link that directly follows the phrase names the base type;
    // words such as "the base class" may stand between them ("Inherits from
    // base class [identityUserFlow]"), any other word means the link is
    // about something else.
    let before = rest.find('[').unwrap_or(rest.len());
    let filler_only = rest[..before].split_whitespace().all(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "the" | "a" | "an" | "base" | "abstract" | "class" | "type" | "resource" | "entity"
        )
    });
    if !filler_only || before > 40 {
        return None;
    }
    Some(linked_type(&link))
}

fn linked_type(link: &cells::Link) -> CellType {
    let text = plain(&link.text);
    let name = text.trim().trim_matches('`').to_string();
    CellType {
        name: TypeName::Named(if crate::types::is_type_identifier(&name) {
            name
        } else {
            String::new()
        }),
        collection: false,
        link: Some(link.target.clone()).filter(|t| !t.is_empty()),
        alias_of: None,
    }
}

/// Types a base page names as its subtypes in prose: "the derived types are
/// [a](a.md), [b](b.md) and [c](c.md)", "Subtypes include [a](a.md)…", or
/// "[a](a.md) and [b](b.md) resources are subclasses of this type". Only
/// links to pages in the same sentence count, on the side the phrase points
/// at.
pub(super) fn derived_in_prose(paragraph: &str) -> Vec<CellType> {
    const AFTER: [&str; 6] = [
        "derived types are",
        "derived types include",
        "following derived types",
        "subtypes include",
        "subtypes are",
        "derived types:",
    ];
    const BEFORE: [&str; 4] = [
        "subclasses of this",
        "inherit from this",
        "derive from this",
        "derived types of this",
    ];
    let mut out = Vec::new();
    for sentence in sentences(paragraph) {
        let lower = sentence.to_ascii_lowercase();
        let side = if let Some(at) = AFTER
            .iter()
            .find_map(|m| lower.find(m).map(|i| i + m.len()))
        {
            &sentence[at..]
        } else if let Some(at) = BEFORE.iter().find_map(|m| lower.find(m)) {
            &sentence[..at]
        } else {
            continue;
        };
        out.extend(
            cells::links(side)
                .iter()
                .filter(|l| is_page_link(&l.target))
                .map(linked_type),
        );
    }
    out
}

/// Sentences of a paragraph: a `.` or `;` ends one only when whitespace or
/// the end follows, so `x.md` inside a link does not.
fn sentences(paragraph: &str) -> impl Iterator<Item = &str> {
    let bytes = paragraph.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let end = matches!(bytes[i], b'.' | b';')
                && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
            i += 1;
            if end {
                let s = &paragraph[start..i];
                start = i;
                return Some(s);
            }
        }
        (start < bytes.len()).then(|| {
            let s = &paragraph[start..];
            start = bytes.len();
            s
        })
    })
}

/// A link to another reference page (`x.md`, `../resources/x.md#y`), not to
/// an article or a site.
fn is_page_link(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    path.to_ascii_lowercase().ends_with(".md") && !path.contains("://")
}
