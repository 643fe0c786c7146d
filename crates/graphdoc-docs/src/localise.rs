//! A localised page read as the English one it was translated from: before
//! the page parser sees it, headings, table headers, type cells and the
//! phrases the facts reader knows are put back in English, line for line
//! (every line keeps its number, so diagnostics point at the page as
//! written). Structure comes first: a heading's anchor
//! (`## <a name="properties"></a>Eigenschaften`) is the English heading's
//! slug, and a table whose rows hold a name and a type cell is a property
//! table whatever its header says. The vocabulary ([`crate::locale`])
//! covers the rest. A translated type word is read as the type and
//! reported: a type cell names a type as the service does.

use crate::locale::{self, heading_anchor, visible_heading, Locale, TitleKind};
use graphdoc_schema::{Diagnostic, Severity, Source};

/// Codes of the localised reading's diagnostics.
pub mod codes {
    /// A translated Type cell, read as the type the vocabulary maps it to.
    pub const TRANSLATED_TYPE_CELL: &str = "GD0050";
    /// A translated property name, read as the JSON representation's key at its place.
    pub const TRANSLATED_PROPERTY_NAME: &str = "GD0051";
    /// A translated enum member name, read as the possible value at its place.
    pub const TRANSLATED_MEMBER_NAME: &str = "GD0052";

    /// The text of `graphdoc explain` for each code of this module.
    pub static EXPLANATIONS: &[(&str, &str)] = &[
        (
            TRANSLATED_TYPE_CELL,
            "A Type cell of a localised page is translated (`Zeichenfolge`, `Booléen`, `[x](x.md)-Sammlung`). It is read as the type the vocabulary maps it to, named in the message. Fix: keep type cells as the English page writes them (`String`, `Boolean`, `[x](x.md) collection`): they name the service's types, not words to translate.",
        ),
        (
            TRANSLATED_PROPERTY_NAME,
            "A property row of a localised page names a property its own JSON representation does not have (`Ort`, `Feedback`, or no name at all), where the representation has a key no row names at the same place in the order (`city`, `feedback`). The row is read under the representation's key. Fix: keep property names as the English page writes them: they are identifiers, not words to translate.",
        ),
        (
            TRANSLATED_MEMBER_NAME,
            "An enum members row of a localised page names a member (`Eltern`, `mit Vorbehalt`) that the \"possible values\" lists of the properties of that enum's type do not have, where those lists have a value no row names at the same place in the order (`parent`, `tentative`). The row is read under the listed value. Fix: keep member names as the English page writes them: they are the values the service sends.",
        ),
    ];

    /// The explanation of a code of this module, if it is one.
    pub fn explain(code: &str) -> Option<&'static str> {
        EXPLANATIONS
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(_, text)| *text)
    }
}

/// A localised page in English words, with what reading it so found.
#[derive(Debug)]
pub struct Localised {
    /// The language the page was recognised as.
    pub locale: &'static Locale,
    /// The page with its structure in English words, line for line, so every line keeps its number.
    pub text: String,
    /// What the translation broke and was read back (GD0050…GD0052).
    pub diagnostics: Vec<Diagnostic>,
}

/// The English reading of a localised page; `None` when the page is in
/// English (or a language the vocabulary does not cover).
pub fn to_english(file: &str, text: &str) -> Option<Localised> {
    let locale = locale::detect(text)?;
    Some(with_locale(file, text, locale))
}

/// The values each enum's properties list ("Possible values are: …"),
/// keyed by the enum's name in lower case: what member names a
/// translation changed are read back from.
pub type StatedValues = std::collections::BTreeMap<String, Vec<String>>;

/// [`to_english`] for a page whose language is known.
pub fn with_locale(file: &str, text: &str, locale: &'static Locale) -> Localised {
    with_values(file, text, locale, &StatedValues::new())
}

