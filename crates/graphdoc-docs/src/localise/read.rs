//! The line-by-line reading of a localised page ([`super::with_evidence`]):
//! what each line becomes in English, and the rows, keys and links the
//! names a translation changed are read back from once the page is read.

use super::names;
use super::{
    codes, english_heading, enum_of_heading, fence_marker, is_delimiter_row, is_pipe_row,
    rename_rows, split_cells, table_header, table_row, too_many_to_align, Evidence, Found,
    Localised, MethodReturns, OpenRows, TableShape,
};
use crate::locale::Locale;
use graphdoc_schema::{Diagnostic, Severity, Source};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// `teamsApp`, `NotificationEmailAddresses`: an identifier with a capital
/// inside, which a translation does not write.
fn is_camel_case(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().skip(1).any(|c| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
}

/// The member every evolvable enum of the service ends its first members
/// with: a name of the protocol, never translated, that "possible values"
/// lists often leave out.
const EVOLVABLE_SENTINEL: &str = "unknownFutureValue";

/// `name` is one of the `stated` values, ignoring case.
fn is_listed(stated: &[String], name: &str) -> bool {
    stated.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// A row of a table whose first column names something: its line (index
/// into the output), its name, and its type cell as written.
struct Row {
    index: usize,
    name: String,
    /// The type cell's place among the cells of its (English) line.
    type_column: Option<usize>,
}

/// The lines whose phrases are read in English (prose and table rows, not
/// code, headings or front matter), found in one pass over them all once
/// every line is read ([`Locale::phrase_matches_folded`]).
#[derive(Default)]
struct PhraseLines {
    /// Indexes into the output, ascending.
    lines: Vec<usize>,
}

impl PhraseLines {
    /// The language's phrases of each line in English, each line as
    /// [`Locale::phrases`] has it, in one search.
    fn replace(&self, locale: &Locale, out: &mut [Cow<'_, str>]) {
        let bytes = self.lines.iter().map(|&i| out[i].len() + 1).sum();
        let mut folded = Vec::with_capacity(bytes);
        let mut starts = Vec::with_capacity(self.lines.len());
        for &i in &self.lines {
            starts.push(folded.len());
            crate::locale::fold_into(&out[i], &mut folded);
            folded.push(b'\n');
        }
        let found = locale.phrase_matches_folded(&folded);
        let mut from = 0;
        for (&i, &base) in self.lines.iter().zip(&starts) {
            // Sorted and apart: starts and ends both ascend.
            from += found[from..].partition_point(|m| m.start < base);
            let inside = found[from..].partition_point(|m| m.end <= base + out[i].len());
            if inside == 0 {
                continue;
            }
            if let Some(english) =
                locale.replace_phrases(&out[i], base, &found[from..from + inside])
            {
                out[i] = Cow::Owned(english);
            }
            from += inside;
        }
    }
}

#[derive(Default)]
struct Reader<'a> {
    /// The English lines; a line read as it is written borrows it.
    out: Vec<Cow<'a, str>>,
    diagnostics: Vec<Diagnostic>,
    phrases: PhraseLines,
    fence: Option<String>,
    fence_start: usize,
    table: Option<TableShape>,
    section: String,
    /// Keys of the JSON representation, with the value each shows.
    representation: Vec<(String, String)>,
    property_rows: Vec<Row>,
    /// Request body rows, and the keys of the example request's JSON.
    request_rows: Vec<Row>,
    request_keys: Vec<String>,
    current_enum: Option<String>,
    member_rows: Vec<(String, Vec<(usize, String)>)>,
    /// (first cell, return type cell) of each Methods table row.
    method_rows: Vec<(String, String)>,
    /// The first line whose `&quot;` was read as `"`.
    escaped_quotes_at: Option<u32>,
    /// A name was read back from what other pages say.
    used_evidence: bool,
    /// The page has reference definitions (`[label]: target`).
    has_references: bool,
}

pub(super) fn read(
    file: &str,
    text: &str,
    locale: &'static Locale,
    evidence: &Evidence,
) -> Localised {
    let (lines, escaped_quotes_at) = unescape_code(text);
    let lines: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
    let mut r = Reader {
        out: Vec::with_capacity(lines.len()),
        phrases: PhraseLines {
            lines: Vec::with_capacity(lines.len()),
        },
        escaped_quotes_at,
        ..Reader::default()
    };
    let mut in_front_matter = lines.first().is_some_and(|l| l.trim_end() == "---");
    for (i, line) in lines.iter().enumerate() {
        if in_front_matter {
            in_front_matter = i == 0 || line.trim_end() != "---";
            r.out.push(Cow::Borrowed(line));
            continue;
        }
        r.line(locale, &lines, i, file);
    }
    r.phrases.replace(locale, &mut r.out);
    r.finish(locale, &lines, file, evidence)
}

/// The page's lines, with the `&quot;` a translation tool put for `"` in
/// code blocks and HTML comments made `"` again; the first such line.
fn unescape_code(text: &str) -> (Vec<Cow<'_, str>>, Option<u32>) {
    if memchr::memmem::find(text.as_bytes(), b"&quot;").is_none() {
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        lines.extend(lines_of(text).map(Cow::Borrowed));
        return (lines, None);
    }
    let mut fence: Option<String> = None;
    let mut in_comment = false;
    let mut first = None;
    let lines = lines_of(text)
        .enumerate()
        .map(|(i, line)| {
            let trimmed = line.trim_start();
            let in_code = fence.is_some() || in_comment || line.contains("<!--");
            match &fence {
                Some(open) if trimmed.starts_with(open.as_str()) => fence = None,
                Some(_) => {}
                None => fence = fence_marker(trimmed),
            }
            if line.contains("<!--") {
                in_comment = true;
            }
            if line.contains("-->") {
                in_comment = false;
            }
            if in_code && line.contains("&quot;") {
                first.get_or_insert(i as u32 + 1);
                std::borrow::Cow::Owned(line.replace("&quot;", "\""))
            } else {
                std::borrow::Cow::Borrowed(line)
            }
        })
        .collect();
    (lines, first)
}

/// The keys of a JSON block's top-level object, in order, each with the
/// value it shows (the rest of its line, and the next line when the value
/// opens there: `"x": [` then `{"@odata.type": …}`).
fn top_level_entries(lines: &[&str]) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    let mut depth = 0i32;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if depth == 1 {
            if let Some(rest) = trimmed.strip_prefix('"') {
                if let Some((key, after)) = rest.split_once('"') {
                    if let Some(value) = after.trim_start().strip_prefix(':') {
                        let value = value.trim();
                        let value = match lines.get(i + 1) {
                            Some(next) if matches!(value, "{" | "[" | "[{" | "[ {") => {
                                format!("{value} {}", next.trim())
                            }
                            _ => value.to_string(),
                        };
                        entries.push((key.to_string(), value));
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
    entries
}

/// `text.split('\n')`, each line found by a vector search (most lines of a
/// page are short: the split's own search cost more than reading them).
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

impl<'a> Reader<'a> {
    fn line(&mut self, locale: &Locale, lines: &[&'a str], i: usize, file: &str) {
        let line = lines[i];
        let number = i as u32 + 1;
        let trimmed = line.trim_start();
        if let Some(open) = &self.fence {
            if trimmed.starts_with(open.as_str()) {
                self.fence = None;
                self.fence_closed(lines, i);
            }
            self.out.push(Cow::Borrowed(line));
            return;
        }
        if let Some(marker) = fence_marker(trimmed) {
            self.fence = Some(marker);
            self.fence_start = i + 1;
            self.table = None;
            self.out.push(Cow::Borrowed(line));
            return;
        }
        if trimmed.is_empty() {
            self.table = None;
            self.out.push(Cow::Borrowed(line));
            return;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let hashes = 1 + rest.len() - rest.trim_start_matches('#').len();
            let rest = rest.trim_start_matches('#');
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                self.table = None;
                let english = english_heading(locale, hashes, rest);
                self.section = if english.is_ascii() {
                    english.to_ascii_lowercase()
                } else {
                    english.to_lowercase()
                };
                self.current_enum = enum_of_heading(hashes, &english, self.current_enum.take());
                let mut heading = String::with_capacity(hashes + 1 + english.len());
                heading.push_str(&line[..hashes]);
                heading.push(' ');
                heading.push_str(&english);
                self.out.push(Cow::Owned(heading));
                return;
            }
        }
        if is_pipe_row(trimmed) {
            self.pipe_row(locale, lines, i, file, number);
            return;
        }
        self.has_references |= trimmed.starts_with('[') && trimmed.contains("]:");
        self.phrases.lines.push(self.out.len());
        self.out.push(Cow::Borrowed(line));
    }

    fn fence_closed(&mut self, lines: &[&str], i: usize) {
        let block = &lines[self.fence_start..i];
        if self.section == "json representation" && self.representation.is_empty() {
            self.representation = top_level_entries(block);
        } else if self.section == "request" && self.request_keys.is_empty() {
            self.request_keys = top_level_entries(block)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
        }
    }

    fn pipe_row(&mut self, locale: &Locale, lines: &[&'a str], i: usize, file: &str, number: u32) {
        let line = lines[i];
        let trimmed = line.trim_start();
        let next = lines.get(i + 1).map(|l| l.trim());
        if self.table.is_none() && next.is_some_and(is_delimiter_row) {
            let section = &self.section;
            let in_property_section =
                section.contains("propert") || section.contains("relationship");
            let (mut shape, header) =
                table_header(locale, trimmed, &lines[i + 2..], in_property_section);
            shape.names_properties &= in_property_section || section == "request body";
            if let (true, Some(name)) = (shape.names_members, &self.current_enum) {
                self.member_rows.push((name.to_lowercase(), Vec::new()));
            } else {
                shape.names_members = false;
            }
            self.table = Some(shape);
            self.out.push(Cow::Owned(header));
            return;
        }
        let Some(shape) = &self.table else {
            self.out.push(Cow::Borrowed(line));
            return;
        };
        if is_delimiter_row(trimmed) {
            self.out.push(Cow::Borrowed(line));
            return;
        }
        let named = shape.names_properties || shape.names_members || self.section == "methods";
        let cells = if named {
            split_cells(trimmed)
        } else {
            Vec::new()
        };
        let name = cells
            .get(1)
            .map(|c| crate::cells::plain(c))
            .unwrap_or_default();
        if shape.names_properties {
            let row = Row {
                index: self.out.len(),
                name: name.clone(),
                type_column: shape.type_column.map(|c| c + 1),
            };
            if self.section == "request body" {
                self.request_rows.push(row);
            } else {
                self.property_rows.push(row);
            }
        }
        if let (true, Some((_, rows))) = (shape.names_members, self.member_rows.last_mut()) {
            rows.push((self.out.len(), name));
        }
        if self.section == "methods" {
            if let (Some(first), Some(returns)) = (cells.get(1), cells.get(2)) {
                self.method_rows
                    .push((first.to_string(), returns.to_string()));
            }
        }
        let english = match table_row(locale, shape, line, file, number, &mut self.diagnostics) {
            Some(row) => Cow::Owned(row),
            None => Cow::Borrowed(line),
        };
        self.phrases.lines.push(self.out.len());
        self.out.push(english);
    }

    fn finish(
        mut self,
        locale: &'static Locale,
        lines: &[&str],
        file: &str,
        evidence: &Evidence,
    ) -> Localised {
        if let Some(line) = self.escaped_quotes_at {
            self.diagnostics.push(Diagnostic::new(
                &Source::new(file.to_string(), line),
                Severity::Warning,
                codes::ESCAPED_QUOTES,
                "code on this page has `&quot;` for `\"` (a translation tool's escaping); read as `\"`",
            ));
        }
        let keys: Vec<String> = self
            .representation
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !k.starts_with('@'))
            .collect();
        let found = Found {
            code: codes::TRANSLATED_PROPERTY_NAME,
            what: "property row",
            source: "the JSON representation",
        };
        self.rename(&keys, &found, file, false);
        // An example request often shows some of the body's properties, in
        // any order: only one that shows as many as the table has rows names
        // them.
        let request_keys: Vec<String> = std::mem::take(&mut self.request_keys)
            .into_iter()
            .filter(|k| !k.starts_with('@'))
            .collect();
        if request_keys.len() == self.request_rows.len() {
            let found = Found {
                source: "the example request",
                ..found
            };
            self.rename(&request_keys, &found, file, true);
        }
        let refs = if self.has_references {
            names::reference_definitions(lines)
        } else {
            BTreeMap::new()
        };
        let open_rows = self.names_by_type(locale, &refs, file, evidence);
        self.member_names(locale, file, evidence);
        // What the linked API pages return is evidence for other pages,
        // gathered on the first reading.
        let first_reading = evidence.api_names.is_empty();
        let mut method_returns = MethodReturns::default();
        for (first, returns) in self.method_rows.iter().filter(|_| first_reading) {
            for api in names::api_files(first, &refs) {
                method_returns.push(api, returns, names::targets(returns, &refs), locale);
            }
        }
        Localised {
            locale,
            text: self.out.join("\n"),
            diagnostics: self.diagnostics,
            open_rows,
            used_evidence: self.used_evidence,
            method_returns,
        }
    }

    /// Positional renaming of property (or request body) rows from `keys`.
    fn rename(&mut self, keys: &[String], found: &Found, file: &str, request: bool) {
        let rows = if request {
            &mut self.request_rows
        } else {
            &mut self.property_rows
        };
        // A row that repeats an earlier one's name (a page that lists its
        // navigation properties under Properties and again under
        // Relationships) is that property again: it is aligned once and
        // takes the name its first row takes.
        if keys.is_empty() || rows.is_empty() {
            return;
        }
        // Rows that all have a key's name: none is renamed (`rename_rows`
        // renames only a row whose name no key has).
        if rows.iter().all(|r| keys.contains(&r.name)) {
            return;
        }
        let mut times: BTreeMap<&str, usize> = BTreeMap::new();
        for row in rows.iter().filter(|r| !r.name.is_empty()) {
            *times.entry(row.name.as_str()).or_default() += 1;
        }
        let mut firsts: Vec<usize> = Vec::new();
        let mut repeats: Vec<Vec<usize>> = Vec::new();
        let mut seen: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        for (r, row) in rows.iter().enumerate() {
            if times.get(row.name.as_str()).is_none_or(|&n| n < 2) {
                firsts.push(r);
                repeats.push(Vec::new());
                continue;
            }
            let cells = split_cells(self.out[row.index].trim_start());
            let cell = row
                .type_column
                .and_then(|c| cells.get(c).map(|t| t.trim().to_string()));
            match seen.get(&(row.name.clone(), cell.clone())) {
                Some(&at) => repeats[at].push(r),
                None => {
                    seen.insert((row.name.clone(), cell), firsts.len());
                    firsts.push(r);
                    repeats.push(Vec::new());
                }
            }
        }
        let pairs: Vec<(usize, String)> = firsts
            .iter()
            .map(|&r| (rows[r].index, rows[r].name.clone()))
            .collect();
        for (at, name) in rename_rows(
            &mut self.out,
            &pairs,
            keys,
            found,
            file,
            &mut self.diagnostics,
        ) {
            for &r in repeats[at].iter().chain([&firsts[at]]) {
                super::set_first_cell(self.out[rows[r].index].to_mut(), &name);
                rows[r].name = name.clone();
            }
        }
    }

    /// Rows the positional reading left unnamed, paired by type with the
    /// representation's unclaimed keys, then with the names the paths of the
    /// API pages the Methods table links end in, then with the one name the
    /// tree's paths that return the row's type end in. Without evidence, the
    /// rows of a named type left open. Nothing past [`super::MAX_ALIGNED`]:
    /// the pairing compares every row with every row and name.
    fn names_by_type(
        &mut self,
        locale: &Locale,
        refs: &BTreeMap<String, String>,
        file: &str,
        evidence: &Evidence,
    ) -> OpenRows {
        let rows = self.property_rows.len();
        if too_many_to_align(rows, rows.max(self.representation.len())) {
            return OpenRows::default();
        }
        let keys: Vec<&str> = self
            .representation
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        // A row whose name some API path of the tree ends in is English
        // already.
        let unpaired: Vec<usize> = (0..self.property_rows.len())
            .filter(|&r| {
                let name = &self.property_rows[r].name;
                !keys.contains(&name.as_str()) && !evidence.is_path_name(name)
            })
            .collect();
        if unpaired.is_empty() {
            return OpenRows::default();
        }
        let key_of: BTreeMap<usize, Option<names::TypeKey>> = unpaired
            .iter()
            .map(|&r| {
                let row = &self.property_rows[r];
                let cells = split_cells(self.out[row.index].trim_start());
                let cell = row.type_column.and_then(|c| cells.get(c).copied());
                (
                    r,
                    cell.and_then(|c| names::key_of_english(c.trim(), c, refs)),
                )
            })
            .collect();
        let taken: Vec<String> = self.property_rows.iter().map(|r| r.name.clone()).collect();
        let json: Vec<(String, Option<names::TypeKey>)> = self
            .representation
            .iter()
            .filter(|(k, _)| !k.starts_with('@') && !taken.contains(k))
            .map(|(k, v)| (k.clone(), names::key_of_json_value(v)))
            .collect();
        let found = Found {
            code: codes::TRANSLATED_PROPERTY_NAME,
            what: "property row",
            source: "the JSON representation (the one key of that type no row names)",
        };
        let left = self.pair_and_rename(&unpaired, &key_of, &json, &found, file);
        let (offered, linked) = self.api_names(locale, refs, evidence);
        // A row whose name an API path has, or a name in camel case
        // (`teamsApp`), is English already: only the representation's own
        // keys may rename it.
        let left: Vec<usize> = left
            .into_iter()
            .filter(|r| {
                let name = &self.property_rows[*r].name;
                !linked.contains(name) && !is_camel_case(name)
            })
            .collect();
        let found = Found {
            source: "the paths of the API pages its Methods table links (the one of that type)",
            ..found
        };
        let before = left.len();
        let left = self.pair_and_rename(&left, &key_of, &offered, &found, file);
        self.used_evidence |= left.len() < before;
        let mut offered: Vec<(String, Option<names::TypeKey>)> = Vec::new();
        for key in left.iter().filter_map(|r| key_of[r].as_ref()) {
            let Some(name) = evidence.name_returning(key) else {
                continue;
            };
            if !self.names(name) && !offered.iter().any(|(n, _)| n == name) {
                offered.push((name.to_string(), Some(key.clone())));
            }
        }
        let found = Found {
            source: "every API path that returns its type",
            ..found
        };
        let before = left.len();
        let left = self.pair_and_rename(&left, &key_of, &offered, &found, file);
        self.used_evidence |= left.len() < before;
        if !evidence.api_names.is_empty() {
            return OpenRows::default();
        }
        let keys: Vec<names::TypeKey> = left
            .iter()
            .filter_map(|r| key_of[r].clone())
            .filter(names::is_named)
            .collect();
        if keys.is_empty() {
            return OpenRows::default();
        }
        let mut present: Vec<String> = self
            .property_rows
            .iter()
            .map(|r| r.name.to_ascii_lowercase())
            .collect();
        present.extend(
            self.representation
                .iter()
                .map(|(k, _)| k.to_ascii_lowercase()),
        );
        let linked = self
            .method_rows
            .iter()
            .flat_map(|(first, _)| names::api_files(first, refs))
            .collect();
        OpenRows::new(keys, linked, present)
    }

    /// A row or a key of the representation has `name` (in any case).
    fn names(&self, name: &str) -> bool {
        self.property_rows
            .iter()
            .any(|r| r.name.eq_ignore_ascii_case(name))
            || self
                .representation
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// Renames rows to the names each is the only fit for; the rows left.
    fn pair_and_rename(
        &mut self,
        rows: &[usize],
        key_of: &BTreeMap<usize, Option<names::TypeKey>>,
        offered: &[(String, Option<names::TypeKey>)],
        found: &Found,
        file: &str,
    ) -> Vec<usize> {
        if rows.is_empty() || offered.is_empty() {
            return rows.to_vec();
        }
        let typed_rows: Vec<Option<&names::TypeKey>> = rows
            .iter()
            .map(|r| key_of.get(r).and_then(Option::as_ref))
            .collect();
        let typed_names: Vec<Option<&names::TypeKey>> =
            offered.iter().map(|(_, k)| k.as_ref()).collect();
        let pairs = names::pair_by_type(&typed_rows, &typed_names);
        let mut left = rows.to_vec();
        for (i, j) in pairs {
            let r = rows[i];
            let key = offered[j].0.clone();
            let row = &self.property_rows[r];
            let line = row.index as u32 + 1;
            let shown = if row.name.is_empty() {
                "no name".to_string()
            } else {
                format!("`{}`", row.name)
            };
            self.diagnostics.push(Diagnostic::new(
                &Source::new(file.to_string(), line),
                Severity::Warning,
                found.code,
                format!(
                    "{} has {shown} where {} has `{key}`; read as `{key}`",
                    found.what, found.source
                ),
            ));
            let index = row.index;
            super::set_first_cell(self.out[index].to_mut(), &key);
            self.property_rows[r].name = key;
            left.retain(|&x| x != r);
        }
        left
    }

    /// The names the linked API pages' paths end in that no row or key has,
    /// each with the return type its Methods row gives; and every name those
    /// paths end in.
    #[allow(clippy::type_complexity)]
    fn api_names(
        &self,
        locale: &Locale,
        refs: &BTreeMap<String, String>,
        evidence: &Evidence,
    ) -> (Vec<(String, Option<names::TypeKey>)>, Vec<String>) {
        let mut offered: Vec<(String, Option<names::TypeKey>)> = Vec::new();
        let mut linked: Vec<String> = Vec::new();
        let present = |n: &String| self.names(n);
        if evidence.api_names.is_empty() {
            return (offered, linked);
        }
        for (first, returns) in &self.method_rows {
            let key = names::key_of_cell(locale, returns, refs);
            for file in names::api_files(first, refs) {
                for name in evidence.api_names.get(&file).into_iter().flatten() {
                    if !linked.contains(name) {
                        linked.push(name.clone());
                    }
                    if !present(name) && !offered.iter().any(|(n, _)| n == name) {
                        offered.push((name.clone(), key.clone()));
                    }
                }
            }
        }
        (offered, linked)
    }

    /// Enum members rows read back: from the values the enum's properties
    /// list where there are some, then the language's words for common
    /// members. A word is read first only when the list has its English
    /// (`Nenhum` → `none`): a list that names `everyone` where the rows have
    /// `Todos` reads `everyone` at that place, not the word's `all`.
    fn member_names(&mut self, locale: &Locale, file: &str, evidence: &Evidence) {
        let member_rows = std::mem::take(&mut self.member_rows);
        for (name, mut rows) in member_rows {
            let stated = evidence.values.get(&name);
            let in_list = |name: &str| stated.is_some_and(|s| is_listed(s, name));
            let listed = |_: &str, english: &str| stated.is_none_or(|s| is_listed(s, english));
            self.member_words(locale, file, &mut rows, listed);
            if let Some(stated) = stated {
                self.stated_members(file, &mut rows, stated);
            }
            self.member_words(locale, file, &mut rows, |name, _| !in_list(name));
            self.member_rows.push((name, rows));
        }
    }

    /// Rows whose name is the language's word for a common member that
    /// `take` accepts, read as that member.
    fn member_words(
        &mut self,
        locale: &Locale,
        file: &str,
        rows: &mut [(usize, String)],
        take: impl Fn(&str, &str) -> bool,
    ) {
        for (index, name) in rows.iter_mut() {
            let Some(english) = locale.member_word(name).filter(|e| take(name, e)) else {
                continue;
            };
            self.diagnostics.push(Diagnostic::new(
                &Source::new(file.to_string(), *index as u32 + 1),
                Severity::Warning,
                codes::TRANSLATED_MEMBER_NAME,
                format!("enum members row has `{name}`, the {} word for `{english}`; read as `{english}`", locale.name),
            ));
            super::set_first_cell(self.out[*index].to_mut(), english);
            *name = english.to_string();
        }
    }

    /// Rows renamed from the values the enum's properties list: aligned
    /// with the list, then, when rows are left that the list lacks, aligned
    /// again without the `unknownFutureValue` row if the list lacks it and
    /// the rows left are then as many as the listed values: lists leave out
    /// the service's sentinel, and leaving it out lets the translated rows
    /// around it face the listed values.
    fn stated_members(&mut self, file: &str, rows: &mut [(usize, String)], stated: &[String]) {
        let found = Found {
            code: codes::TRANSLATED_MEMBER_NAME,
            what: "enum members row",
            source: "the possible values its properties list",
        };
        for leave_out_sentinel in [false, true] {
            if rows.iter().all(|(_, name)| is_listed(stated, name)) {
                return;
            }
            let keep = |name: &str| {
                !leave_out_sentinel
                    || is_listed(stated, name)
                    || !name.eq_ignore_ascii_case(EVOLVABLE_SENTINEL)
            };
            let open: Vec<usize> = (0..rows.len()).filter(|&r| keep(&rows[r].1)).collect();
            // Without the rows left out, the rows must face the list one to
            // one: a list that names only some members renames nothing.
            if open.len() < rows.len() && open.len() != stated.len() {
                return;
            }
            let aligned: Vec<(usize, String)> = open.iter().map(|&r| rows[r].clone()).collect();
            let renamed = rename_rows(
                &mut self.out,
                &aligned,
                stated,
                &found,
                file,
                &mut self.diagnostics,
            );
            self.used_evidence |= !renamed.is_empty();
            for (at, name) in renamed {
                rows[open[at]].1 = name;
            }
        }
    }
}
