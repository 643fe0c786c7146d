//! The structure of a page, as far as translation drift is concerned:
//! headings (by the English slug), tables (rows with their cells as
//! written) and code blocks, each with its line.

use graphdoc_docs::locale::heading_anchor;
use graphdoc_docs::markdown::is_pipe_delimiter_row;

/// What of a page can drift in translation, read once per page.
#[derive(Debug, Default)]
pub struct Page {
    /// The page's lines, for the text of notes.
    pub lines: Vec<String>,
    /// In page order.
    pub headings: Vec<Heading>,
    /// In page order.
    pub tables: Vec<Table>,
    /// Fenced code blocks, in page order.
    pub code: Vec<Code>,
    /// Links to resource pages, in page order.
    pub links: Vec<TypeLink>,
}

/// A heading, known by the English slug whatever its language.
#[derive(Debug)]
pub struct Heading {
    /// The English heading's slug: the localised heading's anchor, else the slug of the English reading of it.
    pub slug: String,
    /// The heading as shown (without its anchor).
    pub text: String,
    /// 1-based.
    pub line: u32,
}

/// A link to a resource page, with its text as written.
#[derive(Debug)]
pub struct TypeLink {
    /// The linked file's name, lower case (`user.md`).
    pub target: String,
    /// The link text as written.
    pub text: String,
    /// 1-based.
    pub line: u32,
    /// In a table row (a type cell, a Methods row) rather than in prose.
    pub in_table: bool,
}

/// A pipe table under a heading.
#[derive(Debug)]
pub struct Table {
    /// The slug of the heading the table is under (`""` before any).
    pub section: String,
    /// Header cells in English (the localised header read through the vocabulary).
    pub header: Vec<String>,
    /// The body rows, in order.
    pub rows: Vec<Row>,
}

/// One body row of a table.
#[derive(Debug)]
pub struct Row {
    /// 1-based.
    pub line: u32,
    /// Cells as written (markdown), trimmed.
    pub cells: Vec<String>,
}

/// A fenced code block under a heading.
#[derive(Debug)]
pub struct Code {
    /// The slug of the heading the block is under (`""` before any).
    pub section: String,
    /// The info string after the fence (`http`, `json`).
    pub info: String,
    /// Line of the first line inside the fence.
    pub line: u32,
    /// The code, verbatim.
    pub text: String,
}

/// GitHub's slug of a heading: `JSON representation` → `json-representation`.
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

fn split_cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(row);
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(row[start..i].trim().to_string());
            start = i + 1;
        }
    }
    cells.push(row[start..].trim().to_string());
    cells
}

/// Reads a page. `english` is the page read through its language's
/// vocabulary (line for line, see `graphdoc_docs::localise`) for a
/// localised page, or the page itself.
pub fn scan(original: &str, english: &str) -> Page {
    let lines: Vec<&str> = original.split('\n').collect();
    let english_lines: Vec<&str> = english.split('\n').collect();
    let mut page = Page {
        lines: lines.iter().map(|l| l.to_string()).collect(),
        ..Page::default()
    };
    let mut in_front_matter = lines.first().is_some_and(|l| l.trim_end() == "---");
    let mut fence: Option<(String, usize)> = None;
    let mut section = String::new();
    let mut in_table = false;
    for (i, line) in lines.iter().enumerate() {
        let number = i as u32 + 1;
        if in_front_matter {
            in_front_matter = i == 0 || line.trim_end() != "---";
            continue;
        }
        let trimmed = line.trim_start();
        if let Some((marker, start)) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                let text = lines[*start..i].join("\n");
                if let Some(code) = page.code.last_mut() {
                    code.text = text;
                }
                fence = None;
            }
            continue;
        }
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if marker.len() >= 3
            && marker
                .chars()
                .all(|c| c == marker.chars().next().unwrap_or('`'))
        {
            fence = Some((marker.clone(), i + 1));
            in_table = false;
            page.code.push(Code {
                section: section.clone(),
                info: trimmed[marker.len()..].trim().to_ascii_lowercase(),
                line: number + 1,
                text: String::new(),
            });
            continue;
        }
        if trimmed.is_empty() {
            in_table = false;
            continue;
        }
        if line.starts_with('#') {
            let rest = line.trim_start_matches('#');
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                in_table = false;
                let english_text = english_lines.get(i).copied().unwrap_or(line);
                let english_text = english_text.trim_start_matches('#');
                let slug = heading_anchor(rest)
                    .map(str::to_string)
                    .unwrap_or_else(|| slug(graphdoc_docs::locale::visible_heading(english_text)));
                section = slug.clone();
                let text = graphdoc_docs::locale::visible_heading(rest).to_string();
                page.headings.push(Heading {
                    slug,
                    text,
                    line: number,
                });
                continue;
            }
        }
        for link in graphdoc_docs::cells::links(line) {
            let target = link
                .target
                .split('#')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let in_resources = target.contains("resources/") || !target.contains('/');
            if in_resources && target.ends_with(".md") {
                let file = target.rsplit('/').next().unwrap_or(&target).to_string();
                page.links.push(TypeLink {
                    target: file,
                    text: graphdoc_docs::cells::plain(&link.text),
                    line: number,
                    in_table: trimmed.starts_with('|'),
                });
            }
        }
        if trimmed.starts_with('|') {
            let next = lines.get(i + 1).map(|l| l.trim());
            if !in_table && next.is_some_and(is_pipe_delimiter_row) {
                let english_header = english_lines.get(i).copied().unwrap_or(line);
                page.tables.push(Table {
                    section: section.clone(),
                    header: split_cells(english_header),
                    rows: Vec::new(),
                });
                in_table = true;
                continue;
            }
            if in_table && !is_pipe_delimiter_row(trimmed) {
                if let Some(table) = page.tables.last_mut() {
                    table.rows.push(Row {
                        line: number,
                        cells: split_cells(line),
                    });
                }
            }
            continue;
        }
        if !in_table {
            continue;
        }
        // A line with no leading pipe inside a table: the rest of the row.
        if let Some(row) = page.tables.last_mut().and_then(|t| t.rows.last_mut()) {
            if let Some(last) = row.cells.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        }
    }
    if let Some((_, start)) = fence {
        // An unclosed fence runs to the end of the page.
        if let Some(code) = page.code.last_mut() {
            code.text = lines[start..].join("\n");
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_github_makes_them() {
        assert_eq!(slug("JSON representation"), "json-representation");
        assert_eq!(slug("vppToken resource type"), "vpptoken-resource-type");
        assert_eq!(slug("Example 1: Get a user"), "example-1-get-a-user");
    }

    #[test]
    fn reads_headings_tables_and_code() {
        let text = "# <a name=\"t\"></a>Titel\n\n## Properties\n|Property|Type|\n|-|-|\n|a|String|\n|b|Int32\nmore\n\n```json\n{}\n```\n";
        let page = scan(text, text);
        assert_eq!(page.headings.len(), 2);
        assert_eq!(page.headings[0].slug, "t");
        assert_eq!(page.headings[1].slug, "properties");
        assert_eq!(page.tables[0].rows.len(), 2);
        assert_eq!(page.tables[0].rows[1].cells, ["b", "Int32 more"]);
        assert_eq!(page.code[0].info, "json");
        assert_eq!(page.code[0].text, "{}");
        assert_eq!(page.code[0].line, 11);
    }
}