/// [`with_locale`], reading translated enum member names back from the
/// values the enum's properties list.
pub fn with_values(
    file: &str,
    text: &str,
    locale: &'static Locale,
    values: &StatedValues,
) -> Localised {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut diagnostics = Vec::new();
    let mut in_front_matter = lines.first().is_some_and(|l| l.trim_end() == "---");
    let mut fence: Option<String> = None;
    let mut table: Option<TableShape> = None;
    let mut section = String::new();
    let mut fence_start = 0;
    let mut representation: Vec<String> = Vec::new();
    let mut property_rows: Vec<(usize, String)> = Vec::new();
    let mut current_enum: Option<String> = None;
    let mut member_rows: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let number = i as u32 + 1;
        if in_front_matter {
            in_front_matter = i == 0 || line.trim_end() != "---";
            out.push(line.to_string());
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
                if section == "json representation" && representation.is_empty() {
                    representation = top_level_keys(&lines[fence_start..i]);
                }
            }
            out.push(line.to_string());
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            fence_start = i + 1;
            table = None;
            out.push(line.to_string());
            continue;
        }
        if trimmed.is_empty() {
            table = None;
            out.push(line.to_string());
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let hashes = 1 + rest.len() - rest.trim_start_matches('#').len();
            let rest = rest.trim_start_matches('#');
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                table = None;
                let english = english_heading(locale, hashes, rest);
                section = english.to_lowercase();
                current_enum = enum_of_heading(hashes, &english, current_enum.take());
                out.push(format!("{} {english}", "#".repeat(hashes)));
                continue;
            }
        }
        if is_pipe_row(trimmed) {
            let next = lines.get(i + 1).map(|l| l.trim());
            if table.is_none() && next.is_some_and(is_delimiter_row) {
                let (mut shape, header) = table_header(locale, trimmed, &lines[i + 2..]);
                shape.names_properties &=
                    section.contains("propert") || section.contains("relationship");
                if let (true, Some(name)) = (shape.names_members, &current_enum) {
                    member_rows.push((name.to_lowercase(), Vec::new()));
                } else {
                    shape.names_members = false;
                }
                table = Some(shape);
                out.push(header);
                continue;
            }
            if let Some(shape) = &table {
                if !is_delimiter_row(trimmed) {
                    let name = || {
                        split_cells(trimmed)
                            .get(1)
                            .map(|c| crate::cells::plain(c))
                            .unwrap_or_default()
                    };
                    if shape.names_properties {
                        property_rows.push((out.len(), name()));
                    }
                    if let (true, Some((_, rows))) = (shape.names_members, member_rows.last_mut()) {
                        rows.push((out.len(), name()));
                    }
                    let row = table_row(locale, shape, line, file, number, &mut diagnostics);
                    out.push(phrases(locale, &row));
                    continue;
                }
            }
            out.push(line.to_string());
            continue;
        }
        out.push(phrases(locale, line));
    }
    names_from_representation(
        &mut out,
        &property_rows,
        &representation,
        file,
        &mut diagnostics,
    );
    for (_, rows) in member_rows.iter_mut() {
        for (index, name) in rows.iter_mut() {
            let Some(english) = locale.member_word(name) else {
                continue;
            };
            diagnostics.push(Diagnostic::new(
                &Source::new(file.to_string(), *index as u32 + 1),
                Severity::Warning,
                codes::TRANSLATED_MEMBER_NAME,
                format!("enum members row has `{name}`, the {} word for `{english}`; read as `{english}`", locale.name),
            ));
            let mut cells: Vec<String> = split_cells(&out[*index])
                .into_iter()
                .map(str::to_string)
                .collect();
            if let Some(cell) = cells.get_mut(1) {
                *cell = english.to_string();
            }
            out[*index] = cells.join("|");
            *name = english.to_string();
        }
    }
    for (name, rows) in &member_rows {
        if let Some(stated) = values.get(name) {
            let found = Found {
                code: codes::TRANSLATED_MEMBER_NAME,
                what: "enum members row",
                source: "the possible values its properties list",
            };
            rename_rows(&mut out, rows, stated, &found, file, &mut diagnostics);
        }
    }
    Localised {
        locale,
        text: out.join("\n"),
        diagnostics,
    }
}

