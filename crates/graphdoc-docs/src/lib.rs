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
mod bounds;
pub mod cells;
pub mod export;
pub mod facts;
mod file;
pub mod gate;
pub mod locale;
pub mod localise;
pub mod locate;
pub mod markdown;
pub mod page;
mod resolve;
pub mod tolerant;
pub mod tree;
pub mod types;

use graphdoc_schema::{Diagnostic, Schema, Severity, Source};
use markdown::Block;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use file::write_file_atomically;
/// What the front-end reads an operation's response shape from besides its
/// examples and sentence (for tools that count what it decided).
pub mod response_shape {
    pub use crate::resolve::shape::{keyed_get, lists};
}
pub use page::{codes, PageKind};
pub use tree::{has_version, read_version, Limits, Tree};

/// A schema with what was said while reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// What the pages say, resolved.
    pub schema: Schema,
    /// Sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
}

/// A page as read from disk: its path (as it should appear in messages)
/// and its bytes.
#[derive(Debug, Clone)]
pub struct PageInput {
    /// Relative to the docs root, `/`-separated: the path messages show.
    pub path: String,
    /// Resource or API page, from the folder it is in.
    pub kind: PageKind,
    /// The file's bytes, not yet checked for UTF-8 (bad bytes are a finding, not an error).
    pub bytes: Vec<u8>,
}

