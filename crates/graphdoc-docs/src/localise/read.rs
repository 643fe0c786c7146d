//! The line-by-line reading of a localised page ([`super::with_evidence`]):
//! what each line becomes in English, and the rows, keys and links the
//! names a translation changed are read back from once the page is read.

use super::names;
use super::{
    codes, english_heading, enum_of_heading, fence_marker, is_delimiter_row, is_pipe_row, phrases,
    rename_rows, split_cells, table_header, table_row, top_level_entries, Evidence, Found,
    Localised, MethodReturns, OpenRows, TableShape,
};
use crate::locale::Locale;
use graphdoc_schema::{Diagnostic, Severity, Source};
use std::collections::BTreeMap;

/// `teamsApp`, `NotificationEmailAddresses`: an identifier with a capital
/// inside, which a translation does not write.
fn is_camel_case(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().skip(1).any(|c| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
}

/// A row of a table whose first column names something: its line (index
/// into the output), its name, and its type cell as written.
struct Row {
    index: usize,
    name: String,
    /// The type cell's place among the cells of its (English) line.
    type_column: Option<usize>,
}

#[derive(Default)]
struct Reader {
    out: Vec<String>,
    diagnostics: Vec<Diagnostic>,
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
        escaped_quotes_at,
        ..Reader::default()
    };
    let mut in_front_matter = lines.first().is_some_and(|l| l.trim_end() == "---");
    for (i, line) in lines.iter().enumerate() {
        if in_front_matter {
            in_front_matter = i == 0 || line.trim_end() != "---";
            r.out.push(line.to_string());
            continue;
        }
        r.line(locale, &lines, i, file);
    }
    r.finish(locale, &lines, file, evidence)
}

/// The page's lines, with the `&quot;` a translation tool put for `"` in
/// code blocks and HTML comments made `"` again; the first such line.
fn unescape_code(text: &str) -> (Vec<std::borrow::Cow<'_, str>>, Option<u32>) {
    if !text.contains("&quot;") {
        return (
            text.split('\n').map(std::borrow::Cow::Borrowed).collect(),
            None,
        );
    }
    let mut fence: Option<String> = None;
    let mut in_comment = false;
    let mut first = None;
    let lines = text
        .split('\n')
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

impl Reader {
    fn line(&mut self, locale: &Locale, lines: &[&str], i: usize, file: &str) {
        let line = lines[i];
        let number = i as u32 + 1;
        let trimmed = line.trim_start();
        if let Some(open) = &self.fence {
            if trimmed.starts_with(open.as_str()) {
                self.fence = None;
                self.fence_closed(lines, i);
            }
            self.out.push(line.to_string());
            return;
        }
        if let Some(marker) = fence_marker(trimmed) {
            self.fence = Some(marker);
            self.fence_start = i + 1;
            self.table = None;
            self.out.push(line.to_string());
            return;
        }
        if trimmed.is_empty() {
            self.table = None;
            self.out.push(line.to_string());
            return;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let hashes = 1 + rest.len() - rest.trim_start_matches('#').len();
            let rest = rest.trim_start_matches('#');
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                self.table = None;
                let english = english_heading(locale, hashes, rest);
                self.section = english.to_lowercase();
                self.current_enum = enum_of_heading(hashes, &english, self.current_enum.take());
                self.out.push(format!("{} {english}", "#".repeat(hashes)));
                return;
            }
        }
        if is_pipe_row(trimmed) {
            self.pipe_row(locale, lines, i, file, number);
            return;
        }
        self.has_references |= trimmed.starts_with('[') && trimmed.contains("]:");
        self.out.push(phrases(locale, line));
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

    fn pipe_row(&mut self, locale: &Locale, lines: &[&str], i: usize, file: &str, number: u32) {
        let line = lines[i];
        let trimmed = line.trim_start();
        let next = lines.get(i + 1).map(|l| l.trim());
        if self.table.is_none() && next.is_some_and(is_delimiter_row) {
            let (mut shape, header) = table_header(locale, trimmed, &lines[i + 2..]);
            let section = &self.section;
            shape.names_properties &= section.contains("propert")
                || section.contains("relationship")
                || section == "request body";
            if let (true, Some(name)) = (shape.names_members, &self.current_enum) {
                self.member_rows.push((name.to_lowercase(), Vec::new()));
            } else {
                shape.names_members = false;
            }
            self.table = Some(shape);
            self.out.push(header);
            return;
        }
        let Some(shape) = &self.table else {
            self.out.push(line.to_string());
            return;
        };
        if is_delimiter_row(trimmed) {
            self.out.push(line.to_string());
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
        let row = table_row(locale, shape, line, file, number, &mut self.diagnostics);
        self.out.push(phrases(locale, &row));
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
        let pairs: Vec<(usize, String)> = rows.iter().map(|r| (r.index, r.name.clone())).collect();
        for (at, name) in rename_rows(
            &mut self.out,
            &pairs,
            keys,
            found,
            file,
            &mut self.diagnostics,
        ) {
            rows[at].name = name;
        }
    }

    /// Rows the positional reading left unnamed, paired by type with the
    /// representation's unclaimed keys, then with the names the paths of the
    /// API pages the Methods table links end in, then with the one name the
    /// tree's paths that return the row's type end in. Without evidence, the
    /// rows of a named type left open.
    fn names_by_type(
        &mut self,
        locale: &Locale,
        refs: &BTreeMap<String, String>,
        file: &str,
        evidence: &Evidence,
    ) -> OpenRows {
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
            super::set_first_cell(&mut self.out[index], &key);
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

    /// Enum members rows read back: the language's words for common
    /// members, then the values the enum's properties list.
    fn member_names(&mut self, locale: &Locale, file: &str, evidence: &Evidence) {
        for (_, rows) in self.member_rows.iter_mut() {
            for (index, name) in rows.iter_mut() {
                let Some(english) = locale.member_word(name) else {
                    continue;
                };
                self.diagnostics.push(Diagnostic::new(
                    &Source::new(file.to_string(), *index as u32 + 1),
                    Severity::Warning,
                    codes::TRANSLATED_MEMBER_NAME,
                    format!("enum members row has `{name}`, the {} word for `{english}`; read as `{english}`", locale.name),
                ));
                super::set_first_cell(&mut self.out[*index], english);
                *name = english.to_string();
            }
        }
        for (name, rows) in &self.member_rows {
            if let Some(stated) = evidence.values.get(name) {
                let found = Found {
                    code: codes::TRANSLATED_MEMBER_NAME,
                    what: "enum members row",
                    source: "the possible values its properties list",
                };
                let renamed = rename_rows(
                    &mut self.out,
                    rows,
                    stated,
                    &found,
                    file,
                    &mut self.diagnostics,
                );
                self.used_evidence |= !renamed.is_empty();
            }
        }
    }
}
