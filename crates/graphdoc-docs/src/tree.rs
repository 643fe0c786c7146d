//! The one way into a docs tree: which pages a version has, and their bytes,
//! read only from inside the docs root and within [`Limits`].
//!
//! A docs tree may come from a pull request, so a symbolic link is never
//! followed blindly. Where a link leads is decided one path component at a
//! time, relative to the root: `..` above the root, or an absolute target
//! that is not under it, "leaves the docs tree" and is reported, not read.
//! Only paths already known to be inside the root are ever stat-ed, listed
//! or opened; a link's target outside it is never touched.

use crate::{display_path, LoadError, PageInput, PageKind};
use graphdoc_schema::{Diagnostic, Severity, Source};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Codes of what the tree walk and the bounds report.
pub mod codes {
    /// A link whose target is outside the docs root.
    pub const LEAVES_TREE: &str = "GD0901";
    /// A link that loops, or a folder link to a folder that holds it.
    pub const LINK_LOOP: &str = "GD0902";
    /// A page over `Limits::page_bytes`.
    pub const PAGE_TOO_LARGE: &str = "GD0903";
    /// A line over the line-length limit.
    pub const LINE_TOO_LONG: &str = "GD0904";
    /// A table with more rows than the limit.
    pub const TABLE_TOO_LONG: &str = "GD0905";
    /// Blocks nested deeper than the limit.
    pub const NESTED_TOO_DEEP: &str = "GD0906";
    /// A JSON example over the size limit.
    pub const JSON_TOO_LARGE: &str = "GD0907";
    /// A JSON example nested deeper than the limit.
    pub const JSON_TOO_DEEP: &str = "GD0908";
    /// A page file that is binary, not text.
    pub const BINARY_PAGE: &str = "GD0909";

    /// Every code of a page the tree has but that was not read (a link out
    /// of the tree or a loop, a limit exceeded).
    pub static NOT_READ: &[&str] = &[
        LEAVES_TREE,
        LINK_LOOP,
        PAGE_TOO_LARGE,
        LINE_TOO_LONG,
        TABLE_TOO_LONG,
        NESTED_TOO_DEEP,
        JSON_TOO_LARGE,
        JSON_TOO_DEEP,
        BINARY_PAGE,
    ];

    /// What each code means: the text of `lint --explain GD09xx`.
    pub static EXPLANATIONS: &[(&str, &str)] = &[
        (LEAVES_TREE, "A symbolic link in the docs tree (a page, a folder or a file beside the pages, such as graphdoc-lint.toml) points outside the docs root. graphdoc reads only the docs tree: the link is not followed and its target is neither read nor checked (a pull request could otherwise make a CI runner print its files). Fix: copy the page into the tree, or link inside it. (A link in a page's text that climbs above the root is GL0016.)"),
        (LINK_LOOP, "A symbolic link in the docs tree leads back to itself, directly or through other links, or a folder link leads to a folder that holds it. It is not followed. Fix: remove the link."),
        (PAGE_TOO_LARGE, "A page is larger than the page size limit (default 4 MB; the largest real page is about 120 KB). It is not read, so that one page cannot stall or kill a run. Fix: split the page; or raise the limit (`--max-page-size`)."),
        (LINE_TOO_LONG, "A line of the page is longer than the line length limit (default 1 MB). The page is not read. Fix: break the line; or raise the limit (`--max-line-length`)."),
        (TABLE_TOO_LONG, "A table has more rows than the table row limit (default 50,000; the longest real table has about 1,700). The page is not read. Fix: split the table; or raise the limit (`--max-table-rows`)."),
        (NESTED_TOO_DEEP, "Block quotes or lists are nested deeper than the nesting limit (default 100). The page is not read. Fix: flatten the nesting; or raise the limit (`--max-nesting`)."),
        (JSON_TOO_LARGE, "A JSON example is larger than the JSON example size limit (default 1 MB). The page is not read. Fix: shorten the example (`...` stands for the rest); or raise the limit (`--max-json-size`)."),
        (BINARY_PAGE, "A `.md` file of the docs tree is binary, not text: it holds NUL bytes, or most of its start is neither UTF-8 text nor whitespace (an image or an archive saved under a page's name). It is not read as a page, which would only report a missing title and no items. Fix: remove the file, or give it its real extension."),
        (JSON_TOO_DEEP, "A JSON example nests objects and arrays deeper than the JSON depth limit (default 128, which is also where serde_json stops; the deepest real example has 37 levels). The page is not read. Fix: shorten the example; or raise the limit (`--max-json-depth`)."),
    ];
}

