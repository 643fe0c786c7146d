//! Reading rules, one fixture page each: every `tests/pages/**/*.md` is read
//! on its own (`api/…` as an API page, anything else as a resource page) and
//! what the front-end reads from it — the schema items and the diagnostics —
//! is compared with the snapshot named after the file
//! (`snapshots/pages__resources__ragged-row.snap` for
//! `pages/resources/ragged-row.md`). A new reading rule comes with a page
//! here; `cargo insta review` shows what it reads.

use graphdoc_docs::{load_pages, PageInput, PageKind};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

/// The fixture pages, as paths relative to `tests/pages` with `/`, sorted.
fn fixtures() -> Vec<String> {
    let root = fixtures_dir();
    let mut pages: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|entry| entry.expect("fixture directory is readable"))
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "md"))
        .map(|entry| {
            let relative = entry.path().strip_prefix(&root).unwrap();
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts.join("/")
        })
        .collect();
    pages.sort();
    pages
}

/// `resources/tables/ragged-row.md` → `resources__tables__ragged-row`.
fn snapshot_name(page: &str) -> String {
    page.trim_end_matches(".md").replace('/', "__")
}

/// What the front-end reads from one page, alone: the schema's JSON, then
/// each diagnostic on a line.
fn read(page: &str) -> String {
    let bytes = std::fs::read(fixtures_dir().join(page)).expect("fixture page is readable");
    let kind = if page.starts_with("api/") {
        PageKind::Api
    } else {
        PageKind::Resource
    };
    let loaded = load_pages(
        "v1.0",
        vec![PageInput {
            path: page.to_string(),
            kind,
            bytes,
        }],
    );
    let mut out = loaded.schema.to_json();
    out.push_str("\ndiagnostics:\n");
    if loaded.diagnostics.is_empty() {
        out.push_str("  (none)\n");
    }
    for d in &loaded.diagnostics {
        out.push_str(&format!("  {d}\n"));
    }
    out
}

#[test]
fn each_fixture_page_reads_as_its_snapshot_says() {
    let pages = fixtures();
    assert!(pages.len() >= 10, "fixtures missing: {pages:?}");
    for page in &pages {
        insta::with_settings!({
            description => format!("What the front-end reads from tests/pages/{page}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(snapshot_name(page), read(page));
        });
    }
}

/// A snapshot whose page was renamed or removed would otherwise stay behind,
/// reviewed by no one.
#[test]
fn every_pages_snapshot_has_its_page() {
    let names: Vec<String> = fixtures().iter().map(|p| snapshot_name(p)).collect();
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let orphans: Vec<String> = std::fs::read_dir(snapshots)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|file| {
            let name = file
                .strip_prefix("pages__")?
                .strip_suffix(".snap")?
                .to_string();
            (!names.contains(&name)).then_some(file)
        })
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots without a page in tests/pages: {orphans:?}"
    );
}
