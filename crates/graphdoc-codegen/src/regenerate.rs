//! Docs tree in, model crate out: what `graphdoc regenerate` and
//! `cargo xtask regenerate` do, with the policy both share.

use crate::{
    check, generate_reusing, inside_a_workspace, write, Dependency, DocsRevision, GeneratedCrate,
    Options, GENERATED_MARKER,
};
use graphdoc_docs::locate::{self, TreeError};
use graphdoc_docs::{codes, display_path, export, LoadError, Loaded};
use graphdoc_schema::Severity;
use std::path::{Path, PathBuf};

/// The bounds of [`RegenerateOptions::limits`].
pub use graphdoc_docs::Limits;

/// What to regenerate, from where, to where.
#[derive(Clone, Debug)]
pub struct RegenerateOptions {
    /// The docs tree; every version it holds is generated.
    pub docs: PathBuf,
    /// The output directory (created if missing; its parent must exist).
    pub out: PathBuf,
    /// Write nothing; exit 1 with the differences when the output is stale.
    pub check: bool,
    /// Where the enums find their derive; default: vendored into the output.
    pub derive_dep: Option<Dependency>,
    /// The generated crates' version; default: `0.YYYYMMDD.0` from the docs
    /// commit's date when the docs say which commit they are, else
    /// [`Options`]'s.
    pub model_version: Option<String>,
    /// The `repository` field of the generated manifests.
    pub repository: Option<String>,
    /// The command that brings a stale output up to date, for the message.
    pub fix_command: String,
    /// The bounds pages are read within.
    pub limits: Limits,
    /// The lowest severity of the docs' findings that stops the run (exit
    /// 1, nothing written); errors when `None` (a page not read).
    pub deny: Option<Severity>,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum RegenerateError {
    /// A docs tree or version that is not there.
    Tree(TreeError),
    /// A version that could not be read.
    Load(LoadError),
    /// Some pages could not be read: a model without their types would
    /// silently delete them, so the previous output is kept.
    Unreadable {
        /// How many pages could not be read.
        pages: usize,
        /// The version they belong to.
        version: String,
        /// The output left as it was.
        out: PathBuf,
    },
    /// Writing the output failed at this path.
    Write(PathBuf, std::io::Error),
    /// A file of the output's place that graphdoc did not generate (its
    /// first line lacks the mark): `--out` names someone's own folder.
    NotGenerated(PathBuf),
}

impl std::fmt::Display for RegenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegenerateError::Tree(e) => e.fmt(f),
            RegenerateError::Load(e) => e.fmt(f),
            RegenerateError::Unreadable {
                pages,
                version,
                out,
            } => write!(
                f,
                "{pages} page(s) of the docs ({version}) cannot be read (see above); {} is left as it was",
                display_path(out)
            ),
            RegenerateError::Write(out, e) => {
                write!(f, "cannot write {}: {e}", display_path(out))
            }
            RegenerateError::NotGenerated(file) => write!(
                f,
                "{} is not a file graphdoc generated (no `{GENERATED_MARKER}` on its first line): \
                 nothing written; give --out a new folder or a previous output",
                display_path(file)
            ),
        }
    }
}

impl std::error::Error for RegenerateError {}

