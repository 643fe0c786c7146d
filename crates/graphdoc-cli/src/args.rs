//! The command line: every subcommand's flags, and the checks clap makes on
//! them before anything is read (input files exist, output directories
//! exist), so a wrong path fails at once and the same way in every command.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "graphdoc",
    version,
    about = "Microsoft Graph reference docs → schema, drift, diff, lint, sample checks, Rust model",
    long_about = "Microsoft Graph reference docs → schema, drift, diff, lint, sample checks, Rust model.\n\n\
Run inside a docs checkout and graphdoc finds the folder that holds api-reference/ (the \
current directory or a parent); elsewhere, pass --docs DIR.\n\n\
Exit status, the same for every command: 0 clean, 1 findings at or above --deny (errors \
unless --deny warnings; in pull-request mode, new ones), diff --fail-on or regenerate --check, \
2 usage or I/O errors.",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read one version of a docs tree and write its schema (JSON or CSDL).
    Schema(SchemaArgs),
    /// Compare what the docs say with the service's CSDL metadata.
    Drift(DriftArgs),
    /// Compare two schemas: two versions of a tree, two trees, or saved schemas.
    Diff(DiffArgs),
    /// Run the doc lints.
    Lint(LintArgs),
    /// Check every JSON example of the docs against the schema.
    Samples(SamplesArgs),
    /// Generate the Rust model crate from every version of a docs tree.
    Regenerate(RegenerateArgs),
    /// Translation drift of a localised docs tree against its English source.
    #[command(
        long_about = "Translation drift of a localised docs tree against its English source.\n\n\
--docs is the English tree (when not given: the current directory or a parent), --localized \
the translation, laid out like it. Each finding is at the localised page's file:line, with \
the English line as a note. A defect the English page has too (a copied description, possible \
values said twice), which the translation carried over faithfully, is a note: it is not \
translation drift and does not fail the run.",
        mut_arg("docs", |a| a.help(
            "The English tree: the folder that holds api-reference/ [default: the current \
directory or the nearest parent that holds api-reference/, unless that is --localized]"
        ))
    )]
    L10n(L10nArgs),
    /// Explain a finding's code (GL…, GD…, GS…, GT…), or list them all.
    Explain {
        /// The code, e.g. GL0011, GD0023, GS0018 or GT0007.
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// List every code (front-end GD, code generation GD08, samples GS,
        /// l10n GT, lint rules GL) with its one-line summary.
        #[arg(long, conflicts_with = "code")]
        list: bool,
    },
}

/// Where the docs are, and the bounds they are read within.
#[derive(Args, Clone)]
pub struct DocsArg {
    /// The docs tree: the folder that holds api-reference/ [default: the
    /// current directory or the nearest parent that holds api-reference/].
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
    #[command(flatten)]
    pub limits: crate::limits::LimitArgs,
}

/// Pull-request mode: report only what a change introduced.
#[derive(Args, Clone)]
pub struct PrArgs {
    /// The base tree (the pull request's target): report only findings it
    /// does not have. A finding is the same when its rule, file, item and
    /// message are, wherever its line moved.
    #[arg(long, value_name = "DIR")]
    pub since: Option<PathBuf>,
    /// Report only findings this baseline file does not accept.
    #[arg(long, value_name = "FILE", value_parser = input_file)]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this run to FILE as a baseline (atomically).
    #[arg(long, value_name = "FILE", value_parser = output_file)]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub docs: DocsArg,
    /// The API version (a folder under api-reference/).
    #[arg(long, value_name = "VERSION", default_value = "v1.0")]
    pub version: String,
    /// json: the intermediate schema (what diff --from-schema reads); csdl: OData CSDL XML.
    #[arg(long, value_enum, default_value_t = SchemaFormat::Json)]
    pub format: SchemaFormat,
    /// Write to FILE (atomically) instead of standard output; its directory must exist.
    #[arg(short, long, value_name = "FILE", value_parser = output_file)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub deny: DenyArg,
}

