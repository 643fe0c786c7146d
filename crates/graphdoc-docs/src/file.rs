//! One file written atomically, for every output of graphdoc that is a
//! single file (a schema, a report, a baseline); graphdoc-codegen's `write`
//! is the many-file transaction of a generated crate.

use std::io;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so a reader never sees half a file; does nothing when the
/// file already holds exactly these bytes (it keeps its mtime). The
/// directory must exist: creating it is the caller's decision.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_leaves_no_temporary_file() {
        let dir = graphdoc_testdata::Scratch::new("file");
        let path = dir.join("out.json");
        write_file_atomically(&path, b"one").unwrap();
        write_file_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.json"]);
        let missing_dir = dir.join("missing/out.json");
        assert!(write_file_atomically(&missing_dir, b"x").is_err());
        assert!(!dir.join("missing").exists());
    }
}
