//! Pull-request mode for every command that reports findings: `--since DIR`
//! (the base tree: only what the change introduced is reported),
//! `--baseline FILE` (findings accepted earlier) and `--write-baseline
//! FILE`. What is new is decided by [`graphdoc_schema::baseline`] on finding identities
//! (code, file relative to the docs root, item, message key; never a line).

use graphdoc_schema::baseline;
use graphdoc_schema::{Finding, Severity};
use std::path::{Path, PathBuf};

/// The pull-request mode options of one command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrMode {
    /// The base tree; its findings are accepted.
    pub since: Option<PathBuf>,
    /// A baseline file; its findings are accepted.
    pub baseline: Option<PathBuf>,
    /// Write the findings of this run, all of them, as a baseline.
    pub write_baseline: Option<PathBuf>,
    /// The lowest severity of a finding (a new one, in pull-request mode)
    /// that fails the run (exit 1); errors when `None`.
    pub deny: Option<Severity>,
}

impl PrMode {
    /// Whether only new findings are reported.
    pub fn filters(&self) -> bool {
        self.since.is_some() || self.baseline.is_some()
    }

    /// What is accepted: the baseline file's findings, and those `base`
    /// finds in the `--since` tree (with files relative to that tree).
    /// `None` when neither is asked for.
    pub fn accepted(
        &self,
        base: impl FnOnce(&Path) -> Result<Vec<Finding>, String>,
    ) -> Result<Option<Vec<Finding>>, String> {
        if !self.filters() {
            return Ok(None);
        }
        let mut accepted = Vec::new();
        if let Some(file) = &self.baseline {
            let shown = crate::display_path(file);
            let text =
                std::fs::read_to_string(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
            accepted.extend(baseline::read(&text).map_err(|e| format!("{shown}: {e}"))?);
        }
        if let Some(since) = &self.since {
            crate::locate::check_root(since).map_err(|e| format!("--since: {e}"))?;
            accepted.extend(base(since)?);
        }
        Ok(Some(accepted))
    }

    /// Writes `findings` (files relative to the docs root) as the baseline
    /// file, when asked to.
    pub fn write(&self, findings: &[Finding]) -> Result<(), String> {
        let Some(file) = &self.write_baseline else {
            return Ok(());
        };
        crate::write_file_atomically(file, baseline::write(findings).as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", crate::display_path(file)))
    }

    /// Whether findings of these severities (the new ones, in pull-request
    /// mode) fail the run: [`Severity::fails`] at this mode's deny level.
    pub fn fails(&self, found: impl IntoIterator<Item = Severity>) -> bool {
        Severity::fails(self.deny, found)
    }
}

/// `file` relative to the docs root `docs` (as the front-end shows paths,
/// the root joined with the relative path): the part of an identity that is
/// the same in the base tree and the changed one. A file outside the tree
/// (the metadata drift points at) is known by its name only, which is the
/// same whichever tree is read.
pub fn relative_file<'a>(docs: &Path, file: &'a str) -> &'a str {
    let root = crate::display_path(docs);
    let relative = match file.strip_prefix(root.as_str()) {
        Some(rest) if root != "." && (rest.starts_with('/') || root.ends_with('/')) => {
            rest.trim_start_matches('/')
        }
        _ => file,
    };
    if leaves_root(relative) {
        relative.rsplit(['/', '\\']).next().unwrap_or(relative)
    } else {
        relative
    }
}

/// Whether `path`, as a finding names its file, is not relative to the
/// docs root: it climbs out of it (`../`), or it is absolute (`/…`, `\\…`,
/// a drive `C:\\…`). A page whose name merely holds a `:` (`a:b.md`) is
/// inside.
pub fn leaves_root(path: &str) -> bool {
    let drive = path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && path.get(1..2) == Some(":")
        && matches!(path.get(2..3), None | Some("/" | "\\"));
    path == ".."
        || path.starts_with("../")
        || path.starts_with("..\\")
        || path.starts_with(['/', '\\'])
        || drive
}

/// `finding` with its file made relative to `docs`.
pub fn relative(docs: &Path, finding: &Finding) -> Finding {
    let mut relative = finding.clone();
    relative.file = relative_file(docs, &finding.file).to_string();
    relative
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_made_relative_to_the_docs_root() {
        let docs = Path::new("../base");
        assert_eq!(
            relative_file(docs, "../base/api-reference/v1.0/a.md"),
            "api-reference/v1.0/a.md"
        );
        assert_eq!(relative_file(docs, "../basement/a.md"), "a.md");
        // The metadata, whichever tree is read.
        assert_eq!(
            relative_file(docs, "../base/../m/v1.0.csdl.xml"),
            "v1.0.csdl.xml"
        );
        assert_eq!(relative_file(docs, "/ci/m/v1.0.csdl.xml"), "v1.0.csdl.xml");
        assert_eq!(
            relative_file(Path::new("."), "api-reference/a.md"),
            "api-reference/a.md"
        );
        // A page named with a `:` keeps its folders; a drive does not.
        assert_eq!(
            relative_file(Path::new("docs"), "api-reference/v1.0/a:b.md"),
            "api-reference/v1.0/a:b.md"
        );
        assert_eq!(
            relative_file(docs, "C:\\ci\\v1.0.csdl.xml"),
            "v1.0.csdl.xml"
        );
        assert_eq!(relative_file(docs, "C:/ci/v1.0.csdl.xml"), "v1.0.csdl.xml");
        assert!(!leaves_root("..a.md") && leaves_root(".."));
    }

    #[test]
    fn only_new_findings_at_or_above_deny_fail() {
        let mode = PrMode::default();
        assert!(!mode.fails([Severity::Warning, Severity::Note]));
        assert!(mode.fails([Severity::Error]));
        let strict = PrMode {
            deny: Some(Severity::Warning),
            ..PrMode::default()
        };
        assert!(strict.fails([Severity::Warning]));
    }
}