/// Bounds on what one page may hold. Hitting one is a finding and the page
/// is not read: work stays linear in the input and memory a small multiple
/// of the largest page. The defaults are far above the real docs (largest
/// page about 120 KB, longest table about 1,700 rows). The `graphdoc`
/// command sets them with `--max-page-size`, `--max-line-length`,
/// `--max-table-rows`, `--max-nesting`, `--max-json-size` and
/// `--max-json-depth`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one page file.
    pub page_bytes: u64,
    /// Bytes of one line.
    pub line_bytes: usize,
    /// Rows of one table.
    pub table_rows: usize,
    /// Levels of block quotes and list items around a line.
    pub nesting_depth: usize,
    /// Bytes of one fenced JSON block.
    pub json_bytes: usize,
    /// Levels of objects and arrays in one fenced JSON block.
    pub json_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            page_bytes: 4 << 20,
            line_bytes: 1 << 20,
            table_rows: 50_000,
            nesting_depth: 100,
            json_bytes: 1 << 20,
            json_depth: 128,
        }
    }
}

/// A page file found by the walk.
#[derive(Debug, Clone)]
pub struct PageFile {
    /// The page's path relative to the docs root, as found (a link's own
    /// path, not its target's).
    pub path: PathBuf,
    /// Resource or API page, by its folder.
    pub kind: PageKind,
    /// What to open: a path under the root with no link in it, or `None`
    /// for a link that leads nowhere inside the tree.
    real: Option<PathBuf>,
}

/// The pages of one version and what the walk reported.
#[derive(Debug, Default)]
pub struct Walk {
    /// The page files of the version, sorted by path.
    pub pages: Vec<PageFile>,
    /// Links that leave the tree or loop (GD0901, GD0902).
    pub diagnostics: Vec<Diagnostic>,
}

/// The pages of one version, read, and what walking and reading reported
/// (links that leave the tree, loops, unreadable pages, bounds hit).
#[derive(Debug, Default)]
pub struct Tree {
    /// Sorted by path.
    pub pages: Vec<PageInput>,
    /// What walking and reading found: links out, loops, unreadable pages, limits exceeded.
    pub diagnostics: Vec<Diagnostic>,
    /// Every page the walk found, read or not (over a limit, a link that
    /// leads nowhere), by the path messages show, sorted: what
    /// [`crate::list_pages`] lists, without walking the tree again.
    pub listed: Vec<String>,
}

/// Where a path relative to the root leads, decided inside the root.
#[derive(Debug, PartialEq)]
enum Resolved {
    /// A path relative to the root with no link in it.
    Inside(PathBuf, Kind),
    Leaves,
    Loop,
    /// Nothing there (or a component that is not a folder).
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    File,
    Dir,
}

/// Links followed for one path before it counts as a loop (Linux: 40).
const MAX_HOPS: usize = 40;

/// Confines every look-up to one docs root.
struct Confined {
    root: PathBuf,
    /// The root made absolute without touching the file system: absolute
    /// link targets are compared against it, lexically.
    absolute_root: Vec<OsString>,
}

impl Confined {
    fn new(root: &Path) -> Self {
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Confined {
            root: root.to_path_buf(),
            absolute_root: normalized(&absolute).unwrap_or_default(),
        }
    }

