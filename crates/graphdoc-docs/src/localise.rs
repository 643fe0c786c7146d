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
use std::borrow::Cow;
use std::collections::BTreeMap;

mod names;
mod read;

/// Codes of the localised reading's diagnostics.
pub mod codes {
    /// A translated Type cell, read as the type the vocabulary maps it to.
    pub const TRANSLATED_TYPE_CELL: &str = "GD0050";
    /// A translated property name, read as the JSON representation's key at its place.
    pub const TRANSLATED_PROPERTY_NAME: &str = "GD0051";
    /// A translated enum member name, read as the possible value at its place.
    pub const TRANSLATED_MEMBER_NAME: &str = "GD0052";
    /// `&quot;` in code or an annotation comment, read as `"`.
    pub const ESCAPED_QUOTES: &str = "GD0053";

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
        (
            ESCAPED_QUOTES,
            "Code blocks or annotation comments of a localised page have `&quot;` where the English page has `\"` (`\"@odata.type&quot;: &quot;microsoft.graph.list\"`): a translation tool escaped them. They are read as `\"`. Fix: restore the quotes; code is not translated.",
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
    /// What the translation broke and was read back (GD0050…GD0053).
    pub diagnostics: Vec<Diagnostic>,
    /// The rows left unnamed that what other pages say may name: the page
    /// is worth reading again when [`Evidence::may_name`] them.
    pub open_rows: OpenRows,
    /// Some name was read back from the [`Evidence`] given: the page reads
    /// differently than without it.
    pub used_evidence: bool,
    /// What the API pages its Methods table links return.
    pub method_returns: MethodReturns,
}

/// The rows a first reading left unnamed, with what names them if the
/// tree's evidence has it: their types, the API pages the Methods table
/// links, and the names the page already has (lower case).
#[derive(Debug, Default, Clone)]
pub struct OpenRows {
    keys: Vec<names::TypeKey>,
    linked: Vec<String>,
    present: Vec<String>,
}

impl OpenRows {
    fn new(keys: Vec<names::TypeKey>, linked: Vec<String>, present: Vec<String>) -> Self {
        OpenRows {
            keys,
            linked,
            present,
        }
    }

    /// No row is left open: nothing the tree says can name more.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The type each API page a Methods table links to returns, as its row
/// says (`[List tasks](../api/plannerplan-list-tasks.md) | Coleção
/// [plannerTask](plannertask.md)`): the collection word read in the page's
/// language, as the API page's own prose may not be.
#[derive(Debug, Default, Clone)]
pub struct MethodReturns(Vec<MethodReturn>);

/// An API page a Methods row links, and its return type cell as written
/// (read only when some `GET` path of that page ends in a name).
#[derive(Debug, Clone)]
struct MethodReturn {
    api_file: String,
    cell: String,
    targets: Vec<String>,
    locale: &'static Locale,
}

impl MethodReturns {
    fn push(
        &mut self,
        api_file: String,
        cell: &str,
        targets: Vec<String>,
        locale: &'static Locale,
    ) {
        self.0.push(MethodReturn {
            api_file,
            cell: cell.to_string(),
            targets,
            locale,
        });
    }
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
pub type StatedValues = BTreeMap<String, Vec<String>>;

/// [`to_english`] for a page whose language is known.
pub fn with_locale(file: &str, text: &str, locale: &'static Locale) -> Localised {
    with_values(file, text, locale, &StatedValues::new())
}

/// What the other pages of a tree say that a translated page's names are
/// read back from.
#[derive(Debug, Default)]
pub struct Evidence {
    /// The values each enum's properties list.
    pub values: StatedValues,
    /// The names the paths of each API page's `GET` requests end in
    /// (`memberOf` for `GET /users/{id}/memberOf`) or expand (`files` for
    /// `GET /agreements/{id}?$expand=files`), by the page's file name in
    /// lower case (`user-list-memberof.md`).
    pub api_names: BTreeMap<String, Vec<String>>,
    /// Each name a `GET` path ends in, with the type its page says the
    /// response carries.
    returns: Vec<(names::TypeKey, String)>,
    /// Every name a `GET` path ends in, in lower case.
    path_names: std::collections::BTreeSet<String>,
    /// The return type cell of each API page, as the first Methods table
    /// that links it has it, by the page's file name in lower case.
    method_returns: BTreeMap<String, MethodReturn>,
    /// What those cells name, read for the pages whose paths name
    /// something.
    method_keys: BTreeMap<String, Option<names::TypeKey>>,
}

impl Evidence {
    /// Evidence of the values each enum's properties list; add the API
    /// pages with [`Evidence::add_method_returns`] and
    /// [`Evidence::add_api_paths`].
    pub fn new(values: StatedValues) -> Self {
        Evidence {
            values,
            ..Evidence::default()
        }
    }

