//! `cargo install --path crates/graphdoc-cli` works offline with the
//! workspace's Cargo.lock, and the installed `graphdoc` finds the docs tree
//! it is run in, with no `--docs`.
//!
//! The build goes to a target directory of its own under cargo's test
//! temporary directory (the workspace's is locked by the `cargo test` that
//! runs this), kept between runs so that only the first one builds from
//! scratch; `--debug` builds what `cargo test` just built, not a second,
//! slower, optimized copy of every dependency.

mod common;

use common::{docs_copy, run_in};
use std::path::Path;
use std::process::Command;

#[test]
fn installed_graphdoc_runs_inside_a_docs_tree_without_docs() {
    let (root, docs) = docs_copy("install");
    let install_root = root.join("installed");
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO"))
        .args(["install", "--path"])
        .arg(crate_dir)
        .args(["--root"])
        .arg(&install_root)
        .args(["--offline", "--locked", "--debug", "--quiet"])
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("install-target"),
        )
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo install failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let installed = install_root
        .join("bin")
        .join(format!("graphdoc{}", std::env::consts::EXE_SUFFIX));
    assert!(installed.is_file());

    let version = run_in(&installed, &root, &["--version"]);
    assert_eq!(
        version.stdout,
        format!("graphdoc {}\n", env!("CARGO_PKG_VERSION"))
    );

    // At the root of the tree: pages are named from it.
    let schema = run_in(&installed, &docs, &["schema", "--version", "v1.0"]);
    assert_eq!(schema.code, 0, "{}", schema.stderr);
    assert!(
        schema
            .stdout
            .contains("\"file\": \"api-reference/v1.0/resources/intune-onboarding-vpptoken.md\""),
        "{}",
        &schema.stdout[..schema.stdout.len().min(2000)]
    );
    let explicit = run_in(
        &installed,
        &docs,
        &["schema", "--version", "v1.0", "--docs", "."],
    );
    assert_eq!(schema.stdout, explicit.stdout);

    // Deep inside it: the tree is still found, and paths stay relative.
    let resources = docs.join("api-reference/beta/resources");
    let lint = run_in(&installed, &resources, &["lint", "--format", "json"]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    let samples = run_in(&installed, &resources, &["samples", "--version", "beta"]);
    assert!(samples.code <= 1, "{}", samples.stderr);
    assert!(samples.stdout.contains("beta"), "{}", samples.stdout);
    for printed in [&lint.stdout, &lint.stderr, &samples.stdout, &samples.stderr] {
        assert!(
            !printed.contains(root.to_str().unwrap()),
            "a path of the machine was printed:\n{printed}"
        );
    }
}