/// Reads every version of the docs tree, generates the model and writes it
/// (or, with `check`, compares it). Diagnostics of warning level and above,
/// and what was written, go to `report` line by line as they come. Returns
/// the exit status: 0, or 1 when `check` finds the output stale or when
/// findings of the docs are at or above `deny` (by default errors: pages
/// not read on purpose, outside the tree or over a limit), in which case
/// nothing is written.
pub fn regenerate(
    opts: &RegenerateOptions,
    report: &mut dyn FnMut(&str),
) -> Result<u8, RegenerateError> {
    let versions = locate::select_versions(&opts.docs, "all").map_err(RegenerateError::Tree)?;
    let all = graphdoc_docs::load_versions_within(&opts.limits, &opts.docs, &versions)
        .map_err(RegenerateError::Load)?;
    let mut schemas = Vec::with_capacity(all.len());
    let mut failing = 0;
    for (version, loaded) in versions.iter().zip(all) {
        report_warnings(&loaded, report);
        let pages = unreadable_pages(&loaded);
        if pages > 0 {
            return Err(RegenerateError::Unreadable {
                pages,
                version: version.to_string(),
                out: opts.out.clone(),
            });
        }
        // Pages not read on purpose (out of the tree, over a limit) are
        // findings, not I/O errors: as every finding at or above the deny
        // level, exit 1, and the same care.
        failing += export::failing(&loaded.diagnostics, opts.deny);
        schemas.push(loaded.schema);
    }
    if failing > 0 {
        let out = display_path(&opts.out);
        let why = export::stopped_by(failing, opts.deny);
        report(&format!("{why}: {out} is left as it was"));
        return Ok(1);
    }
    let generated = generate_reusing(&schemas, &codegen_options(opts), &opts.out);
    graphdoc_docs::free_in_background(schemas);
    for d in &generated.diagnostics {
        report(&d.to_string());
    }
    let out = display_path(&opts.out);
    if opts.check {
        return Ok(match check(&opts.out, &generated) {
            Ok(()) => 0,
            Err(stale) => {
                report(&stale.to_string());
                report(&format!("{out} is stale: run `{}`", opts.fix_command));
                1
            }
        });
    }
    if let Some(file) = not_generated(&opts.out, &generated) {
        return Err(RegenerateError::NotGenerated(file));
    }
    let written =
        write(&opts.out, &generated).map_err(|e| RegenerateError::Write(opts.out.clone(), e))?;
    report(&format!(
        "{out}: {} files written, {} unchanged, {} removed",
        written.written.len(),
        written.unchanged,
        written.removed.len()
    ));
    Ok(0)
}

/// The first file of `out` that the output would replace and that graphdoc
/// did not generate (a `Cargo.toml` of the user's own crate, say).
fn not_generated(out: &Path, generated: &GeneratedCrate) -> Option<PathBuf> {
    use std::io::Read;
    generated.files.iter().find_map(|f| {
        let path = out.join(&f.path);
        let mut head = Vec::new();
        std::fs::File::open(&path)
            .ok()
            .filter(|_| path.is_file())?
            .take(4096)
            .read_to_end(&mut head)
            .ok()?;
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
        let ours = String::from_utf8_lossy(first_line).contains(GENERATED_MARKER);
        (!ours).then_some(path)
    })
}

/// The generated crates' options: the version follows the docs' commit, the
/// derive is vendored, and the output is its own workspace unless it sits
/// inside one.
fn codegen_options(opts: &RegenerateOptions) -> Options {
    let revision = DocsRevision::detect(&opts.docs);
    let defaults = Options::default();
    Options {
        version: opts
            .model_version
            .clone()
            .or_else(|| revision.as_ref().map(DocsRevision::crate_version))
            .unwrap_or(defaults.version.clone()),
        docs_revision: revision,
        repository: opts.repository.clone(),
        enum_derive: opts.derive_dep.clone().unwrap_or(Dependency::Vendored),
        standalone_workspace: !inside_a_workspace(&opts.out),
        ..defaults
    }
}

/// `--derive-dep`: `path=<dir>` (relative to the output) or
/// `version=<requirement>` (crates.io).
pub fn parse_derive_dep(text: &str) -> Result<Dependency, String> {
    match text.split_once('=') {
        Some(("path", p)) if !p.is_empty() => Ok(Dependency::Path(p.into())),
        Some(("version", v)) if !v.is_empty() => Ok(Dependency::Version(v.into())),
        _ => Err("expected path=<dir> or version=<requirement>".into()),
    }
}

fn report_warnings(loaded: &Loaded, report: &mut dyn FnMut(&str)) {
    for d in &loaded.diagnostics {
        if d.severity >= Severity::Warning {
            report(&d.to_string());
        }
    }
}

fn unreadable_pages(loaded: &Loaded) -> usize {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::UNREADABLE)
        .count()
}
