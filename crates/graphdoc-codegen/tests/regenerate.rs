//! `regenerate` of the project's own docs (`docs-src/`, both versions) as
//! the CLI runs it: the same bytes whatever the thread count, and a run
//! that changes nothing writes nothing.

use graphdoc_codegen::regenerate::{regenerate, Limits, RegenerateOptions};
use graphdoc_testdata::{dir_snapshot, Scratch};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn options(out: &Path) -> RegenerateOptions {
    RegenerateOptions {
        docs: Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-src"),
        out: out.to_path_buf(),
        check: false,
        derive_dep: None,
        model_version: None,
        repository: None,
        fix_command: "graphdoc regenerate".into(),
        limits: Limits::default(),
        deny: None,
    }
}

/// Regenerates into `out` on a pool of `threads`; the lines it reported.
fn run(out: &Path, threads: usize) -> Vec<String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut lines = Vec::new();
    let status = pool.install(|| regenerate(&options(out), &mut |l| lines.push(l.to_owned())));
    assert_eq!(status.unwrap(), 0, "{lines:?}");
    lines
}

/// Every file under `dir` with its modification time and inode.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, (SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.insert(path, (meta.modified().unwrap(), meta.ino()));
        }
    }
    out
}

#[test]
fn the_output_does_not_depend_on_the_thread_count_nor_on_what_was_there() {
    let scratch = Scratch::new("codegen-regenerate-threads");
    let (one, many) = (scratch.join("one"), scratch.join("many"));
    run(&one, 1);
    run(&many, 4);
    let fresh = dir_snapshot(&one);
    assert!(fresh.len() > 50, "{}", fresh.len());
    assert_eq!(dir_snapshot(&many), fresh);
    // Again over the previous outputs, files taken from them where their
    // plan or tokens did not change: the same bytes.
    run(&one, 4);
    run(&many, 1);
    assert_eq!(dir_snapshot(&one), fresh);
    assert_eq!(dir_snapshot(&many), fresh);
}

#[test]
fn a_run_that_changes_nothing_writes_nothing() {
    let scratch = Scratch::new("codegen-regenerate-nothing");
    let out = scratch.join("model");
    let first = run(&out, 2);
    assert!(
        first.last().unwrap().contains(" 0 unchanged, 0 removed"),
        "{first:?}"
    );
    let before = stamps(scratch.path());
    let second = run(&out, 2);
    let last = second.last().unwrap();
    assert!(
        last.contains(": 0 files written, ") && last.ends_with(" unchanged, 0 removed"),
        "{second:?}"
    );
    // No file replaced, touched or added, no staging directory beside it.
    assert_eq!(stamps(scratch.path()), before);
}
