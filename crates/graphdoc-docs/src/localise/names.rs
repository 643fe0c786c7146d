//! Names a translation changed, read back by the type they carry: a
//! property row and a name the page's JSON representation or the API pages
//! it links to (`GET /users/{id}/memberOf`: path segments are never
//! translated) give, when the two are the only ones of that type left.

use crate::cells;
use crate::locale::Locale;
use crate::types::{parse_type_cell, TypeName};
use std::collections::BTreeMap;

/// What a type cell, a JSON value or an API page's return type names: the
/// type's name and its page's file name (lower case), and whether it is a
/// collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypeKey {
    names: Vec<String>,
    collection: bool,
}

impl TypeKey {
    fn new(collection: bool) -> Self {
        TypeKey {
            names: Vec::new(),
            collection,
        }
    }

    fn with(mut self, name: &str) -> Self {
        let name = name.trim().trim_matches('`');
        let name = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        if !name.is_empty() && !self.names.contains(&name) {
            self.names.push(name);
        }
        self
    }

    pub(super) fn matches(&self, other: &TypeKey) -> bool {
        self.collection == other.collection && self.names.iter().any(|n| other.names.contains(n))
    }
}

/// The page's reference definitions (`[label]: target`), by label in lower
/// case.
pub(super) fn reference_definitions(lines: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lines {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix('[') else {
            continue;
        };
        let Some((label, target)) = rest.split_once("]:") else {
            continue;
        };
        let target = target.split_whitespace().next().unwrap_or_default();
        if !label.is_empty() && !target.is_empty() {
            out.entry(label.to_lowercase())
                .or_insert_with(|| target.to_string());
        }
    }
    out
}

/// The file name a link target names, without directory, anchor and `.md`
/// (`../resources/plannertask.md#x` → `plannertask`).
fn page_stem(target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let file = target.rsplit('/').next().unwrap_or_default();
    let stem = file.strip_suffix(".md").unwrap_or(file);
    (!stem.is_empty()).then(|| stem.to_ascii_lowercase())
}

/// The targets of a cell's links, reference links looked up in `refs`.
fn link_targets(cell: &str, refs: &BTreeMap<String, String>) -> Vec<String> {
    cells::links(cell)
        .into_iter()
        .filter_map(|link| {
            if !link.target.is_empty() {
                return Some(link.target);
            }
            let after = cell.find(&format!("[{}][", link.text))? + link.text.len() + 3;
            let label = cell[after..].split(']').next().unwrap_or_default();
            let label = if label.is_empty() { &link.text } else { label };
            refs.get(&label.to_lowercase()).cloned()
        })
        .collect()
}

/// The type a (possibly translated) type cell names.
pub(super) fn key_of_cell(
    locale: &Locale,
    cell: &str,
    refs: &BTreeMap<String, String>,
) -> Option<TypeKey> {
    key_of_linked_cell(locale, cell, link_targets(cell, refs))
}

/// [`key_of_cell`] with the cell's link targets already looked up.
pub(super) fn key_of_linked_cell(
    locale: &Locale,
    cell: &str,
    targets: Vec<String>,
) -> Option<TypeKey> {
    match locale.type_cell(cell) {
        Some(english) => key_from(&english, targets),
        None => key_from(cell.trim(), targets),
    }
}

/// The type a type cell the reading already put in English names (the
/// links looked up in `written`, the cell as the page has it).
pub(super) fn key_of_english(
    english: &str,
    written: &str,
    refs: &BTreeMap<String, String>,
) -> Option<TypeKey> {
    key_from(english, link_targets(written, refs))
}

fn key_from(english: &str, targets: Vec<String>) -> Option<TypeKey> {
    let parsed = parse_type_cell(english).ok();
    let collection = parsed.as_ref().map_or_else(
        || english.to_ascii_lowercase().contains("collection"),
        |p| p.collection,
    );
    let mut key = TypeKey::new(collection);
    for target in targets {
        if let Some(stem) = page_stem(&target) {
            key = key.with(&stem);
        }
    }
    match parsed.map(|p| p.name) {
        Some(TypeName::Primitive(edm)) => key = key.with(primitive_class(edm)),
        Some(TypeName::Named(name)) => key = key.with(&name),
        None => {}
    }
    (!key.names.is_empty()).then_some(key)
}

/// The link targets of a cell, reference links looked up (for
/// [`key_of_linked_cell`]).
pub(super) fn targets(cell: &str, refs: &BTreeMap<String, String>) -> Vec<String> {
    link_targets(cell, refs)
}

/// The type a parsed type cell (an API page's response type) names.
pub(super) fn key_of_type(cell: &crate::types::CellType) -> Option<TypeKey> {
    let mut key = TypeKey::new(cell.collection);
    if let Some(stem) = cell.link.as_deref().and_then(page_stem) {
        key = key.with(&stem);
    }
    match &cell.name {
        TypeName::Primitive(edm) => key = key.with(primitive_class(edm)),
        TypeName::Named(name) => key = key.with(name),
    }
    (!key.names.is_empty()).then_some(key)
}

/// The key names a type, not a primitive value.
pub(super) fn is_named(key: &TypeKey) -> bool {
    key.names.iter().any(|n| {
        !matches!(
            n.as_str(),
            "string"
                | "boolean"
                | "number"
                | "datetimeoffset"
                | "date"
                | "timeofday"
                | "duration"
                | "guid"
                | "binary"
                | "stream"
        )
    })
}

