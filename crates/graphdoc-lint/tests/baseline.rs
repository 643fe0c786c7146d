//! Pull-request mode on a real lint run: findings whose lines only moved are
//! not new; an edit that adds a defect gives exactly that finding.

use graphdoc_lint::{baseline, run, Finding, LintOptions};
use graphdoc_testdata::Scratch;
use std::path::{Path, PathBuf};

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn lint(root: &Path) -> Vec<Finding> {
    let mut opts = LintOptions::new(root);
    opts.no_suppressions = true;
    run(&opts).expect("lint runs").findings
}

/// A fresh copy of the `broken` fixture in the temporary directory.
fn scratch(name: &str) -> Scratch {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let dir = Scratch::new(&format!("lint-{name}"));
    copy_tree(&fixture, &dir);
    dir
}

#[test]
fn moved_lines_give_no_new_findings_and_a_new_defect_gives_one() {
    let base = scratch("base");
    let head = scratch("head");
    let page = head.join("api-reference/v1.0/resources/widget.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // A paragraph after the front matter moves every finding of the page.
    let (front, rest) = text.split_at(text.find("\n---\n").unwrap() + 5);
    std::fs::write(
        &page,
        format!("{front}\nA new paragraph.\n\nAnd another.\n{rest}"),
    )
    .unwrap();

    let before = lint(&base);
    let after = lint(&head);
    assert!(!before.is_empty());
    assert_ne!(
        before.iter().map(|f| f.line).collect::<Vec<_>>(),
        after.iter().map(|f| f.line).collect::<Vec<_>>(),
        "the edit moved lines"
    );
    assert!(baseline::new_findings(&after, &before).is_empty());
    // Through a baseline file, the same.
    let accepted = baseline::read(&baseline::write(&before)).unwrap();
    assert!(baseline::new_findings(&after, &accepted).is_empty());

    // A broken link added to the page is the one new finding.
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nSee [gone](gone.md).\n")).unwrap();
    let new = baseline::new_findings(&lint(&head), &before);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0].code, "GL0005");
    assert_eq!(new[0].file, "api-reference/v1.0/resources/widget.md");
}
