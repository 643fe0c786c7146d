//! Copies of docs-src in temporary directories, and running `graphdoc`.

#![allow(dead_code)] // each test file uses a part

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use graphdoc_testdata::Scratch;

/// A fresh temporary directory for one test, removed when dropped.
pub fn temp_root(name: &str) -> Scratch {
    Scratch::new(&format!("cli-{name}"))
}

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("dir");
    for entry in fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The workspace's docs-src.
pub fn docs_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-src")
}

/// A copy of docs-src at `<root>/docs`.
pub fn docs_copy(name: &str) -> (Scratch, PathBuf) {
    let root = temp_root(name);
    let docs = root.join("docs");
    copy_tree(&docs_src(), &docs);
    (root, docs)
}

/// What a run printed and its exit status.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(program: &Path, dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("graphdoc runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The binary cargo built for these tests.
pub fn graphdoc() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_graphdoc"))
}