/// Numbers are written alike in JSON whatever their Edm type.
fn primitive_class(edm: &str) -> &str {
    match edm {
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" | "Edm.Double"
        | "Edm.Single" | "Edm.Decimal" => "number",
        other => other.strip_prefix("Edm.").unwrap_or(other),
    }
}

/// The type a JSON representation's value shows: `{"@odata.type":
/// "microsoft.graph.x"}`, `[ … ]` of one, `"String"`, `true`, `1024`.
pub(super) fn key_of_json_value(value: &str) -> Option<TypeKey> {
    let value = value.trim().trim_end_matches(',').trim();
    let collection = value.starts_with('[');
    if let Some(at) = value.find("\"@odata.type\"") {
        let rest = &value[at + "\"@odata.type\"".len()..];
        let name = rest.trim_start().strip_prefix(':')?.trim_start();
        let name = name.strip_prefix('"')?.split('"').next()?;
        return Some(TypeKey::new(collection).with(name));
    }
    let inner = if collection {
        value.trim_start_matches('[').trim_end_matches(']').trim()
    } else {
        value
    };
    let word = inner.trim_matches('"');
    let class = if inner == "true" || inner == "false" || word.eq_ignore_ascii_case("boolean") {
        "Boolean"
    } else if inner.starts_with('"') && word.to_ascii_lowercase().starts_with("string") {
        "String"
    } else if !inner.is_empty() && inner.parse::<f64>().is_ok() {
        "number"
    } else {
        return None;
    };
    Some(TypeKey::new(collection).with(class))
}

/// The last name of each path an API page's `GET` requests read
/// (`/users/{id}/memberOf` → `memberOf`): what a relationship is called.
pub(super) fn path_names(paths: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for path in paths {
        let path = path.split(['?', ' ']).next().unwrap_or_default();
        let Some(last) = path.trim_end_matches('/').rsplit('/').next() else {
            continue;
        };
        if crate::types::is_type_identifier(last)
            && !last.contains('.')
            && !out.iter().any(|n| n == last)
        {
            out.push(last.to_string());
        }
    }
    out
}

/// The API pages a Methods table cell links to, by file name in lower case
/// (`[List tasks](../api/plannerplan-list-tasks.md)` →
/// `plannerplan-list-tasks.md`).
pub(super) fn api_files(cell: &str, refs: &BTreeMap<String, String>) -> Vec<String> {
    link_targets(cell, refs)
        .into_iter()
        .filter(|t| t.contains("api/"))
        .filter_map(|t| page_stem(&t).map(|stem| format!("{stem}.md")))
        .collect()
}

/// Rows and names (by the types they carry) that are each the only one of
/// their type on the other side: (row, name) positions.
pub(super) fn pair_by_type(
    rows: &[Option<&TypeKey>],
    names: &[Option<&TypeKey>],
) -> Vec<(usize, usize)> {
    let fits = |r: &Option<&TypeKey>, n: &Option<&TypeKey>| match (r, n) {
        (Some(a), Some(b)) => a.matches(b),
        _ => false,
    };
    let mut pairs = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut found = names.iter().enumerate().filter(|(_, n)| fits(row, n));
        let (Some((j, name)), None) = (found.next(), found.next()) else {
            continue;
        };
        if rows.iter().filter(|r| fits(r, name)).count() == 1 {
            pairs.push((i, j));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt() -> &'static Locale {
        crate::locale::for_tag("pt-BR").unwrap()
    }

    #[test]
    fn cells_and_values_name_the_same_types() {
        let refs = reference_definitions(&["[Agrupar]: bundle.md"]);
        let row = key_of_cell(pt(), "[Agrupar][]", &refs).unwrap();
        let value = key_of_json_value("{ \"@odata.type\": \"microsoft.graph.bundle\" },").unwrap();
        assert!(row.matches(&value));
        let tasks = key_of_cell(pt(), "Coleção [plannerTask](plannertask.md)", &refs).unwrap();
        let listed = key_of_cell(
            pt(),
            "[plannerTask](../resources/plannertask.md) collection",
            &refs,
        )
        .unwrap();
        assert!(tasks.matches(&listed));
        let one = key_of_cell(pt(), "[plannerTask](plannertask.md)", &refs).unwrap();
        assert!(!one.matches(&listed));
        let name = key_of_cell(pt(), "Cadeia de caracteres", &refs).unwrap();
        assert!(name.matches(&key_of_json_value("\"string\",").unwrap()));
        assert!(key_of_json_value("\"name of list\",").is_none());
    }

    #[test]
    fn paths_end_in_the_relationship() {
        let paths = [
            "/users/{id}/memberOf".to_string(),
            "/me/memberOf?$top=1".to_string(),
            "/users/{id}".to_string(),
        ];
        assert_eq!(path_names(&paths), ["memberOf"]);
    }

    #[test]
    fn only_the_one_row_of_a_type_takes_the_one_name_of_it() {
        let a = TypeKey::new(false).with("drive");
        let b = TypeKey::new(true).with("drive");
        // `Unidade` (drive), `unidades` (drive collection), a row of no type.
        let rows = [Some(&a), Some(&b), None];
        // `drives`, `drive`.
        let names = [Some(&b), Some(&a)];
        assert_eq!(pair_by_type(&rows, &names), [(0, 1), (1, 0)]);
        // `drive` and `root`, both drives.
        let twice = [Some(&a), Some(&a)];
        assert!(pair_by_type(&rows, &twice).is_empty());
    }
}
