//! "Any two doc trees": a pull request's docs against main's. The PR edits
//! docs-src's vppToken page; the diff of the two trees (same version) must
//! show exactly those edits, and the same diff must come out of the two
//! schemas saved as JSON (what CI keeps between runs).

use graphdoc_diff::{diff, ChangeKind, Compatibility, DiffOptions};
use graphdoc_schema::Schema;
use graphdoc_testdata::Scratch;
use std::fs;
use std::path::Path;

const DOCS_SRC: &str = "../../docs-src";
const PAGE: &str = "api-reference/v1.0/resources/intune-onboarding-vpptoken.md";

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("docs-src is readable");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// docs-src with the vppToken page edited as a pull request might: one
/// property row removed, one property's type changed, one row added.
fn edited_tree() -> Scratch {
    let root = Scratch::new("two-trees");
    copy_tree(Path::new(DOCS_SRC), &root);
    let page = root.join(PAGE);
    let text = fs::read_to_string(&page).unwrap();
    let edited: String = text
        .lines()
        // The row and the representation's line: a property left in the
        // representation is still documented (GD0020).
        .filter(|line| !line.starts_with("|appleId|") && !line.contains("\"appleId\""))
        .map(|line| {
            if line.starts_with("|token|String|") {
                line.replacen("|token|String|", "|token|Binary|", 1)
            } else if line.starts_with("|countryOrRegion|") {
                format!("{line}\n|ownerNote|String|A note the owner keeps with the token.|")
            } else {
                line.to_string()
            }
        })
        .map(|line| line + "\n")
        .collect();
    assert_ne!(edited, text, "the edits must apply to docs-src's page");
    fs::write(&page, edited).unwrap();
    root
}

#[test]
fn two_trees_of_the_same_version_show_exactly_the_edits() {
    let main = graphdoc_docs::load(Path::new(DOCS_SRC), "v1.0")
        .unwrap()
        .schema;
    let tree = edited_tree();
    let pr = graphdoc_docs::load(&tree, "v1.0").unwrap().schema;
    let d = diff(&main, &pr, &DiffOptions::default());
    let mut found: Vec<(Option<&str>, ChangeKind, Compatibility)> = d
        .changes
        .iter()
        .map(|c| (c.member.as_deref(), c.kind, c.compatibility))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                Some("appleId"),
                ChangeKind::PropertyRemoved,
                Compatibility::Breaking
            ),
            (
                Some("ownerNote"),
                ChangeKind::PropertyAdded,
                Compatibility::Additive
            ),
            (
                Some("token"),
                ChangeKind::PropertyTypeChanged,
                Compatibility::Breaking
            ),
        ]
    );
    assert!(d
        .changes
        .iter()
        .all(|c| c.subject == "microsoft.graph.vppToken"));
    let removed = d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::PropertyRemoved)
        .unwrap();
    assert!(removed
        .source
        .file
        .ends_with("intune-onboarding-vpptoken.md"));

    // Saved as JSON and read back, the schemas give the same diff.
    let main_again = Schema::from_json(&main.to_json()).unwrap();
    let pr_again = Schema::from_json(&pr.to_json()).unwrap();
    assert_eq!(
        diff(&main_again, &pr_again, &DiffOptions::default()).to_json(),
        d.to_json()
    );
}