    /// Follows `relative` (a path under the root) one component at a time;
    /// each link is read and its target resolved from where the link is,
    /// never stat-ing anything the root does not hold.
    fn resolve(&self, relative: &Path) -> Resolved {
        let mut done: Vec<OsString> = Vec::new();
        let mut todo: Vec<OsString> = Vec::new();
        if push_components(relative, &mut todo).is_err() {
            return Resolved::Leaves;
        }
        todo.reverse();
        let mut hops = 0;
        let mut kind = Kind::Dir;
        while let Some(name) = todo.pop() {
            if name == ".." {
                if done.pop().is_none() {
                    return Resolved::Leaves;
                }
                kind = Kind::Dir;
                continue;
            }
            if kind == Kind::File {
                return Resolved::Missing;
            }
            let mut path = self.root.clone();
            path.extend(&done);
            path.push(&name);
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                return Resolved::Missing;
            };
            if !meta.file_type().is_symlink() {
                kind = if meta.is_dir() { Kind::Dir } else { Kind::File };
                done.push(name);
                continue;
            }
            hops += 1;
            if hops > MAX_HOPS {
                return Resolved::Loop;
            }
            let Ok(target) = std::fs::read_link(&path) else {
                return Resolved::Missing;
            };
            let mut next = Vec::new();
            if target.is_absolute() {
                let Some(target) = normalized(&target) else {
                    return Resolved::Leaves;
                };
                let Some(rest) = target.strip_prefix(self.absolute_root.as_slice()) else {
                    return Resolved::Leaves;
                };
                done.clear();
                next.extend(rest.iter().cloned());
            } else if push_components(&target, &mut next).is_err() {
                return Resolved::Leaves;
            }
            kind = Kind::Dir;
            todo.extend(next.into_iter().rev());
        }
        Resolved::Inside(done.iter().collect(), kind)
    }

    fn full(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }
}

/// `.` dropped and `..` kept, as the names of the components of a relative
/// path; `Err` for an absolute one.
fn push_components(path: &Path, out: &mut Vec<OsString>) -> Result<(), ()> {
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => out.push("..".into()),
            Component::Normal(n) => out.push(n.to_os_string()),
            Component::RootDir | Component::Prefix(_) => return Err(()),
        }
    }
    Ok(())
}

/// The components of an absolute path with `.` and `..` applied lexically.
fn normalized(path: &Path) -> Option<Vec<OsString>> {
    let mut out: Vec<OsString> = Vec::new();
    for c in path.components() {
        match c {
            Component::Prefix(p) => out.push(p.as_os_str().to_os_string()),
            Component::RootDir => out.push("/".into()),
            Component::CurDir => {}
            Component::ParentDir => {
                if out.len() > 1 {
                    out.pop();
                }
            }
            Component::Normal(n) => out.push(n.to_os_string()),
        }
    }
    Some(out).filter(|o| !o.is_empty())
}

/// Whether `root` holds `api-reference/<version>` as a folder inside the
/// tree.
pub fn has_version(root: &Path, version: &str) -> bool {
    let relative = Path::new("api-reference").join(version);
    matches!(
        Confined::new(root).resolve(&relative),
        Resolved::Inside(_, Kind::Dir)
    )
}

/// Lists the pages of one version, sorted by path (byte order), with a
/// finding for each link that leaves the tree or loops.
pub fn walk(root: &Path, version: &str) -> Result<Walk, LoadError> {
    let confined = Confined::new(root);
    let base = Path::new("api-reference").join(version);
    let base_real = match confined.resolve(&base) {
        Resolved::Inside(real, Kind::Dir) => real,
        _ => return Err(LoadError::MissingVersion(root.join(&base))),
    };
    let mut walk = Walk::default();
    for (dir, kind) in [("resources", PageKind::Resource), ("api", PageKind::Api)] {
        // Shown relative to the root, whatever `root` looks like (absolute,
        // through a link, with `..`): no message names a path of the machine.
        let shown = base.join(dir);
        let relative = base_real.join(dir);
        // Absent: a tree may hold only resources or only API pages. A
        // dangling link or a file in its place is an error, not absence.
        if std::fs::symlink_metadata(confined.full(&relative)).is_err() {
            continue;
        }
        match confined.resolve(&relative) {
            Resolved::Inside(real, Kind::Dir) => {
                let mut walker = DirWalk {
                    confined: &confined,
                    kind,
                    out: &mut walk,
                    stack: Vec::new(),
                };
                walker.dir(&real, &shown)?;
            }
            Resolved::Inside(_, Kind::File) => {
                let e = std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a directory");
                return Err(LoadError::Io(root.join(shown), e));
            }
            Resolved::Missing => {
                let e = std::io::Error::new(std::io::ErrorKind::NotFound, "a link to nothing");
                return Err(LoadError::Io(root.join(shown), e));
            }
            Resolved::Leaves => walk.diagnostics.push(leaves(&shown)),
            Resolved::Loop => walk.diagnostics.push(link_loop(&shown)),
        }
    }
    // By the path's bytes: `Path`'s own order compares component by
    // component, several times slower over ten thousand pages.
    walk.pages
        .sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    walk.diagnostics.sort();
    Ok(walk)
}