/// Why a version could not be loaded at all (a page that cannot be read is a finding instead).
#[derive(Debug)]
pub enum LoadError {
    /// `<root>/api-reference/<version>` does not exist or is not a directory.
    MissingVersion(PathBuf),
    /// Reading the directory failed.
    Io(PathBuf, std::io::Error),
    /// Not a docs tree, or a version the tree does not hold.
    Tree(locate::TreeError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::MissingVersion(p) => write!(f, "{}", missing_version(p)),
            LoadError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            LoadError::Tree(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why `<root>/api-reference/<version>` is not there, in the words of
/// [`locate`], which every command uses.
fn missing_version(base: &Path) -> locate::TreeError {
    let root = base
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let version = base
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match locate::check_root(&root) {
        Err(e) => e,
        Ok(()) if version == "all" => locate::TreeError::AllForOne {
            present: locate::present_versions(&root),
        },
        Ok(()) => locate::TreeError::UnknownVersion {
            version,
            present: locate::present_versions(&root),
            docs: root,
        },
    }
}

/// The versions a docs tree may hold.
pub const VERSIONS: [&str; 2] = ["v1.0", "beta"];

/// Frees `value` on another thread of rayon's pool: a loaded tree, a schema
/// or a plan of the whole docs is hundreds of thousands of small
/// allocations, which the caller need not wait for.
pub fn free_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// Lists the pages of one version, sorted by path (byte order): their
/// paths relative to the root, links inside the tree included; links that
/// leave the tree or loop are left out (`read_version` reports them).
pub fn list_pages(root: &Path, version: &str) -> Result<Vec<(PathBuf, PageKind)>, LoadError> {
    Ok(tree::walk(root, version)?
        .pages
        .into_iter()
        .map(|p| (p.path, p.kind))
        .collect())
}

/// Reads every page of `version` under `root` and builds its schema. A page
/// that cannot be read is a diagnostic, not an error: only a missing docs
/// tree is.
pub fn load(root: &Path, version: &str) -> Result<Loaded, LoadError> {
    load_within(&Limits::default(), root, version)
}

/// `load` within `limits`.
pub fn load_within(limits: &Limits, root: &Path, version: &str) -> Result<Loaded, LoadError> {
    Ok(load_tree(limits, root, version)?.0)
}

/// `load_within`, also giving the tree as read: its pages (sorted by path),
/// so that a tool that reads them too does not walk the tree again, and
/// what walking and reading it reported (also in the schema's diagnostics).
pub fn load_tree(limits: &Limits, root: &Path, version: &str) -> Result<(Loaded, Tree), LoadError> {
    let tree = read_sorted(root, version, limits)?;
    // Each page is decoded and split when it is parsed, and dropped after.
    let loaded = load_read(limits, root, version, &tree, None);
    Ok((loaded, tree))
}

/// [`read_version`], its pages sorted by path and its diagnostics sorted:
/// the tree as [`load_split`] takes it.
pub fn read_sorted(root: &Path, version: &str, limits: &Limits) -> Result<Tree, LoadError> {
    let mut tree = read_version(root, version, limits)?;
    tree.pages.sort_by(|a, b| a.path.cmp(&b.path));
    tree.diagnostics.sort();
    Ok(tree)
}

/// A page's text as every reader of a tree takes it, and its [`page::Body`]
/// (the text its blocks are read from), so that a tool that reads the
/// pages' blocks too (the linter) splits each page once, for itself and
/// the front-end.
#[derive(Debug, Clone)]
pub struct PageText {
    /// UTF-8 (an invalid byte read as U+FFFD), lines ending in `\n` (a CRLF
    /// or CR page reads as its LF copy, line for line).
    pub text: String,
    /// The text without its front matter.
    pub body: page::Body,
    /// The line of the first byte that is not UTF-8.
    invalid_at: Option<u32>,
    /// A translation: the front-end reads its English reading instead.
    translated: bool,
}

impl PageText {
    /// The text of a page as read from the tree.
    pub fn of(page: &PageInput) -> PageText {
        let (text, invalid_at) = page_text(&page.bytes);
        let translated = locale::detect(&text).is_some();
        let body = page::Body::of(&text);
        PageText {
            text: text.into_owned(),
            body,
            invalid_at,
            translated,
        }
    }

    /// The body's blocks.
    pub fn blocks(&self) -> Vec<Block<'_>> {
        self.body.blocks()
    }
}

/// [`load_tree`] of a tree already read ([`read_sorted`]) and split:
/// `texts[i]` is the text of `tree.pages[i]` and `blocks[i]` its blocks
/// ([`PageText::blocks`]; a translated page's are not read).
pub fn load_split(
    limits: &Limits,
    root: &Path,
    version: &str,
    tree: &Tree,
    texts: &[PageText],
    blocks: &[Vec<Block<'_>>],
) -> Loaded {
    assert!(
        texts.len() == tree.pages.len() && blocks.len() == tree.pages.len(),
        "one text and one list of blocks per page"
    );
    load_read(limits, root, version, tree, Some(Split { texts, blocks }))
}

/// [`load_tree`] of a tree already read, from the caller's blocks if `split`.
fn load_read(
    limits: &Limits,
    root: &Path,
    version: &str,
    tree: &Tree,
    split: Option<Split>,
) -> Loaded {
    // A type's page in another version of the tree may state what this
    // version's page leaves unstated (a base type); `resolve` asks for it
    // only for such types.
    let others: Vec<PathBuf> = VERSIONS
        .iter()
        .filter(|v| **v != version)
        .map(|v| Path::new("api-reference").join(v).join("resources"))
        .collect();
    let companion = |file: &str| -> Vec<page::PageItems> {
        let Some(name) = Path::new(file).file_name() else {
            return Vec::new();
        };
        others
            .iter()
            .filter_map(|dir| {
                let input = tree::read_companion(root, &dir.join(name), limits)?;
                // Most of these pages state no base either; only one that
                // might (an annotation key or an inheritance phrase) is parsed.
                let hints = ["baseType", "nherit", "erive", "ubclass", "ubtype", "xtends"];
                let text = String::from_utf8_lossy(&input.bytes);
                if !hints.iter().any(|h| text.contains(h)) {
                    return None;
                }
                Some(parse_input(&input))
            })
            .collect()
    };
    let mut loaded = load_sorted(version, &tree.pages, Some(&companion), split);
    loaded.diagnostics.extend(tree.diagnostics.iter().cloned());
    loaded.diagnostics.sort();
    loaded.diagnostics.dedup();
    loaded
}

/// Pages split by the caller: `texts[i]` and `blocks[i]` are page `i`'s.
#[derive(Clone, Copy)]
struct Split<'t, 'b> {
    texts: &'t [PageText],
    blocks: &'t [Vec<Block<'b>>],
}

/// `load` for several versions at once, in the order given: one version's
/// serial steps (resolving names, bases and kinds) overlap with another's
/// parallel page parsing. The first error in that order is the one returned.
pub fn load_versions(root: &Path, versions: &[&str]) -> Result<Vec<Loaded>, LoadError> {
    load_versions_within(&Limits::default(), root, versions)
}

/// `load_versions` within `limits`.
pub fn load_versions_within(
    limits: &Limits,
    root: &Path,
    versions: &[&str],
) -> Result<Vec<Loaded>, LoadError> {
    let loaded: Vec<Result<Loaded, LoadError>> = versions
        .par_iter()
        .map(|v| load_within(limits, root, v))
        .collect();
    loaded.into_iter().collect()
}

/// Builds a schema from pages already in memory (tests, fuzzing, tools that
/// read docs from elsewhere).
pub fn load_pages(version: &str, pages: Vec<PageInput>) -> Loaded {
    load_pages_with(version, pages, None)
}

/// `load_pages` for pages from an untrusted source: a page over one of
/// `limits` is a diagnostic and is not read.
pub fn load_pages_within(limits: &Limits, version: &str, pages: Vec<PageInput>) -> Loaded {
    let mut over = Vec::new();
    let pages = pages
        .into_iter()
        .filter(|p| match tree::check_page(&p.path, &p.bytes, limits) {
            Ok(()) => true,
            Err(d) => {
                over.push(*d);
                false
            }
        })
        .collect();
    let mut loaded = load_pages_with(version, pages, None);
    loaded.diagnostics.extend(over);
    loaded.diagnostics.sort();
    loaded
}

/// Reads another version's page of a given file name (`x.md`), parsed.
type Companion<'a> = &'a (dyn Fn(&str) -> Vec<page::PageItems> + Sync);

fn load_pages_with(
    version: &str,
    mut pages: Vec<PageInput>,
    companion: Option<Companion>,
) -> Loaded {
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    load_sorted(version, &pages, companion, None)
}

fn load_sorted(
    version: &str,
    pages: &[PageInput],
    companion: Option<Companion>,
    split: Option<Split>,
) -> Loaded {
    let parsed = parse_all(pages, split);
    let mut loaded = resolve::resolve(version, pages, parsed, companion);
    loaded.diagnostics.sort();
    loaded.diagnostics.dedup();
    loaded
}

fn parse_input(input: &PageInput) -> page::PageItems {
    parse_input_with(input, None).items
}

/// A page's items, how it was read, and what its Methods table says the
/// API pages it links return (translated pages).
#[derive(Default)]
struct Parsed {
    items: page::PageItems,
    reading: Reading,
    method_returns: localise::MethodReturns,
    open_rows: localise::OpenRows,
}

/// How a page was read: as English, or as a translation (what the other
/// pages say may name more of it: [`Parsed::open_rows`]).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Reading {
    #[default]
    English,
    Translated,
}

/// A page's items, and how it was read. `evidence` (what each enum's
/// properties list as its possible values, what API paths end in) lets a
/// translated page's names be read back in English.
fn parse_input_with(input: &PageInput, evidence: Option<&localise::Evidence>) -> Parsed {
    // Without `only_if_named` every page is read.
    read_input(input, evidence, false).unwrap_or_default()
}

/// [`parse_input_with`]; with `only_if_named`, `None` for a page the
/// evidence names nothing on (the first reading stands: it is not parsed
/// again).
fn read_input(
    input: &PageInput,
    evidence: Option<&localise::Evidence>,
    only_if_named: bool,
) -> Option<Parsed> {
    let (text, invalid_at) = page_text(&input.bytes);
    // A localised page is read as the English one it translates, line for
    // line; an English page is read as it is.
    let localised = locale::detect(&text).map(|language| match evidence {
        Some(evidence) => localise::with_evidence(&input.path, &text, language, evidence),
        None => localise::with_locale(&input.path, &text, language),
    });
    if only_if_named && !localised.as_ref().is_some_and(|l| l.used_evidence) {
        return None;
    }
    let text = match &localised {
        Some(l) => std::borrow::Cow::Borrowed(l.text.as_str()),
        None => text,
    };
    let mut items = page::parse_page(&input.path, &text, input.kind);
    let reading = match &localised {
        Some(_) => Reading::Translated,
        None => Reading::English,
    };
    let mut method_returns = localise::MethodReturns::default();
    let mut open_rows = localise::OpenRows::default();
    if let Some(l) = localised {
        items.diagnostics.extend(l.diagnostics);
        method_returns = l.method_returns;
        open_rows = l.open_rows;
    }
    if let Some(line) = invalid_at {
        items.diagnostics.push(invalid_utf8_at(&input.path, line));
    }
    Some(Parsed {
        items,
        reading,
        method_returns,
        open_rows,
    })
}

/// The text of a page's bytes ([`PageText::text`]) and the line of the
/// first byte that is not UTF-8.
fn page_text(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<u32>) {
    let (text, invalid_at) = decode(bytes);
    // Lines end in \n for the parser; a CRLF page gives the same schema.
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    (text, invalid_at)
}

/// Parses every page (an English page of `split` from its blocks there);
/// translated pages that define enums, or whose rows the paths of linked
/// API pages may name, are read again with what the whole version says
/// ([`localise::Evidence`]).
fn parse_all(pages: &[PageInput], split: Option<Split>) -> Vec<page::PageItems> {
    let parsed: Vec<Parsed> = pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| match split {
            Some(Split { texts, blocks }) if !texts[i].translated => {
                let mut items = page::parse_blocks(&p.path, &texts[i].body, &blocks[i], p.kind);
                if let Some(line) = texts[i].invalid_at {
                    items.diagnostics.push(invalid_utf8_at(&p.path, line));
                }
                Parsed {
                    items,
                    ..Parsed::default()
                }
            }
            _ => parse_input_with(p, None),
        })
        .collect();
    if parsed.iter().all(|p| p.reading == Reading::English) {
        return parsed.into_iter().map(|p| p.items).collect();
    }
    let values = stated_values(&parsed.iter().map(|p| &p.items).collect::<Vec<_>>());
    let mut evidence = localise::Evidence::new(values);
    for p in &parsed {
        evidence.add_method_returns(&p.method_returns);
    }
    for operation in parsed.iter().flat_map(|p| &p.items.operations) {
        if operation.op.method == "GET" {
            let returns = operation
                .response_type
                .as_ref()
                .or(operation.annotated_response_type.as_ref());
            evidence.add_api_paths(&operation.op.source.file, &operation.op.paths, returns);
        }
    }
    pages
        .par_iter()
        .zip(parsed)
        .map(|(page, p)| {
            if p.reading == Reading::English {
                p.items
            } else if evidence.may_name(&p.open_rows) {
                parse_input_with(page, Some(&evidence)).items
            } else if !p.items.enums.is_empty() {
                read_input(page, Some(&evidence), true).map_or(p.items, |again| again.items)
            } else {
                p.items
            }
        })
        .collect()
}

