//! Lints for graphdoc docs trees, and graphdoc's findings machinery.
//!
//! [`run`] runs every check over a docs tree (one or both API versions) and
//! renders the findings (the command line is `graphdoc lint`, in
//! crates/graphdoc-cli).
//! The rules are in [`rules`], one module per rule holding its code,
//! explanation, check and tests; suppressions in [`suppress`].
//!
//! Every command's findings are [`graphdoc_schema::Finding`]s: [`registry`]
//! holds every code of graphdoc (GD, GS, GL) with its explanation, and
//! [`render`] prints findings in every format (human, JSON lines, SARIF,
//! GitHub annotations, markdown).
//!
//! [`drift`] compares what the docs say with what the service metadata
//! (CSDL) says, finding by finding and as scores; `run` includes its
//! findings as GL0013 when given `--metadata`.

pub mod baseline;
pub mod drift;
pub mod drift_command;
mod json;
pub mod l10n_command;
mod outline;
pub mod pages;
pub mod pr;
pub mod registry;
pub mod render;
mod representation;
pub mod rules;
mod samples;
pub mod samples_command;
pub mod suppress;
mod versions;

pub use registry::{explain, list as list_codes};
pub use render::{Format, RenderOptions};
pub use rules::{Finding, Rule, RULES};

use graphdoc_docs::{display_path, Loaded};
use graphdoc_schema::csdl;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The `lint` command's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintOptions {
    /// The docs root, holding `api-reference/<version>/`.
    pub docs: PathBuf,
    /// A CSDL file: adds GL0013 findings for the version it describes (v1.0
    /// when linted, else the one version linted).
    pub metadata: Option<PathBuf>,
    /// How to print the findings.
    pub format: Format,
    /// `v1.0`, `beta` or `all` (the versions present).
    pub version: String,
    /// Suppressions file; default `<docs>/graphdoc-lint.toml` when present.
    pub config: Option<PathBuf>,
    /// Ignore every suppression (config and inline).
    pub no_suppressions: bool,
    /// Rules off by default to run too (`GL0011`).
    pub enable: Vec<String>,
    /// The docs root's path inside its repository, for the links of the
    /// markdown, SARIF and GitHub outputs (`""`: the repository root).
    pub link_base: String,
    /// Markdown output: at most this many characters.
    pub max_chars: Option<usize>,
    /// Pull-request mode: report only findings that are not accepted (by
    /// the `--since` tree or a baseline file), and the deny level of the
    /// exit status (in every mode).
    pub pr: graphdoc_docs::gate::PrMode,
    /// The bounds pages are read within (the `--since` tree's too).
    pub limits: graphdoc_docs::Limits,
}

impl LintOptions {
    /// The defaults for linting `docs`: every version, human output, suppressions on.
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        LintOptions {
            docs: docs.into(),
            metadata: None,
            format: Format::Human,
            version: "all".into(),
            config: None,
            no_suppressions: false,
            enable: Vec::new(),
            link_base: String::new(),
            max_chars: None,
            pr: graphdoc_docs::gate::PrMode::default(),
            limits: graphdoc_docs::Limits::default(),
        }
    }
}

/// What a lint run found, rendered, and the exit status.
#[derive(Debug, Clone)]
pub struct LintOutcome {
    /// The findings as `format` prints them.
    pub rendered: String,
    /// 0 clean, 1 findings at or above the deny level.
    pub exit_code: u8,
    /// The findings left after suppression, sorted, their paths relative
    /// to the docs root.
    pub findings: Vec<Finding>,
    /// How many findings suppressions removed.
    pub suppressed: usize,
}

