//! `graphdoc`: argument parsing, then one library call per command. What a
//! command does, and every message about the docs it reads, lives in the
//! libraries (graphdoc-docs, -lint, -samples, -diff, -codegen).

// The arguments' doc comments are clap's --help text, read in a terminal:
// URLs and `<sha>` placeholders are written as the user types them.
#![allow(rustdoc::bare_urls, rustdoc::invalid_html_tags)]

mod args;
mod limits;
#[cfg(test)]
mod tests;

use args::{Cli, Command, DocsArg};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            to_stderr(&format!("error: {message}"));
            ExitCode::from(2)
        }
    }
}

/// Runs one command: the exit status, or the message of a usage or I/O
/// error (exit status 2).
fn run(command: Command) -> Result<u8, String> {
    let mut report = |line: &str| to_stderr(line);
    match command {
        Command::Schema(a) => {
            let format = match a.format {
                args::SchemaFormat::Json => graphdoc_docs::export::SchemaFormat::Json,
                args::SchemaFormat::Csdl => graphdoc_docs::export::SchemaFormat::Csdl,
            };
            let limits = a.docs.limits.limits();
            let docs = docs(&a.docs)?;
            let deny = a.deny.severity();
            let exported = graphdoc_docs::export::export(
                &docs,
                &a.version,
                &limits,
                format,
                deny,
                &mut report,
            )
            .map_err(|e| e.to_string())?;
            match exported {
                Some(text) => {
                    emit(a.out.as_deref(), &text)?;
                    Ok(0)
                }
                None => Ok(1),
            }
        }
        Command::Drift(a) => {
            let options = graphdoc_lint::drift_command::DriftOptions {
                docs: docs(&a.docs)?,
                version: a.version,
                metadata: a.metadata,
                format: a.format.format(),
                link_base: a.format.link_base(a.link_base)?,
                max_chars: a.format.max_chars(a.max_chars)?,
                pr: a.pr.mode(a.deny),
                limits: a.docs.limits.limits(),
            };
            let outcome = graphdoc_lint::drift_command::run(&options, &mut report)?;
            emit(None, &outcome.rendered)?;
            Ok(outcome.exit_code)
        }
        Command::Diff(a) => diff(a, &mut report),
        Command::Lint(a) => lint(a),
        Command::Samples(a) => {
            use graphdoc_lint::samples_command::{SamplesFormat, SamplesOptions};
            let findings = |format| SamplesFormat::Findings(format);
            let options = SamplesOptions {
                docs: docs(&a.docs)?,
                version: a.version,
                format: match a.format {
                    args::SamplesFormat::Human => findings(graphdoc_lint::Format::Human),
                    args::SamplesFormat::Json => findings(graphdoc_lint::Format::Json),
                    args::SamplesFormat::Sarif => findings(graphdoc_lint::Format::Sarif),
                    args::SamplesFormat::Github => findings(graphdoc_lint::Format::Github),
                    args::SamplesFormat::Markdown => findings(graphdoc_lint::Format::Markdown),
                    args::SamplesFormat::Report => SamplesFormat::Report,
                },
                link_base: args::link_base(
                    a.link_base,
                    matches!(a.format, args::SamplesFormat::Markdown),
                )?,
                max_chars: args::max_chars(
                    a.max_chars,
                    matches!(a.format, args::SamplesFormat::Markdown),
                )?,
                pr: a.pr.mode(a.deny),
                limits: a.docs.limits.limits(),
            };
            let (rendered, exit_code) = graphdoc_lint::samples_command::run(&options)?;
            emit(None, &rendered)?;
            Ok(exit_code)
        }
        Command::Regenerate(a) => {
            let options = graphdoc_codegen::regenerate::RegenerateOptions {
                docs: docs(&a.docs)?,
                out: a.out,
                check: a.check,
                derive_dep: a.derive_dep,
                model_version: a.model_version,
                repository: a.repository,
                fix_command: "graphdoc regenerate".into(),
                limits: a.docs.limits.limits(),
                deny: a.deny.severity(),
            };
            graphdoc_codegen::regenerate::regenerate(&options, &mut report)
                .map_err(|e| e.to_string())
        }
        Command::L10n(a) => {
            let history = if a.no_history {
                graphdoc_l10n::History::Off
            } else {
                graphdoc_l10n::History::Auto
            };
            let limits = a.docs.limits.limits();
            let here = std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?;
            let english = graphdoc_l10n::english_tree(a.docs.docs.as_deref(), &here, &a.localized)?;
            let report = graphdoc_l10n::run_within(&limits, &english, &a.localized, history)
                .map_err(|e| e.to_string())?;
            let render_opts = graphdoc_lint::RenderOptions {
                link_base: a.format.link_base(a.link_base)?,
                max_chars: a.format.max_chars(a.max_chars)?,
                ..graphdoc_lint::RenderOptions::new("graphdoc-l10n")
            };
            emit(
                None,
                &graphdoc_lint::l10n_command::render(&report, a.format.format(), &render_opts),
            )?;
            Ok(u8::from(report.fails(a.deny.severity())))
        }
        Command::Explain { code: None, .. } => {
            emit(None, &graphdoc_lint::list_codes())?;
            Ok(0)
        }
        Command::Explain {
            code: Some(code), ..
        } => {
            let text = graphdoc_lint::explain(&code).ok_or_else(|| {
                format!("no code `{code}` (graphdoc explain --list lists every code)")
            })?;
            emit(None, &text)?;
            Ok(0)
        }
    }
}

