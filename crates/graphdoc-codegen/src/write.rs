//! Writing the generated crate to disk, and checking that it is current.

use crate::{GeneratedCrate, GeneratedFile, GENERATED_MARKER};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What [`write()`] did, paths relative to the output directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or changed.
    pub written: Vec<String>,
    /// Files already as generated, left untouched.
    pub unchanged: usize,
    /// Files carrying the generated marker that the output no longer has, deleted.
    pub removed: Vec<String>,
    /// Interrupted earlier writes found beside the output and undone first.
    pub recovered: usize,
}

/// Writes `generated` under `out_dir`, all or nothing.
///
/// Only files whose bytes differ are replaced (others keep their mtime);
/// files that carry the generated marker but are no longer generated are
/// removed; other files are left alone.
///
/// The change is a small transaction in a staging directory beside
/// `out_dir` (same file system, so every move is an atomic rename):
///
/// 1. the new files are written into the staging directory;
/// 2. a journal of the planned moves is written there;
/// 3. each file to be replaced or removed is moved into the staging
///    directory, and each new file moved into place;
/// 4. a `committed` mark is written, and the staging directory removed.
///
/// An error in steps 1–3 undoes the moves made so far, so `out_dir` is as it
/// was and nothing temporary is left. If the process dies instead (or the
/// undo fails too), the staging directory stays, and the next `write` to the
/// same `out_dir` finds it, puts the old files back from the journal unless
/// the mark says the change was complete, and removes it. A lock file in each
/// staging directory tells a live writer's directory from an abandoned one.
pub fn write(out_dir: &Path, generated: &GeneratedCrate) -> io::Result<WriteReport> {
    write_with_faults(out_dir, generated, &mut |_, _| Ok(()))
}

/// A file-system step of [`write()`], for [`write_with_faults`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A new file written into the staging directory.
    Stage,
    /// The journal written.
    Journal,
    /// A missing output directory created.
    CreateDir,
    /// An old file moved out of the output into the staging directory.
    MoveAside,
    /// A new file moved into the output.
    MoveIn,
    /// The `committed` mark written.
    Commit,
    /// An old file put back, or a new one taken out, while undoing.
    Restore,
    /// A staging directory removed.
    Cleanup,
}

/// [`write()`] with `fault` called before every step that changes the file
/// system; an error it returns stands for that step failing.
///
/// This seam exists because the failures `write` must survive cannot be
/// arranged for real in a test: tests run as root (permissions do not stop
/// writes), a full disk cannot be made on demand, and a kill must land
/// between two particular steps. Tests fail the k-th step, or end the
/// process there, and check that the output is unchanged.
#[doc(hidden)]
pub fn write_with_faults(
    out_dir: &Path,
    generated: &GeneratedCrate,
    fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
) -> io::Result<WriteReport> {
    let mut report = WriteReport {
        recovered: recover_interrupted(out_dir, fault)?,
        ..WriteReport::default()
    };
    let changed = changed_files(out_dir, generated);
    report.unchanged = generated.files.len() - changed.len();
    let wanted: BTreeSet<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    let stale: Vec<String> = generated_files_in(out_dir)
        .map_err(|e| context(e, format!("cannot list {}", out_dir.display())))?
        .into_iter()
        .filter(|p| !wanted.contains(p.as_str()))
        .collect();
    if changed.is_empty() && stale.is_empty() {
        return Ok(report);
    }

    let mut plan = Plan::default();
    for file in &changed {
        plan.entries.push(Entry {
            path: file.path.clone(),
            new: true,
            existed: exists_as_file(&out_dir.join(&file.path))?,
        });
    }
    for path in &stale {
        plan.entries.push(Entry {
            path: path.clone(),
            new: false,
            existed: true,
        });
    }
    plan.dirs = missing_dirs(out_dir, changed.iter().map(|f| f.path.as_str()));

    let staging = Staging::create(out_dir)?;

    let staged = changed.iter().enumerate().try_for_each(|(i, file)| {
        let path = staging.new_file(i);
        fault(Step::Stage, &path)?;
        write_durably(&path, file.contents.as_bytes())
            .map_err(|e| context(e, format!("cannot write {}", path.display())))
    });
    if let Err(e) = staged {
        // Nothing in `out_dir` has changed yet.
        return Err(staging.discard(e, fault));
    }
    if let Err(e) = apply(out_dir, &staging, &plan, fault) {
        return Err(staging.undo(out_dir, e, fault));
    }
    staging.finish(out_dir, fault)?;

    report.written = changed.iter().map(|f| f.path.clone()).collect();
    for path in stale {
        remove_empty_parents(out_dir, &out_dir.join(&path));
        report.removed.push(path);
    }
    Ok(report)
}

