//! One localised page against its English original.

use crate::align::{align, Pair};
use crate::finding::{Finding, Kind};
use crate::scan::{Code, Page, Row, Table};
use graphdoc_docs::cells::plain;
use graphdoc_docs::locale::Locale;
use graphdoc_docs::types::is_type_identifier;
use serde_json::Value;
use std::collections::BTreeMap;

/// The two sides of a comparison.
pub struct Pages<'a> {
    pub english_file: &'a str,
    pub english: &'a Page,
    pub file: &'a str,
    pub localised: &'a Page,
    pub locale: Option<&'static Locale>,
}

impl Pages<'_> {
    fn at(&self, kind: Kind, line: u32, message: String, english_line: u32) -> Finding {
        let text = self
            .english
            .lines
            .get(english_line.saturating_sub(1) as usize)
            .map(String::as_str)
            .unwrap_or("");
        Finding::new(kind, self.file, line, message).english(self.english_file, english_line, text)
    }

    /// [`Pages::at`], pointing at `written` on the localised line.
    fn at_written(
        &self,
        (kind, line, written): (Kind, u32, &str),
        message: String,
        english_line: u32,
    ) -> Finding {
        let text = self
            .localised
            .lines
            .get(line.saturating_sub(1) as usize)
            .map_or("", String::as_str);
        self.at(kind, line, message, english_line)
            .pointing_at(text, written)
    }
}

pub fn compare(p: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    let missing_sections = sections(p, &mut out);
    tables(p, &missing_sections, &mut out);
    code_blocks(p, &missing_sections, &mut out);
    heading_names(p, &mut out);
    link_names(p, &mut out);
    out
}

/// Words of a heading or link text that name something (`websiteType`,
/// `automaticUpdateMode`, `user`).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| is_type_identifier(w))
}

