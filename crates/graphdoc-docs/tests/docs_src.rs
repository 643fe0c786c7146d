//! The schema of the project's own corpus, reviewed as snapshots.

mod common;

use graphdoc_docs::load;
use graphdoc_schema::Severity;

fn docs_src() -> std::path::PathBuf {
    common::workspace_root().join("docs-src")
}

#[test]
fn v1_schema_snapshot() {
    let loaded = load(&docs_src(), "v1.0").unwrap();
    insta::assert_snapshot!("v1.0-schema", relative(loaded.schema.to_json()));
}

#[test]
fn beta_schema_snapshot() {
    let loaded = load(&docs_src(), "beta").unwrap();
    insta::assert_snapshot!("beta-schema", relative(loaded.schema.to_json()));
}

#[test]
fn docs_src_reads_without_warnings() {
    for version in ["v1.0", "beta"] {
        let loaded = load(&docs_src(), version).unwrap();
        let warnings: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| d.to_string())
            .collect();
        assert!(warnings.is_empty(), "{version}: {warnings:#?}");
    }
}

#[test]
fn vpp_token_family_facts() {
    let beta = load(&docs_src(), "beta").unwrap().schema;
    let v1 = load(&docs_src(), "v1.0").unwrap().schema;
    let token = &beta.types["microsoft.graph.vppToken"];
    assert_eq!(token.base_type.as_deref(), Some("microsoft.graph.entity"));
    let state = token.property("state").unwrap();
    assert_eq!(state.ty.name, "microsoft.graph.vppTokenState");
    assert_eq!(
        state.possible_values,
        [
            "unknown",
            "valid",
            "expired",
            "invalid",
            "assignedToExternalMDM"
        ]
    );
    let results = token.property("tokenActionResults").unwrap();
    assert!(results.ty.collection);
    assert_eq!(results.ty.name, "microsoft.graph.vppTokenActionResult");
    let beta_states: Vec<&str> = beta.enums["microsoft.graph.vppTokenState"]
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    let v1_states: Vec<&str> = v1.enums["microsoft.graph.vppTokenState"]
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert!(beta_states.contains(&"duplicateLocationId"));
    assert!(!v1_states.contains(&"duplicateLocationId"));
    let update = beta
        .operations
        .iter()
        .find(|o| o.method == "PATCH")
        .unwrap();
    assert_eq!(
        update.paths,
        ["/deviceAppManagement/vppTokens/{vppTokenId}"]
    );
    assert_eq!(
        update.response_type.as_ref().map(|t| t.name.as_str()),
        Some("microsoft.graph.vppToken")
    );
    assert_eq!(update.examples.len(), 2);
}

/// Paths in snapshots do not depend on where the workspace is checked out.
fn relative(json: String) -> String {
    let root = graphdoc_docs::display_path(&common::workspace_root());
    json.replace(&format!("{root}/"), "")
}

/// `load_split` (the linter's way in: the caller decodes and splits the
/// pages, and reads the same blocks) reads every tree exactly as
/// `load_tree` does: English and translated pages, front matter with a
/// byte-order mark, CRLF and CR line ends, bytes that are not UTF-8.
#[test]
fn a_tree_split_by_the_caller_reads_as_the_front_end_reads_it() {
    let scratch = graphdoc_testdata::Scratch::new("split");
    let resources = scratch.path().join("api-reference/v1.0/resources");
    std::fs::create_dir_all(&resources).unwrap();
    let page = |name: &str, bytes: &[u8]| std::fs::write(resources.join(name), bytes).unwrap();
    page(
        "a.md",
        b"\xEF\xBB\xBF---\r\ntitle: \"a resource type\"\r\ndoc_type: resourcePageType\r\n---\r\n\r\n# a resource type\r\n\r\n## Properties\r\n| Property | Type | Description |\r\n|:--|:--|:--|\r\n|id|String|The id.|\r\n|b|[b](b.md)|A \xFF b.|\r\n",
    );
    page(
        "b.md",
        b"# b resource type\r## Properties\r\r| Property | Type | Description |\r|:--|:--|:--|\r|name|String|Its name.|\r",
    );
    let trees = [
        (docs_src(), "v1.0"),
        (docs_src(), "beta"),
        (docs_src().join("fr-FR"), "v1.0"),
        (scratch.path().to_path_buf(), "v1.0"),
    ];
    let limits = graphdoc_docs::Limits::default();
    for (root, version) in trees {
        let (whole, _) = graphdoc_docs::load_tree(&limits, &root, version).unwrap();
        let tree = graphdoc_docs::read_sorted(&root, version, &limits).unwrap();
        let texts: Vec<_> = tree.pages.iter().map(graphdoc_docs::PageText::of).collect();
        let blocks: Vec<_> = texts.iter().map(|t| t.blocks()).collect();
        let split = graphdoc_docs::load_split(&limits, &root, version, &tree, &texts, &blocks);
        assert_eq!(split, whole, "{} {version}", root.display());
        assert!(
            !whole.schema.types.is_empty(),
            "{} {version}",
            root.display()
        );
    }
}
