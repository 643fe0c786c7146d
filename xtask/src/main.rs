//! `cargo xtask …`: this repository's chores (its generated/ model, the
//! full-corpus model check and benchmarks). Argument parsing, then one library
//! call per command; everything a docs repository needs is the `graphdoc` CLI
//! (crates/graphdoc-cli).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "graphdoc's own chores; docs commands are `graphdoc` (crates/graphdoc-cli)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write the model crate generated from docs-src/ into generated/.
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
        #[arg(long, value_parser = graphdoc_codegen::regenerate::parse_derive_dep)]
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
        /// Skip the criterion benchmark (wall-clock times, unreliable on a loaded machine): only
        /// the callgrind instruction counts and the binary sizes.
        #[arg(long)]
        no_criterion: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse().cmd) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: Cmd) -> Result<u8, String> {
    match cmd {
        Cmd::Regenerate {
            docs,
            out,
            check,
            derive_dep,
            model_version,
            repository,
        } => {
            let options = graphdoc_codegen::regenerate::RegenerateOptions {
                docs,
                out,
                check,
                derive_dep,
                model_version,
                repository,
                fix_command: "cargo xtask regenerate".into(),
                limits: graphdoc_codegen::regenerate::Limits::default(),
                deny: None,
            };
            graphdoc_codegen::regenerate::regenerate(&options, &mut |line| eprintln!("{line}"))
                .map_err(|e| e.to_string())
        }
        Cmd::ModelCheck { docs, out } => {
            let out = out.unwrap_or_else(|| std::env::temp_dir().join("graphdoc-full-model"));
            let outcome = graphdoc_modelcheck::run(&graphdoc_modelcheck::Options { docs, out })
                .map_err(|e| e.to_string())?;
            print!("{}", outcome.rendered);
            Ok(outcome.exit_code)
        }
        Cmd::BenchModel { docs, out } => {
            let outcome =
                graphdoc_modelcheck::bench::run(&graphdoc_modelcheck::bench::BenchOptions {
                    docs,
                    out: out.unwrap_or_else(|| std::env::temp_dir().join("graphdoc-bench-model")),
                })
                .map_err(|e| e.to_string())?;
            print!("{}", outcome.rendered);
            Ok(outcome.exit_code)
        }
        Cmd::BenchSerde {
            docs,
            out,
            no_criterion,
        } => {
            let rendered = graphdoc_modelcheck::serde_bench::run(
                &graphdoc_modelcheck::serde_bench::SerdeBenchOptions {
                    docs,
                    out,
                    criterion: !no_criterion,
                },
            )
            .map_err(|e| e.to_string())?;
            print!("{rendered}");
            Ok(0)
        }
    }
}