fn phrases(locale: &Locale, line: &str) -> String {
    locale.phrases(line).unwrap_or_else(|| line.to_string())
}

fn fence_marker(trimmed: &str) -> Option<String> {
    for c in ['`', '~'] {
        let n = trimmed.len() - trimmed.trim_start_matches(c).len();
        if n >= 3 {
            return Some(c.to_string().repeat(n));
        }
    }
    None
}

fn is_pipe_row(trimmed: &str) -> bool {
    trimmed.starts_with('|')
}

fn is_delimiter_row(trimmed: &str) -> bool {
    trimmed.contains('-')
        && trimmed.contains('|')
        && trimmed
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The English first-column headers the page parser knows.
const ENGLISH_HEADERS: [&str; 9] = [
    "Property",
    "Properties",
    "Name",
    "Property name",
    "Relationship",
    "Member",
    "Value",
    "Parameter",
    "Field",
];

/// The English section headings whose slugs the anchors carry.
const ENGLISH_SECTIONS: [&str; 24] = [
    "Properties",
    "Relationships",
    "JSON representation",
    "Members",
    "Methods",
    "Derived types",
    "Request body",
    "Response",
    "Request",
    "HTTP request",
    "Request headers",
    "Optional request headers",
    "Path parameters",
    "Optional query parameters",
    "Query parameters",
    "Function parameters",
    "Permissions",
    "Example",
    "Examples",
    "Prerequisites",
    "See also",
    "Error responses",
    "Response body",
    "Parameters",
];

fn english_heading(locale: &Locale, level: usize, rest: &str) -> String {
    let anchor = heading_anchor(rest);
    let visible = visible_heading(rest);
    if level == 1 {
        if let Some((subject, kind)) = locale.title(visible) {
            return kind.english(subject);
        }
        let kinds = [
            ("-resource-type", TitleKind::Resource),
            ("-complex-type", TitleKind::Complex),
            ("-enum-type", TitleKind::Enum),
            ("-enumeration-type", TitleKind::Enum),
        ];
        for (suffix, kind) in kinds {
            let subject = anchor
                .and_then(|slug| slug.strip_suffix(suffix))
                .and_then(|stem| identifier_for_slug(visible, stem));
            if let Some(subject) = subject {
                return kind.english(subject);
            }
        }
        // An API page's title (`Kalender auflisten`): the anchor is the
        // English one's slug (`list-calendars`), names as the title writes them.
        return anchor.map_or_else(|| visible.to_string(), |slug| from_slug(slug, visible));
    }
    if let Some(slug) = anchor {
        let stem = slug.trim_end_matches(|c: char| c.is_ascii_digit());
        let stem = stem
            .strip_suffix('-')
            .filter(|_| stem.len() < slug.len())
            .unwrap_or(slug);
        if let Some(english) = ENGLISH_SECTIONS.iter().find(|e| slug_of(e) == stem) {
            return english.to_string();
        }
    }
    if let Some(english) = locale.heading(visible) {
        return english;
    }
    if let Some(subject) = locale.values_heading(visible) {
        return format!("{subject} values");
    }
    let from_slug = anchor
        .and_then(|slug| slug.strip_suffix("-values"))
        .and_then(|stem| identifier_for_slug(visible, stem));
    if let Some(subject) = from_slug {
        return format!("{subject} values");
    }
    visible.to_string()
}

/// A heading's English words from its slug, each identifier of `visible`
/// whose slug is a word taking that word's place as written.
fn from_slug(slug: &str, visible: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| identifier_for_slug(visible, w).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `JSON representation` → `json-representation`.
fn slug_of(heading: &str) -> String {
    heading.to_ascii_lowercase().replace(' ', "-")
}

/// The identifier of `visible` whose slug is `stem` (`vppToken` for
/// `vpptoken`), as written.
fn identifier_for_slug<'t>(visible: &'t str, stem: &str) -> Option<&'t str> {
    visible
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map(|t| t.trim_matches('.'))
        .find(|t| {
            !t.is_empty()
                && crate::types::is_type_identifier(t)
                && t.replace('.', "")
                    .eq_ignore_ascii_case(&stem.replace(['-', '.'], ""))
        })
}

