//! Where a docs tree is and which versions it holds: the one place every
//! command (the `graphdoc` CLI, xtask, the libraries' own entry points) asks,
//! so a wrong `--docs` or `--version` gets the same message from all of them.
//!
//! A docs tree is the folder that holds `api-reference/`, with one folder per
//! API version below it (`api-reference/v1.0/`, `api-reference/beta/`).

use crate::VERSIONS;
use std::path::{Path, PathBuf};

/// What is wrong with a docs path or a version asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeError {
    /// Nothing at that path, or not a directory.
    NoDirectory(PathBuf),
    /// The path is inside a docs tree (`api-reference/` or below it); `root`
    /// is the folder to point at instead.
    InsideTree {
        /// The path as given.
        given: PathBuf,
        /// The folder holding `api-reference/`.
        root: PathBuf,
    },
    /// A directory with no `api-reference/<version>/` in it.
    NoVersions(PathBuf),
    /// No `--docs` given and neither the current directory nor a parent holds
    /// `api-reference/`.
    NotFound,
    /// A version the tree does not hold (or no version at all, like `v2`).
    UnknownVersion {
        /// The version asked for.
        version: String,
        /// The docs tree it was looked for in.
        docs: PathBuf,
        /// The versions the tree does hold, for the message.
        present: Vec<&'static str>,
    },
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TreeError::NoDirectory(p) => {
                let what = if p.exists() { "not a directory" } else { "no such directory" };
                write!(f, "no docs at {}: {what}", shown(p))
            }
            TreeError::InsideTree { given, root } => write!(
                f,
                "no docs at {}: that is inside a docs tree; point at the folder that holds api-reference/ (here: {})",
                shown(given),
                shown(root)
            ),
            TreeError::NoVersions(p) => write!(
                f,
                "no docs at {}: point at the folder that holds api-reference/ (with v1.0/ or beta/ in it)",
                shown(p)
            ),
            TreeError::NotFound => f.write_str(
                "no docs found: neither this directory nor a parent holds api-reference/; pass --docs DIR",
            ),
            TreeError::UnknownVersion {
                version,
                docs,
                present,
            } => write!(
                f,
                "no version `{version}` in {}: it has {}",
                shown(docs),
                match present.as_slice() {
                    [] => "none".to_string(),
                    [one] => one.to_string(),
                    many => format!("{} (or all)", many.join(", ")),
                }
            ),
        }
    }
}

impl std::error::Error for TreeError {}

/// A path as shown in messages: `.` for the current directory.
fn shown(p: &Path) -> String {
    if p.as_os_str().is_empty() {
        ".".into()
    } else {
        crate::display_path(p)
    }
}

/// The docs tree `start` is in: `start` itself or the nearest parent that
/// holds `api-reference/`, as a relative path (`.`, `..`, `../..`) so that
/// every path printed stays relative.
pub fn locate(start: &Path) -> Result<PathBuf, TreeError> {
    for (levels, dir) in start.ancestors().enumerate() {
        if dir.join("api-reference").is_dir() {
            return Ok(match levels {
                0 => PathBuf::from("."),
                n => (0..n).map(|_| "..").collect(),
            });
        }
    }
    Err(TreeError::NotFound)
}

/// Checks that `docs` is a docs tree: a directory holding
/// `api-reference/<version>/` for at least one known version.
pub fn check_root(docs: &Path) -> Result<(), TreeError> {
    if !docs.is_dir() {
        return Err(TreeError::NoDirectory(docs.to_path_buf()));
    }
    if !present_versions(docs).is_empty() {
        return Ok(());
    }
    match enclosing_root(docs) {
        Some(root) => Err(TreeError::InsideTree {
            given: docs.to_path_buf(),
            root,
        }),
        None => Err(TreeError::NoVersions(docs.to_path_buf())),
    }
}