/// Usage and I/O errors: exit status 2.
#[derive(Debug)]
pub enum LintError {
    /// Arguments that do not fit together, or name what is not there.
    Usage(String),
    /// A file that cannot be read or written.
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

/// One version's pages as read and decoded, before anything parses them.
struct Read {
    name: String,
    tree: graphdoc_docs::Tree,
    texts: Vec<graphdoc_docs::PageText>,
}

fn read_version(
    root: &Path,
    version: &str,
    limits: &graphdoc_docs::Limits,
) -> Result<Read, LintError> {
    let tree = graphdoc_docs::read_sorted(root, version, limits)
        .map_err(|e| LintError::Io(e.to_string()))?;
    let texts = tree
        .pages
        .par_iter()
        .map(graphdoc_docs::PageText::of)
        .collect();
    Ok(Read {
        name: version.to_string(),
        tree,
        texts,
    })
}

/// One linted version: its schema, diagnostics, page texts and blocks.
struct Version<'a> {
    name: String,
    loaded: Loaded,
    pages: pages::Pages,
    parsed: pages::Parsed<'a>,
    dir: String,
    existing: FxHashSet<String>,
}

/// The front-end's reading of a version, from the blocks the rules read
/// too: each page is split into blocks once.
fn load_version<'a>(root: &Path, read: &'a Read, limits: &graphdoc_docs::Limits) -> Version<'a> {
    let version = read.name.as_str();
    let blocks: Vec<_> = read.texts.par_iter().map(|t| t.blocks()).collect();
    let loaded = graphdoc_docs::load_split(limits, root, version, &read.tree, &read.texts, &blocks);
    // Pages that could not be read are already front-end diagnostics.
    let pages: pages::Pages = read
        .tree
        .pages
        .iter()
        .zip(&read.texts)
        .map(|(p, t)| (p.path.clone(), t.text.clone()))
        .collect();
    let parsed: pages::Parsed<'a> = read
        .tree
        .pages
        .iter()
        .map(|p| p.path.as_str())
        .zip(blocks)
        .collect();
    // Every page the tree has, read or not: a link to one is not broken.
    let existing = read
        .tree
        .listed
        .iter()
        .map(|p| p.to_ascii_lowercase())
        .collect();
    // Pages are shown relative to the root, and so is their folder.
    let base = Path::new("api-reference").join(version);
    Version {
        name: version.to_string(),
        loaded,
        pages,
        parsed,
        dir: display_path(&base),
        existing,
    }
}

/// The findings of one version's rules; a rule that is off (`ran` does not
/// hold it) and costs time is not run.
fn version_findings(v: &Version, ran: &HashSet<&str>) -> Vec<Finding> {
    let schema = &v.loaded.schema;
    let parsed = &v.parsed;
    let samples = samples::check(schema, parsed);
    let mut out = rules::frontend_diagnostic::check(&v.loaded.diagnostics);
    out.extend(rules::missing_in_json::check(schema, &v.pages, parsed));
    out.extend(rules::json_type_mismatch::check(&samples, &v.pages));
    out.extend(rules::possible_values_mismatch::check(schema, &v.pages));
    out.extend(rules::broken_link::check(&v.pages, &v.dir, &v.existing));
    out.extend(rules::undefined_type::check(
        schema, &v.pages, parsed, &v.dir,
    ));
    out.extend(rules::duplicate_description::check(schema, &v.pages));
    out.extend(rules::repeated_sentence::check(schema, &v.pages));
    out.extend(rules::placeholder_text::check(&v.pages, parsed));
    out.extend(rules::enum_sample_value::check(&samples, &v.pages));
    let outlines = outline::outlines(parsed);
    if ran.contains(rules::NOT_ALPHABETICAL) {
        out.extend(rules::not_alphabetical::check(schema, &v.pages, &outlines));
    }
    out.extend(rules::split_table::check(schema, &outlines));
    out.extend(rules::missing_section::check(schema, &v.pages, &outlines));
    out
}