struct DirWalk<'a> {
    confined: &'a Confined,
    kind: PageKind,
    out: &'a mut Walk,
    /// Real folders being walked, outermost first: a folder link to one of
    /// them (or above) is a loop.
    stack: Vec<PathBuf>,
}

impl DirWalk<'_> {
    /// Walks the folder `real` (under the root, no link in it), showing its
    /// entries under `shown`.
    fn dir(&mut self, real: &Path, shown: &Path) -> Result<(), LoadError> {
        self.stack.push(real.to_path_buf());
        let full = self.confined.full(real);
        for entry in walkdir::WalkDir::new(&full).min_depth(1) {
            let entry = entry.map_err(|e| LoadError::Io(shown.to_path_buf(), e.into()))?;
            let below = entry.path().strip_prefix(&full).unwrap_or(entry.path());
            let path = shown.join(below);
            let is_page = below
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"));
            if entry.file_type().is_file() {
                if is_page {
                    let real = Some(real.join(below));
                    self.page(path, real);
                }
                continue;
            }
            if !entry.path_is_symlink() {
                continue;
            }
            match self.confined.resolve(&real.join(below)) {
                Resolved::Inside(target, Kind::File) => {
                    if is_page {
                        self.page(path, Some(target));
                    }
                }
                Resolved::Inside(target, Kind::Dir) => {
                    let at = real.join(below);
                    let above = |s: &Path| s.starts_with(&target);
                    if at.parent().is_some_and(above) || self.stack.iter().any(|s| above(s)) {
                        self.out.diagnostics.push(link_loop(&path));
                    } else {
                        self.dir(&target, &path)?;
                    }
                }
                // A dangling link to a page is reported when it is read.
                Resolved::Missing => {
                    if is_page {
                        self.page(path, None);
                    }
                }
                Resolved::Leaves => {
                    self.out.diagnostics.push(leaves(&path));
                }
                Resolved::Loop => {
                    self.out.diagnostics.push(link_loop(&path));
                }
            }
        }
        self.stack.pop();
        Ok(())
    }

    fn page(&mut self, path: PathBuf, real: Option<PathBuf>) {
        self.out.pages.push(PageFile {
            path,
            kind: self.kind,
            real,
        });
    }
}

/// `path` is relative to the docs root.
fn leaves(path: &Path) -> Diagnostic {
    let shown = display_path(path);
    Diagnostic::new(
        &Source::new(shown.clone(), 1),
        Severity::Error,
        codes::LEAVES_TREE,
        format!("`{shown}` is a symbolic link that leaves the docs tree; not read"),
    )
}

/// `path` is relative to the docs root.
fn link_loop(path: &Path) -> Diagnostic {
    let shown = display_path(path);
    Diagnostic::new(
        &Source::new(shown.clone(), 1),
        Severity::Error,
        codes::LINK_LOOP,
        format!("`{shown}` is a symbolic link that loops; not followed"),
    )
}

/// A file the docs root holds at `relative` (a suppressions file…), as the
/// path to open: `Ok(None)` when there is none, a GD0901 or GD0902 finding
/// when the name is a link that leaves the tree or loops (it is then not to
/// be read).
pub fn file_in_tree(root: &Path, relative: &Path) -> Result<Option<PathBuf>, Box<Diagnostic>> {
    match Confined::new(root).resolve(relative) {
        Resolved::Inside(_, Kind::File) => Ok(Some(root.join(relative))),
        Resolved::Inside(_, Kind::Dir) | Resolved::Missing => Ok(None),
        Resolved::Leaves => Err(Box::new(leaves(relative))),
        Resolved::Loop => Err(Box::new(link_loop(relative))),
    }
}

