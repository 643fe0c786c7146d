//! Translation drift: a localised docs tree (`docs.de-DE`, `docs.pt-BR`…)
//! against the English tree it was translated from. Pages are aligned by
//! path; within a page, headings by the English slug every localised
//! heading carries as its anchor, tables by section and rows by their first
//! cell, code blocks by section. Each finding is at the localised
//! `file:line`, with the English line it departs from as a note.
//!
//! What counts as drift: identifiers translated (property and member names
//! in the first column, JSON keys in examples, parameters in request
//! paths), rows, sections, examples and pages missing or extra, type cells
//! translated or changed, examples that differ beyond string values, code
//! translated, and pages whose English changed after the translation's
//! `ms.lasthandoff` (by the English git history when there is one, else by
//! content).

mod align;
mod compare;
pub mod finding;
mod history;
pub mod scan;

pub use finding::{Finding, Kind, Note};

use graphdoc_docs::Limits;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Whether the English tree's git history decides staleness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// Use it when the English tree is in a git checkout, else judge by content.
    Auto,
    /// Judge by content only (reproducible whatever the commit dates).
    Off,
}

/// Why the trees could not be compared (exit status 2).
#[derive(Debug)]
pub enum Error {
    /// A root has no `api-reference` folder.
    NotADocsTree(PathBuf),
    /// The English tree (`--docs`, else the one found from the current
    /// directory) or the localised one (`--localized`) is not a docs tree:
    /// the message every command gives, and which flag it is about.
    Tree(&'static str, graphdoc_docs::locate::TreeError),
    /// Both trees are the same folder (run inside the translation without
    /// `--docs`): comparing it with itself would find nothing.
    SameTree(PathBuf),
    /// The tree could not be listed or read within the limits.
    Load(graphdoc_docs::LoadError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotADocsTree(p) => write!(
                f,
                "no docs at {}: expected a folder holding api-reference/",
                p.display()
            ),
            Error::Tree(flag, e) => write!(f, "{flag}{e}"),
            Error::SameTree(p) => write!(
                f,
                "the English tree found from the current directory is --localized {} itself; pass the English tree with --docs DIR",
                graphdoc_docs::display_path(p)
            ),
            Error::Load(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// The English tree: `given` (`--docs`), else the folder holding
/// `api-reference/` found from `here`, which must not be the localised tree
/// itself (run inside the translation's checkout, the search finds it).
pub fn english_tree(
    given: Option<&Path>,
    here: &Path,
    localised: &Path,
) -> Result<PathBuf, String> {
    if let Some(given) = given {
        return Ok(given.to_path_buf());
    }
    let found = graphdoc_docs::locate::locate(here).map_err(|e| e.to_string())?;
    let same = match (found.canonicalize(), localised.canonicalize()) {
        (Ok(found), Ok(localised)) => found == localised,
        _ => false,
    };
    if same {
        return Err(Error::SameTree(localised.to_path_buf()).to_string());
    }
    Ok(found)
}

/// The findings of one run, sorted by file and line.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by file and line.
    pub findings: Vec<Finding>,
    /// Pages of either tree that were not read (a link out of the tree or
    /// a loop, a page over a limit, unreadable) and pages not in UTF-8:
    /// what every command reports about a docs tree (GD09xx, GD0014, GD0015).
    pub not_read: Vec<graphdoc_schema::Finding>,
    /// Pages found in both trees.
    pub aligned: usize,
    /// The localised tree's pages as read (text with `\n` line ends), by
    /// path relative to its root: the lines shown under its findings.
    pub localised: BTreeMap<String, String>,
}

impl Report {
    /// How many findings of each kind.
    pub fn counts(&self) -> BTreeMap<Kind, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.findings {
            *counts.entry(f.kind).or_insert(0) += 1;
        }
        counts
    }

    /// The text of the localised page `finding` is on, for the line shown
    /// under it; `None` for a finding about the English tree (a page it
    /// could not read), whose page of that path is another text.
    pub fn source(&self, finding: &graphdoc_schema::Finding) -> Option<&str> {
        if finding.notes.iter().any(|n| n == IN_ENGLISH_TREE) {
            return None;
        }
        self.localised.get(&finding.file).map(String::as_str)
    }

    /// Whether the run fails (exit status 1): a finding (a page not read,
    /// translation drift) at or above `deny` (errors when `None`), as for
    /// every command. Notes (defects of the English page the translation
    /// carried over) never fail it.
    pub fn fails(&self, deny: Option<graphdoc_schema::Severity>) -> bool {
        let not_read = self.not_read.iter().map(|f| f.severity);
        let drift = self.findings.iter().map(|f| f.severity);
        graphdoc_schema::Severity::fails(deny, not_read.chain(drift))
    }

    /// `l10n: 3 pages aligned, 2 findings; row-missing 2`: the counts, by
    /// kind; how many of the findings are notes (the English page's own
    /// defects, carried over), when any are.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut out = format!(
            "l10n: {} aligned, {}",
            plural(self.aligned, "page"),
            plural(self.findings.len(), "finding")
        );
        let notes = self
            .findings
            .iter()
            .filter(|f| f.severity == graphdoc_schema::Severity::Note)
            .count();
        if notes > 0 {
            out.push_str(&if notes == 1 {
                " (1 of them a note: a defect the English page has too)".to_string()
            } else {
                format!(" ({notes} of them notes: defects the English pages have too)")
            });
        }
        if !self.not_read.is_empty() {
            out.push_str(&format!(
                "; {} not read or not in UTF-8",
                plural(self.not_read.len(), "page")
            ));
        }
        for (kind, n) in self.counts() {
            out.push_str(&format!("; {} {n}", kind.name()));
        }
        out
    }