    /// Adds what a page's Methods table says its API pages return; call
    /// before [`Evidence::add_api_paths`].
    pub fn add_method_returns(&mut self, returns: &MethodReturns) {
        for r in &returns.0 {
            self.method_returns
                .entry(r.api_file.clone())
                .or_insert_with(|| r.clone());
        }
    }

    /// Adds the names an API page's `GET` paths end in, and what they
    /// return when the page says.
    pub fn add_api_paths(
        &mut self,
        file: &str,
        paths: &[String],
        returns: Option<&crate::types::CellType>,
    ) {
        let name = file
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(file)
            .to_lowercase();
        let found = names::path_names(paths);
        let expanded = names::expanded_names(paths);
        if found.is_empty() && expanded.is_empty() {
            return;
        }
        let key = match self.method_returns.get(&name) {
            Some(r) => {
                let key = names::key_of_linked_cell(r.locale, &r.cell, r.targets.clone());
                self.method_keys.insert(name.clone(), key.clone());
                key
            }
            None => returns.and_then(names::key_of_type),
        };
        if let Some(key) = key {
            for n in &found {
                let entry = (key.clone(), n.clone());
                if !self.returns.contains(&entry) {
                    self.returns.push(entry);
                }
            }
        }
        // An expanded name is the item's, not the returned type's: it names
        // rows of the pages that link this one, never by type alone.
        let entry = self.api_names.entry(name).or_default();
        for n in found.into_iter().chain(expanded) {
            self.path_names.insert(n.to_ascii_lowercase());
            if !entry.contains(&n) {
                entry.push(n);
            }
        }
    }

    /// Whether this evidence names some of a page's open rows (the page is
    /// then read again with it).
    pub fn may_name(&self, open: &OpenRows) -> bool {
        let absent = |name: &str| !open.present.contains(&name.to_ascii_lowercase());
        let returning = open
            .keys
            .iter()
            .any(|key| self.name_returning(key).is_some_and(absent));
        returning
            || open.linked.iter().any(|file| {
                let returns = self.method_keys.get(file).and_then(Option::as_ref);
                let typed = returns.is_some_and(|r| open.keys.iter().any(|k| k.matches(r)));
                typed
                    && self
                        .api_names
                        .get(file)
                        .is_some_and(|names| names.iter().any(|n| absent(n)))
            })
    }

    /// Some `GET` path of the tree ends in `name` (in any case).
    fn is_path_name(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        self.path_names.contains(&lower)
    }

