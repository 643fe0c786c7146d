//! Pages and page directories that cannot be read are reported, never
//! skipped without a word (found while writing the regenerate fault tests).

#![cfg(unix)]

use graphdoc_docs::{codes, list_pages, load, LoadError};
use graphdoc_testdata::Scratch;
use std::fs;

fn tree(name: &str) -> Scratch {
    let root = Scratch::new(&format!("unreadable-{name}"));
    fs::create_dir_all(root.join("api-reference/v1.0/resources")).unwrap();
    fs::write(
        root.join("api-reference/v1.0/resources/widget.md"),
        "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n",
    )
    .unwrap();
    root
}

#[test]
fn a_linked_page_is_read_and_a_dangling_one_is_reported() {
    let root = tree("links");
    let resources = root.join("api-reference/v1.0/resources");
    fs::write(root.join("gadget.md"), "# gadget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n").unwrap();
    std::os::unix::fs::symlink(root.join("gadget.md"), resources.join("gadget.md")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.md"), resources.join("broken.md")).unwrap();
    let loaded = load(&root, "v1.0").unwrap();
    assert!(
        loaded.schema.types.contains_key("microsoft.graph.gadget"),
        "{:?}",
        loaded.schema.types.keys()
    );
    assert!(loaded.schema.types.contains_key("microsoft.graph.widget"));
    let unreadable: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::UNREADABLE)
        .collect();
    assert_eq!(unreadable.len(), 1, "{:?}", loaded.diagnostics);
    assert!(
        unreadable[0].file.ends_with("broken.md"),
        "{}",
        unreadable[0]
    );
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_page_directory_that_is_not_a_directory_is_an_error() {
    let root = tree("not-a-dir");
    let api = root.join("api-reference/v1.0/api");
    fs::write(&api, "not a directory\n").unwrap();
    match list_pages(&root, "v1.0") {
        Err(LoadError::Io(path, _)) => assert_eq!(path, api),
        other => panic!("{other:?}"),
    }
    fs::remove_file(&api).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere"), &api).unwrap();
    let err = list_pages(&root, "v1.0").expect_err("dangling link");
    assert!(err.to_string().contains("api"), "{err}");
    fs::remove_file(&api).unwrap();
    // Absent is fine: this tree has no API pages.
    assert_eq!(list_pages(&root, "v1.0").unwrap().len(), 1);
    fs::remove_dir_all(&root).unwrap();
}
