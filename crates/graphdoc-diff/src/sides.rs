//! The `diff` command: which two schemas to compare (versions of one docs
//! tree, of two trees, or saved schema files), read, compared and rendered.

use crate::{diff, DiffOptions, SchemaDiff};
use graphdoc_docs::gate::{self, PrMode};
use graphdoc_docs::locate::{self, TreeError};
use graphdoc_docs::{display_path, LoadError};
use graphdoc_schema::baseline;
use graphdoc_schema::{Diagnostic, Schema, Severity};
use std::path::{Path, PathBuf};

/// How to render a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// Text for a terminal, grouped by subject.
    Human {
        /// Breaking changes in red, additions in green (ANSI).
        color: bool,
    },
    /// A pull-request comment.
    Markdown {
        /// Cut to fit (GitHub takes at most [`crate::GITHUB_COMMENT_LIMIT`]),
        /// saying what was left out.
        max_chars: Option<usize>,
    },
    /// The [`SchemaDiff`] as JSON.
    Json,
}

/// Which changes make the exit status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any change at all.
    Any,
}

/// The `diff` command's arguments, as given.
#[derive(Clone, Debug)]
pub struct DiffCommand {
    /// The docs tree of both sides unless `from_docs` / `to_docs` say otherwise.
    pub docs: PathBuf,
    /// The `from` version. Default: v1.0 for one tree; for two trees, the
    /// same version on both sides (`to`'s if only that is given).
    pub from: Option<String>,
    /// The `to` version. Default: beta for one tree; for two trees, `from`'s.
    pub to: Option<String>,
    /// The docs tree of the `from` side, when it is another tree.
    pub from_docs: Option<PathBuf>,
    /// The docs tree of the `to` side, when it is another tree.
    pub to_docs: Option<PathBuf>,
    /// A saved schema (`graphdoc schema` output) as the `from` side.
    pub from_schema: Option<PathBuf>,
    /// A saved schema as the `to` side.
    pub to_schema: Option<PathBuf>,
    /// Compare descriptions too (off by default: they change often and break nothing).
    pub include_descriptions: bool,
    /// How to print the diff.
    pub format: DiffFormat,
    /// Which changes make the exit status 1; `None`: never.
    pub fail_on: Option<FailOn>,
    /// The `to` side's warnings in pull-request mode: with two trees, those
    /// the `from` tree also has are accepted, and so are the baseline
    /// file's; the others are listed as new. `since` is not used (the
    /// `from` side is the base).
    pub pr: PrMode,
    /// The bounds pages are read within, on both sides.
    pub limits: graphdoc_docs::Limits,
}

/// The rendered diff and the exit status.
#[derive(Clone, Debug)]
pub struct DiffOutcome {
    /// The diff as `format` prints it.
    pub rendered: String,
    /// 1 when `fail_on` matched or a finding of the docs read (a new one,
    /// in pull-request mode) is at or above `--deny`, else 0.
    pub exit_code: u8,
    /// The diff itself.
    pub diff: SchemaDiff,
}

/// Why the diff could not be made (a usage or I/O error: exit 2).
#[derive(Debug)]
pub enum DiffError {
    /// A docs tree or version that is not there.
    Tree(TreeError),
    /// A version that could not be read.
    Load(LoadError),
    /// A schema file that cannot be read or is not a schema.
    SchemaFile(PathBuf, String),
    /// A baseline file that cannot be read or written.
    Gate(String),
}

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiffError::Tree(e) => e.fmt(f),
            DiffError::Load(e) => e.fmt(f),
            DiffError::SchemaFile(p, e) => write!(f, "{}: {e}", display_path(p)),
            DiffError::Gate(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for DiffError {}

/// One side of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Side {
    Docs { docs: PathBuf, version: String },
    SchemaFile(PathBuf),
}

