//! `cargo run -p graphdoc-samples --example samples -- <docs dir> [v1.0|beta|all] [human|json]`
//! until `cargo xtask samples` is wired.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs = PathBuf::from(args.first().map(String::as_str).unwrap_or("docs-src"));
    let version = args.get(1).map(String::as_str).unwrap_or("all");
    let format = match args.get(2).map(String::as_str) {
        Some("json") => graphdoc_samples::Format::Json,
        _ => graphdoc_samples::Format::Human,
    };
    match graphdoc_samples::run(&docs, &[version], format) {
        Ok(outcome) => {
            print!("{}", outcome.rendered);
            ExitCode::from(outcome.exit_code as u8)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
