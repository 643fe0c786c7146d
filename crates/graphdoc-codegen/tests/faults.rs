//! Fault tests for writing the generated crate (`cargo xtask regenerate`):
//! whatever fails, and wherever the process dies, the previous output is
//! left (or, after a kill during the moves, put back by the next run) and
//! no temporary file stays behind.
//!
//! Tests run as root, so permissions cannot make a write fail, and a full
//! disk or a kill between two particular steps cannot be arranged for real:
//! they go through `write_with_faults`, which calls a hook before every
//! step that changes the file system. Faults that can be made for real (an
//! output path that is a file, a directory where a file belongs) are made
//! for real.

use graphdoc_codegen::{check, write, write_with_faults, GeneratedCrate, GeneratedFile, Step};
use graphdoc_testdata::dir_snapshot as tree;
use graphdoc_testdata::Scratch;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A fresh empty directory for one test; the output goes to `<root>/model`.
fn temp_root(name: &str) -> Scratch {
    Scratch::new(&format!("faults-{name}"))
}

fn marked(body: &str) -> String {
    format!("// {}\n{body}\n", graphdoc_codegen::GENERATED_MARKER)
}

fn krate(files: &[(&str, &str)]) -> GeneratedCrate {
    GeneratedCrate {
        files: files
            .iter()
            .map(|(path, body)| GeneratedFile {
                path: (*path).into(),
                contents: marked(body),
            })
            .collect(),
        ..GeneratedCrate::default()
    }
}

/// The previous output.
fn v1() -> GeneratedCrate {
    krate(&[
        ("Cargo.toml", "manifest"),
        ("src/lib.rs", "lib one"),
        ("src/a.rs", "a one"),
        ("src/old/gone.rs", "no longer generated"),
    ])
}

/// The next one: one file unchanged, two replaced, one new in an existing
/// directory, one new in two new directories, one removed.
fn v2() -> GeneratedCrate {
    krate(&[
        ("Cargo.toml", "manifest"),
        ("src/lib.rs", "lib two"),
        ("src/a.rs", "a two"),
        ("src/c.rs", "c"),
        ("src/new/deep/b.rs", "b"),
    ])
}

/// The previous output with a hand-written file beside the generated ones.
fn previous_output(root: &Path) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let out = root.join("model");
    write(&out, &v1()).expect("first write");
    fs::write(out.join("src/user.rs"), "hand-written\n").expect("user file");
    let before = tree(root);
    (out, before)
}

/// Names in `root` besides the output: staging directories left behind.
fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "model")
        .collect()
}

/// The steps of an uninterrupted v1 → v2 write.
fn recorded_steps() -> Vec<(Step, PathBuf)> {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let root = temp_root(&format!("record-{call}"));
    let (out, _) = previous_output(&root);
    let mut steps = Vec::new();
    write_with_faults(&out, &v2(), &mut |step, path| {
        steps.push((step, path.to_path_buf()));
        Ok(())
    })
    .expect("uninterrupted write");
    assert!(check(&out, &v2()).is_ok());
    steps
}

#[test]
fn the_recorded_write_takes_every_kind_of_step() {
    let kinds: Vec<Step> = recorded_steps().into_iter().map(|(s, _)| s).collect();
    for kind in [
        Step::Stage,
        Step::Journal,
        Step::CreateDir,
        Step::MoveAside,
        Step::MoveIn,
        Step::Commit,
        Step::Cleanup,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
    }
    // The staged files are written before anything in the output changes.
    let first_change = kinds
        .iter()
        .position(|k| !matches!(k, Step::Stage | Step::Journal))
        .expect("the output changes");
    assert_eq!(
        kinds[..first_change]
            .iter()
            .filter(|k| **k == Step::Stage)
            .count(),
        4
    );
}

