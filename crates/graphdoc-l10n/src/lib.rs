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

use graphdoc_docs::display_path;
use rayon::prelude::*;
use std::collections::BTreeMap;
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
    /// A file or folder that cannot be read.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotADocsTree(p) => write!(
                f,
                "no docs at {}: expected a folder holding api-reference/",
                p.display()
            ),
            Error::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for Error {}

/// The findings of one run, sorted by file and line.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by file and line.
    pub findings: Vec<Finding>,
    /// Pages found in both trees.
    pub aligned: usize,
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

    /// One finding a line (its English line under it), then a line with the counts by kind.
    pub fn render_human(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            out.push_str(&f.to_string());
            out.push('\n');
        }
        out.push_str(&format!(
            "l10n: {} pages aligned, {} findings",
            self.aligned,
            self.findings.len()
        ));
        for (kind, n) in self.counts() {
            out.push_str(&format!("; {} {n}", kind.name()));
        }
        out.push('\n');
        out
    }

    /// One JSON object per line, in the common finding format (the kind
    /// is the `key`, the English line the note).
    pub fn render_json(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            out.push_str(&serde_json::to_string(&f.to_common()).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// GitHub Actions workflow commands, one per finding.
    pub fn render_github(&self) -> String {
        let escape = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let mut out = String::new();
        for f in &self.findings {
            let mut message = format!("{} [{}]", f.message, f.code);
            if let Some(note) = &f.note {
                message.push_str(&format!(
                    "\nEnglish {}:{}: {}",
                    note.file, note.line, note.text
                ));
            }
            out.push_str(&format!(
                "::warning file={},line={},title={}::{}\n",
                escape(&f.file).replace(',', "%2C").replace(':', "%3A"),
                f.line,
                f.kind.name(),
                escape(&message)
            ));
        }
        out
    }
}

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
                    default_severity: graphdoc_schema::Severity::Warning,
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

/// Every `api-reference/**.md` under `root`, as paths relative to it (`/`).
fn pages(root: &Path) -> Result<Vec<String>, Error> {
    let base = root.join("api-reference");
    if !base.is_dir() {
        return Err(Error::NotADocsTree(root.to_path_buf()));
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&base) {
        let entry = entry.map_err(|e| Error::Io(base.clone(), e.into()))?;
        let path = entry.path();
        if entry.file_type().is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(display_path(rel));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn read(root: &Path, rel: &str) -> Result<String, Error> {
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?;
    Ok(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
}

/// Compares the localised tree at `localised` with the English one at `english`.
pub fn run(english: &Path, localised: &Path, history: History) -> Result<Report, Error> {
    let loc_pages = pages(localised)?;
    // A version the translation does not have at all is not drift page by
    // page (the localised trees are v1.0 only).
    let versions: std::collections::BTreeSet<&str> = loc_pages
        .iter()
        .filter_map(|p| p.split('/').nth(1))
        .collect();
    let en_pages: Vec<String> = pages(english)?
        .into_iter()
        .filter(|p| p.split('/').nth(1).is_some_and(|v| versions.contains(v)))
        .collect();
    let dates = match history {
        History::Auto => history::last_changes(english),
        History::Off => None,
    };
    let shown = |root: &Path, rel: &str| display_path(&root.join(rel));
    let mut findings: Vec<Finding> = Vec::new();
    let en_set: std::collections::BTreeSet<&String> = en_pages.iter().collect();
    let loc_set: std::collections::BTreeSet<&String> = loc_pages.iter().collect();
    for rel in en_pages.iter().filter(|p| !loc_set.contains(p)) {
        let file = shown(english, rel);
        findings.push(
            Finding::new(
                Kind::PageMissing,
                &shown(localised, rel),
                1,
                "the English page is not translated",
            )
            .english(&file, 1, ""),
        );
    }
    for rel in loc_pages.iter().filter(|p| !en_set.contains(p)) {
        findings.push(Finding::new(
            Kind::PageExtra,
            &shown(localised, rel),
            1,
            "no English page has this path",
        ));
    }
    let both: Vec<&String> = loc_pages.iter().filter(|p| en_set.contains(p)).collect();
    let per_page: Vec<Result<Vec<Finding>, Error>> = both
        .par_iter()
        .map(|rel| {
            let en_text = read(english, rel)?;
            let loc_text = read(localised, rel)?;
            let changed = dates
                .as_ref()
                .and_then(|d| d.get(rel.as_str()))
                .map(String::as_str);
            Ok(compare_texts(
                &shown(english, rel),
                &en_text,
                &shown(localised, rel),
                &loc_text,
                changed,
            ))
        })
        .collect();
    for page in per_page {
        findings.extend(page?);
    }
    findings.sort();
    findings.dedup();
    Ok(Report {
        findings,
        aligned: both.len(),
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
