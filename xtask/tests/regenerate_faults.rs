//! `cargo xtask regenerate` when its input or output is broken: a clear
//! error, exit status 2, and the previous output left as it was. (Faults
//! inside the write itself — disk errors, kills — are tested at the library
//! seam in crates/graphdoc-codegen/tests/faults.rs.)

use graphdoc_testdata::dir_snapshot as tree;
use graphdoc_testdata::Scratch;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn temp_root(name: &str) -> Scratch {
    Scratch::new(&format!("xtask-faults-{name}"))
}

fn copy_tree(from: &Path, to: &Path) {
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

fn regenerate(docs: &Path, out: &Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("regenerate")
        .arg("--docs")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .output()
        .expect("xtask runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A copy of docs-src and the model generated from it: `(root, docs, out)`.
fn previous_output(name: &str) -> (Scratch, PathBuf, PathBuf) {
    let root = temp_root(name);
    let docs = root.join("docs");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-src"),
        &docs,
    );
    let out = root.join("model");
    let (code, stderr) = regenerate(&docs, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("Cargo.toml").is_file(), "{stderr}");
    (root, docs, out)
}

#[test]
fn a_missing_or_unreadable_docs_directory_is_an_error() {
    let (root, _, out) = previous_output("docs");
    let before = tree(&root);
    let file = root.join("docs-is-a-file");
    fs::write(&file, "not a directory\n").expect("file");
    let dangling = root.join("docs-dangling");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere"), &dangling).expect("link");
    let mut broken = vec![root.join("missing"), file.clone()];
    if cfg!(unix) {
        broken.push(dangling.clone());
    }
    let with_them = tree(&root);
    for docs in broken {
        let (code, stderr) = regenerate(&docs, &out);
        assert_eq!(code, 2, "{}: {stderr}", docs.display());
        assert!(
            stderr.contains("no docs at") && stderr.contains(&docs.display().to_string()),
            "{}: {stderr}",
            docs.display()
        );
        assert_eq!(tree(&root), with_them, "{}", docs.display());
    }
    fs::remove_file(&file).expect("cleanup");
    let _ = fs::remove_file(&dangling);
    assert_eq!(tree(&root), before);
}

#[cfg(unix)]
#[test]
fn an_unreadable_page_keeps_the_previous_output() {
    let (root, docs, out) = previous_output("page");
    let resources = docs.join("api-reference/v1.0/resources");
    std::os::unix::fs::symlink(docs.join("nowhere.md"), resources.join("broken.md")).expect("link");
    let before = tree(&out);
    let (code, stderr) = regenerate(&docs, &out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("GD0015"), "{stderr}");
    assert_eq!(tree(&out), before);
    // A page linked from outside the tree is not read either: a finding
    // (exit 1), and the previous output is kept just the same.
    fs::remove_file(resources.join("broken.md")).expect("cleanup");
    std::os::unix::fs::symlink(root.join("nowhere.md"), resources.join("broken.md")).expect("link");
    let (code, stderr) = regenerate(&docs, &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("GD0901") && stderr.contains("is left as it was"),
        "{stderr}"
    );
    assert_eq!(tree(&out), before);
    fs::remove_file(resources.join("broken.md")).expect("cleanup");
    std::os::unix::fs::symlink(docs.join("nowhere.md"), resources.join("broken.md")).expect("link");
    let (code, stderr) = regenerate(&docs, &out);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("broken.md") && stderr.contains("is left as it was"),
        "{stderr}"
    );
    assert_eq!(tree(&out), before);
}

#[test]
fn an_output_path_that_is_a_file_is_an_error() {
    let (root, docs, _) = previous_output("out");
    let out = root.join("out-is-a-file");
    fs::write(&out, "not a directory\n").expect("file");
    let before = tree(&root);
    let (code, stderr) = regenerate(&docs, &out);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains(&out.display().to_string()),
        "{stderr}"
    );
    assert_eq!(tree(&root), before, "nothing written, nothing left behind");
}