    /// The one name the `GET` paths that return `key` end in, if they agree.
    fn name_returning(&self, key: &names::TypeKey) -> Option<&str> {
        let mut found = self
            .returns
            .iter()
            .filter(|(k, _)| k.matches(key))
            .map(|(_, n)| n.as_str());
        let first = found.next()?;
        found.all(|n| n == first).then_some(first)
    }
}

/// [`with_locale`], reading translated enum member names back from the
/// values the enum's properties list.
pub fn with_values(
    file: &str,
    text: &str,
    locale: &'static Locale,
    values: &StatedValues,
) -> Localised {
    let evidence = Evidence::new(values.clone());
    with_evidence(file, text, locale, &evidence)
}

/// [`with_locale`], reading translated names back from what the other
/// pages of the tree say: enum members from the values the enum's
/// properties list, relationship names from the paths of the API pages the
/// page's Methods table links.
pub fn with_evidence(
    file: &str,
    text: &str,
    locale: &'static Locale,
    evidence: &Evidence,
) -> Localised {
    read::read(file, text, locale, evidence)
}

/// A table row with its first cell replaced by `name`.
fn set_first_cell(row: &mut String, name: &str) {
    let mut cells: Vec<String> = split_cells(row).into_iter().map(str::to_string).collect();
    if let Some(cell) = cells.get_mut(1) {
        *cell = name.to_string();
    }
    *row = cells.join("|");
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

use crate::markdown::is_pipe_delimiter_row as is_delimiter_row;

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
        if let Some(english) = ENGLISH_SECTIONS.iter().find(|e| is_slug_of(e, stem)) {
            return english.to_string();
        }
    }
    if let Some(english) = locale.heading(visible) {
        return english;
    }
    let stem = anchor.and_then(|slug| slug.strip_suffix("-values"));
    if let Some(subject) = stem.and_then(|stem| identifier_for_slug(visible, stem)) {
        return format!("{subject} values");
    }
    // `### <a name="tone-values"></a>valores de tom`: the enum's name was
    // translated with the heading; a one-word anchor is that name.
    let one_word = |s: &&str| {
        crate::types::is_type_identifier(s) && !s.contains('.') && !s.starts_with("enum")
    };
    if let Some(stem) = stem.filter(one_word) {
        return format!("{stem} values");
    }
    if let Some(subject) = locale.values_heading(visible) {
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

/// `slug` is `heading`'s (`json-representation` for `JSON representation`).
fn is_slug_of(heading: &str, slug: &str) -> bool {
    let slugged = heading.bytes().map(|b| match b {
        b' ' => b'-',
        _ => b.to_ascii_lowercase(),
    });
    heading.len() == slug.len() && slugged.eq(slug.bytes())
}

/// The identifier of `visible` whose slug is `stem` (`vppToken` for
/// `vpptoken`), as written.
fn identifier_for_slug<'t>(visible: &'t str, stem: &str) -> Option<&'t str> {
    visible
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map(|t| t.trim_matches('.'))
        .find(|t| {
            // Compared without the dots and dashes, ignoring ASCII case.
            let letters = |s: &'t str, skip: &'static [u8]| {
                s.bytes()
                    .filter(move |b| !skip.contains(b))
                    .map(|b| b.to_ascii_lowercase())
            };
            // The letters first: most words differ from the first one.
            !t.is_empty()
                && letters(t, b".").eq(stem
                    .bytes()
                    .filter(|b| !b"-.".contains(b))
                    .map(|b| b.to_ascii_lowercase()))
                && crate::types::is_type_identifier(t)
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

/// Which rows are renamed from what, for the message.
struct Found {
    code: &'static str,
    what: &'static str,
    source: &'static str,
}

/// The most rows × names the read-back aligns. The alignment's table holds
/// a number for each pair and its scans go over one side per row, so a
/// page within the limits (50,000 rows facing 50,000 keys) would take
/// 10 GB; the docs' longest table has 828 rows. Past this bound the rows
/// keep the names they are written with.
const MAX_ALIGNED: usize = 4_000_000;

/// Whether `rows` rows and `names` names are too many to align.
fn too_many_to_align(rows: usize, names: usize) -> bool {
    rows.saturating_mul(names) > MAX_ALIGNED
}

/// Rows whose first cell `names` lacks take the name at their place (rows
/// and names aligned on the names they share; a gap of rows facing a gap
/// of names of the same length pairs up), or the name that differs only in
/// case. The rows renamed (positions in `rows`) and their new names; none
/// past [`MAX_ALIGNED`].
fn rename_rows(
    out: &mut [std::borrow::Cow<'_, str>],
    rows: &[(usize, String)],
    names: &[String],
    found: &Found,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(usize, String)> {
    let mut renamed = Vec::new();
    if names.is_empty() || rows.is_empty() || too_many_to_align(rows.len(), names.len()) {
        return renamed;
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
        set_first_cell(out[*index].to_mut(), key);
        renamed.push((row, key.to_string()));
    }
    renamed
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
    let mut cells = Vec::with_capacity(8);
    let mut start = 0;
    let bytes = row.as_bytes();
    // A row is mostly text between a few pipes: found by a vector search.
    for i in memchr::memchr_iter(b'|', bytes) {
        if i == 0 || bytes[i - 1] != b'\\' {
            cells.push(&row[start..i]);
            start = i + 1;
        }
    }
    cells.push(&row[start..]);
    cells
}

/// How a table's header reads in English, and what its columns hold. In a
/// Properties or Relationships section (`in_property_section`), a table
/// whose second column is the type is a property table whatever its first
/// header says (`Nome da relação`), even when its rows' names were
/// translated out of identifier shape (`análise`).
fn table_header(
    locale: &Locale,
    trimmed: &str,
    rows: &[&str],
    in_property_section: bool,
) -> (TableShape, String) {
    let parts = split_cells(trimmed);
    // parts[0] is what precedes the leading pipe (nothing).
    let cells = &parts[1..];
    let looked_up: Vec<Option<&str>> = cells.iter().map(|c| locale.table_header(c)).collect();
    let mut english: Vec<Cow<'_, str>> = cells
        .iter()
        .zip(&looked_up)
        .map(|(c, e)| match e {
            Some(e) => Cow::Owned(padded(e)),
            None => Cow::Borrowed(*c),
        })
        .collect();
    let mut type_column = english.iter().position(|c| c.trim() == "Type");
    let first_unknown = looked_up.first().is_some_and(Option::is_none)
        && !english.first().is_some_and(|c| {
            ENGLISH_HEADERS
                .iter()
                .any(|h| c.trim().eq_ignore_ascii_case(h))
        });
    let by_section = in_property_section && type_column == Some(1);
    if first_unknown
        && matches!(type_column, None | Some(1))
        && english.len() >= 3
        && (by_section || looks_like_property_rows(locale, rows))
    {
        // Structure over vocabulary: names over type cells make a property table.
        english[0] = Cow::Borrowed(" Property ");
        english[1] = Cow::Borrowed(" Type ");
        type_column = Some(1);
    }
    let first = english.first().map_or("", |c| c.trim());
    let first_is = |words: &[&str]| words.iter().any(|w| first.eq_ignore_ascii_case(w));
    let names_properties =
        type_column.is_some() && first_is(&["property", "relationship", "name", "property name"]);
    let names_members = type_column.is_none()
        && first_is(&["member", "name", "value", "member name", "enum value"]);
    let mut header = String::with_capacity(trimmed.len() + 16);
    for cell in &english {
        header.push('|');
        header.push_str(cell);
    }
    if english.is_empty() {
        header.push('|');
    }
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

/// ` word `: a header or type cell as the reading writes it.
fn padded(word: &str) -> String {
    let mut cell = String::with_capacity(word.len() + 2);
    cell.push(' ');
    cell.push_str(word);
    cell.push(' ');
    cell
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
) -> Option<String> {
    let column = shape.type_column?;
    let mut parts = split_cells(line);
    let index = column + usize::from(shape.leading_pipe);
    let cell = parts.get(index)?;
    let english = locale.type_cell(cell)?;
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
    let replaced = padded(&english);
    parts[index] = &replaced;
    Some(parts.join("|"))
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

    /// A German page whose Properties table has `n` rows (`eig0`…) and whose
    /// JSON representation has `n` keys (`k0`…): one gap of rows facing one
    /// gap of keys of the same length.
    fn rows_and_keys(n: usize) -> String {
        let mut page = String::from("---\nms.contentlocale: de-de\n---\n# <a name=\"x-resource-type\"></a>x-Ressourcentyp\n\n## <a name=\"properties\"></a>Eigenschaften\n\n|Eigenschaft|Typ|Beschreibung|\n|:--|:--|:--|\n");
        for i in 0..n {
            page.push_str(&format!("|eig{i}|String|B.|\n"));
        }
        page.push_str("\n## <a name=\"json-representation\"></a>JSON-Darstellung\n\n```json\n{\n");
        let keys: Vec<String> = (0..n).map(|i| format!("  \"k{i}\": \"String\"")).collect();
        page.push_str(&keys.join(",\n"));
        page.push_str("\n}\n```\n");
        page
    }

    #[test]
    fn a_table_too_large_to_align_keeps_its_names() {
        let small = to_english("x.md", &rows_and_keys(3)).unwrap();
        assert!(small.text.contains("|k0|String|"), "{}", small.text);
        assert_eq!(small.diagnostics.len(), 3);
        // The alignment's table grows with rows × keys (10 GB for a page
        // within the default limits): past the bound the rows are read as
        // written, and none of them is read back.
        let large = to_english("x.md", &rows_and_keys(2_001)).unwrap();
        assert!(large.text.contains("|eig0|String|"));
        assert!(
            large.diagnostics.is_empty(),
            "{:?}",
            &large.diagnostics[..1]
        );
    }

    fn pt() -> &'static Locale {
        locale::for_tag("pt-BR").unwrap()
    }

    #[test]
    fn an_enum_heading_whose_name_was_translated_is_read_by_its_anchor() {
        let page = "### <a name=\"tone-values\"></a>valores de tom\n\n### <a name=\"callstate-values\"></a>Valores de callState\n";
        let l = with_locale("x.md", page, pt());
        let lines: Vec<&str> = l.text.lines().collect();
        assert_eq!(lines[0], "### tone values");
        assert_eq!(lines[2], "### callState values");
    }

    #[test]
    fn escaped_quotes_in_code_are_read_as_quotes_and_reported() {
        let page = "Texto &quot;citado&quot;.\n<!--{\n  \"@odata.type&quot;: &quot;microsoft.graph.list\"\n}-->\n";
        let l = with_locale("x.md", page, pt());
        let lines: Vec<&str> = l.text.lines().collect();
        assert_eq!(lines[0], "Texto &quot;citado&quot;.");
        assert_eq!(lines[2], "  \"@odata.type\": \"microsoft.graph.list\"");
        let found: Vec<String> = l.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(
            found
                .iter()
                .any(|d| d.starts_with("x.md:3:") && d.contains("GD0053")),
            "{found:?}"
        );
    }

    #[test]
    fn request_body_rows_take_the_keys_of_an_example_request_that_shows_them_all() {
        let page = "## <a name=\"request-body\"></a>Corpo da solicitação\n\n|Propriedade|Tipo|Descrição|\n|:--|:--|:--|\n|displayName|String|Nome.|\n|versão|Int32|Versão.|\n\n### <a name=\"request\"></a>Solicitação\n\n```http\nPOST https://graph.microsoft.com/v1.0/x\n\n{\n  \"@odata.type\": \"#microsoft.graph.x\",\n  \"displayName\": \"a\",\n  \"version\": 7\n}\n```\n";
        let l = with_locale("x.md", page, pt());
        assert_eq!(l.text.lines().nth(5), Some("|version|Int32|Versão.|"));
        // An example that shows fewer keys than the table has rows names none.
        let partial = page.replace("  \"version\": 7\n", "");
        let l = with_locale("x.md", &partial, pt());
        assert!(l.text.lines().nth(5).unwrap().starts_with("|versão|"));
    }

    #[test]
    fn a_row_takes_the_one_unclaimed_key_of_its_type() {
        // Rows and keys in other orders: no gap pairs them up, types do.
        let page = "## <a name=\"properties\"></a>Propriedades\n\n|Propriedade|Tipo|Descrição|\n|:--|:--|:--|\n|pacote|[Agrupar][]|Pacote.|\n|nome|String|Nome.|\n|size|Int64|Tamanho.|\n\n## <a name=\"json-representation\"></a>Representação JSON\n\n```json\n{\n  \"size\": 1024,\n  \"name\": \"string\",\n  \"bundle\": { \"@odata.type\": \"microsoft.graph.bundle\" },\n  \"other\": true\n}\n```\n\n[Agrupar]: bundle.md\n";
        let l = with_locale("x.md", page, pt());
        let lines: Vec<&str> = l.text.lines().collect();
        assert!(lines[4].starts_with("|bundle|"), "{}", lines[4]);
        assert!(lines[5].starts_with("|name|"), "{}", lines[5]);
    }

    #[test]
    fn a_relationship_takes_the_name_the_linked_api_page_path_ends_in() {
        let page = "## <a name=\"methods\"></a>Métodos\n\n|Método|Tipo de retorno|Descrição|\n|:--|:--|:--|\n|[Listar tarefas](../api/plannerplan-list-tasks.md)|Coleção [plannerTask](plannertask.md)|Tarefas.|\n|[Obter](../api/plannerplan-get.md)|[plannerPlan](plannerplan.md)|Obter.|\n\n## <a name=\"relationships\"></a>Relações\n\n|Relação|Tipo|Descrição|\n|:--|:--|:--|\n|tarefas|Coleção [plannerTask](plannertask.md)|Tarefas.|\n|detalhes|[plannerPlanDetails](plannerplandetails.md)|Detalhes.|\n";
        let first = with_locale("x.md", page, pt());
        assert!(!first.open_rows.is_empty());
        let mut evidence = Evidence::default();
        evidence.add_method_returns(&first.method_returns);
        assert!(!evidence.may_name(&first.open_rows));
        evidence.add_api_paths(
            "api/plannerplan-list-tasks.md",
            &["/planner/plans/{id}/tasks".into()],
            None,
        );
        evidence.add_api_paths(
            "api/plannerplan-get.md",
            &["/planner/plans/{id}".into()],
            None,
        );
        assert!(evidence.may_name(&first.open_rows));
        let l = with_evidence("x.md", page, pt(), &evidence);
        assert!(l.used_evidence);
        let lines: Vec<&str> = l.text.lines().collect();
        assert!(lines[11].starts_with("|tasks|"), "{}", lines[11]);
        // No page names the details: the row is left as written.
        assert!(lines[12].starts_with("|detalhes|"), "{}", lines[12]);
        assert!(l
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("`tarefas`")));
    }

    #[test]
    fn the_sentinel_member_a_list_leaves_out_does_not_hide_the_rows_around_it() {
        let page = "### <a name=\"x-values\"></a>Valores x\n\n|Membro|\n|:--|\n|Aberto|\n|unknownFutureValue|\n|Fechado|\n";
        let values: StatedValues = [("x".to_string(), vec!["open".into(), "closed".into()])].into();
        let l = with_values("x.md", page, pt(), &values);
        let lines: Vec<&str> = l.text.lines().collect();
        assert_eq!(lines[4], "|open|");
        assert_eq!(lines[5], "|unknownFutureValue|");
        assert_eq!(lines[6], "|closed|");
        // A list that names fewer values than the rows left renames nothing.
        let values: StatedValues = [("x".to_string(), vec!["open".into()])].into();
        let l = with_values("x.md", page, pt(), &values);
        assert_eq!(l.text.lines().nth(4), Some("|Aberto|"));
    }

    #[test]
    fn a_listed_value_takes_precedence_over_the_word_for_a_common_member() {
        // `Todos` is the word for `all`; the list says `everyone` at its place.
        let page = "### <a name=\"x-values\"></a>Valores x\n\n|Membro|\n|:--|\n|none|\n|Todos|\n";
        let values: StatedValues =
            [("x".to_string(), vec!["none".into(), "everyone".into()])].into();
        let l = with_values("x.md", page, pt(), &values);
        assert_eq!(l.text.lines().nth(5), Some("|everyone|"));
        let l = with_values("x.md", page, pt(), &StatedValues::new());
        assert_eq!(l.text.lines().nth(5), Some("|all|"));
    }

    #[test]
    fn a_table_in_a_relationships_section_with_a_type_column_names_properties() {
        let page = "## <a name=\"relationships\"></a>Relações\n\n|Nome da relação|Tipo|Descrição|\n|:--|:--|:--|\n|análise|[x](x.md)|Análise.|\n";
        let l = with_locale("x.md", page, pt());
        assert_eq!(
            l.text.lines().nth(2),
            Some("| Property | Type | Description |")
        );
    }

    #[test]
    fn a_row_repeated_under_relationships_takes_the_name_its_first_row_takes() {
        let page = "## <a name=\"properties\"></a>Propriedades\n\n|Propriedade|Tipo|Descrição|\n|:--|:--|:--|\n|id|String|Id.|\n|inclui|Coleção [x](x.md)|Incluídos.|\n|exclui|Coleção [x](x.md)|Excluídos.|\n\n## <a name=\"relationships\"></a>Relações\n\n|Relação|Tipo|Descrição|\n|:--|:--|:--|\n|inclui|Coleção [x](x.md)|Incluídos.|\n|exclui|Coleção [x](x.md)|Excluídos.|\n\n## <a name=\"json-representation\"></a>Representação JSON\n\n```json\n{\n  \"id\": \"String\",\n  \"includes\": [],\n  \"excludes\": []\n}\n```\n";
        let l = with_locale("x.md", page, pt());
        let lines: Vec<&str> = l.text.lines().collect();
        for (at, name) in [
            (5, "includes"),
            (6, "excludes"),
            (12, "includes"),
            (13, "excludes"),
        ] {
            assert!(lines[at].starts_with(&format!("|{name}|")), "{}", lines[at]);
        }
    }

    #[test]
    fn a_table_of_names_and_types_is_a_property_table_whatever_its_header() {
        let de = locale::for_tag("de").unwrap();
        let page = "## <a name=\"properties\"></a>Eigenschaften\n\n| Feld | Art | Text |\n|-|-|-|\n|a|Zeichenfolge|b|\n";
        let l = with_locale("x.md", page, de);
        assert_eq!(l.text.lines().nth(2), Some("| Property | Type | Text |"));
    }
}