impl DiffCommand {
    fn sides(&self) -> (Side, Side) {
        let two_trees = self.from_docs.is_some() || self.to_docs.is_some();
        let (from, to) = if two_trees {
            // Two trees are two states of the same docs: compare like with like.
            let same = self.from.as_ref().or(self.to.as_ref());
            let same = same.cloned().unwrap_or_else(|| "v1.0".into());
            (
                self.from.clone().unwrap_or_else(|| same.clone()),
                self.to.clone().unwrap_or(same),
            )
        } else {
            (
                self.from.clone().unwrap_or_else(|| "v1.0".into()),
                self.to.clone().unwrap_or_else(|| "beta".into()),
            )
        };
        let side = |schema: &Option<PathBuf>, docs: &Option<PathBuf>, version: String| match schema
        {
            Some(file) => Side::SchemaFile(file.clone()),
            None => Side::Docs {
                docs: docs.clone().unwrap_or_else(|| self.docs.clone()),
                version,
            },
        };
        (
            side(&self.from_schema, &self.from_docs, from),
            side(&self.to_schema, &self.to_docs, to),
        )
    }
}

/// Reads both sides (both checked before either is read), compares and
/// renders them. A side read from docs with warnings gets one line through
/// `note` instead of every diagnostic (`graphdoc schema` lists them), and
/// a line for each error: a page not read.
pub fn run(cmd: &DiffCommand, note: &mut dyn FnMut(&str)) -> Result<DiffOutcome, DiffError> {
    let (from, to) = cmd.sides();
    for side in [&from, &to] {
        if let Side::Docs { docs, version } = side {
            locate::select_versions(docs, version).map_err(DiffError::Tree)?;
        }
    }
    let two_trees = cmd.from_docs.is_some() || cmd.to_docs.is_some();
    let options = DiffOptions {
        include_descriptions: cmd.include_descriptions,
        from_label: label(&from, two_trees),
        to_label: label(&to, two_trees),
    };
    let (from_schema, from_warnings) = read_side(&from, "from", &cmd.limits, note)?;
    let (to_schema, to_warnings) = read_side(&to, "to", &cmd.limits, note)?;
    let new_warnings = new_warnings(cmd, (&from, &from_warnings), (&to, &to_warnings), note)?;
    // What the exit status weighs: in pull-request mode (two trees, a
    // baseline) the to side's new findings, else both sides' findings.
    let weighed = match new_warnings {
        Some(new) => new,
        None => [from_warnings, to_warnings].concat(),
    };
    let result = diff(&from_schema, &to_schema, &options);
    let rendered = match cmd.format {
        DiffFormat::Human { color } => result.to_text(color),
        DiffFormat::Markdown { max_chars: None } => result.to_markdown(),
        DiffFormat::Markdown {
            max_chars: Some(limit),
        } => result.to_markdown_within(limit),
        DiffFormat::Json => result.to_json(),
    };
    let failed = match cmd.fail_on {
        Some(FailOn::Breaking) => result.has_breaking(),
        Some(FailOn::Any) => !result.is_empty(),
        None => false,
    } || cmd.pr.fails(weighed.iter().map(|d| d.severity));
    Ok(DiffOutcome {
        rendered,
        exit_code: u8::from(failed),
        diff: result,
    })
}

/// With two trees or a baseline, the `to` side's warnings that are not
/// accepted (by the `from` tree, the baseline file), listed through `note`
/// (`None` in neither case); `--write-baseline` writes all of the `to` side's.
fn new_warnings(
    cmd: &DiffCommand,
    (from, from_warnings): (&Side, &[Diagnostic]),
    (to, to_warnings): (&Side, &[Diagnostic]),
    note: &mut dyn FnMut(&str),
) -> Result<Option<Vec<Diagnostic>>, DiffError> {
    let Side::Docs { docs: to_docs, .. } = to else {
        return Ok(None);
    };
    let relative = |docs: &Path, ds: &[Diagnostic]| -> Vec<Diagnostic> {
        ds.iter().map(|d| gate::relative(docs, d)).collect()
    };
    let to_warnings = relative(to_docs, to_warnings);
    cmd.pr.write(&to_warnings).map_err(DiffError::Gate)?;
    let two_trees = cmd.from_docs.is_some() || cmd.to_docs.is_some();
    let mut accepted = match cmd
        .pr
        .accepted(|_| Ok(Vec::new()))
        .map_err(DiffError::Gate)?
    {
        Some(accepted) => accepted,
        None if two_trees => Vec::new(),
        None => return Ok(None),
    };
    if let (true, Side::Docs { docs, .. }) = (two_trees, from) {
        accepted.extend(relative(docs, from_warnings));
    }
    let new = baseline::new_findings(&to_warnings, &accepted);
    if !new.is_empty() {
        note(&format!(
            "note: {} of the warnings of the to side are new:",
            new.len()
        ));
        for d in &new {
            note(&d.to_string());
        }
    }
    Ok(Some(new))
}

