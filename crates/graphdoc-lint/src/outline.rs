//! A page's outline: its headings, and its tables with the section each is
//! in (GL0017 alphabetical order, GL0019 split tables and GL0020 required
//! sections read pages through it).

use crate::pages::Pages;
use graphdoc_docs::markdown::{self, Block};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The outline of every page of a version, by its path: made once, read by
/// every rule that needs it.
pub(crate) type Outlines = BTreeMap<String, Outline>;

/// The outlines of `pages`, made in parallel.
pub(crate) fn outlines(pages: &Pages) -> Outlines {
    pages
        .par_iter()
        .map(|(file, text)| (file.clone(), Outline::of(text)))
        .collect()
}

/// A heading, its text as a reader sees it (anchors and trailing `#`s
/// left out, lower case, spaces collapsed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    pub level: u8,
    pub text: String,
    pub line: u32,
}

/// A table: where it starts, the heading of the section it is in (the
/// nearest heading above it of level 2 or 3), and each row's line with
/// whether it is a section row (`|**Owners**|||`: one bold cell, the
/// others empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableAt {
    pub line: u32,
    /// The header's first cell, lower case.
    pub header: String,
    pub section: Option<Heading>,
    pub rows: Vec<(u32, bool)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    pub headings: Vec<Heading>,
    pub tables: Vec<TableAt>,
    /// Annotation comments (`<!-- { "blockType": … } -->`) and paragraphs
    /// that include a file (`[!INCLUDE …]`), by their lowered text: what
    /// stands in for a section today's pages write by inclusion.
    pub comments: Vec<String>,
    pub includes: Vec<String>,
}

impl Outline {
    pub fn of(text: &str) -> Outline {
        let mut outline = Outline::default();
        let mut section: Option<Heading> = None;
        for block in markdown::blocks(text) {
            match block {
                Block::Heading { level, text, line } => {
                    let heading = Heading {
                        level,
                        text: heading_text(&text),
                        line,
                    };
                    if (2..=3).contains(&level) {
                        section = Some(heading.clone());
                    } else if level < 2 {
                        section = None;
                    }
                    outline.headings.push(heading);
                }
                Block::Table(t) => outline.tables.push(TableAt {
                    line: t.line,
                    header: t
                        .header
                        .first()
                        .map(|c| c.trim().to_ascii_lowercase())
                        .unwrap_or_default(),
                    section: section.clone(),
                    rows: t
                        .rows
                        .iter()
                        .map(|r| (r.line, is_section_row(&r.cells)))
                        .collect(),
                }),
                Block::Comment { text, .. } => outline.comments.push(text.to_ascii_lowercase()),
                Block::Paragraph { text, .. }
                    if text.to_ascii_lowercase().contains("[!include") =>
                {
                    outline.includes.push(text.to_ascii_lowercase());
                }
                _ => {}
            }
        }
        outline
    }

    /// Whether a heading of level 2 or 3 reads `wanted` (or starts with it
    /// followed by a space, a digit or `:`, as "Example 1: …" does).
    pub fn has_section(&self, wanted: &str) -> bool {
        self.headings.iter().any(|h| {
            (2..=3).contains(&h.level)
                && h.text.strip_prefix(wanted).is_some_and(|rest| {
                    matches!(rest, "" | "s")
                        || rest.starts_with([' ', ':', '('])
                        || rest.starts_with(char::is_numeric)
                })
        })
    }

    /// The table holding a row on `line`.
    pub fn table_of(&self, line: u32) -> Option<&TableAt> {
        self.tables
            .iter()
            .find(|t| t.rows.iter().any(|&(l, _)| l == line))
    }
}

/// A heading's words: HTML tags (anchors) and markdown emphasis removed,
/// lower case, whitespace collapsed.
fn heading_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '*' | '_' | '`' if !in_tag => {}
            c if !in_tag => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out.trim_end_matches('#')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `|**Owners**|||`: a first cell in bold and nothing else.
fn is_section_row(cells: &[std::borrow::Cow<'_, str>]) -> bool {
    let Some(first) = cells.first() else {
        return false;
    };
    let first = first.trim();
    first.len() > 4
        && first.starts_with("**")
        && first.ends_with("**")
        && cells[1..].iter().all(|c| c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_sections_and_section_rows() {
        let page = "# x resource type\n\n## <a name=\"props\"></a>Properties  \n\n\
| Property | Type | Description |\n|:--|:--|:--|\n| b | String | B. |\n|**Owners**|||\n| a | String | A. |\n\n\
### Example 1: get\n\n<!-- { \"blockType\": \"permissions\" } -->\n[!INCLUDE [p](../includes/p.md)]\n";
        let o = Outline::of(page);
        assert_eq!(o.headings[1].text, "properties");
        assert!(o.has_section("properties"));
        assert!(o.has_section("example"));
        assert!(!o.has_section("examples"));
        assert!(Outline::of("## HTTP requests\n").has_section("http request"));
        assert_eq!(o.tables[0].header, "property");
        assert!(!o.has_section("relationships"));
        let t = o.table_of(9).expect("the table");
        assert_eq!(t.rows, [(7, false), (8, true), (9, false)]);
        assert_eq!(
            t.section.as_ref().map(|h| h.text.as_str()),
            Some("properties")
        );
        assert_eq!(o.comments.len(), 1);
        assert_eq!(o.includes.len(), 1);
    }
}
