//! Where tests and benchmarks find the real inputs: `../shared` beside the
//! workspace (the Graph docs corpus, the service metadata).
//!
//! Outside CI a missing input means "skip, and say so"; under `CI=true` it is a
//! failure, so that CI never passes by skipping the tests that matter.
//!
//! Also [`dir_snapshot`], which the tests of anything that writes a tree
//! (generated crates) compare before and after a failure, and [`Scratch`],
//! the temporary directory of one test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A directory of one test's own under the system's temporary directory
/// (`graphdoc-<name>-<random>`), deleted with everything in it when
/// dropped: also when the test fails, as the panic unwinds through it. It
/// derefs to its path, so it stands where a `&Path` is taken.
#[derive(Debug)]
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    /// A new empty directory; `name` tells the tests' directories apart
    /// while they exist.
    ///
    /// # Panics
    /// When the temporary directory cannot be written.
    pub fn new(name: &str) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix(&format!("graphdoc-{name}-"))
            .tempdir()
            .expect("a temporary directory");
        Scratch(dir)
    }

    /// Where the directory is.
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

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

/// Every entry under `dir` (hidden ones too) with its bytes: a link as its
/// target, a directory as `path/` with no bytes, so that left-over empty
/// directories show. Paths are relative to `dir`, `/`-separated.
///
/// # Panics
/// When `dir` or an entry under it cannot be read.
pub fn dir_snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let path = entry.expect("entry").path();
            let rel = path
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_symlink() {
                let target = std::fs::read_link(&path).expect("link");
                out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else if path.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                stack.push(path);
            } else {
                out.insert(rel, std::fs::read(&path).expect("readable"));
            }
        }
    }
    out
}