/// A side's schema and, read from docs, its warnings. `which` is `from`
/// or `to`: notes name the side, not its path, which may be one of the
/// machine's.
fn read_side(
    side: &Side,
    which: &str,
    limits: &graphdoc_docs::Limits,
    note: &mut dyn FnMut(&str),
) -> Result<(Schema, Vec<Diagnostic>), DiffError> {
    match side {
        Side::SchemaFile(path) => Ok((read_schema_file(path)?, Vec::new())),
        Side::Docs { docs, version } => {
            let loaded =
                graphdoc_docs::load_within(limits, docs, version).map_err(DiffError::Load)?;
            let warnings: Vec<Diagnostic> = loaded
                .diagnostics
                .into_iter()
                .filter(|d| d.severity >= Severity::Warning)
                .collect();
            // An error is a page the diff cannot see (out of the tree, over
            // a limit, unreadable): each is listed, as its types are missing.
            for d in warnings.iter().filter(|d| d.severity >= Severity::Error) {
                note(&d.to_string());
            }
            if !warnings.is_empty() {
                let warnings = warnings.len();
                note(&format!(
                    "note: the {which} side ({version}) read with {warnings} warnings; `graphdoc schema --version {version}` over its docs lists them"
                ));
            }
            Ok((loaded.schema, warnings))
        }
    }
}

fn read_schema_file(path: &Path) -> Result<Schema, DiffError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DiffError::SchemaFile(path.to_path_buf(), format!("cannot read: {e}")))?;
    Schema::from_json(&text)
        .map_err(|e| DiffError::SchemaFile(path.to_path_buf(), format!("not a schema: {e}")))
}

/// What to call one side when its version alone would be ambiguous (two
/// trees of the same version, or a saved schema).
/// A tree or a schema file goes by its own name, not its path: the path
/// may be one of the machine's (an absolute `--to-docs` on a CI runner).
fn label(side: &Side, two_trees: bool) -> Option<String> {
    let name = |path: &Path| {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let named = absolute.components().next_back().and_then(|c| match c {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        });
        // `.` and `..` are dropped by `absolute` only in part: ask the
        // file system for what they name, and fall back on the path.
        named
            .filter(|n| n != "." && n != "..")
            .or_else(|| {
                let real = path.canonicalize().ok()?;
                Some(real.file_name()?.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| display_path(path))
    };
    match side {
        Side::SchemaFile(file) => Some(name(file)),
        Side::Docs { docs, version } if two_trees => Some(format!("{} ({version})", name(docs))),
        Side::Docs { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command() -> DiffCommand {
        DiffCommand {
            docs: "docs".into(),
            from: None,
            to: None,
            from_docs: None,
            to_docs: None,
            from_schema: None,
            to_schema: None,
            include_descriptions: false,
            format: DiffFormat::Json,
            fail_on: None,
            pr: PrMode::default(),
            limits: graphdoc_docs::Limits::default(),
        }
    }

    fn docs(docs: &str, version: &str) -> Side {
        Side::Docs {
            docs: docs.into(),
            version: version.into(),
        }
    }

    #[test]
    fn one_tree_compares_v1_with_beta_by_default() {
        assert_eq!(
            command().sides(),
            (docs("docs", "v1.0"), docs("docs", "beta"))
        );
    }

    #[test]
    fn two_trees_compare_the_same_version_unless_told_otherwise() {
        let two = DiffCommand {
            from_docs: Some("a".into()),
            to_docs: Some("b".into()),
            ..command()
        };
        assert_eq!(two.sides(), (docs("a", "v1.0"), docs("b", "v1.0")));
        let beta = DiffCommand {
            to: Some("beta".into()),
            ..two.clone()
        };
        assert_eq!(beta.sides(), (docs("a", "beta"), docs("b", "beta")));
        let crossed = DiffCommand {
            from: Some("v1.0".into()),
            to: Some("beta".into()),
            ..two
        };
        assert_eq!(crossed.sides(), (docs("a", "v1.0"), docs("b", "beta")));
    }
}
