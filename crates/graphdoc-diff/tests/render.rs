//! Snapshots of the three renderers for one small case with every group:
//! breaking and additive changes, an enum, operations and a missing
//! property.

use graphdoc_diff::{diff, DiffOptions, SchemaDiff};
use graphdoc_schema::Schema;
use serde_json::json;

fn schema(value: serde_json::Value) -> Schema {
    serde_json::from_value(value).expect("test schema is valid")
}

fn small_case() -> SchemaDiff {
    let from = schema(json!({
        "version": "v1.0",
        "types": {
            "microsoft.graph.vppToken": {
                "name": "vppToken", "namespace": "microsoft.graph", "kind": "entity",
                "baseType": "microsoft.graph.entity",
                "properties": [
                    {"name": "appleId", "type": {"name": "Edm.String"}, "kind": "structural",
                     "source": {"file": "v1.0/resources/vpptoken.md", "line": 30}},
                    {"name": "countryOrRegion", "type": {"name": "Edm.String"}, "kind": "structural",
                     "source": {"file": "v1.0/resources/vpptoken.md", "line": 31}},
                    {"name": "state", "type": {"name": "microsoft.graph.vppTokenState"}, "kind": "structural",
                     "source": {"file": "v1.0/resources/vpptoken.md", "line": 32}}
                ],
                "source": {"file": "v1.0/resources/vpptoken.md", "line": 1}
            },
            "microsoft.graph.legacyThing": {
                "name": "legacyThing", "namespace": "microsoft.graph", "kind": "complex",
                "properties": [],
                "source": {"file": "v1.0/resources/legacything.md", "line": 1}
            }
        },
        "enums": {
            "microsoft.graph.vppTokenState": {
                "name": "vppTokenState", "namespace": "microsoft.graph",
                "members": [
                    {"name": "unknown", "value": 0, "source": {"file": "v1.0/resources/vpptokenstate.md", "line": 10}},
                    {"name": "valid", "value": 1, "source": {"file": "v1.0/resources/vpptokenstate.md", "line": 11}}
                ],
                "source": {"file": "v1.0/resources/vpptokenstate.md", "line": 1}
            }
        },
        "operations": [
            {"title": "Get vppToken", "method": "GET",
             "paths": ["/deviceAppManagement/vppTokens/{vppTokenId}"],
             "source": {"file": "v1.0/api/intune-onboarding-vpptoken-get.md", "line": 20}},
            {"title": "Sync licenses", "method": "POST",
             "paths": ["/deviceAppManagement/vppTokens/{vppTokenId}/syncLicenses"],
             "source": {"file": "v1.0/api/intune-onboarding-vpptoken-synclicenses.md", "line": 20}}
        ]
    }));
    let to = schema(json!({
        "version": "beta",
        "types": {
            "microsoft.graph.vppToken": {
                "name": "vppToken", "namespace": "microsoft.graph", "kind": "entity",
                "baseType": "microsoft.graph.entity",
                "properties": [
                    {"name": "appleId", "type": {"name": "Edm.String"}, "kind": "structural",
                     "readOnly": true,
                     "source": {"file": "beta/resources/vpptoken.md", "line": 30}},
                    {"name": "state", "type": {"name": "microsoft.graph.vppTokenState"}, "kind": "structural",
                     "source": {"file": "beta/resources/vpptoken.md", "line": 32}},
                    {"name": "roleScopeTagIds", "type": {"name": "Edm.String", "collection": true}, "kind": "structural",
                     "source": {"file": "beta/resources/vpptoken.md", "line": 33}}
                ],
                "source": {"file": "beta/resources/vpptoken.md", "line": 1}
            },
            "microsoft.graph.vppTokenActionResult": {
                "name": "vppTokenActionResult", "namespace": "microsoft.graph", "kind": "complex",
                "properties": [],
                "source": {"file": "beta/resources/vpptokenactionresult.md", "line": 1}
            }
        },
        "enums": {
            "microsoft.graph.vppTokenState": {
                "name": "vppTokenState", "namespace": "microsoft.graph",
                "members": [
                    {"name": "unknown", "value": 0, "source": {"file": "beta/resources/vpptokenstate.md", "line": 10}},
                    {"name": "valid", "value": 1, "source": {"file": "beta/resources/vpptokenstate.md", "line": 11}},
                    {"name": "duplicateLocationId", "value": 5, "source": {"file": "beta/resources/vpptokenstate.md", "line": 12}}
                ],
                "source": {"file": "beta/resources/vpptokenstate.md", "line": 1}
            }
        },
        "operations": [
            {"title": "Get vppToken", "method": "GET",
             "paths": ["/deviceAppManagement/vppTokens/{id}"],
             "source": {"file": "beta/api/intune-onboarding-vpptoken-get.md", "line": 20}},
            {"title": "Revoke licenses", "method": "POST",
             "paths": ["/deviceAppManagement/vppTokens/{vppTokenId}/revokeLicenses"],
             "source": {"file": "beta/api/intune-onboarding-vpptoken-revokelicenses.md", "line": 20}}
        ]
    }));
    diff(&from, &to, &DiffOptions::default())
}