/// The files whose bytes on disk differ from the generated ones (or that are
/// missing), in `generated`'s order; compared in parallel.
fn changed_files<'a>(out_dir: &Path, generated: &'a GeneratedCrate) -> Vec<&'a GeneratedFile> {
    generated
        .files
        .par_iter()
        .filter(|file| !holds(&out_dir.join(&file.path), file.contents.as_bytes()))
        .collect()
}

/// Whether the file at `path` holds exactly `bytes`: one of another length
/// is not read.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    // One byte more than expected tells a file that grew since.
    let mut on_disk = Vec::with_capacity(bytes.len() + 1);
    file.take(bytes.len() as u64 + 1)
        .read_to_end(&mut on_disk)
        .is_ok_and(|_| on_disk == bytes)
}

/// Writes and fsyncs `path`: a file is on disk before the rename that
/// publishes it, so a crash after the rename cannot leave it empty or cut.
fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Steps 2 and 3: the journal, then the moves.
fn apply(
    out_dir: &Path,
    staging: &Staging,
    plan: &Plan,
    fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
) -> io::Result<()> {
    staging.write_journal(plan, fault)?;
    for dir in &plan.dirs {
        let full = out_dir.join(dir);
        fault(Step::CreateDir, &full)?;
        fs::create_dir(&full)
            .map_err(|e| context(e, format!("cannot create {}", full.display())))?;
    }
    for (i, entry) in plan.entries.iter().enumerate() {
        let target = out_dir.join(&entry.path);
        if entry.existed {
            fault(Step::MoveAside, &target)?;
            fs::rename(&target, staging.old_file(i))
                .map_err(|e| context(e, format!("cannot move {} aside", target.display())))?;
        }
        if entry.new {
            fault(Step::MoveIn, &target)?;
            fs::rename(staging.new_file(i), &target)
                .map_err(|e| context(e, format!("cannot write {}", target.display())))?;
        }
    }
    Ok(())
}

/// The moves of one write, as recorded in its journal. Entry `i` moves the
/// file there now (if any) to `old-i` and the staged `new-i` (if any) in;
/// the entries with a new file come first, in staging order.
#[derive(Debug, Default, PartialEq)]
struct Plan {
    entries: Vec<Entry>,
    /// Directories under the output to create, parents first.
    dirs: Vec<String>,
}

#[derive(Debug, PartialEq)]
struct Entry {
    path: String,
    /// A new version is moved in.
    new: bool,
    /// A file is there now and is moved aside (and back on undo).
    existed: bool,
}

impl Plan {
    fn to_json(&self) -> String {
        let entries: Vec<serde_json::Value> = self
            .entries
            .iter()
            .map(|e| serde_json::json!({ "path": e.path, "new": e.new, "existed": e.existed }))
            .collect();
        serde_json::json!({ "entries": entries, "dirs": self.dirs }).to_string()
    }

    fn from_json(text: &str) -> Option<Plan> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let entries = v
            .get("entries")?
            .as_array()?
            .iter()
            .map(|e| {
                Some(Entry {
                    path: e.get("path")?.as_str()?.to_string(),
                    new: e.get("new")?.as_bool()?,
                    existed: e.get("existed")?.as_bool()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let dirs = v
            .get("dirs")?
            .as_array()?
            .iter()
            .map(|d| d.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?;
        Some(Plan { entries, dirs })
    }
}

fn context(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

/// Whether `path` is a file (or a link) to be replaced; a directory where a
/// generated file belongs is an error, not something to move away.
fn exists_as_file(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is a directory, where a generated file belongs",
                path.display()
            ),
        )),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(context(e, format!("cannot read {}", path.display()))),
    }
}

/// The directories under `out_dir` (relative, parents first) that the
/// files need and that do not exist; `""` stands for `out_dir` itself.
fn missing_dirs<'a>(out_dir: &Path, files: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut dirs = BTreeSet::new();
    for file in files {
        let mut rel = file;
        while let Some(cut) = rel.rfind('/') {
            rel = &rel[..cut];
            if out_dir.join(rel).exists() || !dirs.insert(rel.to_string()) {
                break;
            }
        }
        if !rel.contains('/') && !out_dir.exists() {
            dirs.insert(String::new());
        }
    }
    let mut dirs: Vec<String> = dirs.into_iter().collect();
    dirs.sort_by_key(|d| {
        (
            if d.is_empty() {
                0
            } else {
                d.matches('/').count() + 1
            },
            d.clone(),
        )
    });
    dirs
}

const STAGING_INFIX: &str = ".graphdoc-staging-";
const JOURNAL: &str = "journal";
const COMMITTED: &str = "committed";
const LOCK: &str = "lock";