/// A disk error (no space left) at each step in turn: a clear error, the
/// previous output byte for byte, nothing left behind; the next write works.
#[test]
fn a_disk_error_at_any_step_leaves_the_previous_output() {
    let steps = recorded_steps();
    let commit = steps
        .iter()
        .position(|(s, _)| *s == Step::Commit)
        .expect("a commit step");
    // The steps up to and including the commit mark; after it the new output
    // is complete (see `a_failure_after_the_commit_keeps_the_new_output`).
    for (k, (failing, _)) in steps[..=commit].iter().enumerate() {
        let root = temp_root(&format!("disk-{k}"));
        let (out, before) = previous_output(&root);
        let mut n = 0;
        let err = write_with_faults(&out, &v2(), &mut |step, path| {
            n += 1;
            if n - 1 == k {
                Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    format!(
                        "no space left on device (injected at {step:?} {})",
                        path.display()
                    ),
                ))
            } else {
                Ok(())
            }
        })
        .expect_err("the injected error is reported");
        let message = err.to_string();
        assert!(
            message.contains("no space left on device")
                && (message.contains("left as it was") || *failing == Step::Stage),
            "step {k} ({failing:?}): {message}"
        );
        assert_eq!(
            tree(&root),
            before,
            "step {k} ({:?}) changed the output",
            steps[k].0
        );
        assert!(
            leftovers(&root).is_empty(),
            "step {k}: {:?}",
            leftovers(&root)
        );
        let report = write(&out, &v2()).expect("the next write");
        assert_eq!(report.recovered, 0);
        assert!(check(&out, &v2()).is_ok(), "step {k}: next write");
        assert!(leftovers(&root).is_empty());
    }
}

/// A read-only output directory (beside a writable one, where the staging
/// directory goes): the first change inside the output fails; nothing changes.
#[test]
fn a_read_only_output_directory_leaves_the_previous_output() {
    let root = temp_root("read-only");
    let (out, before) = previous_output(&root);
    let err = write_with_faults(&out, &v2(), &mut |_, path| {
        if path.starts_with(&out) {
            Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "read-only file system",
            ))
        } else {
            Ok(())
        }
    })
    .expect_err("read-only output");
    assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
    let message = err.to_string();
    assert!(
        message.contains("read-only file system") && message.contains(&out.display().to_string()),
        "{message}"
    );
    assert_eq!(tree(&root), before);
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

/// When undoing fails too (the disk stays broken), the error says so, and
/// the next write puts the previous files back before anything else.
#[test]
fn a_failed_undo_is_finished_by_the_next_write() {
    let steps = recorded_steps();
    let moves: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(_, (s, _))| matches!(s, Step::MoveAside | Step::MoveIn))
        .map(|(i, _)| i)
        .collect();
    for &k in &moves[1..] {
        let root = temp_root(&format!("undo-{k}"));
        let (out, before) = previous_output(&root);
        let mut n = 0;
        let err = write_with_faults(&out, &v2(), &mut |_, _| {
            n += 1;
            if n > k {
                Err(io::Error::other("I/O error (injected)"))
            } else {
                Ok(())
            }
        })
        .expect_err("broken disk");
        assert!(err.to_string().contains("the next run restores"), "{err}");
        assert_ne!(tree(&root), before, "step {k}: the partial write shows");
        assert_eq!(
            leftovers(&root).len(),
            1,
            "step {k}: the staging directory stays"
        );
        // Writing v1 again finds every file already back: nothing to write.
        let report = write(&out, &v1()).expect("the next write");
        assert_eq!(report.recovered, 1, "step {k}");
        assert!(
            report.written.is_empty() && report.removed.is_empty(),
            "step {k}: {report:?}"
        );
        assert_eq!(tree(&root), before, "step {k}");
    }
}

#[test]
fn a_failure_after_the_commit_keeps_the_new_output() {
    let root = temp_root("after-commit");
    let (out, _) = previous_output(&root);
    let err = write_with_faults(&out, &v2(), &mut |step, _| {
        if step == Step::Cleanup {
            Err(io::Error::other("I/O error (injected)"))
        } else {
            Ok(())
        }
    })
    .expect_err("cleanup fails");
    assert!(err.to_string().contains("is written"), "{err}");
    assert!(check(&out, &v2()).is_ok());
    assert_eq!(leftovers(&root).len(), 1);
    let report = write(&out, &v2()).expect("the next write");
    assert_eq!(report.recovered, 1);
    assert!(report.written.is_empty());
    assert!(check(&out, &v2()).is_ok());
    assert!(leftovers(&root).is_empty());
}

