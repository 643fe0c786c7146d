//! Writing the generated crate to disk, and checking that it is current.

use crate::{GeneratedCrate, GENERATED_MARKER};
use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What [`write()`] did, paths relative to the output directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// Writes `generated` under `out_dir`.
///
/// Only files whose bytes differ are replaced (others keep their mtime).
/// The new files are first staged in a sibling temporary directory, so an
/// error while writing them leaves `out_dir` as it was; each is then moved
/// into place with a rename, which replaces a file atomically. Files that
/// carry the generated marker but are no longer generated are removed;
/// other files are left alone. No temporary file survives.
pub fn write(out_dir: &Path, generated: &GeneratedCrate) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    let mut changed = Vec::new();
    for file in &generated.files {
        let target = out_dir.join(&file.path);
        match fs::read(&target) {
            Ok(bytes) if bytes == file.contents.as_bytes() => report.unchanged += 1,
            _ => changed.push(file),
        }
    }
    let wanted: BTreeSet<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    let stale: Vec<String> = generated_files_in(out_dir)?
        .into_iter()
        .filter(|p| !wanted.contains(p.as_str()))
        .collect();

    if !changed.is_empty() {
        let staging = staging_dir(out_dir)?;
        let result = stage_and_swap(out_dir, &staging, &changed);
        let cleanup = fs::remove_dir_all(&staging);
        result?;
        cleanup.or_else(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        report.written = changed.iter().map(|f| f.path.clone()).collect();
    }
    for path in stale {
        let full = out_dir.join(&path);
        fs::remove_file(&full)?;
        remove_empty_parents(out_dir, &full);
        report.removed.push(path);
    }
    Ok(report)
}

fn stage_and_swap(
    out_dir: &Path,
    staging: &Path,
    changed: &[&crate::GeneratedFile],
) -> io::Result<()> {
    for (i, file) in changed.iter().enumerate() {
        fs::write(staging.join(i.to_string()), &file.contents)?;
    }
    // Directories first: a path that cannot be created fails before any
    // file is replaced.
    for file in changed {
        if let Some(parent) = out_dir.join(&file.path).parent() {
            fs::create_dir_all(parent)?;
        }
    }
    for (i, file) in changed.iter().enumerate() {
        fs::rename(staging.join(i.to_string()), out_dir.join(&file.path))?;
    }
    Ok(())
}

/// A fresh directory next to `out_dir` (same file system, so renames from
/// it are atomic).
fn staging_dir(out_dir: &Path) -> io::Result<PathBuf> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let base = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    for n in 0..1000 {
        let candidate = parent.join(format!(
            ".{base}.graphdoc-staging-{}-{n}",
            std::process::id()
        ));
        match fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free staging directory name"))
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Relative paths of the files under `root` that start with the generated
/// marker (skipping `target` and hidden directories).
fn generated_files_in(root: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    if !root.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                let skipped = name.starts_with('.') || (dir == root && name == "target");
                if !skipped {
                    stack.push(path);
                }
            } else if kind.is_file() && starts_with_marker(&path) {
                let rel = path.strip_prefix(root).expect("walked from root");
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    Ok(out)
}

fn starts_with_marker(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 160];
    let n = fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.lines()
        .next()
        .is_some_and(|l| l.contains(GENERATED_MARKER))
}

/// How a file on disk differs from what would be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileChange {
    Missing { path: String },
    Changed { path: String, diff: String },
    Stale { path: String },
}

/// The files of an output directory that are not what [`generate`](crate::generate) gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaleReport {
    pub changes: Vec<FileChange>,
}

impl fmt::Display for StaleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} generated file(s) out of date (run `cargo xtask regenerate`):",
            self.changes.len()
        )?;
        for c in &self.changes {
            match c {
                FileChange::Missing { path } => writeln!(f, "missing: {path}")?,
                FileChange::Stale { path } => writeln!(f, "no longer generated: {path}")?,
                FileChange::Changed { path, diff } => {
                    writeln!(f, "--- {path} (on disk)\n+++ {path} (generated)")?;
                    f.write_str(diff)?;
                }
            }
        }
        Ok(())
    }
}

impl std::error::Error for StaleReport {}

