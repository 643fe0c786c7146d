//! Lints for graphdoc docs trees.
//!
//! [`run`] runs every check over a docs tree (one or both API versions) and
//! renders the findings; [`cli`] does the same from command-line arguments
//! (what `cargo xtask lint` passes on). The rules, their codes and their
//! `--explain` texts are in [`rules`]; suppressions in [`suppress`].
//!
//! [`drift`] compares what the docs say with what the service metadata
//! (CSDL) says, finding by finding and as scores; `run` includes its
//! findings as GL013 when given `--metadata`.

pub mod drift;
pub mod drift_command;
pub mod jsonpos;
pub mod pages;
pub mod pr;
pub mod report;
mod representation;
pub mod rules;
pub mod sarif;
pub mod suppress;

pub use rules::{explain, Finding, Rule, RULES};

use graphdoc_docs::{display_path, Loaded};
use graphdoc_schema::{csdl, Severity};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            _ => Err(format!("unknown format `{s}` (human, json, sarif, github)")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintOptions {
    /// The docs root, holding `api-reference/<version>/`.
    pub docs: PathBuf,
    /// A CSDL file: adds GL013 findings for the version it describes (v1.0
    /// when linted, else the one version linted).
    pub metadata: Option<PathBuf>,
    pub format: Format,
    /// Warnings make the exit code 1, not only errors.
    pub deny_warnings: bool,
    /// `v1.0`, `beta` or `all` (the versions present).
    pub version: String,
    /// Suppressions file; default `<docs>/graphdoc-lint.toml` when present.
    pub config: Option<PathBuf>,
    /// Ignore every suppression (config and inline).
    pub no_suppressions: bool,
    /// Rules off by default to run too (`GL011`).
    pub enable: Vec<String>,
    /// Pull-request mode: report only findings that are not accepted (by
    /// the `--since` tree or a baseline file); `deny_warnings` is its level.
    pub pr: graphdoc_docs::gate::PrMode,
}

impl LintOptions {
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        LintOptions {
            docs: docs.into(),
            metadata: None,
            format: Format::Human,
            deny_warnings: false,
            version: "all".into(),
            config: None,
            no_suppressions: false,
            enable: Vec::new(),
            pr: graphdoc_docs::gate::PrMode::default(),
        }
    }
}

/// What a lint run found, rendered, and the exit status.
#[derive(Debug, Clone)]
pub struct LintOutcome {
    pub rendered: String,
    /// 0 clean, 1 findings at or over the threshold.
    pub exit_code: u8,
    /// The findings left after suppression, sorted.
    pub findings: Vec<Finding>,
    pub suppressed: usize,
}

/// Usage and I/O errors: exit status 2.
#[derive(Debug)]
pub enum LintError {
    Usage(String),
    Io(String),
}

impl std::fmt::Display for LintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LintError::Usage(m) => write!(f, "usage error: {m}"),
            LintError::Io(m) => write!(f, "error: {m}"),
        }
    }
}

impl std::error::Error for LintError {}

/// One linted version: its schema, diagnostics and page texts.
struct Version {
    name: String,
    loaded: Loaded,
    pages: pages::Pages,
    dir: String,
    existing: HashSet<String>,
}

fn load_version(root: &Path, version: &str) -> Result<Version, LintError> {
    let loaded = graphdoc_docs::load(root, version).map_err(|e| LintError::Io(e.to_string()))?;
    let list =
        graphdoc_docs::list_pages(root, version).map_err(|e| LintError::Io(e.to_string()))?;
    let pages: pages::Pages = list
        .par_iter()
        .filter_map(|(p, _)| {
            // An unreadable page is already a front-end diagnostic.
            let bytes = std::fs::read(p).ok()?;
            let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
            Some((display_path(p), text))
        })
        .collect();
    let base = root.join("api-reference").join(version);
    let existing = walkdir::WalkDir::new(&base)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| display_path(e.path()).to_ascii_lowercase())
        .collect();
    Ok(Version {
        name: version.to_string(),
        loaded,
        pages,
        dir: display_path(&base),
        existing,
    })
}

