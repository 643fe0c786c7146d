//! The acceptance case: v1.0 → beta of the project's docs-src tree (the
//! vppToken family), through the docs front-end.

use graphdoc_diff::{diff, ChangeKind, Compatibility, DiffOptions, SchemaDiff};
use std::path::Path;

/// Relative, so that the sources in the snapshots do not depend on where
/// the workspace is; cargo runs integration tests in the package directory.
const DOCS_SRC: &str = "../../docs-src";

fn docs_src_diff() -> SchemaDiff {
    let root = Path::new(DOCS_SRC);
    let from = graphdoc_docs::load(root, "v1.0")
        .expect("docs-src has v1.0")
        .schema;
    let to = graphdoc_docs::load(root, "beta")
        .expect("docs-src has beta")
        .schema;
    diff(&from, &to, &DiffOptions::default())
}

#[test]
fn v1_to_beta_shows_exactly_the_vpp_token_additions() {
    let d = docs_src_diff();
    let found: Vec<(&str, ChangeKind, Option<&str>)> = d
        .changes
        .iter()
        .map(|c| (c.subject.as_str(), c.kind, c.member.as_deref()))
        .collect();
    use ChangeKind::*;
    assert_eq!(
        found,
        vec![
            // beta's vppTokenActionResult.actionState uses this enum, and
            // docs-src has its page for beta only.
            ("microsoft.graph.actionState", EnumAdded, None),
            (
                "microsoft.graph.vppToken",
                PropertyAdded,
                Some("claimTokenManagementFromExternalMdm")
            ),
            (
                "microsoft.graph.vppToken",
                PropertyAdded,
                Some("dataSharingConsentGranted")
            ),
            (
                "microsoft.graph.vppToken",
                PropertyAdded,
                Some("displayName")
            ),
            (
                "microsoft.graph.vppToken",
                PropertyAdded,
                Some("locationName")
            ),
            (
                "microsoft.graph.vppToken",
                PropertyAdded,
                Some("roleScopeTagIds")
            ),
            (
                "microsoft.graph.vppToken",
                PropertyAdded,
                Some("tokenActionResults")
            ),
            ("microsoft.graph.vppTokenActionResult", TypeAdded, None),
            (
                "microsoft.graph.vppTokenState",
                EnumMemberAdded,
                Some("duplicateLocationId")
            ),
        ]
    );
    // vppTokenState has no unknownFutureValue, so a new member is breaking
    // for clients that match exhaustively; everything else is additive.
    let breaking: Vec<_> = d.breaking().map(|c| c.member.as_deref()).collect();
    assert_eq!(breaking, vec![Some("duplicateLocationId")]);
    assert!(d.has_breaking());
    assert_eq!(d.counts().total.additive, 8);
    assert!(d.missing_in_to.is_empty());
    let tokens = &d.changes[6];
    assert_eq!(tokens.compatibility, Compatibility::Additive);
    assert_eq!(
        tokens.after.as_deref(),
        Some("Collection(microsoft.graph.vppTokenActionResult)")
    );
    assert!(
        tokens
            .source
            .file
            .ends_with("beta/resources/intune-onboarding-vpptoken.md"),
        "{}",
        tokens.source
    );
}

#[test]
fn beta_to_v1_is_the_mirror_image() {
    let root = Path::new(DOCS_SRC);
    let v1 = graphdoc_docs::load(root, "v1.0").unwrap().schema;
    let beta = graphdoc_docs::load(root, "beta").unwrap().schema;
    let d = diff(&beta, &v1, &DiffOptions::default());
    assert_eq!(d.changes.len(), 9);
    assert!(d
        .changes
        .iter()
        .all(|c| c.kind.is_removal() && c.is_breaking()));
    let missing: Vec<_> = d
        .missing_in_to
        .iter()
        .map(|m| m.property.as_str())
        .collect();
    assert_eq!(
        missing,
        vec![
            "claimTokenManagementFromExternalMdm",
            "dataSharingConsentGranted",
            "displayName",
            "locationName",
            "roleScopeTagIds",
            "tokenActionResults"
        ]
    );
}

#[test]
fn text() {
    insta::assert_snapshot!(docs_src_diff().to_text(false));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(docs_src_diff().to_markdown());
}

#[test]
fn json() {
    insta::assert_snapshot!(docs_src_diff().to_json());
}