/// A staging directory of this process, with its lock held.
struct Staging {
    dir: PathBuf,
    _lock: fs::File,
}

/// The sibling directory of `out_dir` that holds staging directories (same
/// file system, so renames from them are atomic).
fn staging_parent(out_dir: &Path) -> PathBuf {
    match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn staging_prefix(out_dir: &Path) -> String {
    let base = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    format!(".{base}{STAGING_INFIX}")
}

impl Staging {
    fn create(out_dir: &Path) -> io::Result<Staging> {
        let parent = staging_parent(out_dir);
        fs::create_dir_all(&parent)
            .map_err(|e| context(e, format!("cannot create {}", parent.display())))?;
        let prefix = staging_prefix(out_dir);
        for n in 0..1000 {
            let dir = parent.join(format!("{prefix}{}-{n}", std::process::id()));
            match fs::create_dir(&dir) {
                Ok(()) => {
                    let lock = fs::File::create(dir.join(LOCK))
                        .and_then(|f| f.try_lock().map_err(io::Error::from).map(|()| f))
                        .map_err(|e| {
                            let _ = fs::remove_dir_all(&dir);
                            context(e, format!("cannot lock {}", dir.display()))
                        })?;
                    return Ok(Staging { dir, _lock: lock });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(context(e, format!("cannot create {}", dir.display())));
                }
            }
        }
        Err(io::Error::other(format!(
            "no free staging directory name in {}",
            parent.display()
        )))
    }

    fn new_file(&self, i: usize) -> PathBuf {
        self.dir.join(format!("new-{i}"))
    }

    fn old_file(&self, i: usize) -> PathBuf {
        self.dir.join(format!("old-{i}"))
    }

    fn write_journal(
        &self,
        plan: &Plan,
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> io::Result<()> {
        let path = self.dir.join(JOURNAL);
        fault(Step::Journal, &path)?;
        // Whole or absent: a journal cut short by a kill would undo too little.
        let partial = self.dir.join("journal.partial");
        write_durably(&partial, plan.to_json().as_bytes())
            .and_then(|()| fs::rename(&partial, &path))
            .map_err(|e| context(e, format!("cannot write {}", path.display())))
    }

    /// Removes the staging directory after an error before any move.
    fn discard(
        self,
        error: io::Error,
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> io::Error {
        match remove_staging(&self.dir, fault) {
            Ok(()) => error,
            Err(e) => context(
                error,
                format!("(and the staging directory is left behind: {e}; the next run removes it)"),
            ),
        }
    }

    /// Undoes the moves after an error during them.
    fn undo(
        self,
        out_dir: &Path,
        error: io::Error,
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> io::Error {
        match restore(out_dir, &self.dir, fault).and_then(|()| remove_staging(&self.dir, fault)) {
            Ok(()) => io::Error::new(
                error.kind(),
                format!("{error}; {} is left as it was", out_dir.display()),
            ),
            Err(e) => io::Error::new(
                error.kind(),
                format!(
                    "{error}; undoing the partial write failed too ({e}): the next run restores {} from {}",
                    out_dir.display(),
                    self.dir.display()
                ),
            ),
        }
    }

    /// Step 4: the mark, then the staging directory goes.
    fn finish(
        self,
        out_dir: &Path,
        fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
    ) -> io::Result<()> {
        let mark = self.dir.join(COMMITTED);
        let marked = fault(Step::Commit, &mark)
            .and_then(|()| fs::write(&mark, ""))
            .map_err(|e| context(e, format!("cannot write {}", mark.display())));
        if let Err(e) = marked {
            return Err(self.undo(out_dir, e, fault));
        }
        remove_staging(&self.dir, fault).map_err(|e| {
            context(
                e,
                format!(
                    "{} is written, but its staging directory is left behind (the next run removes it)",
                    out_dir.display()
                ),
            )
        })
    }
}

fn remove_staging(
    dir: &Path,
    fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
) -> io::Result<()> {
    fault(Step::Cleanup, dir)?;
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(context(e, format!("cannot remove {}", dir.display())))
        }
        _ => Ok(()),
    }
}

/// Puts `out_dir` back as it was before the write staged in `staging`,
/// from its journal; nothing to do without a journal (nothing was moved) or
/// with the `committed` mark (the write was complete).
fn restore(
    out_dir: &Path,
    staging: &Path,
    fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
) -> io::Result<()> {
    if staging.join(COMMITTED).exists() {
        return Ok(());
    }
    let journal = match fs::read_to_string(staging.join(JOURNAL)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(context(
                e,
                format!("cannot read the journal in {}", staging.display()),
            ))
        }
    };
    let plan = Plan::from_json(&journal).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("unreadable journal in {}", staging.display()),
        )
    })?;
    for (i, entry) in plan.entries.iter().enumerate().rev() {
        let target = out_dir.join(&entry.path);
        let old = staging.join(format!("old-{i}"));
        let moved_in = entry.new && !staging.join(format!("new-{i}")).exists();
        if old.exists() {
            fault(Step::Restore, &target)?;
            fs::rename(&old, &target)
                .map_err(|e| context(e, format!("cannot put back {}", target.display())))?;
        } else if moved_in && !entry.existed {
            fault(Step::Restore, &target)?;
            match fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(context(e, format!("cannot remove {}", target.display())));
                }
                _ => {}
            }
        }
    }
    for dir in plan.dirs.iter().rev() {
        // Only if empty: anything else in it was not ours.
        let _ = fs::remove_dir(out_dir.join(dir));
    }
    Ok(())
}

