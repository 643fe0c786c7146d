//! `cargo xtask …`: this repository's chores (its generated/ model, the
//! full-corpus model check and benchmark). Argument parsing, then one library
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
    },
    /// Generate the model crate from a whole docs tree into a standalone workspace, build it,
    /// lint it, document it (warnings denied), and round-trip every JSON sample through it.
    ModelCheck {
        #[arg(long, default_value = "../shared/graph-docs")]
        docs: PathBuf,
        /// The model workspace; its build goes to <out>/target.
        #[arg(long, default_value = "target/full-model")]
        out: PathBuf,
    },
    /// Cold debug builds of the model generated from v1.0, half of v1.0+beta and v1.0+beta under
    /// `/usr/bin/time -v`: wall time, peak memory, sizes, cost per struct, against the budget.
    BenchModel {
        #[arg(long, default_value = "../shared/graph-docs")]
        docs: PathBuf,
        #[arg(long, default_value = "target/bench-model")]
        out: PathBuf,
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
        Cmd::Regenerate { docs, out, check } => {
            let options = graphdoc_codegen::regenerate::RegenerateOptions {
                docs,
                out,
                check,
                codegen: graphdoc_codegen::Options {
                    // generated/ sits beside crates/ in this workspace.
                    enum_derive: graphdoc_codegen::Dependency::Path(
                        "../crates/graphdoc-enum-derive".into(),
                    ),
                    ..graphdoc_codegen::Options::default()
                },
                fix_command: "cargo xtask regenerate".into(),
            };
            graphdoc_codegen::regenerate::regenerate(&options, &mut |line| eprintln!("{line}"))
                .map_err(|e| e.to_string())
        }
        Cmd::ModelCheck { docs, out } => {
            let outcome = graphdoc_modelcheck::run(&graphdoc_modelcheck::Options { docs, out })
                .map_err(|e| e.to_string())?;
            print!("{}", outcome.rendered);
            Ok(outcome.exit_code)
        }
        Cmd::BenchModel { docs, out } => {
            let outcome =
                graphdoc_modelcheck::bench::run(&graphdoc_modelcheck::bench::BenchOptions {
                    docs,
                    out,
                })
                .map_err(|e| e.to_string())?;
            print!("{}", outcome.rendered);
            Ok(outcome.exit_code)
        }
    }
}