/// How a table's columns were read.
struct TableShape {
    leading_pipe: bool,
    type_column: Option<usize>,
    /// The first column names properties (and the table has a type column).
    names_properties: bool,
    /// The first column names an enum's members.
    names_members: bool,
}

/// The keys of a JSON block's top-level object, in order.
fn top_level_keys(lines: &[&str]) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0i32;
    for line in lines {
        let trimmed = line.trim_start();
        if depth == 1 {
            if let Some(rest) = trimmed.strip_prefix('"') {
                if let Some((key, after)) = rest.split_once('"') {
                    if after.trim_start().starts_with(':') {
                        keys.push(key.to_string());
                    }
                }
            }
        }
        let mut in_string = false;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => depth -= 1,
                _ => {}
            }
        }
    }
    keys
}

/// Which rows are renamed from what, for the message.
struct Found {
    code: &'static str,
    what: &'static str,
    source: &'static str,
}

/// Property rows whose name the page's JSON representation does not have
/// take the key at their place in the order (rows and keys aligned on the
/// names they share; a gap of rows facing a gap of keys of the same length
/// pairs up), or the key that differs only in case.
fn names_from_representation(
    out: &mut [String],
    rows: &[(usize, String)],
    keys: &[String],
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let keys: Vec<String> = keys
        .iter()
        .filter(|k| !k.starts_with('@'))
        .cloned()
        .collect();
    let found = Found {
        code: codes::TRANSLATED_PROPERTY_NAME,
        what: "property row",
        source: "the JSON representation",
    };
    rename_rows(out, rows, &keys, &found, file, diagnostics);
}

