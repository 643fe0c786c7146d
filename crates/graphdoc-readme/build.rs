//! Copies the ```rust blocks of the workspace README.md and of the
//! generated model's README (`generated/README.md`, its quick start) into
//! `$OUT_DIR/readme-examples.md`, which `src/lib.rs` includes as its docs:
//! rustdoc then runs each block as a doctest. Only `rust` blocks are taken
//! (with their attributes: `rust,ignore` stays ignored); the READMEs'
//! shell, TOML and indented blocks are not Rust.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let mut examples = String::new();
    for name in ["README.md", "generated/README.md"] {
        let readme = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(name);
        println!("cargo:rerun-if-changed={}", readme.display());
        let text = std::fs::read_to_string(&readme)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", readme.display()));
        examples.push_str(&rust_blocks(name, &text));
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("readme-examples.md");
    std::fs::write(&out, examples)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// Each ```rust block, headed by the README line it starts on.
fn rust_blocks(name: &str, text: &str) -> String {
    let mut out = String::new();
    let mut open: Option<(usize, String)> = None;
    let mut fence = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let lang = info.split([',', ' ']).next().unwrap_or("");
                    if lang == "rust" {
                        fence = info.trim().to_owned();
                        open = Some((i + 1, String::new()));
                    } else if !info.trim().is_empty() || trimmed == "```" {
                        // Another language (or none): skip to its end.
                        open = Some((0, String::new()));
                    }
                }
            }
            Some((start, code)) => {
                if trimmed.starts_with("```") {
                    if *start > 0 {
                        let _ = write!(out, "{name} line {start}:\n\n```{fence}\n{code}```\n\n");
                    }
                    open = None;
                } else {
                    code.push_str(line);
                    code.push('\n');
                }
            }
        }
    }
    out
}