/// Runs every check and renders the findings. Errors are usage or I/O
/// problems (exit 2); findings are never errors of this function.
pub fn run(opts: &LintOptions) -> Result<LintOutcome, LintError> {
    let names = graphdoc_docs::locate::select_versions(&opts.docs, &opts.version)
        .map_err(|e| LintError::Usage(e.to_string()))?;
    let config = read_config(opts)?;
    // The versions are read, loaded and checked side by side: one
    // version's serial steps (resolving names) overlap with the other's
    // parallel ones. Results keep the order of `names`, and so does the
    // first error.
    let read: Vec<Result<Read, LintError>> = names
        .par_iter()
        .map(|v| read_version(&opts.docs, v, &opts.limits))
        .collect();
    let read: Vec<Read> = read.into_iter().collect::<Result<_, _>>()?;
    let versions: Vec<Version> = read
        .par_iter()
        .map(|r| load_version(&opts.docs, r, &opts.limits))
        .collect();

    let enabled = |code: &str| {
        rules::rule(code).is_some_and(|r| r.enabled)
            || opts
                .enable
                .iter()
                .any(|e| rules::rule(e).is_some_and(|r| r.code == code))
    };
    let mut ran: HashSet<&str> = rules::RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| enabled(c))
        .collect();
    let mut findings: Vec<Finding> = versions
        .par_iter()
        .flat_map_iter(|v| version_findings(v, &ran))
        .collect();
    if let Err(config_outside) = config_path(opts) {
        findings.extend(rules::frontend_diagnostic::check(&[*config_outside]));
    }
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
            let docs = v1.unwrap_or(&versions[0]);
            let meta = read_metadata(path)?;
            let drift = drift::compare(&docs.loaded.schema, &meta);
            findings.extend(rules::metadata_drift::check(&drift));
            match (v1, beta) {
                (Some(a), Some(b)) => {
                    let (v1, beta) = (&a.loaded.schema, &b.loaded.schema);
                    findings.extend(rules::beta_only_in_v1::check(v1, &meta, beta));
                }
                _ => {
                    ran.remove(rules::BETA_ONLY_IN_V1);
                }
            }
        }
        None => {
            ran.remove(rules::METADATA_DRIFT);
            ran.remove(rules::BETA_ONLY_IN_V1);
        }
    }
    findings.retain(|f| ran.contains(rules::rule_of(&f.code)));

    let root = Root::new(&opts.docs);
    let mut suppressed = 0;
    if !opts.no_suppressions {
        suppressed = apply_suppressions(&mut findings, config, &versions, &ran, &root);
    }
    for f in &mut findings {
        root.relativize(f);
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.code, &b.message))
            .then_with(|| a.cmp(b))
    });
    findings.dedup();
    let findings = pr::gate(opts, findings)?;

    let rendered = render_lint(opts, &findings, suppressed, &versions, &root);
    // The blocks borrow the texts and are freed here; the schemas, pages
    // and texts (hundreds of thousands of small allocations) on another
    // thread, which the caller need not wait for.
    let owned: Vec<_> = versions
        .into_iter()
        .map(|v| (v.loaded, v.pages, v.existing))
        .collect();
    graphdoc_docs::free_in_background((owned, read));
    let failing = opts.pr.fails(findings.iter().map(|f| f.severity));
    Ok(LintOutcome {
        rendered,
        exit_code: u8::from(failing),
        findings,
        suppressed,
    })
}

/// The metadata at `path` (for GL0013 and GL0018).
fn read_metadata(path: &Path) -> Result<graphdoc_schema::Schema, LintError> {
    let xml = std::fs::read_to_string(path)
        .map_err(|e| LintError::Io(format!("cannot read {}: {e}", path.display())))?;
    csdl::read(&xml, &display_path(path))
        .map_err(|e| LintError::Io(format!("cannot read metadata: {e}")))
}

/// Drops the findings a suppression covers, adds GL0014 for suppressions
/// that covered none and GL0015 for unreadable inline ones; returns how
/// many findings were suppressed.
fn apply_suppressions(
    findings: &mut Vec<Finding>,
    mut sups: Vec<suppress::Suppression>,
    versions: &[Version],
    ran: &HashSet<&str>,
    root: &Root,
) -> usize {
    for v in versions {
        for (file, text) in &v.pages {
            let (s, bad) = suppress::parse_inline(file, text);
            sups.extend(s);
            findings.extend(bad);
        }
    }
    let suppressed = suppress::apply(findings, &mut sups, |f| root.relative(f));
    let linted: Vec<String> = versions
        .iter()
        .flat_map(|v| v.pages.keys().map(|k| root.relative(k)))
        .collect();
    findings.extend(rules::unused_suppression::check(&sups, ran, &linted));
    suppressed
}

/// The docs root as findings show it, to make their paths relative: what
/// every command does to its findings before rendering them.
pub struct Root {
    shown: String,
}

