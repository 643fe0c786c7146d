use std::path::PathBuf;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `../shared/graph-docs`, or `None` (with a message) outside CI when it is
/// missing. Under `CI=true` a missing corpus fails the test.
#[allow(dead_code)] // not every test file reads the corpus
pub fn corpus() -> Option<PathBuf> {
    let path = workspace_root().join("../shared/graph-docs");
    if path.join("api-reference").is_dir() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the corpus is missing at {}", path.display());
    }
    eprintln!("skipping: no corpus at {}", path.display());
    None
}
