//! `cargo xtask …`: argument parsing, then one library call per command.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "graphdoc: Microsoft Graph docs → schema, diff, Rust models, lint"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Read a docs tree and write its intermediate schema.
    Schema {
        /// Docs tree laid out like the public docs repo (api-reference/<version>/…).
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        #[arg(long, default_value = "v1.0")]
        version: String,
        #[arg(long, value_enum, default_value_t = SchemaFormat::Json)]
        format: SchemaFormat,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Compare the docs' schema with the service's CSDL metadata.
    Drift {
        #[arg(long)]
        metadata: PathBuf,
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        #[arg(long, default_value = "v1.0")]
        version: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Write the Rust model crate generated from a docs tree.
    Regenerate {
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write nothing; fail with a diff when the output is stale.
        #[arg(long)]
        check: bool,
        /// Where the enums find their derive: vendored into the output (default), or
        /// `path=<dir>` (relative to the output) or `version=<requirement>` (crates.io).
        #[arg(long, value_parser = parse_derive_dep)]
        derive_dep: Option<graphdoc_codegen::Dependency>,
        /// The version of the generated crates (default: 0.YYYYMMDD.0 from the docs
        /// commit's date, when the docs say which commit they are; else 0.1.0).
        #[arg(long)]
        model_version: Option<String>,
        /// The `repository` field of the generated manifests.
        #[arg(long)]
        repository: Option<String>,
    },
    /// Generate the model crate from a whole docs tree into a standalone workspace, build it,
    /// lint it, document it (warnings denied), and round-trip every JSON sample through it.
    ModelCheck {
        #[arg(long, default_value = "../shared/graph-docs")]
        docs: PathBuf,
        /// The model workspace; its build goes to <out>/target. Default: graphdoc-full-model in
        /// the temporary directory, outside the repository, as a user's would be.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Cold builds of a consumer crate of the model as its README says (v1.0, v1.0+beta; with
    /// and without the README's profile snippet) under `/usr/bin/time -v`, and the release
    /// size of a program that reads one User, against the budget.
    BenchModel {
        #[arg(long, default_value = "../shared/graph-docs")]
        docs: PathBuf,
        /// Default: graphdoc-bench-model in the temporary directory.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Criterion benchmark of the v1.0 model against serde derive and `Value` (a page of 1,000
    /// users), and the stripped size of a program that reads one `User`.
    BenchSerde {
        #[arg(long, default_value = "../shared/graph-docs")]
        docs: PathBuf,
        #[arg(long, default_value = "target/bench-serde")]
        out: PathBuf,
    },
    /// Compare two schemas: two versions of one tree, two trees, or two schema JSON files.
    Diff {
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        #[arg(long, default_value = "v1.0")]
        from: String,
        #[arg(long, default_value = "beta")]
        to: String,
        /// Read the `from` side from this docs tree (with --from as its version).
        #[arg(long)]
        from_docs: Option<PathBuf>,
        /// Read the `to` side from this docs tree (with --to as its version).
        #[arg(long)]
        to_docs: Option<PathBuf>,
        /// Read the `from` side from a schema JSON file (`cargo xtask schema` output).
        #[arg(long, conflicts_with = "from_docs")]
        from_schema: Option<PathBuf>,
        #[arg(long, conflicts_with = "to_docs")]
        to_schema: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Also report changed descriptions.
        #[arg(long)]
        descriptions: bool,
        /// Exit 1 when changes of this class are found.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// With `--format markdown`: stay within this many characters (GitHub
        /// refuses comments over 65,536), noting how many changes were left out.
        #[arg(long)]
        max_chars: Option<usize>,
    },
    /// Check every JSON sample of a docs tree against the schema.
    Samples {
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        /// v1.0, beta or all.
        #[arg(long, default_value = "all")]
        version: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Run the doc lints.
    Lint {
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        #[arg(long)]
        metadata: Option<PathBuf>,
        /// human, json, sarif or github.
        #[arg(long, default_value = "human")]
        format: String,
        /// `--deny warnings`: warnings fail the run too.
        #[arg(long, value_parser = ["warnings"])]
        deny: Option<String>,
        /// v1.0, beta or all.
        #[arg(long, default_value = "all")]
        version: String,
        /// Suppressions file (default: <docs>/graphdoc-lint.toml).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Ignore all suppressions.
        #[arg(long)]
        no_suppressions: bool,
        /// Print the explanation of a rule and exit.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// Translation drift of a localised docs tree against its English source, page by page.
    L10n {
        /// The English tree (the folder holding api-reference/).
        #[arg(long, default_value = "docs-src")]
        docs: PathBuf,
        /// The localised tree, laid out like the English one.
        #[arg(long, required_unless_present = "explain")]
        localized: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = L10nFormat::Human)]
        format: L10nFormat,
        /// Judge staleness by content only, even when the English tree has a git history.
        #[arg(long)]
        no_history: bool,
        /// Print the explanation of a finding code (GT007) and exit.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Breaking,
    Any,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Json,
    Csdl,
}

#[derive(Clone, Copy, ValueEnum)]
enum L10nFormat {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.cmd) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: Cmd) -> Result<ExitCode, String> {
    match cmd {
        Cmd::Schema {
            docs,
            version,
            format,
            out,
        } => {
            let loaded = load(&docs, &version)?;
            let text = match format {
                SchemaFormat::Json => loaded.schema.to_json(),
                SchemaFormat::Csdl => graphdoc_schema::csdl::write(&loaded.schema),
            };
            emit(out.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Drift {
            metadata,
            docs,
            version,
            format,
        } => {
            let loaded = load(&docs, &version)?;
            let xml = std::fs::read_to_string(&metadata)
                .map_err(|e| format!("cannot read {}: {e}", metadata.display()))?;
            let meta = graphdoc_schema::csdl::read(&xml, &graphdoc_docs::display_path(&metadata))
                .map_err(|e| e.to_string())?;
            let report = graphdoc_lint::drift::compare(&loaded.schema, &meta);
            let text = match format {
                ReportFormat::Human => report.to_human(),
                ReportFormat::Json => report.to_json(),
            };
            emit(None, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Regenerate {
            docs,
            out,
            check,
            derive_dep,
            model_version,
            repository,
        } => {
            let revision = graphdoc_codegen::DocsRevision::detect(&docs);
            let options = graphdoc_codegen::Options {
                version: model_version
                    .or_else(|| revision.as_ref().map(|r| r.crate_version()))
                    .unwrap_or_else(|| graphdoc_codegen::Options::default().version),
                docs_revision: revision,
                repository,
                enum_derive: derive_dep.unwrap_or(graphdoc_codegen::Dependency::Vendored),
                standalone_workspace: !graphdoc_codegen::inside_a_workspace(&out),
                ..graphdoc_codegen::Options::default()
            };
            regenerate(&docs, &out, check, options)
        }
        Cmd::BenchModel { docs, out } => {
            let outcome =
                graphdoc_modelcheck::bench::run(&graphdoc_modelcheck::bench::BenchOptions {
                    docs,
                    out: out.unwrap_or_else(|| std::env::temp_dir().join("graphdoc-bench-model")),
                })
                .map_err(|e| e.to_string())?;
            emit(None, &outcome.rendered)?;
            Ok(ExitCode::from(outcome.exit_code))
        }
        Cmd::BenchSerde { docs, out } => {
            let rendered = graphdoc_modelcheck::serde_bench::run(
                &graphdoc_modelcheck::serde_bench::SerdeBenchOptions { docs, out },
            )
            .map_err(|e| e.to_string())?;
            emit(None, &rendered)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::ModelCheck { docs, out } => {
            let out = out.unwrap_or_else(|| std::env::temp_dir().join("graphdoc-full-model"));
            let outcome = graphdoc_modelcheck::run(&graphdoc_modelcheck::Options { docs, out })
                .map_err(|e| e.to_string())?;
            emit(None, &outcome.rendered)?;
            Ok(ExitCode::from(outcome.exit_code))
        }
        Cmd::Diff {
            docs,
            from,
            to,
            from_docs,
            to_docs,
            from_schema,
            to_schema,
            format,
            descriptions,
            fail_on,
            max_chars,
        } => {
            let two_trees = from_docs.is_some() || to_docs.is_some();
            let from_tree = from_docs.as_deref().unwrap_or(&docs);
            let to_tree = to_docs.as_deref().unwrap_or(&docs);
            let from_side = side(from_schema.as_deref(), from_tree, &from)?;
            let to_side = side(to_schema.as_deref(), to_tree, &to)?;
            let options = graphdoc_diff::DiffOptions {
                include_descriptions: descriptions,
                from_label: side_label(from_schema.as_deref(), two_trees, from_tree, &from),
                to_label: side_label(to_schema.as_deref(), two_trees, to_tree, &to),
            };
            let diff = graphdoc_diff::diff(&from_side, &to_side, &options);
            let text = match format {
                DiffFormat::Human => diff.to_text(
                    std::io::IsTerminal::is_terminal(&std::io::stdout())
                        && std::env::var_os("NO_COLOR").is_none(),
                ),
                DiffFormat::Markdown => match max_chars {
                    Some(limit) => diff.to_markdown_within(limit),
                    None => diff.to_markdown(),
                },
                DiffFormat::Json => diff.to_json(),
            };
            emit(None, &text)?;
            let failed = match fail_on {
                Some(FailOn::Breaking) => diff.has_breaking(),
                Some(FailOn::Any) => !diff.is_empty(),
                None => false,
            };
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::Samples {
            docs,
            version,
            format,
        } => {
            let format = match format {
                ReportFormat::Human => graphdoc_samples::Format::Human,
                ReportFormat::Json => graphdoc_samples::Format::Json,
            };
            let outcome = graphdoc_samples::run(&docs, &[version.as_str()], format)
                .map_err(|e| e.to_string())?;
            emit(None, &outcome.rendered)?;
            Ok(ExitCode::from(outcome.exit_code.clamp(0, 255) as u8))
        }
        Cmd::Lint {
            docs,
            metadata,
            format,
            deny,
            version,
            config,
            no_suppressions,
            explain,
        } => {
            if let Some(code) = explain {
                let text =
                    graphdoc_lint::explain(&code).ok_or_else(|| format!("no rule `{code}`"))?;
                emit(None, &format!("{text}\n"))?;
                return Ok(ExitCode::SUCCESS);
            }
            let options = graphdoc_lint::LintOptions {
                metadata,
                format: format.parse()?,
                deny_warnings: deny.is_some(),
                version,
                config,
                no_suppressions,
                ..graphdoc_lint::LintOptions::new(docs)
            };
            let outcome = graphdoc_lint::run(&options).map_err(|e| e.to_string())?;
            emit(None, &outcome.rendered)?;
            Ok(ExitCode::from(outcome.exit_code))
        }
        Cmd::L10n {
            docs,
            localized,
            format,
            no_history,
            explain,
        } => {
            if let Some(code) = explain {
                let text =
                    graphdoc_l10n::explain(&code).ok_or_else(|| format!("no finding `{code}`"))?;
                emit(None, &format!("{text}\n"))?;
                return Ok(ExitCode::SUCCESS);
            }
            let localized = localized.ok_or("--localized is required")?;
            let history = if no_history {
                graphdoc_l10n::History::Off
            } else {
                graphdoc_l10n::History::Auto
            };
            let report =
                graphdoc_l10n::run(&docs, &localized, history).map_err(|e| e.to_string())?;
            let text = match format {
                L10nFormat::Human => report.render_human(),
                L10nFormat::Json => report.render_json(),
                L10nFormat::Github => report.render_github(),
            };
            emit(None, &text)?;
            Ok(ExitCode::from(u8::from(!report.findings.is_empty())))
        }
    }
}

/// The versions a docs tree holds, in `VERSIONS` order.
fn versions_in(docs: &Path) -> Vec<&'static str> {
    graphdoc_docs::VERSIONS
        .into_iter()
        .filter(|v| graphdoc_docs::has_version(docs, v))
        .collect()
}

fn parse_derive_dep(text: &str) -> Result<graphdoc_codegen::Dependency, String> {
    match text.split_once('=') {
        Some(("path", p)) if !p.is_empty() => Ok(graphdoc_codegen::Dependency::Path(p.into())),
        Some(("version", v)) if !v.is_empty() => {
            Ok(graphdoc_codegen::Dependency::Version(v.into()))
        }
        _ => Err("expected path=<dir> or version=<requirement>".into()),
    }
}

fn regenerate(
    docs: &Path,
    out: &Path,
    check: bool,
    options: graphdoc_codegen::Options,
) -> Result<ExitCode, String> {
    let versions = versions_in(docs);
    if versions.is_empty() {
        return Err(format!(
            "no docs at {}: expected api-reference/v1.0 or api-reference/beta",
            docs.display()
        ));
    }
    let all = graphdoc_docs::load_versions(docs, &versions).map_err(|e| e.to_string())?;
    let schemas = versions
        .iter()
        .zip(all)
        .map(|(v, loaded)| {
            print_warnings(&loaded);
            // A model without the types of unreadable pages would silently
            // delete them from the output: keep the previous one instead.
            let unreadable = loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == graphdoc_docs::codes::UNREADABLE)
                .count();
            if unreadable > 0 {
                return Err(format!(
                    "{unreadable} page(s) of {} ({v}) cannot be read (see above); {} is left as it was",
                    docs.display(),
                    out.display()
                ));
            }
            // Pages not read on purpose (out of the tree, over a limit) are
            // findings, not I/O errors: exit 1, and the same care.
            let not_read = loaded
                .diagnostics
                .iter()
                .filter(|d| graphdoc_docs::tree::codes::NOT_READ.contains(&d.code.as_str()))
                .count();
            Ok((not_read, loaded.schema))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let not_read: usize = schemas.iter().map(|(n, _)| n).sum();
    if not_read > 0 {
        eprintln!(
            "{not_read} page(s) of {} were not read (see above); {} is left as it was",
            docs.display(),
            out.display()
        );
        return Ok(ExitCode::from(1));
    }
    let schemas: Vec<_> = schemas.into_iter().map(|(_, s)| s).collect();
    let generated = graphdoc_codegen::generate(&schemas, &options);
    for d in &generated.diagnostics {
        eprintln!("{d}");
    }
    if check {
        return match graphdoc_codegen::check(out, &generated) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(stale) => {
                eprintln!("{stale}");
                eprintln!("{} is stale: run `cargo xtask regenerate`", out.display());
                Ok(ExitCode::from(1))
            }
        };
    }
    let report = graphdoc_codegen::write(out, &generated)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "{}: {} files written, {} unchanged, {} removed",
        out.display(),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn side(
    schema_file: Option<&Path>,
    docs: &Path,
    version: &str,
) -> Result<graphdoc_schema::Schema, String> {
    match schema_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            graphdoc_schema::Schema::from_json(&text)
                .map_err(|e| format!("{}: not a schema: {e}", path.display()))
        }
        None => {
            // A diff is about the API, not the pages: one line per side
            // instead of every diagnostic (`cargo xtask schema` lists them).
            let loaded = graphdoc_docs::load(docs, version).map_err(|e| e.to_string())?;
            let warnings = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity >= graphdoc_schema::Severity::Warning)
                .count();
            if warnings > 0 {
                eprintln!(
                    "note: {} ({version}) read with {warnings} warnings; `cargo xtask schema --docs {} --version {version}` lists them",
                    docs.display(),
                    docs.display()
                );
            }
            Ok(loaded.schema)
        }
    }
}

/// What to call one side of a diff when its version alone would be
/// ambiguous (two trees of the same version, or a saved schema).
fn side_label(
    schema_file: Option<&Path>,
    two_trees: bool,
    tree: &Path,
    version: &str,
) -> Option<String> {
    match schema_file {
        Some(file) => Some(file.display().to_string()),
        None if two_trees => Some(format!("{} ({version})", tree.display())),
        None => None,
    }
}

/// Loads a docs tree, printing its diagnostics to standard error.
fn load(docs: &Path, version: &str) -> Result<graphdoc_docs::Loaded, String> {
    let loaded = graphdoc_docs::load(docs, version).map_err(|e| e.to_string())?;
    print_warnings(&loaded);
    Ok(loaded)
}

fn print_warnings(loaded: &graphdoc_docs::Loaded) {
    for d in &loaded.diagnostics {
        if d.severity >= graphdoc_schema::Severity::Warning {
            eprintln!("{d}");
        }
    }
}

fn emit(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| e.to_string())
        }
        Some(path) => write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
    }
}

/// Writes through a temporary file in the same directory, then renames.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("out"),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
