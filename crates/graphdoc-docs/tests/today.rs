//! The five current pages of `../shared/graph-docs-2026` (2024–2026, see its
//! SOURCE.md) read as their authors meant: the page styles of today, each
//! also a fixture under `tests/pages/resources/today/`, checked here on the
//! real pages.

use graphdoc_docs::load;
use graphdoc_schema::{EnumDef, Schema};

fn today() -> Option<graphdoc_docs::Loaded> {
    let root = graphdoc_testdata::shared("graph-docs-2026")?;
    Some(load(&root, "v1.0").expect("graph-docs-2026 reads"))
}

fn enum_of<'s>(schema: &'s Schema, name: &str) -> &'s EnumDef {
    schema
        .enums
        .get(&format!("microsoft.graph.{name}"))
        .unwrap_or_else(|| panic!("enum {name} not read"))
}

fn values(schema: &Schema, name: &str) -> Vec<(String, Option<i64>)> {
    enum_of(schema, name)
        .members
        .iter()
        .map(|m| (m.name.clone(), m.value))
        .collect()
}

#[test]
fn resource_pages_of_today_read_right() {
    let Some(loaded) = today() else { return };
    let types = &loaded.schema.types;
    // `|odata.type|String|…|` is the annotation, not a property; the rows
    // after the `> [!IMPORTANT]` callout are the properties.
    let agent = &types["microsoft.graph.agentIdentity"];
    let names: Vec<&str> = agent.properties.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.contains(&"odata.type"), "{names:?}");
    assert_eq!(names.first(), Some(&"accountEnabled"), "{names:?}");
    assert!(names.contains(&"tags") && names.contains(&"sponsors"));
    assert!(loaded.diagnostics.iter().any(|d| d.code == "GD0006"
        && d.file.ends_with("resources/agentidentity.md")
        && d.line == 62
        && d.message.contains("`@odata.type`")));
    // Section rows of the methods table are no properties and no findings.
    assert!(!names.iter().any(|n| n.contains("App role")));
    // `Collection([accessPackageSuggestionReason](…))`.
    let reasons = types["microsoft.graph.accessPackageSuggestion"]
        .properties
        .iter()
        .find(|p| p.name == "reasons")
        .expect("reasons read");
    assert_eq!(
        reasons.ty.name,
        "microsoft.graph.accessPackageSuggestionReason"
    );
    assert!(reasons.ty.collection);
}

#[test]
fn enums_page_of_today_reads_every_section() {
    let Some(loaded) = today() else { return };
    let schema = &loaded.schema;
    let page = std::fs::read_to_string(
        graphdoc_testdata::shared("graph-docs-2026/api-reference/v1.0/resources/enums.md").unwrap(),
    )
    .unwrap();
    // Every `x values` heading, whatever its level or trailing spaces, names
    // an enum with members.
    let headings: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("##"))
        .filter_map(|l| l.trim_start_matches('#').trim().strip_suffix(" values"))
        .collect();
    assert!(headings.len() > 370, "{}", headings.len());
    for name in &headings {
        assert!(!enum_of(schema, name).members.is_empty(), "{name}");
    }
    assert_eq!(schema.enums.len(), headings.len());
    // `| Member | Int value | Description |` and `| Member | Member | … |`.
    assert_eq!(
        values(schema, "chatMessagePolicyViolationVerdictDetailsType")
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [Some(0), Some(1), Some(2), Some(4)]
    );
    assert_eq!(
        values(schema, "userAccountSecurityType"),
        [
            ("unknown".to_string(), Some(-1)),
            ("standard".to_string(), Some(0)),
            ("power".to_string(), Some(1)),
            ("administrator".to_string(), Some(2)),
        ]
    );
    // `| Value |` lists names.
    assert_eq!(
        values(schema, "chatMessageType")[0],
        ("message".to_string(), None)
    );
    // Trailing space, `##` level, table with no blank line above it.
    assert_eq!(values(schema, "baselineParameterType")[0].0, "string");
    assert_eq!(
        values(schema, "authenticationMethodPlatform")[0].0,
        "unknown"
    );
    assert_eq!(
        values(schema, "fileStorageContainerTypeAppPermission")[0].0,
        "none"
    );
    let on_enums_page: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("resources/enums.md"))
        .map(|d| d.to_string())
        .collect();
    assert!(on_enums_page.is_empty(), "{on_enums_page:#?}");
}

#[test]
fn api_page_with_included_permissions_reads_without_findings() {
    let Some(loaded) = today() else { return };
    let op = loaded
        .schema
        .operations
        .iter()
        .find(|o| o.title == "Get agentIdentity")
        .expect("operation read");
    assert_eq!(op.method, "GET");
    assert_eq!(
        op.paths,
        ["/servicePrincipals/{id}/microsoft.graph.agentIdentity"]
    );
    let on_page: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("api/agentidentity-get.md"))
        .map(|d| d.to_string())
        .collect();
    assert!(on_page.is_empty(), "{on_page:#?}");
}