/// Finds the staging directories that earlier writes to `out_dir` left
/// when they were killed, restores what they moved and removes them.
/// Returns how many there were.
fn recover_interrupted(
    out_dir: &Path,
    fault: &mut dyn FnMut(Step, &Path) -> io::Result<()>,
) -> io::Result<usize> {
    let parent = staging_parent(out_dir);
    let prefix = staging_prefix(out_dir);
    let entries = match fs::read_dir(&parent) {
        Ok(entries) => entries,
        // No parent yet: nothing was ever staged there.
        Err(_) => return Ok(0),
    };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    let mut recovered = 0;
    for dir in leftovers {
        if !dir.is_dir() || held_by_a_live_writer(&dir) {
            continue;
        }
        restore(out_dir, &dir, fault)
            .and_then(|()| remove_staging(&dir, fault))
            .map_err(|e| {
                context(
                    e,
                    format!(
                        "cannot undo the interrupted write to {} left in {}",
                        out_dir.display(),
                        dir.display()
                    ),
                )
            })?;
        recovered += 1;
    }
    Ok(recovered)
}

/// A writer holds the lock of its staging directory until it is done; the
/// lock goes with the process, so a free lock means the writer died.
fn held_by_a_live_writer(dir: &Path) -> bool {
    match fs::File::open(dir.join(LOCK)) {
        Ok(f) => matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)),
        // Killed before its lock file existed.
        Err(_) => false,
    }
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
    /// A file the output should have and the directory lacks.
    Missing {
        /// Relative to the output directory.
        path: String,
    },
    /// A file whose contents differ.
    Changed {
        /// Relative to the output directory.
        path: String,
        /// A short unified-style diff of the changed region, for the message.
        diff: String,
    },
    /// A file carrying the generated marker that is no longer generated.
    Stale {
        /// Relative to the output directory.
        path: String,
    },
}

/// The files of an output directory that are not what [`generate`](crate::generate) gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaleReport {
    /// One entry a file that differs, in path order.
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
    let mut changes: Vec<FileChange> = generated
        .files
        .par_iter()
        .filter_map(|file| match fs::read(out_dir.join(&file.path)) {
            Err(_) => Some(FileChange::Missing {
                path: file.path.clone(),
            }),
            Ok(bytes) if bytes == file.contents.as_bytes() => None,
            Ok(bytes) => Some(FileChange::Changed {
                path: file.path.clone(),
                diff: line_diff(&String::from_utf8_lossy(&bytes), &file.contents),
            }),
        })
        .collect();
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
    use graphdoc_testdata::Scratch;

    fn temp_dir(name: &str) -> Scratch {
        Scratch::new(&format!("codegen-{name}"))
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
            ..GeneratedCrate::default()
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
    }

    /// Only staging directories whose writer is gone are recovered: one
    /// whose lock is held belongs to a write still running.
    #[test]
    fn a_live_writers_staging_directory_is_left_alone() {
        let root = temp_dir("live");
        let out = root.join("model");
        let live = Staging::create(&out).unwrap();
        let abandoned = root.join(format!(".model{STAGING_INFIX}0-0"));
        fs::create_dir(&abandoned).unwrap();
        fs::write(abandoned.join(LOCK), "").unwrap();
        let report = write(&out, &krate(&[("a.rs", &marked("a"))])).unwrap();
        assert_eq!(report.recovered, 1);
        assert!(live.dir.join(LOCK).exists());
        assert!(!abandoned.exists());
        let live_dir = live.dir.clone();
        drop(live);
        let report = write(&out, &krate(&[("a.rs", &marked("a"))])).unwrap();
        assert_eq!(report.recovered, 1, "its writer is gone now");
        assert!(!live_dir.exists());
    }

    #[test]
    fn missing_directory_is_reported_missing() {
        let root = temp_dir("missing");
        let out = root.join("model");
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
