//! The checks. Each takes what it needs (schemas, page texts) and returns
//! findings; none reads the file system itself, so each can be tested on
//! pages in memory.

use crate::jsonpos::{self, Node, Value};
use crate::rules::{self, Finding};
use graphdoc_docs::markdown::{self, Block};
use graphdoc_docs::{cells, facts, types};
use graphdoc_schema::{
    split_qualified, Diagnostic, ExampleKind, Property, PropertyKind, Schema, TypeDef, TypeRef,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The text of every page, by the path the front-end shows for it.
pub type Pages = BTreeMap<String, String>;

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

fn place(f: Finding, pages: &Pages, needle: &str, nth: usize) -> Finding {
    match pages
        .get(&f.file)
        .and_then(|t| locate(t, f.line, needle, nth))
    {
        Some((c, w)) => f.at(c, w),
        None => f,
    }
}

/// GL001: the front-end's diagnostics, severities kept.
pub fn frontend(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    diagnostics
        .iter()
        .map(|d| {
            let mut f = Finding::new(
                rules::FRONTEND,
                &d.file,
                d.line,
                format!("{}: {}", d.code, d.message),
            );
            f.severity = d.severity;
            f.subcode = Some(d.code.clone());
            f.column = d.column.unwrap_or(0);
            f
        })
        .collect()
}

/// Every property table of a version: each type's own properties and each
/// operation's request body.
fn property_tables(schema: &Schema) -> Vec<&[Property]> {
    let mut out: Vec<&[Property]> = schema
        .types
        .values()
        .map(|t| t.properties.as_slice())
        .collect();
    out.extend(schema.operations.iter().map(|o| o.request_body.as_slice()));
    out
}

/// GL007: identical descriptions within one table.
pub fn duplicate_descriptions(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in property_tables(schema) {
        let mut first: HashMap<String, &Property> = HashMap::new();
        for p in table {
            let normalized = cells::collapse_whitespace(p.description.trim()).to_ascii_lowercase();
            // An inherited row repeats the base type's text on every derived
            // page: the base page's own table is where it is reported.
            if normalized.split_whitespace().count() < 5 || normalized.contains("inherited from") {
                continue;
            }
            match first.get(&normalized) {
                // Split pages can repeat a row; only different properties count.
                Some(earlier) if earlier.name != p.name && earlier.source.file == p.source.file => {
                    let Some((wrong, right)) = misfit(earlier, p) else {
                        continue;
                    };
                    let f = Finding::new(
                        rules::DUPLICATE_DESCRIPTION,
                        &wrong.source.file,
                        wrong.source.line,
                        format!(
                            "description of `{}` is identical to that of `{}`",
                            wrong.name, right.name
                        ),
                    )
                    .note(format!(
                        "`{}` at line {} has the same text, which speaks of `{}` rather than `{}`",
                        right.name, right.source.line, right.name, wrong.name
                    ));
                    let needle: String = wrong.description.chars().take(40).collect();
                    out.push(place(f, pages, &needle, 0));
                }
                Some(_) => {}
                None => {
                    first.insert(normalized, p);
                }
            }
        }
    }
    out
}

/// Lowercased words of a camelCase name (`countryOrRegion`: country, or,
/// region), without one-letter words.
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    words.push(current);
    words.retain(|w| w.len() >= 2);
    words
}

/// Of two properties sharing a description, the one the text does not fit
/// and the one it fits. Only the words telling the two names apart count
/// (for `countryOrRegion` and `automaticallyUpdateApps` all of them; for
/// `ownerType` and `managedDeviceOwnerType` only managed and device); a
/// name word fits when a word of the description starts with it. `None`
/// when the text fits both equally: aliases and deprecated twins share a
/// description on purpose.
fn misfit<'a>(a: &'a Property, b: &'a Property) -> Option<(&'a Property, &'a Property)> {
    let text: Vec<String> = a
        .description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let (wa, wb) = (name_words(&a.name), name_words(&b.name));
    let only_a: Vec<&String> = wa.iter().filter(|w| !wb.contains(w)).collect();
    let only_b: Vec<&String> = wb.iter().filter(|w| !wa.contains(w)).collect();
    if only_a.is_empty() || only_b.is_empty() {
        return None;
    }
    let fit = |words: &[&String]| {
        let found = words
            .iter()
            .filter(|w| text.iter().any(|t| t.starts_with(w.as_str())))
            .count();
        found as f64 / words.len() as f64
    };
    let (fa, fb) = (fit(&only_a), fit(&only_b));
    if fa < fb {
        Some((a, b))
    } else if fb < fa {
        Some((b, a))
    } else {
        None
    }
}