/// The longest "possible values" list stated for each enum (by the
/// lower-case name of the properties' type), first page first. A property
/// whose type cell names a type the version does not define (a translated
/// name: `Wichtigkeit`) states its values for the enum named as the
/// property is (`importance`), and a property typed as a string states
/// them for the enum named by its type and its name together
/// (`educationSubmission.status`: `educationSubmissionStatus`, Graph's
/// naming of an enum made for one property), when no property typed with
/// that enum states any.
fn stated_values(pages: &[&page::PageItems]) -> localise::StatedValues {
    let enums: std::collections::BTreeSet<String> = pages
        .iter()
        .flat_map(|items| &items.enums)
        .map(|e| e.name.to_lowercase())
        .collect();
    let defined: std::collections::BTreeSet<String> = pages
        .iter()
        .flat_map(|items| &items.types)
        .map(|t| t.name.to_lowercase())
        .collect();
    let mut values = localise::StatedValues::new();
    let mut by_property_name = localise::StatedValues::new();
    for items in pages {
        let request_bodies = items
            .operations
            .iter()
            .flat_map(|o| &o.request_body)
            .map(|p| (None, p));
        for (owner, property) in items
            .types
            .iter()
            .flat_map(|t| t.properties.iter().map(move |p| (Some(&t.name), p)))
            .chain(request_bodies)
        {
            let list = &property.facts.possible_values;
            if list.is_empty() {
                continue;
            }
            let types::TypeName::Named(name) = &property.cell_type.name else {
                if let Some(owner) = owner.filter(|_| {
                    matches!(
                        property.cell_type.name,
                        types::TypeName::Primitive("Edm.String")
                    )
                }) {
                    let key = format!("{owner}{}", property.name).to_lowercase();
                    if enums.contains(&key) {
                        let entry = by_property_name.entry(key).or_default();
                        if list.len() > entry.len() {
                            *entry = list.clone();
                        }
                    }
                }
                continue;
            };
            let typed = name.rsplit('.').next().unwrap_or(name).to_lowercase();
            let entry = if enums.contains(&typed) {
                values.entry(typed).or_default()
            } else {
                let key = property.name.to_lowercase();
                if defined.contains(&typed) || !enums.contains(&key) {
                    continue;
                }
                by_property_name.entry(key).or_default()
            };
            if list.len() > entry.len() {
                *entry = list.clone();
            }
        }
    }
    for (name, list) in by_property_name {
        values.entry(name).or_insert(list);
    }
    values
}