#[derive(Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub docs: DocsArg,
    /// The service's CSDL metadata for that version (`$metadata`).
    #[arg(long, value_name = "FILE", value_parser = input_file)]
    pub metadata: PathBuf,
    /// The API version the metadata describes (a folder under api-reference/).
    #[arg(long, value_name = "VERSION", default_value = "v1.0")]
    pub version: String,
    /// Output format (human: the findings, then the counts and scores; json:
    /// the findings and the scores; github: workflow annotations; sarif: for
    /// code scanning; markdown: for a pull-request comment).
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub format: FindingsFormat,
    /// The docs folder's path inside its repository, for the links of the
    /// markdown, SARIF and GitHub outputs [default: the repository root].
    /// For a markdown pull-request comment, whose relative links GitHub
    /// resolves against the pull request's page, a URL: the docs folder at
    /// the pull request's head (https://github.com/o/r/blob/<sha>/docs).
    #[arg(long, value_name = "PATH|URL")]
    pub link_base: Option<String>,
    /// With --format markdown: stay within NUM characters (refused with the
    /// other formats).
    #[arg(long, value_name = "NUM")]
    pub max_chars: Option<usize>,
    #[command(flatten)]
    pub pr: PrArgs,
    #[command(flatten)]
    pub deny: DenyArg,
}

#[derive(Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub docs: DocsArg,
    /// The `from` version [default: v1.0; with --from-docs/--to-docs, the same
    /// version on both sides].
    #[arg(long, value_name = "VERSION")]
    pub from: Option<String>,
    /// The `to` version [default: beta; with --from-docs/--to-docs, --from's].
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
    /// Read the `from` side from this docs tree.
    #[arg(long, value_name = "DIR")]
    pub from_docs: Option<PathBuf>,
    /// Read the `to` side from this docs tree.
    #[arg(long, value_name = "DIR")]
    pub to_docs: Option<PathBuf>,
    /// Read the `from` side from a schema JSON file (`graphdoc schema` output).
    #[arg(long, value_name = "FILE", conflicts_with = "from_docs", value_parser = input_file)]
    pub from_schema: Option<PathBuf>,
    /// Read the `to` side from a schema JSON file.
    #[arg(long, value_name = "FILE", conflicts_with = "to_docs", value_parser = input_file)]
    pub to_schema: Option<PathBuf>,
    /// Output format (markdown: for a pull-request comment).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Also report changed descriptions.
    #[arg(long)]
    pub descriptions: bool,
    /// Exit 1 when changes of this class are found.
    #[arg(long, value_enum, value_name = "CLASS")]
    pub fail_on: Option<FailOn>,
    /// With --format markdown: stay within NUM characters (GitHub refuses
    /// comments over 65,536), saying how many changes were left out
    /// (refused with the other formats).
    #[arg(long, value_name = "NUM")]
    pub max_chars: Option<usize>,
    /// When to color the human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Accept the `to` side's warnings this baseline file lists; with two
    /// trees, those of the `from` tree are accepted too. The others are
    /// listed as new.
    #[arg(long, value_name = "FILE", value_parser = input_file)]
    pub baseline: Option<PathBuf>,
    /// Write the `to` side's warnings to FILE as a baseline.
    #[arg(long, value_name = "FILE", value_parser = output_file)]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub deny: DenyArg,
}

#[derive(Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub docs: DocsArg,
    /// v1.0, beta or all (the versions the tree holds).
    #[arg(long, value_name = "VERSION", default_value = "all")]
    pub version: String,
    /// The service's CSDL metadata (of v1.0, or of the one --version linted):
    /// adds the GL0013 (drift) and GL0018 (GA safety net) findings.
    #[arg(long, value_name = "FILE", value_parser = input_file)]
    pub metadata: Option<PathBuf>,
    /// Output format (github: workflow annotations; sarif: for code scanning;
    /// markdown: for a pull-request comment).
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub format: FindingsFormat,
    /// The docs folder's path inside its repository, for the links of the
    /// markdown, SARIF and GitHub outputs [default: the repository root].
    /// For a markdown pull-request comment, whose relative links GitHub
    /// resolves against the pull request's page, a URL: the docs folder at
    /// the pull request's head (https://github.com/o/r/blob/<sha>/docs).
    #[arg(long, value_name = "PATH|URL")]
    pub link_base: Option<String>,
    /// With --format markdown: stay within NUM characters (refused with the
    /// other formats).
    #[arg(long, value_name = "NUM")]
    pub max_chars: Option<usize>,
    #[command(flatten)]
    pub deny: DenyArg,
    /// Suppressions file [default: graphdoc-lint.toml in the docs tree, when present].
    #[arg(long, value_name = "FILE", value_parser = input_file)]
    pub config: Option<PathBuf>,
    /// Ignore every suppression (config file and inline comments).
    #[arg(long)]
    pub no_suppress: bool,
    /// Also run these rules, off by default (comma-separated: GL0011,GL0017;
    /// --list-rules says which are off).
    #[arg(long, value_name = "CODE,…", value_delimiter = ',', value_parser = rule_code)]
    pub enable: Vec<String>,
    /// List the rules and exit.
    #[arg(long)]
    pub list_rules: bool,
    #[command(flatten)]
    pub pr: PrArgs,
}