fn version_findings(v: &Version) -> Vec<Finding> {
    let schema = &v.loaded.schema;
    let mut out = rules::frontend_diagnostic::check(&v.loaded.diagnostics);
    out.extend(rules::missing_in_json::check(schema, &v.pages));
    out.extend(rules::json_type_mismatch::check(schema, &v.pages));
    out.extend(rules::possible_values_mismatch::check(schema, &v.pages));
    out.extend(rules::broken_link::check(&v.pages, &v.dir, &v.existing));
    out.extend(rules::undefined_type::check(schema, &v.pages, &v.dir));
    out.extend(rules::duplicate_description::check(schema, &v.pages));
    out.extend(rules::repeated_sentence::check(schema, &v.pages));
    out.extend(rules::placeholder_text::check(&v.pages));
    out.extend(rules::enum_sample_value::check(schema, &v.pages));
    out
}

/// Runs every check and renders the findings. Errors are usage or I/O
/// problems (exit 2); findings are never errors of this function.
pub fn run(opts: &LintOptions) -> Result<LintOutcome, LintError> {
    let names = graphdoc_docs::tree::select_versions(&opts.docs, &opts.version)
        .map_err(|e| LintError::Usage(e.to_string()))?;
    let config = read_config(opts)?;
    let versions: Vec<Version> = names
        .iter()
        .map(|v| load_version(&opts.docs, v))
        .collect::<Result<_, _>>()?;

    let mut findings: Vec<Finding> = versions.iter().flat_map(version_findings).collect();
    let enabled = |code: &str| {
        rules::rule(code).is_some_and(|r| r.enabled)
            || opts.enable.iter().any(|e| e.eq_ignore_ascii_case(code))
    };
    let mut ran: HashSet<&str> = rules::RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| enabled(c))
        .collect();
    let v1 = versions.iter().find(|v| v.name == "v1.0");
    let beta = versions.iter().find(|v| v.name == "beta");
    match (v1, beta) {
        (Some(a), Some(b))
            if ran.contains(rules::VERSION_MISSING) || ran.contains(rules::VERSION_TYPE) =>
        {
            let (v1, beta) = (&a.loaded.schema, &b.loaded.schema);
            findings.extend(rules::missing_in_beta::check(v1, beta));
            findings.extend(rules::version_type_differs::check(v1, beta));
        }
        _ => {
            ran.remove(rules::VERSION_MISSING);
            ran.remove(rules::VERSION_TYPE);
        }
    }
    match &opts.metadata {
        Some(path) => {
            let xml = std::fs::read_to_string(path)
                .map_err(|e| LintError::Io(format!("cannot read {}: {e}", path.display())))?;
            let meta = csdl::read(&xml, &display_path(path))
                .map_err(|e| LintError::Io(format!("cannot read metadata: {e:?}")))?;
            let docs = v1.unwrap_or(&versions[0]);
            findings.extend(rules::metadata_drift::check(&drift::compare(
                &docs.loaded.schema,
                &meta,
            )));
        }
        None => {
            ran.remove(rules::METADATA_DRIFT);
        }
    }

    findings.retain(|f| ran.contains(f.rule));

    let root_shown = display_path(&opts.docs);
    let relative = |file: &str| -> String {
        file.strip_prefix(&root_shown)
            .map(|r| r.trim_start_matches('/').to_string())
            .unwrap_or_else(|| file.to_string())
    };
    let mut suppressed = 0;
    if !opts.no_suppressions {
        let mut sups = config;
        for v in &versions {
            for (file, text) in &v.pages {
                let (s, bad) = suppress::parse_inline(file, text);
                sups.extend(s);
                findings.extend(bad);
            }
        }
        findings.retain(|f| {
            let rel = relative(&f.file);
            match sups.iter_mut().find(|s| s.matches(f, &rel)) {
                Some(s) => {
                    s.used += 1;
                    suppressed += 1;
                    false
                }
                None => true,
            }
        });
        let linted: Vec<String> = versions
            .iter()
            .flat_map(|v| v.pages.keys().map(|k| relative(k)))
            .collect();
        findings.extend(rules::unused_suppression::check(&sups, &ran, &linted));
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.rule, &b.message))
    });
    findings.dedup();
    let findings = pr::gate(opts, findings)?;

    let summary = report::Summary::of(&findings, suppressed);
    let config_text = opts
        .config
        .clone()
        .or_else(|| Some(opts.docs.join("graphdoc-lint.toml")))
        .and_then(|p| std::fs::read_to_string(p).ok());
    let config_shown = config_path(opts).map(|p| display_path(&p));
    let source = |file: &str| -> Option<&str> {
        versions
            .iter()
            .find_map(|v| v.pages.get(file))
            .map(String::as_str)
            .or_else(|| {
                (config_shown.as_deref() == Some(file))
                    .then_some(())
                    .and(config_text.as_deref())
            })
    };
    let rendered = match opts.format {
        Format::Human => report::human(&findings, &summary, &source),
        Format::Json => report::json_lines(&findings),
        Format::Sarif => sarif::render(&findings),
        Format::Github => report::github(&findings),
    };
    let failing = summary.errors > 0 || (opts.deny_warnings && summary.warnings > 0);
    Ok(LintOutcome {
        rendered,
        exit_code: u8::from(failing),
        findings,
        suppressed,
    })
}