/// Rows whose first cell `names` lacks take the name at their place.
fn rename_rows(
    out: &mut [String],
    rows: &[(usize, String)],
    names: &[String],
    found: &Found,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if names.is_empty() || rows.is_empty() {
        return;
    }
    let written: Vec<&str> = rows.iter().map(|(_, n)| n.as_str()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut pairs = pair_gaps(&written, &names);
    // Rows in another order than the names: what is left on both sides,
    // when as many, pairs up in order.
    let unmatched_rows: Vec<usize> = (0..written.len())
        .filter(|&r| !names.contains(&written[r]) && !pairs.iter().any(|&(x, _)| x == r))
        .collect();
    let unmatched_names: Vec<usize> = (0..names.len())
        .filter(|&n| !written.contains(&names[n]) && !pairs.iter().any(|&(_, y)| y == n))
        .collect();
    if !unmatched_rows.is_empty() && unmatched_rows.len() == unmatched_names.len() {
        pairs.extend(unmatched_rows.into_iter().zip(unmatched_names));
    }
    for (row, at) in pairs {
        let (index, name) = &rows[row];
        let key = names[at];
        if written.contains(&key) || names.contains(&name.as_str()) {
            continue;
        }
        let shown = if name.is_empty() {
            "no name".to_string()
        } else {
            format!("`{name}`")
        };
        let line = *index as u32 + 1;
        diagnostics.push(Diagnostic::new(
            &Source::new(file.to_string(), line),
            Severity::Warning,
            found.code,
            format!(
                "{} has {shown} where {} has `{key}`; read as `{key}`",
                found.what, found.source
            ),
        ));
        let mut cells: Vec<String> = split_cells(&out[*index])
            .into_iter()
            .map(str::to_string)
            .collect();
        if let Some(cell) = cells.get_mut(1) {
            *cell = key.to_string();
        }
        out[*index] = cells.join("|");
    }
}

/// The enum a heading starts: a title `x enum type`, a `### x values`
/// heading; a Members heading keeps the one before.
fn enum_of_heading(level: usize, english: &str, before: Option<String>) -> Option<String> {
    if let Some(name) = english.strip_suffix(" enum type") {
        return Some(name.to_string());
    }
    if level >= 2 {
        if let Some(name) = english.strip_suffix(" values") {
            return Some(name.to_string());
        }
        if english.eq_ignore_ascii_case("members") {
            return before;
        }
    }
    None
}

/// Positions of `a` and `b` that face each other across the longest common
/// subsequence's gaps of equal length, or that differ only in case.
fn pair_gaps(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let same = |i: usize, j: usize| a[i] == b[j];
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if same(i, j) {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j, mut gap_i, mut gap_j) = (0, 0, 0, 0);
    let flush = |pairs: &mut Vec<(usize, usize)>, gi: usize, ti: usize, gj: usize, tj: usize| {
        if ti - gi == tj - gj {
            pairs.extend((gi..ti).zip(gj..tj));
        } else {
            for (x, name) in a.iter().enumerate().take(ti).skip(gi) {
                if let Some(y) = (gj..tj).find(|&y| name.eq_ignore_ascii_case(b[y])) {
                    pairs.push((x, y));
                }
            }
        }
    };
    while i < n && j < m {
        if same(i, j) {
            flush(&mut pairs, gap_i, i, gap_j, j);
            i += 1;
            j += 1;
            (gap_i, gap_j) = (i, j);
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    flush(&mut pairs, gap_i, n, gap_j, m);
    pairs
}

fn split_cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&row[start..i]);
            start = i + 1;
        }
    }
    cells.push(&row[start..]);
    cells
}

fn table_header(locale: &Locale, trimmed: &str, rows: &[&str]) -> (TableShape, String) {
    let parts = split_cells(trimmed);
    // parts[0] is what precedes the leading pipe (nothing).
    let cells = &parts[1..];
    let mut english: Vec<String> = cells
        .iter()
        .map(|c| match locale.table_header(c) {
            Some(e) => format!(" {e} "),
            None => c.to_string(),
        })
        .collect();
    let mut type_column = english.iter().position(|c| c.trim() == "Type");
    let first_unknown = cells
        .first()
        .is_some_and(|c| locale.table_header(c).is_none())
        && !english.first().is_some_and(|c| {
            ENGLISH_HEADERS
                .iter()
                .any(|h| c.trim().eq_ignore_ascii_case(h))
        });
    if first_unknown
        && matches!(type_column, None | Some(1))
        && english.len() >= 3
        && looks_like_property_rows(locale, rows)
    {
        // Structure over vocabulary: names over type cells make a property table.
        english[0] = " Property ".into();
        english[1] = " Type ".into();
        type_column = Some(1);
    }
    let first = english
        .first()
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let names_properties = type_column.is_some()
        && matches!(
            first.as_str(),
            "property" | "relationship" | "name" | "property name"
        );
    let names_members = type_column.is_none()
        && matches!(
            first.as_str(),
            "member" | "name" | "value" | "member name" | "enum value"
        );
    let header = format!("|{}", english.join("|"));
    (
        TableShape {
            leading_pipe: true,
            type_column,
            names_properties,
            names_members,
        },
        header,
    )
}