impl Root {
    /// The root as `docs` is shown in messages.
    pub fn new(docs: &Path) -> Self {
        Root {
            shown: display_path(docs).trim_end_matches('/').to_string(),
        }
    }

    /// `file` relative to the docs root; a file outside it (a `--config`
    /// elsewhere) by its name only, so that no output names a path of the
    /// machine.
    pub fn relative(&self, file: &str) -> String {
        match file.strip_prefix(&self.shown) {
            Some(rest) if rest.starts_with('/') || self.shown.is_empty() => {
                rest.trim_start_matches('/').to_string()
            }
            _ if graphdoc_docs::gate::leaves_root(file) => {
                file.rsplit(['/', '\\']).next().unwrap_or(file).to_string()
            }
            _ => file.to_string(),
        }
    }

    /// The finding's file, message and notes with paths under the root
    /// made relative to it.
    pub fn relativize(&self, f: &mut Finding) {
        f.file = self.relative(&f.file);
        f.message = self.strip_in_text(&f.message);
        for n in &mut f.notes {
            *n = self.strip_in_text(n);
        }
    }

    /// `text` without the root's path (and its `/`) where a path starts:
    /// at the start or after a space, backtick, quote or parenthesis.
    fn strip_in_text(&self, text: &str) -> String {
        if self.shown.is_empty() {
            return text.to_string();
        }
        let prefix = format!("{}/", self.shown);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find(&prefix) {
            let starts_path = rest[..i]
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, ' ' | '`' | '"' | '\'' | '(' | '['))
                && (i > 0 || out.is_empty() || !out.ends_with(['.', '/']));
            out.push_str(&rest[..i]);
            if !starts_path {
                out.push_str(&prefix);
            }
            rest = &rest[i + prefix.len()..];
        }
        out.push_str(rest);
        out
    }
}

/// Renders the findings of a lint run; the human format gets the page
/// lines and the counts.
fn render_lint(
    opts: &LintOptions,
    findings: &[Finding],
    suppressed: usize,
    versions: &[Version],
    root: &Root,
) -> String {
    let counts = render::Counts::of(findings);
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *per_rule.entry(rules::rule_of(&f.code)).or_default() += 1;
    }
    let parts: Vec<String> = per_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
    let mut summary = format!("graphdoc-lint: {counts}, {} suppressed", suppressed);
    if !parts.is_empty() {
        summary.push_str(&format!(" ({})", parts.join(", ")));
    }
    // Files not in the docs tree get no links: the metadata (a docs
    // repository holds none), and a `--config` outside the docs root.
    let mut outside_docs: Vec<String> = opts
        .metadata
        .iter()
        .map(|m| root.relative(&display_path(m)))
        .collect();
    if let Some(config) = &opts.config {
        let inside = match (config.canonicalize(), opts.docs.canonicalize()) {
            (Ok(config), Ok(docs)) => config.starts_with(docs),
            _ => false,
        };
        if !inside {
            outside_docs.push(root.relative(&display_path(config)));
        }
    }
    let render_opts = RenderOptions {
        tool: "graphdoc-lint".into(),
        link_base: opts.link_base.clone(),
        max_chars: opts.max_chars,
        summary: Some(summary),
        outside_docs,
    };
    // The suppressions file's and the metadata's lines are shown under
    // their findings too.
    let other_texts: Vec<(String, String)> = config_path(opts)
        .ok()
        .flatten()
        .into_iter()
        .chain(opts.metadata.clone())
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((root.relative(&display_path(&p)), text))
        })
        .collect();
    let texts: HashMap<String, &str> = versions
        .iter()
        .flat_map(|v| v.pages.iter())
        .map(|(file, text)| (root.relative(file), text.as_str()))
        .chain(other_texts.iter().map(|(f, t)| (f.clone(), t.as_str())))
        .collect();
    let source = |f: &Finding| texts.get(&f.file).copied();
    render::render(findings, opts.format, &render_opts, &source)
}