/// Reads every page `walk` finds, within `limits`.
pub fn read_version(root: &Path, version: &str, limits: &Limits) -> Result<Tree, LoadError> {
    use rayon::prelude::*;
    let walk = walk(root, version)?;
    let listed = walk.pages.iter().map(|p| display_path(&p.path)).collect();
    let confined = Confined::new(root);
    type Read = Result<(PageInput, Option<Diagnostic>), Box<Diagnostic>>;
    let read: Vec<Read> = walk
        .pages
        .into_par_iter()
        .map(|page| {
            let shown = display_path(&page.path);
            let bytes = match &page.real {
                Some(real) => read_page(&confined.full(real), &shown, limits)?,
                None => return Err(unreadable(&shown, "its symbolic link leads nowhere")),
            };
            let not_utf8 = crate::check_utf8(&shown, &bytes);
            let page = PageInput {
                path: shown,
                kind: page.kind,
                bytes,
            };
            Ok((page, not_utf8))
        })
        .collect();
    let mut tree = Tree {
        pages: Vec::with_capacity(read.len()),
        diagnostics: walk.diagnostics,
        listed,
    };
    for r in read {
        match r {
            Ok((page, not_utf8)) => {
                tree.pages.push(page);
                tree.diagnostics.extend(not_utf8);
            }
            Err(d) => tree.diagnostics.push(*d),
        }
    }
    Ok(tree)
}

/// The text of one page by its path relative to the root, read as every
/// page is (inside the root only, within the limits; invalid UTF-8
/// replaced), for a tool that shows a page's lines; `None` when the tree
/// has no such page it may read.
pub fn page_text(root: &Path, relative: &str, limits: &Limits) -> Option<String> {
    let page = read_companion(root, Path::new(relative), limits)?;
    Some(String::from_utf8_lossy(&page.bytes).into_owned())
}

/// Reads another version's page of the same file name, if the tree has it
/// inside the root and it is within the limits.
pub(crate) fn read_companion(root: &Path, relative: &Path, limits: &Limits) -> Option<PageInput> {
    let confined = Confined::new(root);
    let Resolved::Inside(real, Kind::File) = confined.resolve(relative) else {
        return None;
    };
    let shown = display_path(relative);
    let bytes = read_page(&confined.full(&real), &shown, limits).ok()?;
    Some(PageInput {
        path: shown,
        kind: PageKind::Resource,
        bytes,
    })
}

fn unreadable(shown: &str, why: impl std::fmt::Display) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(
        &Source::new(shown, 1),
        Severity::Error,
        crate::page::codes::UNREADABLE,
        format!("cannot read page: {why}"),
    ))
}

/// Whether a page file is binary: a NUL byte anywhere (no text page has
/// one), or, in its first 8 KB, more than a third of the bytes are control
/// characters other than whitespace or not UTF-8. A page with a few invalid
/// bytes is text (GD0014).
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let start = &bytes[..bytes.len().min(8192)];
    let mut junk = 0;
    for chunk in start.utf8_chunks() {
        junk += chunk.invalid().len();
        junk += chunk
            .valid()
            .bytes()
            .filter(|b| b.is_ascii_control() && !b"\t\n\r\x0c".contains(b))
            .count();
    }
    junk * 3 > start.len()
}

/// The bytes of a page, read no further than the size limit, and checked
/// against the other limits.
fn read_page(path: &Path, shown: &str, limits: &Limits) -> Result<Vec<u8>, Box<Diagnostic>> {
    let file = std::fs::File::open(path).map_err(|e| unreadable(shown, e))?;
    // Room for the size the file says it has (within the limit) and a byte
    // more: read in one go, not in reads of growing size, each a copy.
    let said = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(limits.page_bytes);
    let mut bytes = Vec::with_capacity(usize::try_from(said).unwrap_or(0).saturating_add(1));
    file.take(limits.page_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(shown, e))?;
    check_page(shown, &bytes, limits)?;
    Ok(bytes)
}

/// A page's bytes against `limits`: the first one exceeded, as a finding;
/// or a binary file, which is no page.
pub(crate) fn check_page(
    shown: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(), Box<Diagnostic>> {
    if is_binary(bytes) {
        return Err(Box::new(Diagnostic::new(
            &Source::new(shown, 1),
            Severity::Error,
            codes::BINARY_PAGE,
            "file is binary, not a page (NUL bytes, or mostly not text); not read",
        )));
    }
    if bytes.len() as u64 > limits.page_bytes {
        return Err(Box::new(Diagnostic::new(
            &Source::new(shown, 1),
            Severity::Error,
            codes::PAGE_TOO_LARGE,
            format!(
                "page is larger than the page size limit ({} bytes); not read",
                limits.page_bytes
            ),
        )));
    }
    crate::bounds::check(bytes, limits).map_err(|(line, code, message)| {
        Box::new(Diagnostic::new(
            &Source::new(shown, line),
            Severity::Error,
            code,
            message,
        ))
    })
}