    /// Every finding in the common format: the pages not read first, then
    /// the translation drift by file and line.
    pub fn to_findings(&self) -> Vec<graphdoc_schema::Finding> {
        let drift = self.findings.iter().map(Finding::to_common);
        self.not_read.iter().cloned().chain(drift).collect()
    }
}

/// The note on what the English tree could not read (its findings name
/// pages relative to the English root).
const IN_ENGLISH_TREE: &str = "in the English tree";

/// The registry entries of the translation-drift codes (GT0001…).
pub static CODES: std::sync::LazyLock<Vec<graphdoc_schema::Code>> =
    std::sync::LazyLock::new(|| {
        Kind::ALL
            .iter()
            .map(|kind| {
                let explain = kind.explanation();
                graphdoc_schema::Code {
                    code: kind.code(),
                    name: kind.name(),
                    summary: explain.split_once(". ").map_or(explain, |(first, _)| first),
                    default_severity: kind.default_severity(),
                    enabled: true,
                    explain,
                    aliases: &[],
                }
            })
            .collect()
    });

/// The explanation of a finding code (`GT007`) or kind name.
pub fn explain(code: &str) -> Option<&'static str> {
    Kind::from_code(code).map(Kind::explanation)
}

/// The pages of one tree, read through `graphdoc_docs::tree` as every
/// command reads a docs tree: inside the root only and within the limits.
struct TreePages {
    /// Text (`\n` line ends) by path relative to the root.
    texts: BTreeMap<String, String>,
    /// Links out of the tree, loops, pages over a limit or unreadable.
    not_read: Vec<graphdoc_schema::Finding>,
    /// The paths of pages the tree has but that were not read: they are
    /// neither missing nor extra in the other tree.
    skipped: BTreeSet<String>,
}

fn read_tree(root: &Path, limits: &Limits) -> Result<TreePages, Error> {
    let versions: Vec<&str> = graphdoc_docs::VERSIONS
        .into_iter()
        .filter(|v| graphdoc_docs::has_version(root, v))
        .collect();
    if versions.is_empty() {
        return Err(Error::NotADocsTree(root.to_path_buf()));
    }
    let mut tree = TreePages {
        texts: BTreeMap::new(),
        not_read: Vec::new(),
        skipped: BTreeSet::new(),
    };
    for version in versions {
        let read = graphdoc_docs::read_version(root, version, limits).map_err(Error::Load)?;
        tree.texts
            .par_extend(read.pages.into_par_iter().map(|page| {
                let text = String::from_utf8_lossy(&page.bytes).replace("\r\n", "\n");
                (page.path, text)
            }));
        for d in read.diagnostics {
            if !tree.texts.contains_key(&d.file) {
                tree.skipped.insert(d.file.clone());
            }
            tree.not_read.push(d);
        }
    }
    Ok(tree)
}

