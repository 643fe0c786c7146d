//! The docs walk stays inside the docs root: links are resolved one
//! component at a time against the root, whatever they chain through, and
//! pages over a limit are reported, not read.

#![cfg(unix)]

use graphdoc_docs::tree::codes;
use graphdoc_docs::{list_pages, read_version, Limits};
use graphdoc_testdata::Scratch;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const SECRET: &str = "tree-test-secret";

/// `<base>/docs` with one page, and `<base>/outside` holding the secret.
fn base(name: &str) -> (Scratch, PathBuf) {
    let base = Scratch::new(&format!("tree-{name}"));
    let resources = base.join("docs/api-reference/v1.0/resources");
    fs::create_dir_all(&resources).unwrap();
    fs::create_dir_all(base.join("outside")).unwrap();
    fs::write(base.join("outside/x.md"), format!("# {SECRET}\n")).unwrap();
    fs::write(resources.join("widget.md"), "# widget resource type\n").unwrap();
    let docs = base.join("docs");
    (base, docs)
}

fn resources(docs: &Path) -> PathBuf {
    docs.join("api-reference/v1.0/resources")
}

/// `(file name, code)` of each finding, and the names of the pages read.
fn read(docs: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let tree = read_version(docs, "v1.0", &Limits::default()).unwrap();
    let name = |p: &str| p.rsplit("resources/").next().unwrap_or(p).to_string();
    for page in &tree.pages {
        assert!(
            !String::from_utf8_lossy(&page.bytes).contains(SECRET),
            "{}",
            page.path
        );
    }
    for d in &tree.diagnostics {
        assert!(!d.message.contains("outside"), "{d}");
    }
    (
        tree.diagnostics
            .iter()
            .map(|d| (name(&d.file), d.code.clone()))
            .collect(),
        tree.pages.iter().map(|p| name(&p.path)).collect(),
    )
}

#[test]
fn links_through_links_are_followed_inside_the_root_only() {
    let (_base, docs) = base("chains");
    let res = resources(&docs);
    // `out` leaves; `via` names a path inside the tree that goes through it.
    symlink("../../../../outside", res.join("out")).unwrap();
    symlink("out/x.md", res.join("via.md")).unwrap();
    // An absolute link into the tree, a relative one, a folder link inside.
    symlink(res.join("widget.md"), res.join("absolute.md")).unwrap();
    symlink("./../resources/widget.md", res.join("relative.md")).unwrap();
    fs::create_dir_all(docs.join("shared")).unwrap();
    fs::write(docs.join("shared/gadget.md"), "# gadget resource type\n").unwrap();
    symlink("../../../shared", res.join("shared")).unwrap();
    // An absolute link out, spelled through the root.
    symlink(docs.join("../outside/x.md"), res.join("dotdot.md")).unwrap();
    let (found, pages) = read(&docs);
    assert_eq!(
        found,
        vec![
            ("dotdot.md".into(), codes::LEAVES_TREE.into()),
            ("out".into(), codes::LEAVES_TREE.into()),
            ("via.md".into(), codes::LEAVES_TREE.into()),
        ]
    );
    assert_eq!(
        pages,
        vec![
            "absolute.md",
            "relative.md",
            "shared/gadget.md",
            "widget.md"
        ]
    );
}

#[test]
fn loops_are_reported_once_each_and_not_followed() {
    let (_base, docs) = base("loops");
    let res = resources(&docs);
    symlink("self.md", res.join("self.md")).unwrap();
    symlink("b.md", res.join("a.md")).unwrap();
    symlink("a.md", res.join("b.md")).unwrap();
    fs::create_dir_all(res.join("sub")).unwrap();
    symlink("..", res.join("sub/up")).unwrap();
    symlink(".", res.join("sub/here")).unwrap();
    let (found, pages) = read(&docs);
    let loop_ = codes::LINK_LOOP.to_string();
    assert_eq!(
        found,
        vec![
            ("a.md".into(), loop_.clone()),
            ("b.md".into(), loop_.clone()),
            ("self.md".into(), loop_.clone()),
            ("sub/here".into(), loop_.clone()),
            ("sub/up".into(), loop_),
        ]
    );
    assert_eq!(pages, vec!["widget.md"]);
    // `list_pages` lists what the walk found inside the tree, nothing else.
    assert_eq!(list_pages(&docs, "v1.0").unwrap().len(), 1);
}

#[test]
fn a_version_folder_outside_the_root_is_no_version() {
    let (base, docs) = base("version");
    fs::create_dir_all(base.join("outside/beta/resources")).unwrap();
    symlink("../../outside/beta", docs.join("api-reference/beta")).unwrap();
    assert!(!graphdoc_docs::has_version(&docs, "beta"));
    assert!(graphdoc_docs::has_version(&docs, "v1.0"));
    assert!(read_version(&docs, "beta", &Limits::default()).is_err());
}

#[test]
fn a_page_over_a_limit_is_reported_and_not_read() {
    let (_base, docs) = base("limits");
    let res = resources(&docs);
    fs::write(res.join("big.md"), "x".repeat(2000)).unwrap();
    let limits = Limits {
        page_bytes: 1000,
        ..Limits::default()
    };
    let tree = read_version(&docs, "v1.0", &limits).unwrap();
    assert_eq!(tree.pages.len(), 1);
    assert_eq!(tree.diagnostics.len(), 1, "{:?}", tree.diagnostics);
    assert_eq!(tree.diagnostics[0].code, codes::PAGE_TOO_LARGE);
    // The same page under the default limits is read.
    assert_eq!(
        read_version(&docs, "v1.0", &Limits::default())
            .unwrap()
            .pages
            .len(),
        2
    );
}