fn config_path(opts: &LintOptions) -> Option<PathBuf> {
    match &opts.config {
        Some(p) => Some(p.clone()),
        None => {
            let p = opts.docs.join("graphdoc-lint.toml");
            p.is_file().then_some(p)
        }
    }
}

fn read_config(opts: &LintOptions) -> Result<Vec<suppress::Suppression>, LintError> {
    if opts.no_suppressions {
        return Ok(Vec::new());
    }
    let Some(path) = config_path(opts) else {
        return Ok(Vec::new());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| LintError::Io(format!("cannot read {}: {e}", path.display())))?;
    suppress::parse_config(&text, &display_path(&path)).map_err(LintError::Usage)
}

pub const USAGE: &str = "usage: lint [--docs DIR] [--metadata FILE.csdl] [--format human|json|sarif|github] \
[--deny warnings] [--version v1.0|beta|all] [--config FILE] [--no-suppress] [--enable CODE,…] | --explain CODE | --list-rules";

/// What `cli` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Lint(LintOptions),
    Explain(String),
    ListRules,
}

/// Parses `lint` arguments (without the program and subcommand names).
/// `default_docs` is used when `--docs` is not given.
pub fn parse_args(args: &[String], default_docs: &Path) -> Result<Command, LintError> {
    let mut opts = LintOptions::new(default_docs);
    let mut it = args.iter();
    let usage = |m: String| LintError::Usage(format!("{m}\n{USAGE}"));
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| usage(format!("{name} needs a value")))
        };
        match flag {
            "--docs" => opts.docs = value("--docs")?.into(),
            "--metadata" => opts.metadata = Some(value("--metadata")?.into()),
            "--format" => opts.format = value("--format")?.parse().map_err(usage)?,
            "--deny" => match value("--deny")?.as_str() {
                "warnings" => opts.deny_warnings = true,
                other => return Err(usage(format!("--deny takes `warnings`, not `{other}`"))),
            },
            "--version" => opts.version = value("--version")?,
            "--config" => opts.config = Some(value("--config")?.into()),
            "--no-suppress" => opts.no_suppressions = true,
            "--enable" => {
                for code in value("--enable")?.split(',') {
                    match rules::rule(code.trim()) {
                        Some(r) => opts.enable.push(r.code.to_string()),
                        None => return Err(usage(format!("--enable: no rule `{code}`"))),
                    }
                }
            }
            "--explain" => return Ok(Command::Explain(value("--explain")?)),
            "--list-rules" => return Ok(Command::ListRules),
            other => return Err(usage(format!("unknown argument `{other}`"))),
        }
    }
    Ok(Command::Lint(opts))
}

/// The whole command: parse `args`, run, render. Returns what to print on
/// stdout (or stderr when the status is 2) and the exit status.
pub fn cli(args: &[String], default_docs: &Path) -> (String, u8) {
    let command = match parse_args(args, default_docs) {
        Ok(c) => c,
        Err(e) => return (format!("{e}\n"), 2),
    };
    match command {
        Command::Explain(code) => match explain(&code) {
            Some(text) => (text, 0),
            None => (
                format!("usage error: no rule `{code}`; --list-rules lists them\n"),
                2,
            ),
        },
        Command::ListRules => (list_rules(), 0),
        Command::Lint(opts) => match run(&opts) {
            Ok(o) => (o.rendered, o.exit_code),
            Err(e) => (format!("{e}\n"), 2),
        },
    }
}

/// One line per rule: code, name, default severity, summary.
pub fn list_rules() -> String {
    let mut out = String::new();
    for r in RULES {
        out.push_str(&format!(
            "{} {:<24} {:<7} {}\n",
            r.code, r.name, r.default_severity, r.summary
        ));
    }
    out
}

/// Severity helper for callers that filter findings.
pub fn counts_against(f: &Finding, deny_warnings: bool) -> bool {
    f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning)
}