/// A type or enum name in a heading (`### websiteType values`) written
/// with other case in the translation (`WebSiteType-Werte`): the name is
/// read as written.
fn heading_names(p: &Pages, out: &mut Vec<Finding>) {
    let (en, loc) = (&p.english.headings, &p.localised.headings);
    for pair in align(en, loc, |a, b| a.slug == b.slug) {
        let Pair::Same(i, j) = pair else { continue };
        let names = |t: &str| {
            words(t)
                .filter(|w| w.chars().skip(1).any(|c| c.is_ascii_uppercase()))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        for name in names(&en[i].text) {
            let written: Vec<&str> = words(&loc[j].text).collect();
            if written.contains(&name.as_str()) {
                continue;
            }
            if let Some(other) = written.iter().find(|w| w.eq_ignore_ascii_case(&name)) {
                out.push(p.at_written(
                    (Kind::IdentifierTranslated, loc[j].line, other),
                    format!("name `{name}` in the heading is written `{other}`"),
                    en[i].line,
                ));
            }
        }
    }
}

/// A link to a type's page whose text names the type in English (`[user](user.md)`)
/// but not in the translation (`[Benutzer](user.md)`).
fn link_names(p: &Pages, out: &mut Vec<Finding>) {
    // Every text the English gives each linked type page, and where the
    // first that names the type is.
    let mut texts: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
    let mut naming: BTreeMap<&str, (&str, u32)> = BTreeMap::new();
    // The lines of the English links to each page, in order: the k-th link
    // of the translation to a page stands where the English has its k-th.
    let mut english_lines: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for link in &p.english.links {
        english_lines
            .entry(link.target.as_str())
            .or_default()
            .push(link.line);
        texts
            .entry(link.target.as_str())
            .or_default()
            .insert(link.text.as_str());
        let stem = link.target.trim_end_matches(".md");
        if is_type_identifier(&link.text) && stem.ends_with(&link.text.to_ascii_lowercase()) {
            naming
                .entry(link.target.as_str())
                .or_insert((link.text.as_str(), link.line));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut ordinal: BTreeMap<&str, usize> = BTreeMap::new();
    for link in &p.localised.links {
        let k = ordinal.entry(link.target.as_str()).or_default();
        let at = *k;
        *k += 1;
        let Some(&(name, first)) = naming.get(link.target.as_str()) else {
            continue;
        };
        let line = english_lines
            .get(link.target.as_str())
            .and_then(|lines| lines.get(at))
            .copied()
            .unwrap_or(first);
        let known = texts
            .get(link.target.as_str())
            .is_some_and(|t| t.contains(link.text.as_str()));
        if known || link.text.is_empty() || !seen.insert((link.line, link.text.as_str())) {
            continue;
        }
        // In prose a link's text is a word of the sentence (`eine
        // [Nachricht](message.md)`), free to translate; only a type name
        // written with other case is drift there. In a table it names the type.
        let camel = name.chars().skip(1).any(|c| c.is_ascii_uppercase());
        let case_only = camel && link.text.eq_ignore_ascii_case(name);
        if !(link.in_table || case_only) {
            continue;
        }
        out.push(p.at_written(
            (Kind::IdentifierTranslated, link.line, &link.text),
            format!("the link to `{name}` is written `{}`", link.text),
            line,
        ));
    }
}

/// Headings aligned by slug; returns the slugs of the English sections the
/// translation lacks (their tables and examples are not reported again).
fn sections(p: &Pages, out: &mut Vec<Finding>) -> Vec<String> {
    let (en, loc) = (&p.english.headings, &p.localised.headings);
    let mut missing = Vec::new();
    let mut last_line = 1;
    for pair in align(en, loc, |a, b| a.slug == b.slug) {
        match pair {
            Pair::Same(_, j) => last_line = loc[j].line,
            Pair::Changed(i, j) => {
                last_line = loc[j].line;
                // A heading at the English one's place, under another anchor.
                out.push(p.at(
                    Kind::SectionExtra,
                    loc[j].line,
                    format!(
                        "section `{}` stands where the English has `{}`",
                        loc[j].slug, en[i].slug
                    ),
                    en[i].line,
                ));
                missing.push(en[i].slug.clone());
            }
            Pair::OnlyEnglish(i) => {
                out.push(p.at(
                    Kind::SectionMissing,
                    last_line,
                    format!(
                        "section `{}` of the English page is not translated",
                        en[i].slug
                    ),
                    en[i].line,
                ));
                missing.push(en[i].slug.clone());
            }
            Pair::OnlyLocalised(j) => {
                last_line = loc[j].line;
                out.push(p.at(
                    Kind::SectionExtra,
                    loc[j].line,
                    format!("section `{}` is not on the English page", loc[j].slug),
                    1,
                ));
            }
        }
    }
    missing
}

/// Items of a page grouped by the section they are under, in page order.
fn by_section<T>(items: &[T], section: impl Fn(&T) -> &str) -> BTreeMap<String, Vec<&T>> {
    let mut map: BTreeMap<String, Vec<&T>> = BTreeMap::new();
    for item in items {
        map.entry(section(item).to_string()).or_default().push(item);
    }
    map
}

fn tables(p: &Pages, missing_sections: &[String], out: &mut Vec<Finding>) {
    let en = by_section(&p.english.tables, |t| &t.section);
    let loc = by_section(&p.localised.tables, |t| &t.section);
    for (section, en_tables) in &en {
        if missing_sections.contains(section) {
            continue;
        }
        let loc_tables = loc.get(section).map(Vec::as_slice).unwrap_or(&[]);
        for (k, en_table) in en_tables.iter().enumerate() {
            match loc_tables.get(k) {
                Some(loc_table) => rows(p, en_table, loc_table, out),
                None => {
                    let line = en_table.rows.first().map_or(1, |r| r.line);
                    let at = section_line(p.localised, section);
                    out.push(p.at(
                        Kind::RowMissing,
                        at,
                        format!(
                            "a table of {} rows under `{section}` is not translated",
                            en_table.rows.len()
                        ),
                        line,
                    ));
                }
            }
        }
        for loc_table in loc_tables.iter().skip(en_tables.len()) {
            let line = loc_table.rows.first().map_or(1, |r| r.line);
            out.push(Finding::new(
                Kind::RowExtra,
                p.file,
                line,
                format!("a table under `{section}` is not on the English page"),
            ));
        }
    }
}

fn section_line(page: &Page, section: &str) -> u32 {
    page.headings
        .iter()
        .find(|h| h.slug == section)
        .map_or(1, |h| h.line)
}

fn first_cell(row: &Row) -> String {
    row.cells.first().map(|c| plain(c)).unwrap_or_default()
}

fn rows(p: &Pages, en: &Table, loc: &Table, out: &mut Vec<Finding>) {
    let type_column = en
        .header
        .iter()
        .position(|h| plain(h).eq_ignore_ascii_case("type"));
    let pairs = align(&en.rows, &loc.rows, |a, b| first_cell(a) == first_cell(b));
    let mut last_line = loc.rows.first().map_or(1, |r| r.line);
    let mut descriptions = Descriptions::new(en, loc);
    let names_identifiers = names_identifiers(en);
    for pair in pairs {
        match pair {
            Pair::Same(i, j) | Pair::Changed(i, j) => {
                last_line = loc.rows[j].line;
                row(
                    p,
                    &en.rows[i],
                    &loc.rows[j],
                    type_column,
                    names_identifiers,
                    out,
                );
                descriptions.check(p, &en.rows[i], &loc.rows[j], out);
            }
            Pair::OnlyEnglish(i) => {
                let name = first_cell(&en.rows[i]);
                out.push(p.at(
                    Kind::RowMissing,
                    last_line,
                    format!("row `{name}` of the English table is not in the translation"),
                    en.rows[i].line,
                ));
            }
            Pair::OnlyLocalised(j) => {
                last_line = loc.rows[j].line;
                let name = first_cell(&loc.rows[j]);
                out.push(Finding::new(
                    Kind::RowExtra,
                    p.file,
                    loc.rows[j].line,
                    format!("row `{name}` is not in the English table"),
                ));
            }
        }
    }
}

/// Whether a table's first column names things code uses (properties,
/// members, parameters, headers), rather than labels a translation may
/// translate (permission types, method titles).
fn names_identifiers(table: &Table) -> bool {
    let first = table
        .header
        .first()
        .map(|h| plain(h).to_lowercase())
        .unwrap_or_default();
    !first.contains("permission")
        && !first.contains("method")
        && [
            "propert",
            "relationship",
            "name",
            "parameter",
            "member",
            "header",
            "value",
            "field",
            "element",
        ]
        .iter()
        .any(|w| first.contains(w))
}

fn row(
    p: &Pages,
    en: &Row,
    loc: &Row,
    type_column: Option<usize>,
    names_identifiers: bool,
    out: &mut Vec<Finding>,
) {
    let (en_name, loc_name) = (first_cell(en), first_cell(loc));
    let cell = |row: &Row, i: usize| row.cells.get(i).map(|c| plain(c)).unwrap_or_default();
    let en_type = type_column.map(|t| cell(en, t)).unwrap_or_default();
    let loc_type = type_column.map(|t| cell(loc, t)).unwrap_or_default();
    if names_identifiers && is_type_identifier(&en_name) && en_name != loc_name {
        if loc_name.is_empty() {
            let lost = if !en_type.is_empty() && loc_type.is_empty() {
                "name and type cells"
            } else {
                "name cell"
            };
            out.push(p.at(
                Kind::NameAndTypeLost,
                loc.line,
                format!("the row for `{en_name}` lost its {lost}: only the description is left"),
                en.line,
            ));
            return;
        }
        let how = if loc_name.eq_ignore_ascii_case(&en_name) {
            "written with other case"
        } else {
            "translated"
        };
        out.push(p.at_written(
            (Kind::IdentifierTranslated, loc.line, &loc_name),
            format!("identifier `{en_name}` is {how} as `{loc_name}`"),
            en.line,
        ));
    }
    if en_type.is_empty() || en_type == loc_type || type_column.is_none() {
        return;
    }
    let column = type_column.unwrap_or(1);
    let written = loc.cells.get(column).map(String::as_str).unwrap_or("");
    let read = p
        .locale
        .and_then(|l| l.type_cell(written))
        .map(|t| plain(&t));
    let (kind, message) = match read {
        _ if loc_type.is_empty() => (Kind::TypeChanged, format!("type cell is empty; the English has `{en_type}`")),
        Some(t) if t.eq_ignore_ascii_case(&en_type) => (
            Kind::TypeTranslated,
            format!("type cell `{loc_type}` is translated; the English has `{en_type}`"),
        ),
        Some(t) => (
            Kind::TypeTranslated,
            format!("type cell `{loc_type}` is translated and reads as `{t}`; the English has `{en_type}`"),
        ),
        None if graphdoc_docs::types::parse_type_cell(written).ok()
            == graphdoc_docs::types::parse_type_cell(en.cells.get(column).map_or("", String::as_str)).ok()
            && loc_type.eq_ignore_ascii_case(&en_type) =>
        {
            return
        }
        None if loc_type.eq_ignore_ascii_case(&en_type) => (
            Kind::TypeChanged,
            format!("type cell `{loc_type}` is written with other case than the English `{en_type}`"),
        ),
        None => (
            Kind::TypeChanged,
            format!("type cell `{loc_type}` differs from the English `{en_type}`"),
        ),
    };
    out.push(p.at_written((kind, loc.line, written), message, en.line));
}

fn code_blocks(p: &Pages, missing_sections: &[String], out: &mut Vec<Finding>) {
    let en = by_section(&p.english.code, |c| &c.section);
    let loc = by_section(&p.localised.code, |c| &c.section);
    for (section, en_blocks) in &en {
        if missing_sections.contains(section) {
            continue;
        }
        let loc_blocks = loc.get(section).map(Vec::as_slice).unwrap_or(&[]);
        for (k, en_block) in en_blocks.iter().enumerate() {
            match loc_blocks.get(k) {
                Some(loc_block) => code(p, en_block, loc_block, out),
                None => out.push(p.at(
                    Kind::CodeBlockMissing,
                    section_line(p.localised, section),
                    format!(
                        "a `{}` block under `{section}` is not in the translation",
                        en_block.info
                    ),
                    en_block.line,
                )),
            }
        }
        for loc_block in loc_blocks.iter().skip(en_blocks.len()) {
            out.push(Finding::new(
                Kind::CodeBlockExtra,
                p.file,
                loc_block.line,
                format!(
                    "a `{}` block under `{section}` is not on the English page",
                    loc_block.info
                ),
            ));
        }
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn looks_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

fn code(p: &Pages, en: &Code, loc: &Code, out: &mut Vec<Finding>) {
    if looks_json(&en.text) {
        json(p, &en.text, en.line, &loc.text, loc.line, out);
        return;
    }
    let (en_head, en_body, en_body_line) = split_http(&en.text, en.line);
    let (loc_head, loc_body, loc_body_line) = split_http(&loc.text, loc.line);
    let mut en_lines = en_head.lines();
    let mut loc_lines = loc_head.lines();
    if let (Some(en_first), Some(loc_first)) = (en_lines.next(), loc_lines.next()) {
        if squeeze(en_first) != squeeze(loc_first) {
            let in_braces = |s: &str| s.contains('{');
            let kind = if in_braces(en_first) && in_braces(loc_first) {
                Kind::PathParameterTranslated
            } else {
                Kind::CodeTranslated
            };
            out.push(p.at(
                kind,
                loc.line,
                format!("`{}` differs from the English", loc_first.trim()),
                en.line,
            ));
        }
    }
    let rest_differs = squeeze(&en_lines.collect::<Vec<_>>().join("\n"))
        != squeeze(&loc_lines.collect::<Vec<_>>().join("\n"));
    if rest_differs {
        out.push(p.at(
            Kind::CodeTranslated,
            loc.line,
            format!("the `{}` block differs from the English one", loc.info),
            en.line,
        ));
    }
    match (en_body, loc_body) {
        (Some(e), Some(l)) if looks_json(e) => json(p, e, en_body_line, l, loc_body_line, out),
        (Some(e), Some(l)) if squeeze(e) != squeeze(l) => out.push(p.at(
            Kind::CodeTranslated,
            loc_body_line,
            "the body of the block differs from the English one".into(),
            en_body_line,
        )),
        (Some(_), None) | (None, Some(_)) => out.push(p.at(
            Kind::CodeTranslated,
            loc.line,
            "the block has a body where the English has none, or none where it has one".into(),
            en.line,
        )),
        _ => {}
    }
}

/// An HTTP block's head (request or status line and headers) and body
/// after the first blank line, with the body's first line number.
fn split_http(text: &str, line: u32) -> (&str, Option<&str>, u32) {
    match text.find("\n\n") {
        Some(at) => {
            let head = &text[..at];
            let body = text[at..].trim_start_matches('\n');
            let skipped = text[..text.len() - body.len()].matches('\n').count() as u32;
            (
                head,
                Some(body).filter(|b| !b.trim().is_empty()),
                line + skipped,
            )
        }
        None => (text, None, line),
    }
}

fn json(p: &Pages, en: &str, en_line: u32, loc: &str, loc_line: u32, out: &mut Vec<Finding>) {
    use graphdoc_samples::tolerant::read;
    let Ok(en_read) = read(en) else {
        // The English example is not readable either: not the translation's doing.
        return;
    };
    let loc_read = match read(loc) {
        Ok(r) => r,
        Err(e) => {
            out.push(p.at(
                Kind::JsonDiffers,
                loc_line + e.pos.line - 1,
                format!(
                    "the example is not readable JSON ({}) where the English one is",
                    e.message
                ),
                en_line,
            ));
            return;
        }
    };
    let line_of = |read: &graphdoc_samples::tolerant::Read, pointer: &str, base: u32| {
        read.positions
            .get(pointer)
            .map_or(base, |pos| base + pos.line - 1)
    };
    let mut diffs = Vec::new();
    json_diff(&en_read.value, &loc_read.value, String::new(), &mut diffs);
    for (kind, pointer, english_pointer, message) in diffs {
        out.push(p.at(
            kind,
            line_of(&loc_read, &pointer, loc_line),
            message,
            line_of(&en_read, &english_pointer, en_line),
        ));
    }
}

type JsonDiff = (Kind, String, String, String);

fn json_diff(en: &Value, loc: &Value, pointer: String, out: &mut Vec<JsonDiff>) {
    use graphdoc_samples::tolerant::pointer_segment;
    let child = |key: &str| format!("{pointer}/{}", pointer_segment(key));
    match (en, loc) {
        (Value::Object(e), Value::Object(l)) => {
            let en_only: Vec<&String> = e.keys().filter(|k| !l.contains_key(*k)).collect();
            let loc_only: Vec<&String> = l.keys().filter(|k| !e.contains_key(*k)).collect();
            if en_only.len() == loc_only.len() {
                for (ek, lk) in en_only.iter().zip(&loc_only) {
                    out.push((
                        Kind::JsonKeyTranslated,
                        child(lk),
                        child(ek),
                        format!("JSON key `{ek}` is written `{lk}`"),
                    ));
                }
            } else {
                for ek in &en_only {
                    out.push((
                        Kind::JsonDiffers,
                        pointer.clone(),
                        child(ek),
                        format!("JSON key `{ek}` is missing"),
                    ));
                }
                for lk in &loc_only {
                    out.push((
                        Kind::JsonDiffers,
                        child(lk),
                        pointer.clone(),
                        format!("JSON key `{lk}` is not in the English example"),
                    ));
                }
            }
            for (k, ev) in e {
                if let Some(lv) = l.get(k) {
                    json_diff(ev, lv, child(k), out);
                }
            }
        }
        (Value::Array(e), Value::Array(l)) => {
            if e.len() != l.len() {
                out.push((
                    Kind::JsonDiffers,
                    pointer.clone(),
                    pointer.clone(),
                    format!(
                        "array has {} elements where the English has {}",
                        l.len(),
                        e.len()
                    ),
                ));
            }
            for (i, (ev, lv)) in e.iter().zip(l).enumerate() {
                json_diff(ev, lv, format!("{pointer}/{i}"), out);
            }
        }
        (Value::String(_), Value::String(_)) => {}
        _ if en == loc => {}
        _ => out.push((
            Kind::JsonDiffers,
            pointer.clone(),
            pointer.clone(),
            format!("value `{loc}` differs from the English `{en}`"),
        )),
    }
}

/// Defects of the English page a translation carries over: two rows with
/// one description, a possible-values sentence said twice.
struct Descriptions {
    column: Option<usize>,
    /// Each description seen so far, with its first row's name and English description.
    seen: BTreeMap<String, (String, String)>,
    /// How many rows of the translated table have each description:
    /// boilerplate said three times or more is no copy defect.
    count: BTreeMap<String, usize>,
}

fn description(row: &Row, column: Option<usize>) -> Option<String> {
    column
        .and_then(|c| row.cells.get(c))
        .map(|c| squeeze(&plain(c)))
}

impl Descriptions {
    fn new(en: &Table, loc: &Table) -> Descriptions {
        let column = en
            .header
            .iter()
            .position(|h| plain(h).eq_ignore_ascii_case("description"));
        let mut count = BTreeMap::new();
        for row in &loc.rows {
            if let Some(text) = description(row, column) {
                *count.entry(text).or_insert(0) += 1;
            }
        }
        Descriptions {
            column,
            seen: BTreeMap::new(),
            count,
        }
    }

    fn check(&mut self, p: &Pages, en: &Row, loc: &Row, out: &mut Vec<Finding>) {
        let Some(text) = description(loc, self.column) else {
            return;
        };
        let english_text = description(en, self.column).unwrap_or_default();
        if text.len() < 20 {
            return;
        }
        let name = first_cell(en);
        let english = p
            .locale
            .and_then(|l| l.phrases(&text))
            .unwrap_or_else(|| text.clone());
        let repeats = |text: &str| text.matches("Possible values are").count() > 1;
        if repeats(&english) {
            // Said twice in the English too: the translation is faithful,
            // and the defect is the English page's.
            let finding = if repeats(&english_text) {
                p.at(
                    Kind::RepeatedPossibleValues,
                    loc.line,
                    format!("the description of `{name}` states its possible values twice, as the English does"),
                    en.line,
                )
                .carried_over()
            } else {
                p.at(
                    Kind::RepeatedPossibleValues,
                    loc.line,
                    format!("the description of `{name}` states its possible values twice; the English states them once"),
                    en.line,
                )
            };
            out.push(finding);
        }
        match self.seen.get(&text) {
            Some((first, first_english))
                if self.count.get(&text) == Some(&2) && *first_english == english_text =>
            {
                // Only reported when the English rows share their
                // description too: a defect carried over, not drift.
                // A row said twice has its own description twice: not a
                // description copied to another name.
                let message = if *first == name {
                    format!("row `{name}` is there twice, as in the English")
                } else {
                    format!("`{name}` has the description of `{first}`, as in the English")
                };
                out.push(
                    p.at(Kind::CopiedDescription, loc.line, message, en.line)
                        .carried_over(),
                )
            }
            Some(_) => {}
            None => {
                self.seen.insert(text, (name, english_text));
            }
        }
    }
}
