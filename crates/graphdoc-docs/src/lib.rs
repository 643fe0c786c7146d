//! The docs front-end: a Microsoft Graph docs tree in, a [`Schema`] and
//! diagnostics out.
//!
//! Reading happens in two passes. Each page is parsed on its own ([`page`]),
//! in parallel, into raw items whose type names are still as written. Then
//! `resolve` qualifies every name against what the whole version defines,
//! decides entity vs complex and navigation vs structural, and reports what
//! it could not resolve. Output depends only on the set of pages, never on
//! the order they were found in or on the number of threads.

pub mod annotation;
pub mod cells;
pub mod facts;
pub mod locale;
pub mod localise;
pub mod markdown;
pub mod page;
mod resolve;
pub mod tolerant;
pub mod types;

use graphdoc_schema::{Diagnostic, Schema, Severity, Source};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use page::{codes, PageKind};

/// A schema with what was said while reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub schema: Schema,
    /// Sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
}

/// A page as read from disk: its path (as it should appear in messages)
/// and its bytes.
#[derive(Debug, Clone)]
pub struct PageInput {
    pub path: String,
    pub kind: PageKind,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub enum LoadError {
    /// `<root>/api-reference/<version>` does not exist or is not a directory.
    MissingVersion(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::MissingVersion(p) => write!(f, "no docs at {}: expected a docs tree with api-reference/<version>/{{resources,api}}", p.display()),
            LoadError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// The versions a docs tree may hold.
pub const VERSIONS: [&str; 2] = ["v1.0", "beta"];

/// Lists the pages of one version, sorted by path (byte order).
pub fn list_pages(root: &Path, version: &str) -> Result<Vec<(PathBuf, PageKind)>, LoadError> {
    let base = root.join("api-reference").join(version);
    if !base.is_dir() {
        return Err(LoadError::MissingVersion(base));
    }
    let mut pages = Vec::new();
    for (dir, kind) in [("resources", PageKind::Resource), ("api", PageKind::Api)] {
        let d = base.join(dir);
        match std::fs::metadata(&d) {
            Ok(m) if m.is_dir() => {}
            // Absent: a tree may hold only resources or only API pages. A
            // dangling link or a file in its place is an error, not absence.
            Err(_) if std::fs::symlink_metadata(&d).is_err() => continue,
            Ok(_) => {
                let e = std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a directory");
                return Err(LoadError::Io(d, e));
            }
            Err(e) => return Err(LoadError::Io(d, e)),
        }
        // Sorted once at the end: walkdir's per-directory sort compares
        // `Path::file_name`s, which costs more than the whole sort below.
        for entry in walkdir::WalkDir::new(&d) {
            let entry = entry.map_err(|e| LoadError::Io(d.clone(), e.into()))?;
            let p = entry.path();
            // A linked page is read through its link, and a dangling one is
            // reported as unreadable rather than skipped without a word.
            if (entry.file_type().is_file() || entry.path_is_symlink())
                && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                pages.push((p.to_path_buf(), kind));
            }
        }
    }
    // By the path's bytes: `Path`'s own order compares component by
    // component, several times slower over ten thousand pages.
    pages.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    Ok(pages)
}

/// Reads every page of `version` under `root` and builds its schema. A page
/// that cannot be read is a diagnostic, not an error: only a missing docs
/// tree is.
pub fn load(root: &Path, version: &str) -> Result<Loaded, LoadError> {
    let pages = list_pages(root, version)?;
    let mut unreadable = Vec::new();
    let inputs: Vec<PageInput> = pages
        .into_par_iter()
        .filter_map(|(path, kind)| {
            let shown = display_path(&path);
            match std::fs::read(&path) {
                Ok(bytes) => Some(Ok(PageInput {
                    path: shown,
                    kind,
                    bytes,
                })),
                Err(e) => Some(Err(Diagnostic::new(
                    &Source::new(shown, 1),
                    Severity::Error,
                    codes::UNREADABLE,
                    format!("cannot read page: {e}"),
                ))),
            }
        })
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|r| r.map_err(|d| unreadable.push(d)).ok())
        .collect();
    // A type's page in another version of the tree may state what this
    // version's page leaves unstated (a base type); `resolve` asks for it
    // only for such types.
    let others: Vec<PathBuf> = VERSIONS
        .iter()
        .filter(|v| **v != version)
        .map(|v| root.join("api-reference").join(v).join("resources"))
        .collect();
    let companion = |file: &str| -> Vec<page::PageItems> {
        let Some(name) = Path::new(file).file_name() else {
            return Vec::new();
        };
        others
            .iter()
            .filter_map(|dir| {
                let path = dir.join(name);
                let bytes = std::fs::read(&path).ok()?;
                // Most of these pages state no base either; only one that
                // might (an annotation key or an inheritance phrase) is parsed.
                let hints = ["baseType", "nherit", "erive", "ubclass", "ubtype", "xtends"];
                let text = String::from_utf8_lossy(&bytes);
                if !hints.iter().any(|h| text.contains(h)) {
                    return None;
                }
                Some(parse_input(&PageInput {
                    path: display_path(&path),
                    kind: PageKind::Resource,
                    bytes,
                }))
            })
            .collect()
    };
    let mut loaded = load_pages_with(version, inputs, Some(&companion));
    loaded.diagnostics.extend(unreadable);
    loaded.diagnostics.sort();
    Ok(loaded)
}

/// `load` for several versions at once, in the order given: one version's
/// serial steps (resolving names, bases and kinds) overlap with another's
/// parallel page parsing. The first error in that order is the one returned.
pub fn load_versions(root: &Path, versions: &[&str]) -> Result<Vec<Loaded>, LoadError> {
    let loaded: Vec<Result<Loaded, LoadError>> =
        versions.par_iter().map(|v| load(root, v)).collect();
    loaded.into_iter().collect()
}

/// Builds a schema from pages already in memory (tests, fuzzing, tools that
/// read docs from elsewhere).
pub fn load_pages(version: &str, pages: Vec<PageInput>) -> Loaded {
    load_pages_with(version, pages, None)
}

/// Reads another version's page of a given file name (`x.md`), parsed.
type Companion<'a> = &'a (dyn Fn(&str) -> Vec<page::PageItems> + Sync);

fn load_pages_with(
    version: &str,
    mut pages: Vec<PageInput>,
    companion: Option<Companion>,
) -> Loaded {
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let parsed = parse_all(&pages);
    let mut loaded = resolve::resolve(version, &pages, parsed, companion);
    loaded.diagnostics.sort();
    loaded.diagnostics.dedup();
    loaded
}

fn parse_input(input: &PageInput) -> page::PageItems {
    parse_input_with(input, None).0
}

/// A page's items, and whether it was read as a translation. `values`
/// (what each enum's properties list as its possible values) lets a
/// translated page's enum members be read back under their English names.
fn parse_input_with(
    input: &PageInput,
    values: Option<&localise::StatedValues>,
) -> (page::PageItems, bool) {
    let (text, invalid_at) = decode(&input.bytes);
    // Lines end in \n for the parser; a CRLF page gives the same schema.
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    // A localised page is read as the English one it translates, line for
    // line; an English page is read as it is.
    let localised = locale::detect(&text).map(|language| match values {
        Some(values) => localise::with_values(&input.path, &text, language, values),
        None => localise::with_locale(&input.path, &text, language),
    });
    let text = match &localised {
        Some(l) => std::borrow::Cow::Borrowed(l.text.as_str()),
        None => text,
    };
    let mut items = page::parse_page(&input.path, &text, input.kind);
    let was_localised = localised.is_some();
    if let Some(l) = localised {
        items.diagnostics.extend(l.diagnostics);
    }
    if let Some(line) = invalid_at {
        items.diagnostics.push(Diagnostic::new(
            &Source::new(input.path.clone(), line),
            Severity::Warning,
            codes::INVALID_UTF8,
            "page is not valid UTF-8; invalid bytes were read as U+FFFD",
        ));
    }
    (items, was_localised)
}

/// Parses every page; translated pages that define enums are read again
/// with the values the whole version's properties list for each enum.
fn parse_all(pages: &[PageInput]) -> Vec<page::PageItems> {
    let parsed: Vec<(page::PageItems, bool)> = pages
        .par_iter()
        .map(|p| parse_input_with(p, None))
        .collect();
    if !parsed.iter().any(|(_, localised)| *localised) {
        return parsed.into_iter().map(|(items, _)| items).collect();
    }
    let values = stated_values(parsed.iter().map(|(items, _)| items));
    pages
        .par_iter()
        .zip(parsed)
        .map(|(page, (items, localised))| {
            if localised && !items.enums.is_empty() {
                parse_input_with(page, Some(&values)).0
            } else {
                items
            }
        })
        .collect()
}

/// The longest "possible values" list stated for each enum (by the
/// lower-case name of the properties' type), first page first.
fn stated_values<'a>(pages: impl Iterator<Item = &'a page::PageItems>) -> localise::StatedValues {
    let mut values = localise::StatedValues::new();
    for items in pages {
        let request_bodies = items.operations.iter().flat_map(|o| &o.request_body);
        for property in items
            .types
            .iter()
            .flat_map(|t| &t.properties)
            .chain(request_bodies)
        {
            let types::TypeName::Named(name) = &property.cell_type.name else {
                continue;
            };
            let list = &property.facts.possible_values;
            if list.is_empty() {
                continue;
            }
            let key = name.rsplit('.').next().unwrap_or(name).to_lowercase();
            let entry = values.entry(key).or_default();
            if list.len() > entry.len() {
                *entry = list.clone();
            }
        }
    }
    values
}

/// UTF-8 text of a page (borrowed when it is valid), and the line of the
/// first invalid byte if any.
fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<u32>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), None),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1;
            (String::from_utf8_lossy(bytes), Some(line))
        }
    }
}

/// Paths in messages use `/` whatever the platform, so output is the same everywhere.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
