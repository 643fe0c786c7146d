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