/// The suppressions file: `--config`, else the docs tree's own
/// `graphdoc-lint.toml` if it has one inside the docs root (one that is a
/// link out of the tree is a finding, and is not read: its text could be
/// quoted).
fn config_path(opts: &LintOptions) -> Result<Option<PathBuf>, Box<graphdoc_schema::Diagnostic>> {
    match &opts.config {
        Some(p) => Ok(Some(p.clone())),
        None => graphdoc_docs::tree::file_in_tree(&opts.docs, Path::new("graphdoc-lint.toml")),
    }
}

fn read_config(opts: &LintOptions) -> Result<Vec<suppress::Suppression>, LintError> {
    if opts.no_suppressions {
        return Ok(Vec::new());
    }
    // A config that leaves the tree is reported by `run`.
    let Ok(Some(path)) = config_path(opts) else {
        return Ok(Vec::new());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| LintError::Io(format!("cannot read {}: {e}", path.display())))?;
    suppress::parse_config(&text, &display_path(&path)).map_err(LintError::Usage)
}

/// One line per rule: code, name, default severity, summary.
pub fn list_rules() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in RULES {
        let when = if !r.enabled {
            " (off by default: --enable)"
        } else if [rules::METADATA_DRIFT, rules::BETA_ONLY_IN_V1].contains(&r.code) {
            " (with --metadata)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{} {:<width$} {:<7} {}{when}\n",
            r.code,
            r.name,
            r.default_severity.to_string(),
            r.summary
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_list_is_aligned_and_says_which_rules_need_a_flag() {
        let list = list_rules();
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), RULES.len());
        // The severity column starts at the same place on every line.
        let severity_at = |line: &str| {
            ["warning", "error", "note"]
                .iter()
                .filter_map(|s| line.find(&format!(" {s} ")))
                .min()
                .unwrap()
        };
        let first = severity_at(lines[0]);
        assert!(lines.iter().all(|l| severity_at(l) == first), "{list}");
        let line_of = |code: &str| *lines.iter().find(|l| l.starts_with(code)).unwrap();
        for off in ["GL0011", "GL0012", "GL0017"] {
            assert!(
                line_of(off).ends_with("(off by default: --enable)"),
                "{list}"
            );
        }
        for metadata in ["GL0013", "GL0018"] {
            assert!(line_of(metadata).ends_with("(with --metadata)"), "{list}");
        }
        assert!(!line_of("GL0002").contains("(off"), "{list}");
    }

    #[test]
    fn paths_become_relative_to_the_docs_root() {
        let root = Root::new(Path::new("../shared/docs/"));
        assert_eq!(
            root.relative("../shared/docs/api-reference/x.md"),
            "api-reference/x.md"
        );
        assert_eq!(
            root.relative("/etc/graphdoc-lint.toml"),
            "graphdoc-lint.toml"
        );
        assert_eq!(root.relative("../other/c.toml"), "c.toml");
        assert_eq!(root.relative("graphdoc-lint.toml"), "graphdoc-lint.toml");
        // A page of the tree whose name holds a `:` keeps its folders.
        assert_eq!(
            root.relative("api-reference/v1.0/resources/a:b.md"),
            "api-reference/v1.0/resources/a:b.md"
        );
        let mut f = rules::broken_link::RULE
            .finding("../shared/docs/a/b.md", 1, "link `../shared/docs/a/c.md`")
            .note("resolved to ../shared/docs/a/c.md (see ../../shared/docs/a/c.md)");
        root.relativize(&mut f);
        assert_eq!(f.file, "a/b.md");
        assert_eq!(f.message, "link `a/c.md`");
        assert_eq!(
            f.notes,
            ["resolved to a/c.md (see ../../shared/docs/a/c.md)"]
        );
    }

    #[test]
    fn an_absolute_root_leaves_no_trace() {
        let root = Root::new(Path::new("/home/ci/docs"));
        let mut f = rules::broken_link::RULE
            .finding("/home/ci/docs/api-reference/v1.0/api/a.md", 3, "m")
            .note("resolved to /home/ci/docs/api-reference/v1.0/resources/b.md");
        root.relativize(&mut f);
        assert_eq!(f.file, "api-reference/v1.0/api/a.md");
        assert_eq!(f.notes, ["resolved to api-reference/v1.0/resources/b.md"]);
    }
}