/// Sentences of a description, split at `. ` (plain text).
fn sentences(text: &str) -> Vec<String> {
    text.split(". ")
        .map(|s| cells::collapse_whitespace(s.trim().trim_end_matches('.')).to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// GL008: a sentence said twice in one description, or several "Possible
/// values" sentences.
pub fn repeated_sentences(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in property_tables(schema) {
        for p in table {
            let sentences_starting = possible_values_sentence_starts(&p.description);
            if sentences_starting > 1 {
                let f = Finding::new(
                    rules::REPEATED_SENTENCE,
                    &p.source.file,
                    p.source.line,
                    format!(
                        "description of `{}` has {} \"Possible values\" sentences",
                        p.name, sentences_starting
                    ),
                )
                .note("tools read only the first list; keep one sentence with the complete list");
                out.push(place(f, pages, "possible values", 1));
                continue;
            }
            let mut seen = HashSet::new();
            for s in sentences(&p.description) {
                if s.split_whitespace().count() >= 3 && !seen.insert(s.clone()) {
                    let f = Finding::new(
                        rules::REPEATED_SENTENCE,
                        &p.source.file,
                        p.source.line,
                        format!("description of `{}` repeats a sentence", p.name),
                    )
                    .note(format!("repeated: \"{s}\""));
                    out.push(place(f, pages, &s, 1));
                    break;
                }
            }
        }
    }
    out
}

/// How many sentences of a description start with "Possible values".
/// `facts::facts` also counts the marker inside a sentence, as in "For a
/// B2B scenario, possible values: …. For a B2C scenario, possible values:
/// …", two lists for two cases rather than a repetition.
fn possible_values_sentence_starts(description: &str) -> usize {
    description
        .split(". ")
        .filter(|s| {
            s.trim_start()
                .to_ascii_lowercase()
                .starts_with("possible values")
        })
        .count()
}

/// The values of every "Possible values" sentence of a description.
fn all_possible_values(description: &str) -> Vec<String> {
    let lower = description.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("possible values") {
        let at = from + i;
        out.extend(facts::possible_values(&description[at..]).0);
        from = at + "possible values".len();
    }
    out
}

/// GL004: listed values that are not members of the property's enum.
pub fn possible_values(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in property_tables(schema) {
        for p in table {
            let Some(e) = schema.enums.get(&p.ty.name) else {
                continue;
            };
            for v in all_possible_values(&p.description) {
                // "Possible values are: `null`, …" tells nullability.
                if v == "null" || e.members.iter().any(|m| m.name == v) {
                    continue;
                }
                let hint = match e.members.iter().find(|m| m.name.eq_ignore_ascii_case(&v)) {
                    Some(m) => format!("the member is spelled `{}`", m.name),
                    None => format!("`{}` has no such member", e.name),
                };
                let f = Finding::new(
                    rules::POSSIBLE_VALUES,
                    &p.source.file,
                    p.source.line,
                    format!(
                        "`{}` lists possible value `{v}`, which is not a member of `{}`",
                        p.name, e.name
                    ),
                )
                .note(format!(
                    "{hint} (members at {}:{})",
                    e.source.file, e.source.line
                ));
                out.push(place(f, pages, &v, 0));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The resource's JSON representation: the first code block after a
/// `"blockType": "resource"` annotation whose type (`@odata.type`/`@type`) names the type
/// (or that has none), as a parsed object with positions in the page.
fn representation(text: &str, type_name: &str) -> Option<(Node, u32)> {
    let mut pending: Option<String> = None;
    for b in markdown::blocks(text) {
        match b {
            Block::Comment { text, .. }
                if text.contains("blockType") && text.contains("\"resource\"") =>
            {
                pending = Some(text);
            }
            Block::Code {
                text: code, line, ..
            } => {
                let Some(annotation) = pending.take() else {
                    continue;
                };
                let names_other = annotation_type(&annotation)
                    .is_some_and(|t| !split_qualified(&t).1.eq_ignore_ascii_case(type_name));
                if names_other {
                    continue;
                }
                let node = jsonpos::parse(&code)?;
                let node = match node.value {
                    Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
                    _ => node,
                };
                return matches!(node.value, Value::Object(_)).then_some((node, line));
            }
            Block::Heading { .. } | Block::Table(_) => pending = None,
            _ => {}
        }
    }
    None
}

fn annotation_type(annotation: &str) -> Option<String> {
    let start = annotation.find('{')?;
    let end = annotation.rfind('}')?;
    let v: serde_json::Value = serde_json::from_str(annotation.get(start..=end)?).ok()?;
    graphdoc_docs::annotation::type_name(&v).map(|s| s.trim_start_matches('#').to_string())
}

/// What a placeholder of a JSON representation says about the type.
enum Placeholder {
    Primitive(&'static str),
    Bool,
    Number,
    Array(Option<Box<Placeholder>>),
    Unknown,
}

fn placeholder(node: &Node) -> Placeholder {
    match &node.value {
        Value::Bool(_) => Placeholder::Bool,
        Value::Number(_) => Placeholder::Number,
        Value::Array(items) => Placeholder::Array(items.first().map(|n| Box::new(placeholder(n)))),
        Value::String(s) => {
            let s = s.trim();
            if s.eq_ignore_ascii_case("String (timestamp)") {
                return Placeholder::Primitive("Edm.DateTimeOffset");
            }
            let word = s.split(" (").next().unwrap_or(s);
            match types::primitive(word) {
                Some((edm, false)) if edm != "Edm.String" => Placeholder::Primitive(edm),
                _ => Placeholder::Unknown,
            }
        }
        _ => Placeholder::Unknown,
    }
}

const NUMERIC: [&str; 7] = [
    "Edm.Int16",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Double",
    "Edm.Single",
    "Edm.Decimal",
    "Edm.Byte",
];

/// Why a placeholder disagrees with a table type, if it does.
fn placeholder_mismatch(ph: &Placeholder, ty: &TypeRef, in_collection: bool) -> Option<String> {
    if !ty.is_primitive() {
        return None;
    }
    match ph {
        Placeholder::Array(item) if !ty.collection && !in_collection => {
            let _ = item;
            Some(format!(
                "the block shows an array, the table `{}`",
                ty.name.trim_start_matches("Edm.")
            ))
        }
        Placeholder::Array(Some(item)) if !in_collection => placeholder_mismatch(item, ty, true),
        Placeholder::Primitive(edm) if *edm != ty.name => Some(format!(
            "the block says `{}`, the table `{}`",
            edm.trim_start_matches("Edm."),
            ty.name.trim_start_matches("Edm.")
        )),
        Placeholder::Bool if ty.name != "Edm.Boolean" => Some(format!(
            "the block shows a Boolean, the table `{}`",
            ty.name.trim_start_matches("Edm.")
        )),
        Placeholder::Number if !NUMERIC.contains(&ty.name.as_str()) => Some(format!(
            "the block shows a number, the table `{}`",
            ty.name.trim_start_matches("Edm.")
        )),
        _ => None,
    }
}

/// GL002 and GL003: the Properties table against the JSON representation.
pub fn table_vs_json(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let types: Vec<&TypeDef> = schema.types.values().collect();
    let mut out: Vec<Finding> = types
        .par_iter()
        .flat_map_iter(|t| {
            let mut out = Vec::new();
            let Some(text) = pages.get(&t.source.file) else {
                return out;
            };
            let Some((object, start)) = representation(text, &t.name) else {
                return out;
            };
            let Value::Object(members) = &object.value else {
                return out;
            };
            for p in &t.properties {
                if p.kind != PropertyKind::Structural || p.source.file != t.source.file {
                    continue;
                }
                if !members.iter().any(|(k, _)| k.eq_ignore_ascii_case(&p.name)) {
                    let f = Finding::new(
                        rules::MISSING_IN_JSON,
                        &p.source.file,
                        p.source.line,
                        format!(
                            "property `{}` of `{}` is missing from the JSON representation",
                            p.name, t.name
                        ),
                    )
                    .note(format!("the JSON representation starts at line {start}"));
                    out.push(place(f, pages, &p.name, 0));
                }
            }
            for (key, node) in members {
                let Some(p) = t.properties.iter().find(|p| &p.name == key) else {
                    continue;
                };
                if let Some(why) = placeholder_mismatch(&placeholder(node), &p.ty, false) {
                    let line = start + node.line - 1;
                    let f = Finding::new(
                        rules::JSON_TYPE_MISMATCH,
                        &t.source.file,
                        line,
                        format!(
                            "JSON representation of `{}.{}` disagrees with the table: {why}",
                            t.name, key
                        ),
                    )
                    .note(format!("the table row is at line {}", p.source.line));
                    let width = text.lines().nth(line as usize - 1).map_or(0, |l| {
                        l.chars()
                            .skip(node.column as usize - 1)
                            .take_while(|c| *c != ',')
                            .count() as u32
                    });
                    out.push(f.at(node.column, width));
                }
            }
            out
        })
        .collect();
    out.sort();
    out
}

/// GL010: enum-typed values of request and response examples that are not
/// members.
pub fn enum_samples(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out: Vec<Finding> = schema
        .operations
        .par_iter()
        .flat_map_iter(|op| {
            let mut out = Vec::new();
            for ex in &op.examples {
                let Some(body) = jsonpos::parse(&ex.body) else {
                    continue;
                };
                let declared = match ex.kind {
                    ExampleKind::Request => op.request_type.as_ref(),
                    ExampleKind::Response => op.response_type.as_ref(),
                };
                let checker = SampleChecker {
                    schema,
                    file: &ex.source.file,
                    first_line: ex.source.line,
                    pages,
                };
                let ty = declared.map(|t| t.name.as_str());
                // A collection response wraps its items in "value", unless
                // the type itself has a property of that name.
                let wraps_items = |t: Option<&str>| {
                    t.is_none_or(|t| {
                        !schema
                            .flattened_properties(t)
                            .iter()
                            .any(|p| p.name == "value")
                    })
                };
                match body.get("value") {
                    Some(Node {
                        value: Value::Array(items),
                        ..
                    }) if body.get("@odata.type").is_none() && wraps_items(ty) => {
                        for item in items {
                            checker.object(item, ty, &mut out);
                        }
                    }
                    _ => checker.object(&body, ty, &mut out),
                }
            }
            out
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

struct SampleChecker<'a> {
    schema: &'a Schema,
    file: &'a str,
    first_line: u32,
    pages: &'a Pages,
}

impl SampleChecker<'_> {
    fn resolve_odata_type(&self, node: &Node) -> Option<String> {
        let t = node.get("@odata.type")?.as_str()?.trim_start_matches('#');
        if self.schema.types.contains_key(t) {
            return Some(t.to_string());
        }
        let q = graphdoc_schema::qualify(graphdoc_schema::DEFAULT_NAMESPACE, t);
        self.schema.types.contains_key(&q).then_some(q)
    }

    fn object(&self, node: &Node, declared: Option<&str>, out: &mut Vec<Finding>) {
        let Value::Object(members) = &node.value else {
            return;
        };
        // An `@odata.type` overrides the declared type; one that names no
        // type leaves the object's type unknown.
        let ty = match node.get("@odata.type") {
            Some(_) => self.resolve_odata_type(node),
            None => declared.map(str::to_string),
        };
        let Some(ty) = ty else { return };
        let props = self.schema.flattened_properties(&ty);
        for (key, value) in members {
            let Some(p) = props.iter().find(|p| &p.name == key) else {
                continue;
            };
            if let Some(e) = self.schema.enums.get(&p.ty.name) {
                let values: Vec<&Node> = match &value.value {
                    Value::Array(items) => items.iter().collect(),
                    _ => vec![value],
                };
                for v in values {
                    let Some(s) = v.as_str() else { continue };
                    let parts: Vec<&str> = if e.is_flags {
                        s.split(',').map(str::trim).collect()
                    } else {
                        vec![s]
                    };
                    if parts
                        .iter()
                        .all(|part| e.members.iter().any(|m| m.name == *part))
                    {
                        continue;
                    }
                    let line = self.first_line + v.line - 1;
                    let shown: Vec<&str> =
                        e.members.iter().map(|m| m.name.as_str()).take(8).collect();
                    let more = if e.members.len() > 8 { ", …" } else { "" };
                    let f = Finding::new(
                        rules::ENUM_SAMPLE,
                        self.file,
                        line,
                        format!(
                            "example sets `{key}` to \"{s}\", which is not a member of `{}`",
                            e.name
                        ),
                    )
                    .note(format!("members: {}{more}", shown.join(", ")));
                    let f = match self
                        .pages
                        .get(self.file)
                        .and_then(|t| locate(t, line, &format!("\"{s}\""), 0))
                    {
                        Some((c, w)) => f.at(c, w),
                        None => f,
                    };
                    out.push(f);
                }
            } else if self.schema.types.contains_key(&p.ty.name) {
                match &value.value {
                    Value::Object(_) => self.object(value, Some(&p.ty.name), out),
                    Value::Array(items) => {
                        for item in items {
                            self.object(item, Some(&p.ty.name), out);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// GL009: `TODO` in the cells of permissions tables.
pub fn placeholder_text(pages: &Pages) -> Vec<Finding> {
    let list: Vec<(&String, &String)> = pages.iter().collect();
    list.par_iter()
        .flat_map_iter(|(file, text)| {
            let mut out = Vec::new();
            if !text.contains("TODO") {
                return out;
            }
            let mut in_permissions = false;
            for b in markdown::blocks(text) {
                match b {
                    Block::Heading { text, .. } => {
                        in_permissions = text.to_ascii_lowercase().contains("permission")
                    }
                    Block::Table(t) if in_permissions => {
                        for row in &t.rows {
                            for (cell, column) in row.cells.iter().zip(&row.columns) {
                                if cell.contains("TODO") {
                                    let f = Finding::new(
                                        rules::PLACEHOLDER_TEXT,
                                        file,
                                        row.line,
                                        format!(
                                            "permissions table holds placeholder text `{}`",
                                            cells::plain(cell)
                                        ),
                                    )
                                    .note(
                                        "name the least privileged permission, or `Not supported.`",
                                    );
                                    out.push(f.at(*column, cell.chars().count() as u32));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            out
        })
        .collect()
}

/// Joins `relative` onto the folder `dir` (both `/`-separated), resolving
/// `.` and `..`; `None` if it climbs above the start.
fn join_path(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let absolute = dir.starts_with('/');
    for seg in relative.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(if absolute {
        format!("/{joined}")
    } else {
        joined
    })
}

/// GL005: relative `.md` links inside a version's `resources/` and `api/`
/// folders whose target does not exist. `version_dir` is the shown path of
/// `api-reference/<version>`; `existing` the lowercased shown paths of every
/// file under it.
pub fn broken_links(pages: &Pages, version_dir: &str, existing: &HashSet<String>) -> Vec<Finding> {
    let list: Vec<(&String, &String)> = pages
        .iter()
        .filter(|(f, _)| f.starts_with(version_dir))
        .collect();
    let checked_dirs = [
        format!("{version_dir}/resources/"),
        format!("{version_dir}/api/"),
    ];
    list.par_iter()
        .flat_map_iter(|(file, text)| {
            let mut out = Vec::new();
            let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
            let mut fence: Option<&str> = None;
            for (i, line) in text.lines().enumerate() {
                let trimmed = line.trim_start();
                for marker in ["```", "~~~"] {
                    if trimmed.starts_with(marker) {
                        fence = match fence {
                            Some(m) if m == marker => None,
                            None => Some(marker),
                            other => other,
                        };
                    }
                }
                if fence.is_some() || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                    continue;
                }
                let mut from = 0;
                while let Some(k) = line[from..].find("](") {
                    let start = from + k + 2;
                    let Some(len) = line[start..].find(')') else {
                        break;
                    };
                    from = start + len;
                    let raw = line[start..start + len].trim();
                    let target = raw.split_whitespace().next().unwrap_or("");
                    let target = target.trim_matches(['<', '>']);
                    let path = target.split(['#', '?']).next().unwrap_or("");
                    if !path.to_ascii_lowercase().ends_with(".md")
                        || path.contains("://")
                        || path.starts_with('/')
                    {
                        continue;
                    }
                    let Some(resolved) = join_path(dir, path) else {
                        continue;
                    };
                    if !checked_dirs
                        .iter()
                        .any(|d| resolved.starts_with(d.as_str()))
                    {
                        continue;
                    }
                    if existing.contains(&resolved.to_ascii_lowercase()) {
                        continue;
                    }
                    let column = line[..start].chars().count() as u32 + 1;
                    let f = Finding::new(
                        rules::BROKEN_LINK,
                        file,
                        i as u32 + 1,
                        format!("link target `{path}` does not exist"),
                    )
                    .note(format!("resolved to {resolved}"));
                    out.push(f.at(column, target.chars().count() as u32));
                }
            }
            out
        })
        .collect()
}

/// GL006: `@odata.type` values in JSON blocks naming no type of the version.
pub fn undefined_types(schema: &Schema, pages: &Pages, version_dir: &str) -> Vec<Finding> {
    let mut simple: HashSet<String> = HashSet::new();
    for t in schema.types.values() {
        simple.insert(t.name.to_ascii_lowercase());
    }
    for e in schema.enums.values() {
        simple.insert(e.name.to_ascii_lowercase());
    }
    // A resource page of a type without properties (a facet with none yet)
    // gives no TypeDef; its file name still defines the name.
    for file in pages
        .keys()
        .filter(|f| f.starts_with(version_dir) && f.contains("/resources/"))
    {
        let stem = file.rsplit('/').next().unwrap_or("");
        let stem = stem.trim_end_matches(".md").to_ascii_lowercase();
        simple.insert(stem.rsplit('-').next().unwrap_or("").to_string());
        simple.insert(stem);
    }
    let list: Vec<(&String, &String)> = pages
        .iter()
        .filter(|(f, _)| f.starts_with(version_dir))
        .collect();
    let mut out: Vec<Finding> = list
        .par_iter()
        .flat_map_iter(|(file, text)| {
            let mut out = Vec::new();
            if !text.contains("@odata.type") {
                return out;
            }
            for b in markdown::blocks(text) {
                let Block::Code {
                    text: code, line, ..
                } = b
                else {
                    continue;
                };
                let json_start = code.find(['{', '[']).unwrap_or(0);
                let skipped_lines = code[..json_start].matches('\n').count() as u32;
                let Some(node) = jsonpos::parse(&code[json_start..]) else {
                    continue;
                };
                let mut stack = vec![&node];
                while let Some(n) = stack.pop() {
                    match &n.value {
                        Value::Array(items) => stack.extend(items),
                        Value::Object(members) => {
                            for (k, v) in members {
                                if k == "@odata.type" {
                                    check_odata_type(
                                        v,
                                        file,
                                        line + skipped_lines,
                                        &simple,
                                        pages,
                                        &mut out,
                                    );
                                }
                                stack.push(v);
                            }
                        }
                        _ => {}
                    }
                }
            }
            out
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn check_odata_type(
    v: &Node,
    file: &str,
    first_line: u32,
    simple: &HashSet<String>,
    pages: &Pages,
    out: &mut Vec<Finding>,
) {
    let Some(s) = v.as_str() else { return };
    let name = s.trim_start_matches('#');
    if !name.starts_with("microsoft.graph.") {
        return;
    }
    let simple_name = split_qualified(name).1;
    if simple_name.is_empty() || simple.contains(&simple_name.to_ascii_lowercase()) {
        return;
    }
    let line = first_line + v.line - 1;
    let f = Finding::new(
        rules::UNDEFINED_TYPE,
        file,
        line,
        format!("`@odata.type` names `{name}`, which no page of this version defines"),
    );
    out.push(place(f, pages, s, 0));
}

/// GL011 and GL012: v1.0 against beta.
pub fn version_drift(v1: &Schema, beta: &Schema) -> Vec<Finding> {
    let mut out = Vec::new();
    for (name, t1) in &v1.types {
        let Some(tb) = beta.types.get(name) else {
            continue;
        };
        let beta_props = beta.flattened_properties(name);
        for p in &t1.properties {
            match beta_props
                .iter()
                .find(|q| q.name.eq_ignore_ascii_case(&p.name))
            {
                None => out.push(
                    Finding::new(
                        rules::VERSION_MISSING,
                        &tb.source.file,
                        tb.source.line,
                        format!(
                            "`{}` has property `{}` in v1.0 but not in beta",
                            t1.name, p.name
                        ),
                    )
                    .note(format!(
                        "v1.0 defines it at {}:{}",
                        p.source.file, p.source.line
                    )),
                ),
                Some(q)
                    if !q.ty.name.eq_ignore_ascii_case(&p.ty.name)
                        || q.ty.collection != p.ty.collection =>
                {
                    out.push(
                        Finding::new(
                            rules::VERSION_TYPE,
                            &q.source.file,
                            q.source.line,
                            format!(
                                "`{}.{}` is `{}` in beta but `{}` in v1.0",
                                t1.name, p.name, q.ty, p.ty
                            ),
                        )
                        .note(format!(
                            "v1.0 defines it at {}:{}",
                            p.source.file, p.source.line
                        )),
                    )
                }
                Some(_) => {}
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// GL013: the drift report's findings.
pub fn metadata_drift(report: &crate::drift::DriftReport) -> Vec<Finding> {
    report
        .findings
        .iter()
        .map(|d| {
            let mut f = Finding::new(
                rules::METADATA_DRIFT,
                &d.file,
                d.line,
                format!("{}: {}", d.kind, d.message),
            );
            f.severity = d.severity;
            f.subcode = Some(d.kind.as_str().to_string());
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(name: &str, description: &str) -> Property {
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
    fn representation_skips_blocks_annotated_with_another_type() {
        // The first block's annotation names another type with the older
        // `@type` key; the second is the page's own.
        let page = "# root resource type\n\n\
<!-- { \"blockType\": \"resource\", \"@type\": \"microsoft.graph.driveItem\" } -->\n\n\
```json\n{ \"name\": \"String\" }\n```\n\n\
<!-- { \"blockType\": \"resource\", \"@type\": \"microsoft.graph.root\" } -->\n\n\
```json\n{ \"depth\": 1 }\n```\n";
        let (node, _) = representation(page, "root").expect("a representation");
        assert!(node.get("depth").is_some(), "{:?}", node.value);
    }

    #[test]
    fn misfit_picks_the_row_the_text_does_not_describe() {
        let text =
            "Indicates whether apps bought with this VPP token are kept up to date automatically.";
        let (a, b) = (
            prop("automaticallyUpdateApps", text),
            prop("countryOrRegion", text),
        );
        let (wrong, right) = misfit(&a, &b).unwrap();
        assert_eq!(
            (wrong.name.as_str(), right.name.as_str()),
            ("countryOrRegion", "automaticallyUpdateApps")
        );
        // Aliases: the distinguishing words fit equally (here: not at all).
        let text = "Ownership of the device. Can be 'company' or 'personal'.";
        assert!(misfit(
            &prop("ownerType", text),
            &prop("managedDeviceOwnerType", text)
        )
        .is_none());
        let text = "Type of Role. Set to True if it is built-in.";
        assert!(misfit(
            &prop("isBuiltIn", text),
            &prop("isBuiltInRoleDefinition", text)
        )
        .is_none());
    }

    #[test]
    fn possible_values_counted_only_at_sentence_start() {
        assert_eq!(
            possible_values_sentence_starts(
                "For B2B, possible values: `a`. For B2C, possible values: `b`."
            ),
            0
        );
        assert_eq!(
            possible_values_sentence_starts(
                "X. Possible values are: `a`. Possible values are: `a`."
            ),
            2
        );
    }

    #[test]
    fn join_path_resolves_dots() {
        assert_eq!(
            join_path("a/v1.0/api", "../resources/x.md").as_deref(),
            Some("a/v1.0/resources/x.md")
        );
        assert_eq!(
            join_path("/r/api", "./x.md").as_deref(),
            Some("/r/api/x.md")
        );
        assert_eq!(join_path("a", "../../x.md"), None);
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