/// The process is killed (aborted: no unwinding, no cleanup) before each
/// step in turn, in a child process running this same test. Before the first
/// move the output is untouched; in every case the next write puts the
/// previous output back (or keeps the new one once committed) and removes
/// the staging directory.
#[test]
fn a_kill_at_any_step_is_undone_by_the_next_write() {
    const CHILD: &str = "GRAPHDOC_FAULTS_KILL_CHILD";
    if let Ok(spec) = std::env::var(CHILD) {
        let (out, k) = spec.rsplit_once('|').expect("dir|step");
        let k: usize = k.parse().expect("step number");
        let mut n = 0;
        let result = write_with_faults(Path::new(out), &v2(), &mut |_, _| {
            if n == k {
                std::process::abort();
            }
            n += 1;
            Ok(())
        });
        panic!("step {k} never came: {result:?}");
    }
    let steps = recorded_steps();
    let exe = std::env::current_exe().expect("test binary");
    for k in 0..steps.len() {
        let root = temp_root(&format!("kill-{k}"));
        let (out, before) = previous_output(&root);
        let status = std::process::Command::new(&exe)
            .args([
                "--exact",
                "a_kill_at_any_step_is_undone_by_the_next_write",
                "--nocapture",
            ])
            .env(CHILD, format!("{}|{k}", out.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("child runs");
        assert!(!status.success(), "step {k}: the child was not killed");
        assert_eq!(
            leftovers(&root).len(),
            1,
            "step {k}: a killed write leaves its staging directory"
        );
        let done = &steps[..k];
        if done
            .iter()
            .all(|(s, _)| matches!(s, Step::Stage | Step::Journal))
        {
            assert_eq!(
                tree(&root)
                    .into_iter()
                    .filter(|(p, _)| p.starts_with("model"))
                    .collect::<BTreeMap<_, _>>(),
                before,
                "step {k}: output changed before any move"
            );
        }
        let committed = done.iter().any(|(s, _)| *s == Step::Commit);
        let expected = if committed { v2() } else { v1() };
        let report = write(&out, &expected).expect("the next write");
        assert_eq!(report.recovered, 1, "step {k}");
        assert!(
            report.written.is_empty() && report.removed.is_empty(),
            "step {k} ({:?}): not put back as it was: {report:?}",
            steps[k].0
        );
        assert!(
            leftovers(&root).is_empty(),
            "step {k}: {:?}",
            leftovers(&root)
        );
        if !committed {
            assert_eq!(tree(&root), before, "step {k}");
        }
    }
}

/// An output path that is a file: a clear error, the file as it was.
#[test]
fn an_output_path_that_is_a_file_is_an_error() {
    let root = temp_root("out-is-file");
    let out = root.join("model");
    fs::write(&out, "not a directory\n").expect("file");
    let err = write(&out, &v2()).expect_err("cannot write into a file");
    assert!(
        err.to_string().contains(&out.display().to_string()),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&out).expect("still there"),
        "not a directory\n"
    );
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    // Under a file, too.
    let err = write(&out.join("sub"), &v2()).expect_err("cannot write under a file");
    assert!(
        err.to_string().contains(&out.display().to_string()),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&out).expect("still there"),
        "not a directory\n"
    );
}

/// A directory where a generated file belongs is not moved away.
#[test]
fn a_directory_where_a_generated_file_belongs_is_an_error() {
    let root = temp_root("dir-in-the-way");
    let (out, _) = previous_output(&root);
    fs::create_dir_all(out.join("src/c.rs/mine")).expect("dir");
    fs::write(out.join("src/c.rs/mine/notes.txt"), "keep\n").expect("file");
    let before = tree(&root);
    let err = write(&out, &v2()).expect_err("directory in the way");
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert_eq!(tree(&root), before);
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}