/// A table's first rows hold an identifier and a type cell each.
fn looks_like_property_rows(locale: &Locale, rows: &[&str]) -> bool {
    let rows: Vec<&str> = rows
        .iter()
        .take_while(|r| is_pipe_row(r.trim_start()))
        .take(5)
        .copied()
        .collect();
    !rows.is_empty()
        && rows.iter().all(|row| {
            let parts = split_cells(row.trim());
            let (Some(name), Some(ty)) = (parts.get(1), parts.get(2)) else {
                return false;
            };
            let name = crate::cells::plain(name);
            crate::types::is_type_identifier(&name)
                && (locale.type_cell(ty).is_some() || crate::types::parse_type_cell(ty).is_ok())
        })
}

fn table_row(
    locale: &Locale,
    shape: &TableShape,
    line: &str,
    file: &str,
    number: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let Some(column) = shape.type_column else {
        return line.to_string();
    };
    let mut parts = split_cells(line);
    let index = column + usize::from(shape.leading_pipe);
    let Some(cell) = parts.get(index) else {
        return line.to_string();
    };
    let Some(english) = locale.type_cell(cell) else {
        return line.to_string();
    };
    let written = cell.trim().to_string();
    let column_at = parts[..index]
        .iter()
        .map(|p| p.chars().count() + 1)
        .sum::<usize>() as u32
        + 1;
    diagnostics.push(
        Diagnostic::new(
            &Source::new(file.to_string(), number),
            Severity::Warning,
            codes::TRANSLATED_TYPE_CELL,
            format!(
                "type cell `{written}` is translated ({}); read as `{english}`",
                locale.name
            ),
        )
        .with_column(column_at),
    );
    let replaced = format!(" {english} ");
    parts[index] = &replaced;
    parts.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GERMAN: &str = "---\nms.contentlocale: de-DE\n---\n# <a name=\"vpptoken-resource-type\"></a>vppToken-Ressourcentyp\n\nErbt von [entity](entity.md).\n\n## <a name=\"properties\"></a>Eigenschaften\n\n| Eigenschaft | Typ | Beschreibung |\n|:--|:--|:--|\n|appleId|Zeichenfolge|Mögliche Werte sind: a, b.|\n|tokens|[x](x.md)-Sammlung|Tokens.|\n\n### <a name=\"vpptokenstate-values\"></a>vppTokenState-Werte\n\n```json\n{ \"Zeichenfolge\": 1 }\n```\n";

    #[test]
    fn reads_a_german_page_as_english_line_for_line() {
        let l = to_english("de.md", GERMAN).unwrap();
        assert_eq!(l.locale.name, "de");
        assert_eq!(l.text.lines().count(), GERMAN.lines().count());
        let lines: Vec<&str> = l.text.lines().collect();
        assert_eq!(lines[3], "# vppToken resource type");
        assert_eq!(lines[5], "Inherits from [entity](entity.md).");
        assert_eq!(lines[7], "## Properties");
        assert_eq!(lines[9], "| Property | Type | Description |");
        assert_eq!(lines[11], "|appleId| String |Possible values are: a, b.|");
        assert_eq!(lines[12], "|tokens| [x](x.md) collection |Tokens.|");
        assert_eq!(lines[14], "### vppTokenState values");
        assert_eq!(lines[17], "{ \"Zeichenfolge\": 1 }");
        let found: Vec<String> = l.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("de.md:12:"), "{found:?}");
        assert!(found[0].contains("`Zeichenfolge`"), "{found:?}");
    }

    #[test]
    fn english_pages_are_left_alone() {
        let page = "# x resource type\n\n## Properties\n\n|Property|Type|Description|\n|-|-|-|\n|a|String|b|\n";
        assert!(to_english("x.md", page).is_none());
    }

    #[test]
    fn a_table_of_names_and_types_is_a_property_table_whatever_its_header() {
        let de = locale::for_tag("de").unwrap();
        let page = "## <a name=\"properties\"></a>Eigenschaften\n\n| Feld | Art | Text |\n|-|-|-|\n|a|Zeichenfolge|b|\n";
        let l = with_locale("x.md", page, de);
        assert_eq!(l.text.lines().nth(2), Some("| Property | Type | Text |"));
    }
}
