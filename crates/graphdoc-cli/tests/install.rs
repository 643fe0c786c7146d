//! `cargo install --path crates/graphdoc-cli` works offline with the
//! workspace's Cargo.lock, and the installed `graphdoc` finds the docs tree
//! it is run in, with no `--docs`. And what `cargo install --git <this
//! repository>` does: a clone of the repository's committed tree installs
//! on its own.
//!
//! The build goes to a target directory of its own under cargo's test
//! temporary directory (the workspace's is locked by the `cargo test` that
//! runs this), kept between runs so that only the first one builds from
//! scratch; `--debug` builds what `cargo test` just built, not a second,
//! slower, optimized copy of every dependency.

mod common;

use common::{docs_copy, run_in, temp_root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `cargo install --path <crate_dir> --root <root> --offline --locked
/// --debug`, building into `target_name` under the tests' own target
/// directory; the installed binary. Each test has its own target directory:
/// the two tests run at once, and builds of the same crates from two source
/// trees in one target directory would take each other's fingerprints.
fn install(crate_dir: &Path, root: &Path, target_name: &str) -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args(["install", "--path"])
        .arg(crate_dir)
        .args(["--root"])
        .arg(root)
        .args(["--offline", "--locked", "--debug", "--quiet"])
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(target_name),
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
    let installed = root
        .join("bin")
        .join(format!("graphdoc{}", std::env::consts::EXE_SUFFIX));
    assert!(installed.is_file());
    installed
}

#[test]
fn installed_graphdoc_runs_inside_a_docs_tree_without_docs() {
    let (root, docs) = docs_copy("install");
    let installed = install(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &root.join("installed"),
        "install-target",
    );

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

/// `cargo install --git <repository> graphdoc-cli` clones the repository
/// and installs from the clone's `crates/graphdoc-cli`. Cargo refuses a git
/// source offline ("can't checkout from 'file://…': you are in the offline
/// mode") and, online, updates the crates.io index first, so this test does
/// the same two steps itself: `git clone` of the committed tree (HEAD), then
/// an offline `cargo install --path` of the clone. It shows that what is
/// committed builds and installs on its own, with its Cargo.lock, from a
/// directory that is not this checkout.
#[test]
fn a_clone_of_the_repository_installs_as_cargo_install_git_does() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = temp_root("install-git");
    let clone = root.join("clone");
    let cloned = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(&workspace)
        .arg(&clone)
        .output();
    match cloned {
        Ok(out) if out.status.success() => {}
        // A source package of the crate, not a checkout: nothing to clone.
        _ if std::env::var("CI").as_deref() != Ok("true") && !workspace.join(".git").exists() => {
            eprintln!("skipping: {} is not a git checkout", workspace.display());
            return;
        }
        other => panic!("git clone failed: {other:?}"),
    }
    let installed = install(
        &clone.join("crates/graphdoc-cli"),
        &root.join("installed"),
        "install-git-target",
    );
    let version = run_in(&installed, &root, &["--version"]);
    assert_eq!(
        version.stdout,
        format!("graphdoc {}\n", env!("CARGO_PKG_VERSION"))
    );
    let explain = run_in(&installed, &root, &["explain", "GL0020"]);
    assert!(
        explain.stdout.starts_with("GL0020 missing-section"),
        "{}",
        explain.stdout
    );
    let _ = std::fs::remove_dir_all(&root);
}