#[derive(Args)]
pub struct SamplesArgs {
    #[command(flatten)]
    pub docs: DocsArg,
    /// v1.0, beta or all (the versions the tree holds).
    #[arg(long, value_name = "VERSION", default_value = "all")]
    pub version: String,
    /// Output format: the findings as every command renders them (json: JSON
    /// lines; github: workflow annotations; sarif: for code scanning;
    /// markdown: for a pull-request comment), or `report`: every sample with
    /// what was found about it, as JSON.
    #[arg(long, value_enum, default_value_t = SamplesFormat::Human)]
    pub format: SamplesFormat,
    /// The docs folder's path inside its repository, for the links of the
    /// markdown, SARIF and GitHub outputs [default: the repository root].
    /// For a markdown pull-request comment, whose relative links GitHub
    /// resolves against the pull request's page, a URL: the docs folder at
    /// the pull request's head (https://github.com/o/r/blob/<sha>/docs).
    #[arg(long, value_name = "PATH|URL")]
    pub link_base: Option<String>,
    /// With --format markdown: stay within NUM characters (refused with the
    /// other formats).
    #[arg(long, value_name = "NUM")]
    pub max_chars: Option<usize>,
    #[command(flatten)]
    pub pr: PrArgs,
    #[command(flatten)]
    pub deny: DenyArg,
}

#[derive(Args)]
pub struct RegenerateArgs {
    #[command(flatten)]
    pub docs: DocsArg,
    /// The output directory (created if missing; its parent must exist).
    #[arg(long, value_name = "DIR", value_parser = output_dir)]
    pub out: PathBuf,
    /// Write nothing; exit 1 with the differences when the output is stale.
    #[arg(long)]
    pub check: bool,
    /// Where the enums find their derive: vendored into the output (default),
    /// `path=DIR` (relative to the output) or `version=REQ` (crates.io).
    #[arg(long, value_name = "DEP", value_parser = graphdoc_codegen::regenerate::parse_derive_dep)]
    pub derive_dep: Option<graphdoc_codegen::Dependency>,
    /// The version of the generated crates [default: 0.YYYYMMDD.0 from the
    /// docs commit's date when the docs say which commit they are, else 0.1.0].
    #[arg(long, value_name = "VERSION")]
    pub model_version: Option<String>,
    /// The `repository` field of the generated manifests.
    #[arg(long, value_name = "URL")]
    pub repository: Option<String>,
    #[command(flatten)]
    pub deny: DenyArg,
}

