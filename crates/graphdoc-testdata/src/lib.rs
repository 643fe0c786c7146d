//! Where tests and benchmarks find the real inputs: `../shared` beside the
//! workspace (the Graph docs corpus, the service metadata).
//!
//! Outside CI a missing input means "skip, and say so"; under `CI=true` it is a
//! failure, so that CI never passes by skipping the tests that matter.

use std::path::{Path, PathBuf};

/// `../shared` beside the workspace root.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The entry `relative` of `../shared` (a file or a directory), or `None`
/// with a message on standard error when it is missing.
///
/// # Panics
/// When it is missing and `CI=true`.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = shared_dir().join(relative);
    present_or_skip(path.exists(), path)
}

/// The real docs tree (`../shared/graph-docs`, holding `api-reference/`).
///
/// # Panics
/// When it is missing and `CI=true`.
pub fn graph_docs() -> Option<PathBuf> {
    let path = shared_dir().join("graph-docs");
    present_or_skip(path.join("api-reference").is_dir(), path)
}

fn present_or_skip(present: bool, path: PathBuf) -> Option<PathBuf> {
    if present {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing (CI=true: the real inputs must be beside the checkout)",
        path.display()
    );
    eprintln!("skipping: {} is missing", path.display());
    None
}