/// Compares the localised tree at `localised` with the English one at
/// `english`, within the default limits.
pub fn run(english: &Path, localised: &Path, history: History) -> Result<Report, Error> {
    run_within(&Limits::default(), english, localised, history)
}

/// `run`, reading both trees within `limits`. Paths in findings are
/// relative to their tree's root; what the English tree could not read
/// says so in a note.
pub fn run_within(
    limits: &Limits,
    english: &Path,
    localised: &Path,
    history: History,
) -> Result<Report, Error> {
    use graphdoc_docs::locate::check_root;
    check_root(english).map_err(|e| Error::Tree("", e))?;
    check_root(localised).map_err(|e| Error::Tree("--localized: ", e))?;
    let loc = read_tree(localised, limits)?;
    // A version the translation does not have at all is not drift page by
    // page (the localised trees are v1.0 only).
    let versions: BTreeSet<&str> = loc
        .texts
        .keys()
        .chain(&loc.skipped)
        .filter_map(|p| p.split('/').nth(1))
        .collect();
    let en = read_tree(english, limits)?;
    let in_versions = |p: &&String| p.split('/').nth(1).is_some_and(|v| versions.contains(v));
    let dates = match history {
        History::Auto => history::last_changes(english),
        History::Off => None,
    };
    let mut not_read = loc.not_read;
    not_read.extend(
        en.not_read
            .into_iter()
            .filter(|d| {
                d.file
                    .split('/')
                    .nth(1)
                    .is_some_and(|v| versions.contains(v))
            })
            .map(|d| d.note(IN_ENGLISH_TREE)),
    );
    not_read.sort();
    not_read.dedup();
    let skipped = |p: &String| loc.skipped.contains(p) || en.skipped.contains(p);
    let mut findings: Vec<Finding> = Vec::new();
    for rel in en.texts.keys().filter(in_versions) {
        if !loc.texts.contains_key(rel) && !skipped(rel) {
            findings.push(
                Finding::new(
                    Kind::PageMissing,
                    rel,
                    1,
                    "the English page is not translated",
                )
                .english(rel, 1, ""),
            );
        }
    }
    for rel in loc.texts.keys() {
        if !en.texts.contains_key(rel) && !skipped(rel) {
            findings.push(Finding::new(
                Kind::PageExtra,
                rel,
                1,
                "no English page has this path",
            ));
        }
    }
    let both: Vec<(&String, &String, &String)> = loc
        .texts
        .iter()
        .filter_map(|(rel, text)| Some((rel, en.texts.get(rel)?, text)))
        .collect();
    let per_page: Vec<Vec<Finding>> = both
        .par_iter()
        .map(|(rel, en_text, loc_text)| {
            let changed = dates
                .as_ref()
                .and_then(|d| d.get(rel.as_str()))
                .map(String::as_str);
            compare_texts(rel, en_text, rel, loc_text, changed)
        })
        .collect();
    findings.extend(per_page.into_iter().flatten());
    findings.sort();
    findings.dedup();
    let aligned = both.len();
    Ok(Report {
        findings,
        not_read,
        aligned,
        localised: loc.texts,
    })
}

/// One page pair. `english_changed` is the English page's last change
/// (`YYYY-MM-DD`) when its history is known.
pub fn compare_texts(
    english_file: &str,
    english_text: &str,
    file: &str,
    text: &str,
    english_changed: Option<&str>,
) -> Vec<Finding> {
    let localised = graphdoc_docs::localise::to_english(file, text);
    let locale = localised.as_ref().map(|l| l.locale);
    let english_view = localised.as_ref().map_or(text, |l| l.text.as_str());
    let english = scan::scan(english_text, english_text);
    let page = scan::scan(text, english_view);
    let pages = compare::Pages {
        english_file,
        english: &english,
        file,
        localised: &page,
        locale,
    };
    let mut findings = compare::compare(&pages);
    if let Some(stale) = history::stale(&pages, text, english_changed, &findings) {
        findings.push(stale);
    }
    findings.sort();
    findings
}
