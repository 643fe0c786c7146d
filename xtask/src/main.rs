//! `cargo xtask …`: argument parsing, then one library call per command.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "graphdoc: Microsoft Graph docs → schema, diff, Rust models, lint")]
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
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Json,
    Csdl,
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
        Cmd::Schema { docs, version, format, out } => {
            let loaded = load(&docs, &version)?;
            let text = match format {
                SchemaFormat::Json => loaded.schema.to_json(),
                SchemaFormat::Csdl => graphdoc_schema::csdl::write(&loaded.schema),
            };
            emit(out.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Drift { metadata, docs, version, format } => {
            let loaded = load(&docs, &version)?;
            let xml = std::fs::read_to_string(&metadata).map_err(|e| format!("cannot read {}: {e}", metadata.display()))?;
            let meta = graphdoc_schema::csdl::read(&xml, &graphdoc_docs::display_path(&metadata)).map_err(|e| e.to_string())?;
            let report = graphdoc_lint::drift::compare(&loaded.schema, &meta);
            let text = match format {
                ReportFormat::Human => report.to_human(),
                ReportFormat::Json => report.to_json(),
            };
            emit(None, &text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Loads a docs tree, printing its diagnostics to standard error.
fn load(docs: &Path, version: &str) -> Result<graphdoc_docs::Loaded, String> {
    let loaded = graphdoc_docs::load(docs, version).map_err(|e| e.to_string())?;
    for d in &loaded.diagnostics {
        if d.severity >= graphdoc_schema::Severity::Warning {
            eprintln!("{d}");
        }
    }
    Ok(loaded)
}

fn emit(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes()).map_err(|e| e.to_string())
        }
        Some(path) => write_atomically(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display())),
    }
}

/// Writes through a temporary file in the same directory, then renames.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".{}.tmp{}", path.file_name().and_then(|n| n.to_str()).unwrap_or("out"), std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