fn diff(a: args::DiffArgs, report: &mut dyn FnMut(&str)) -> Result<u8, String> {
    use graphdoc_diff::sides::{DiffCommand, DiffFormat, FailOn};
    let color = match a.color {
        args::ColorChoice::Always => true,
        args::ColorChoice::Never => false,
        args::ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    // Both sides read from their own trees need no default tree.
    let docs = match (&a.docs.docs, &a.from_docs, &a.to_docs) {
        (None, Some(_), Some(_)) => PathBuf::from("."),
        _ if a.from_schema.is_some() && a.to_schema.is_some() => PathBuf::from("."),
        _ => docs(&a.docs)?,
    };
    let max_chars = args::max_chars(a.max_chars, matches!(a.format, args::DiffFormat::Markdown))?;
    let command = DiffCommand {
        docs,
        from: a.from,
        to: a.to,
        from_docs: a.from_docs,
        to_docs: a.to_docs,
        from_schema: a.from_schema,
        to_schema: a.to_schema,
        include_descriptions: a.descriptions,
        format: match a.format {
            args::DiffFormat::Human => DiffFormat::Human { color },
            args::DiffFormat::Markdown => DiffFormat::Markdown { max_chars },
            args::DiffFormat::Json => DiffFormat::Json,
        },
        fail_on: a.fail_on.map(|f| match f {
            args::FailOn::Breaking => FailOn::Breaking,
            args::FailOn::Any => FailOn::Any,
        }),
        pr: args::PrArgs {
            since: None,
            baseline: a.baseline,
            write_baseline: a.write_baseline,
        }
        .mode(a.deny),
        limits: a.docs.limits.limits(),
    };
    let outcome = graphdoc_diff::sides::run(&command, report).map_err(|e| e.to_string())?;
    emit(None, &outcome.rendered)?;
    Ok(outcome.exit_code)
}

fn lint(a: args::LintArgs) -> Result<u8, String> {
    if a.list_rules {
        emit(None, &graphdoc_lint::list_rules())?;
        return Ok(0);
    }
    let options = graphdoc_lint::LintOptions {
        metadata: a.metadata,
        format: a.format.format(),
        link_base: a.format.link_base(a.link_base)?,
        max_chars: a.format.max_chars(a.max_chars)?,
        version: a.version,
        config: a.config,
        no_suppressions: a.no_suppress,
        enable: a.enable,
        pr: a.pr.mode(a.deny),
        limits: a.docs.limits.limits(),
        ..graphdoc_lint::LintOptions::new(docs(&a.docs)?)
    };
    let outcome = graphdoc_lint::run(&options).map_err(|e| match e {
        graphdoc_lint::LintError::Usage(m) | graphdoc_lint::LintError::Io(m) => m,
    })?;
    emit(None, &outcome.rendered)?;
    Ok(outcome.exit_code)
}

/// The docs tree: `--docs`, else the current directory or the nearest
/// parent that holds api-reference/.
fn docs(arg: &DocsArg) -> Result<PathBuf, String> {
    match &arg.docs {
        Some(docs) => Ok(docs.clone()),
        None => {
            let here = std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?;
            graphdoc_docs::locate::locate(&here).map_err(|e| e.to_string())
        }
    }
}

/// Writes one line to standard error. A closed stderr (`graphdoc schema
/// 2>&1 | head`) is the reader's choice, as for standard output: the line is
/// dropped, where `eprintln!` would panic.
fn to_stderr(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes `text` to standard output, or atomically to `out`.
fn emit(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`graphdoc lint | head`) is the reader's choice.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                result => result.map_err(|e| format!("cannot write to standard output: {e}")),
            }
        }
        Some(path) => graphdoc_codegen::write_file_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", graphdoc_docs::display_path(path))),
    }
}
