//! Docs tree in, model crate out: what `graphdoc regenerate` and
//! `cargo xtask regenerate` do, with the policy both share.

use crate::{check, generate, write, Options};
use graphdoc_docs::tree::{self, TreeError};
use graphdoc_docs::{codes, display_path, LoadError, Loaded};
use graphdoc_schema::Severity;
use std::path::PathBuf;

/// What to regenerate, from where, to where.
#[derive(Clone, Debug)]
pub struct RegenerateOptions {
    /// The docs tree; every version it holds is generated.
    pub docs: PathBuf,
    /// The output directory (created if missing; its parent must exist).
    pub out: PathBuf,
    /// Write nothing; exit 1 with the differences when the output is stale.
    pub check: bool,
    /// Code generation options; `source` is filled in from `docs`.
    pub codegen: Options,
    /// The command that brings a stale output up to date, for the message.
    pub fix_command: String,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum RegenerateError {
    Tree(TreeError),
    Load(LoadError),
    /// Some pages could not be read: a model without their types would
    /// silently delete them, so the previous output is kept.
    Unreadable {
        pages: usize,
        version: String,
        docs: PathBuf,
        out: PathBuf,
    },
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for RegenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegenerateError::Tree(e) => e.fmt(f),
            RegenerateError::Load(e) => e.fmt(f),
            RegenerateError::Unreadable {
                pages,
                version,
                docs,
                out,
            } => write!(
                f,
                "{pages} page(s) of {} ({version}) cannot be read (see above); {} is left as it was",
                display_path(docs),
                display_path(out)
            ),
            RegenerateError::Write(out, e) => {
                write!(f, "cannot write {}: {e}", display_path(out))
            }
        }
    }
}

impl std::error::Error for RegenerateError {}

/// Reads every version of the docs tree, generates the model and writes it
/// (or, with `check`, compares it). Diagnostics of warning level and above,
/// and what was written, go to `report` line by line as they come. Returns
/// the exit status: 0, or 1 when `check` finds the output stale.
pub fn regenerate(
    opts: &RegenerateOptions,
    report: &mut dyn FnMut(&str),
) -> Result<u8, RegenerateError> {
    let versions = tree::select_versions(&opts.docs, "all").map_err(RegenerateError::Tree)?;
    let all = graphdoc_docs::load_versions(&opts.docs, &versions).map_err(RegenerateError::Load)?;
    let mut schemas = Vec::with_capacity(all.len());
    for (version, loaded) in versions.iter().zip(all) {
        report_warnings(&loaded, report);
        let pages = unreadable_pages(&loaded);
        if pages > 0 {
            return Err(RegenerateError::Unreadable {
                pages,
                version: version.to_string(),
                docs: opts.docs.clone(),
                out: opts.out.clone(),
            });
        }
        schemas.push(loaded.schema);
    }
    let codegen = Options {
        source: format!(
            "the docs in `{}` ({})",
            display_path(&opts.docs),
            versions.join(", ")
        ),
        ..opts.codegen.clone()
    };
    let generated = generate(&schemas, &codegen);
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