#[test]
fn text() {
    insta::assert_snapshot!(small_case().to_text(false));
}

#[test]
fn text_with_colour() {
    let coloured = small_case().to_text(true);
    assert!(coloured.contains("\x1b[31m"), "breaking changes are red");
    assert!(coloured.contains("\x1b[32m"), "additive changes are green");
    let plain: String = strip_ansi(&coloured);
    assert_eq!(plain, small_case().to_text(false));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(small_case().to_markdown());
}

#[test]
fn json() {
    let case = small_case();
    let text = case.to_json();
    insta::assert_snapshot!(text);
    // The JSON carries the changes losslessly.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let changes: Vec<graphdoc_diff::Change> =
        serde_json::from_value(value["changes"].clone()).unwrap();
    assert_eq!(changes, case.changes);
}

#[test]
fn markdown_within_a_limit() {
    let case = small_case();
    let full = case.to_markdown();
    assert_eq!(
        case.to_markdown_within(graphdoc_diff::GITHUB_COMMENT_LIMIT),
        full
    );

    let limit = 1_800;
    assert!(full.len() > limit, "the case must not fit for this test");
    let cut = case.to_markdown_within(limit);
    assert!(cut.len() <= limit, "{} > {limit}", cut.len());
    // The summary table is whole, the rows shown are the first rows of the
    // full comment, and the note counts the others.
    let table_end = full.find("| **total**").unwrap();
    assert_eq!(cut[..table_end], full[..table_end]);
    let rows = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("| **breaking**") || l.starts_with("| additive"))
            .map(str::to_string)
            .collect()
    };
    let (all, shown) = (rows(&full), rows(&cut));
    assert!(!shown.is_empty() && shown.len() < all.len());
    assert_eq!(shown[..], all[..shown.len()]);
    let note = format!("_{} more changes not shown", all.len() - shown.len());
    assert!(cut.contains(&note), "{cut}");
    // The missing-properties block is small enough to stay.
    assert!(cut.ends_with("</details>\n"), "{cut}");

    // With room for the summary only, no row is shown, and the block is
    // replaced by a count.
    let tight = case.to_markdown_within(table_end + 300);
    assert!(tight.contains("_8 more changes not shown"), "{tight}");
    assert!(!tight.contains("| additive |") && !tight.contains("| **breaking** |"));
    assert!(
        tight.ends_with("_1 property of `v1.0` is missing in `beta` (not listed here)._\n"),
        "{tight}"
    );
}

#[test]
fn empty_diff_renders_plainly() {
    let options = DiffOptions {
        from_label: Some("a".into()),
        to_label: Some("b".into()),
        ..DiffOptions::default()
    };
    let d = diff(&Schema::default(), &Schema::default(), &options);
    assert_eq!(
        d.to_text(false),
        "Schema diff a → b: 0 changes: 0 breaking, 0 additive\n"
    );
    assert!(d.to_markdown().contains("No differences."));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