#[derive(Args)]
pub struct L10nArgs {
    /// The English tree (its help: the `mut_arg` of `Command::L10n`).
    #[command(flatten)]
    pub docs: DocsArg,
    /// The localised tree, laid out like the English one.
    #[arg(long, value_name = "DIR")]
    pub localized: PathBuf,
    /// Output format (json: JSON lines; github: workflow annotations; sarif:
    /// for code scanning; markdown: for a pull-request comment).
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub format: FindingsFormat,
    /// The localised tree's path inside its repository (the findings are on
    /// its pages), for the links of the markdown, SARIF and GitHub outputs
    /// [default: the repository root]. For a markdown pull-request comment,
    /// a URL: the localised tree at the pull request's head
    /// (https://github.com/o/r/blob/<sha>/docs-fr).
    #[arg(long, value_name = "PATH|URL")]
    pub link_base: Option<String>,
    /// With --format markdown: stay within NUM characters (refused with the
    /// other formats).
    #[arg(long, value_name = "NUM")]
    pub max_chars: Option<usize>,
    /// Judge staleness by content only, even when the English tree has a git history.
    #[arg(long)]
    pub no_history: bool,
    #[command(flatten)]
    pub deny: DenyArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SchemaFormat {
    Json,
    Csdl,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SamplesFormat {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
    Report,
}

/// The formats every command renders its findings in.
#[derive(Clone, Copy, ValueEnum)]
pub enum FindingsFormat {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

impl FindingsFormat {
    /// `--link-base` for this format (see [`link_base`]).
    pub fn link_base(self, link_base: Option<String>) -> Result<String, String> {
        self::link_base(link_base, matches!(self, FindingsFormat::Markdown))
    }

    /// `--max-chars` for this format (see [`max_chars`]).
    pub fn max_chars(self, max_chars: Option<usize>) -> Result<Option<usize>, String> {
        self::max_chars(max_chars, matches!(self, FindingsFormat::Markdown))
    }

    /// The renderer's format.
    pub fn format(self) -> graphdoc_lint::Format {
        match self {
            FindingsFormat::Human => graphdoc_lint::Format::Human,
            FindingsFormat::Json => graphdoc_lint::Format::Json,
            FindingsFormat::Sarif => graphdoc_lint::Format::Sarif,
            FindingsFormat::Github => graphdoc_lint::Format::Github,
            FindingsFormat::Markdown => graphdoc_lint::Format::Markdown,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Breaking,
    Any,
}

/// The exit status, by one policy for every command.
#[derive(Args, Clone, Copy)]
pub struct DenyArg {
    /// Exit 1 for findings at or above LEVEL (in pull-request mode: new
    /// ones). schema and regenerate write nothing when they exit 1.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = DenyLevel::Errors)]
    pub deny: DenyLevel,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DenyLevel {
    Errors,
    Warnings,
}

impl DenyArg {
    /// The lowest severity that fails the run.
    pub fn severity(self) -> Option<graphdoc_schema::Severity> {
        Some(match self.deny {
            DenyLevel::Errors => graphdoc_schema::Severity::Error,
            DenyLevel::Warnings => graphdoc_schema::Severity::Warning,
        })
    }
}

impl PrArgs {
    /// The libraries' pull-request mode, failing at `deny`.
    pub fn mode(&self, deny: DenyArg) -> graphdoc_docs::gate::PrMode {
        graphdoc_docs::gate::PrMode {
            since: self.since.clone(),
            baseline: self.baseline.clone(),
            write_baseline: self.write_baseline.clone(),
            deny: deny.severity(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--max-chars` of a command whose output is `format`: it holds for the
/// markdown output (a pull-request comment, cut at whole findings) and is
/// refused for the others, where no cut could hold it: JSON and SARIF must
/// stay whole documents, and the human and GitHub outputs are for logs.
pub fn max_chars(max_chars: Option<usize>, markdown: bool) -> Result<Option<usize>, String> {
    match max_chars {
        Some(_) if !markdown => Err(
            "--max-chars holds for --format markdown only (a pull-request comment); \
             the other formats are not cut (JSON and SARIF must stay whole documents)"
                .into(),
        ),
        max_chars => Ok(max_chars),
    }
}

/// `--link-base` of a command whose output is `format`: a path inside the
/// repository for every format, or a URL base for the markdown output only
/// (SARIF and GitHub annotations must name files inside the repository).
pub fn link_base(link_base: Option<String>, markdown: bool) -> Result<String, String> {
    match link_base {
        Some(url) if !markdown && graphdoc_lint::render::is_url(&url) => Err(
            "--link-base takes a URL with --format markdown only; SARIF and GitHub \
             annotations name files by their path inside the repository (--link-base docs)"
                .into(),
        ),
        link_base => Ok(link_base.unwrap_or_default()),
    }
}

/// An input file: it must exist and be a file.
fn input_file(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => Ok(path),
        Ok(_) => Err("not a file".into()),
        Err(_) => Err("no such file".into()),
    }
}

/// An output file: its directory must exist, and it must not be a directory.
fn output_file(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    if path.is_dir() {
        return Err("is a directory; name a file".into());
    }
    parent_exists(path)
}

/// An output directory: created if missing, but its parent must exist, as
/// for an output file; a file in its place is refused.
fn output_dir(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    if path.exists() && !path.is_dir() {
        return Err("not a directory".into());
    }
    parent_exists(path)
}

fn parent_exists(path: PathBuf) -> Result<PathBuf, String> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(format!(
            "directory {} does not exist (create it first)",
            graphdoc_docs::display_path(dir)
        )),
        _ => Ok(path),
    }
}

fn rule_code(value: &str) -> Result<String, String> {
    match graphdoc_lint::rules::rule(value.trim()) {
        Some(rule) => Ok(rule.code.to_string()),
        None => Err("no such rule (graphdoc lint --list-rules lists them)".into()),
    }
}