/// `Ok` when `out_dir` holds exactly what `generated` would write.
pub fn check(out_dir: &Path, generated: &GeneratedCrate) -> Result<(), StaleReport> {
    let mut changes = Vec::new();
    for file in &generated.files {
        match fs::read(out_dir.join(&file.path)) {
            Err(_) => changes.push(FileChange::Missing {
                path: file.path.clone(),
            }),
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(bytes) => changes.push(FileChange::Changed {
                path: file.path.clone(),
                diff: line_diff(&String::from_utf8_lossy(&bytes), &file.contents),
            }),
        }
    }
    let wanted: BTreeSet<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    for path in generated_files_in(out_dir).unwrap_or_default() {
        if !wanted.contains(path.as_str()) {
            changes.push(FileChange::Stale { path });
        }
    }
    if changes.is_empty() {
        Ok(())
    } else {
        Err(StaleReport { changes })
    }
}

/// A short unified-style diff: the changed region between the common head
/// and the common tail, with three lines of context, cut at 40 lines.
fn line_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let ctx_start = head.saturating_sub(3);
    let mut out = format!("@@ -{} +{} @@\n", ctx_start + 1, ctx_start + 1);
    let mut lines = Vec::new();
    lines.extend(a[ctx_start..head].iter().map(|l| format!(" {l}")));
    lines.extend(a[head..a.len() - tail].iter().map(|l| format!("-{l}")));
    lines.extend(b[head..b.len() - tail].iter().map(|l| format!("+{l}")));
    let after = (a.len() - tail..a.len()).take(3);
    lines.extend(after.map(|i| format!(" {}", a[i])));
    let total = lines.len();
    for l in lines.into_iter().take(40) {
        out.push_str(&l);
        out.push('\n');
    }
    if total > 40 {
        out.push_str(&format!("… {} more diff line(s)\n", total - 40));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GeneratedFile;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("graphdoc-codegen-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn krate(files: &[(&str, &str)]) -> GeneratedCrate {
        GeneratedCrate {
            files: files
                .iter()
                .map(|(p, c)| GeneratedFile {
                    path: (*p).into(),
                    contents: (*c).into(),
                })
                .collect(),
            diagnostics: Vec::new(),
            model_packages: Vec::new(),
        }
    }

    fn marked(body: &str) -> String {
        format!("// {GENERATED_MARKER}\n{body}\n")
    }

    #[test]
    fn writes_only_changes_removes_stale_and_leaves_no_temp_files() {
        let root = temp_dir("write");
        let out = root.join("model");
        let (a1, b1, c1) = (marked("a"), marked("b"), marked("c"));
        let first = krate(&[("src/a.rs", &a1), ("src/b.rs", &b1), ("src/old/c.rs", &c1)]);
        let report = write(&out, &first).unwrap();
        assert_eq!(report.written.len(), 3);
        assert!(check(&out, &first).is_ok());
        fs::write(out.join("src/user.rs"), "hand-written\n").unwrap();
        let mtime_a = fs::metadata(out.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap();

        let b2 = marked("b2");
        let second = krate(&[("src/a.rs", &a1), ("src/b.rs", &b2)]);
        let stale = check(&out, &second).unwrap_err();
        let text = stale.to_string();
        assert!(
            text.contains("--- src/b.rs") && text.contains("-b\n") && text.contains("+b2\n"),
            "{text}"
        );
        assert!(text.contains("no longer generated: src/old/c.rs"), "{text}");

        let report = write(&out, &second).unwrap();
        assert_eq!(report.written, vec!["src/b.rs".to_string()]);
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.removed, vec!["src/old/c.rs".to_string()]);
        assert_eq!(
            fs::metadata(out.join("src/a.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime_a
        );
        assert!(!out.join("src/old").exists());
        assert_eq!(
            fs::read_to_string(out.join("src/user.rs")).unwrap(),
            "hand-written\n"
        );
        assert!(check(&out, &second).is_ok());
        let leftovers: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("model")]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let root = temp_dir("fail");
        let out = root.join("model");
        let a1 = marked("a");
        write(&out, &krate(&[("src/a.rs", &a1)])).unwrap();
        // `src/a.rs/x.rs` cannot be created while `src/a.rs` is a file; the
        // change to `src/b.rs` is staged first and so must not land either.
        let (b, x) = (marked("b"), marked("x"));
        let bad = krate(&[("src/a.rs/x.rs", &x), ("src/b.rs", &b)]);
        assert!(write(&out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("src/a.rs")).unwrap(), a1);
        assert!(!out.join("src/b.rs").exists());
        let leftovers: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("model")]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn missing_directory_is_reported_missing() {
        let out = temp_dir("missing");
        let a = marked("a");
        let report = check(&out, &krate(&[("x.rs", &a)])).unwrap_err();
        assert_eq!(
            report.changes,
            vec![FileChange::Missing {
                path: "x.rs".into()
            }]
        );
    }
}