fn invalid_utf8_at(path: &str, line: u32) -> Diagnostic {
    Diagnostic::new(
        &Source::new(path, line),
        Severity::Warning,
        codes::INVALID_UTF8,
        "page is not valid UTF-8; invalid bytes were read as U+FFFD",
    )
}

/// The GD0014 warning of a page that is not valid UTF-8: the tree reports
/// it too, so that every command (not only those that parse the page) says
/// why its text shows U+FFFD.
pub(crate) fn check_utf8(path: &str, bytes: &[u8]) -> Option<Diagnostic> {
    decode_line(bytes).map(|line| invalid_utf8_at(path, line))
}

/// The line of the first byte that is not UTF-8, if any.
fn decode_line(bytes: &[u8]) -> Option<u32> {
    let e = std::str::from_utf8(bytes).err()?;
    Some(
        bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
            + 1,
    )
}

/// UTF-8 text of a page (borrowed when it is valid), and the line of the
/// first invalid byte if any.
fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<u32>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), None),
        Err(_) => (String::from_utf8_lossy(bytes), decode_line(bytes)),
    }
}

/// Paths in messages use `/` whatever the platform, so output is the same everywhere.
pub fn display_path(p: &Path) -> String {
    let shown = p.to_string_lossy().replace('\\', "/");
    // A tree found from the current directory is `.`: its pages read as
    // `api-reference/…`, as ripgrep shows what it finds there.
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => shown,
    }
}