/// The versions `docs` holds, in [`VERSIONS`] order.
pub fn present_versions(docs: &Path) -> Vec<&'static str> {
    VERSIONS
        .into_iter()
        .filter(|v| crate::tree::has_version(docs, v))
        .collect()
}

/// The versions a `--version` value names in `docs`: `all` is every version
/// the tree holds; a single version must be one of them.
pub fn select_versions(docs: &Path, wanted: &str) -> Result<Vec<&'static str>, TreeError> {
    check_root(docs)?;
    let present = present_versions(docs);
    if wanted == "all" {
        return Ok(present);
    }
    match present.iter().find(|v| **v == wanted) {
        Some(v) => Ok(vec![*v]),
        None => Err(TreeError::UnknownVersion {
            version: wanted.to_string(),
            docs: docs.to_path_buf(),
            present,
        }),
    }
}

/// For a path at or below an `api-reference/` folder, the folder that holds
/// it, written relative to `docs` (`docs/..`, `docs/../..`).
fn enclosing_root(docs: &Path) -> Option<PathBuf> {
    let absolute = docs.canonicalize().ok()?;
    let levels = absolute
        .ancestors()
        .position(|a| a.file_name().is_some_and(|n| n == "api-reference"))?;
    let mut root = if docs == Path::new(".") {
        PathBuf::new()
    } else {
        docs.to_path_buf()
    };
    for _ in 0..=levels {
        // `a/b/..` reads better as `a` when `b` is a plain name.
        root = match root.file_name() {
            Some(name) if name != ".." && name != "." => {
                root.parent().map(Path::to_path_buf).unwrap_or_default()
            }
            _ => root.join(".."),
        };
    }
    if root.as_os_str().is_empty() {
        root = PathBuf::from(".");
    }
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_testdata::Scratch;

    fn tree(name: &str) -> Scratch {
        let root = Scratch::new(&format!("tree-{name}"));
        std::fs::create_dir_all(root.join("api-reference/v1.0/resources")).unwrap();
        root
    }

    #[test]
    fn a_version_folder_or_api_reference_points_at_the_root() {
        let root = tree("inside");
        for inner in [
            "api-reference",
            "api-reference/v1.0",
            "api-reference/v1.0/resources",
        ] {
            let given = root.join(inner);
            let err = check_root(&given).unwrap_err();
            assert_eq!(
                err,
                TreeError::InsideTree {
                    given: given.clone(),
                    root: root.to_path_buf()
                }
            );
            assert!(err
                .to_string()
                .contains("point at the folder that holds api-reference/"));
        }
        assert_eq!(check_root(&root), Ok(()));
    }

    #[test]
    fn an_unknown_version_lists_the_versions_present() {
        let root = tree("versions");
        let err = select_versions(&root, "beta").unwrap_err();
        assert!(err.to_string().ends_with(": it has v1.0"), "{err}");
        let err = select_versions(&root, "v2").unwrap_err();
        assert!(err.to_string().starts_with("no version `v2` in "), "{err}");
        assert_eq!(select_versions(&root, "all"), Ok(vec!["v1.0"]));
        assert_eq!(select_versions(&root, "v1.0"), Ok(vec!["v1.0"]));
    }

    #[test]
    fn locate_finds_the_root_from_below_as_a_relative_path() {
        let root = tree("locate");
        assert_eq!(locate(&root), Ok(PathBuf::from(".")));
        let below = root.join("api-reference/v1.0/resources");
        assert_eq!(locate(&below), Ok(PathBuf::from("../../..")));
        assert_eq!(
            locate(&std::env::temp_dir().join("graphdoc-no-such-tree")),
            Err(TreeError::NotFound)
        );
    }

    #[test]
    fn missing_and_empty_directories_are_told_apart() {
        let root = tree("missing");
        assert!(matches!(
            check_root(&root.join("nope")),
            Err(TreeError::NoDirectory(_))
        ));
        let empty = root.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(matches!(check_root(&empty), Err(TreeError::NoVersions(_))));
    }
}
