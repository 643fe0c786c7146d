//! Rules that need more than one page: every directory of `tests/page-sets`
//! holds `api/` and `resources/` pages, modelled on real pages of the docs,
//! read together as one version. The snapshot
//! (`snapshots/page_sets__<dir>.snap`) shows each operation's title,
//! method, paths, response type and the examples it kept, then the
//! diagnostics.

use graphdoc_docs::{load_pages, PageInput, PageKind};
use std::path::{Path, PathBuf};

fn sets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/page-sets")
}

fn sets() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sets_dir())
        .expect("tests/page-sets is readable")
        .map(|e| e.expect("entry is readable"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(set: &str) -> String {
    let mut pages = Vec::new();
    for (dir, kind) in [("api", PageKind::Api), ("resources", PageKind::Resource)] {
        let Ok(entries) = std::fs::read_dir(sets_dir().join(set).join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            pages.push(PageInput {
                path: format!("{dir}/{name}"),
                kind,
                bytes: std::fs::read(&file).unwrap(),
            });
        }
    }
    let loaded = load_pages("v1.0", pages);
    let mut out = String::new();
    for op in &loaded.schema.operations {
        let response = op
            .response_type
            .as_ref()
            .map_or("no body".to_string(), ToString::to_string);
        out.push_str(&format!("{} {} -> {response}\n", op.method, op.title));
        for p in &op.paths {
            out.push_str(&format!("  {p}\n"));
        }
        for e in &op.examples {
            out.push_str(&format!(
                "  example at line {}: {}\n",
                e.source.line, e.start_line
            ));
        }
    }
    out.push_str("diagnostics:\n");
    for d in &loaded.diagnostics {
        out.push_str(&format!("  {d}\n"));
    }
    out
}

#[test]
fn each_page_set_reads_as_its_snapshot_says() {
    let sets = sets();
    assert!(sets.len() >= 3, "page sets missing: {sets:?}");
    for set in &sets {
        insta::with_settings!({
            description => format!("What the front-end reads from tests/page-sets/{set}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(set.clone(), read(set));
        });
    }
}
