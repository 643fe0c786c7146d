//! Enum names taken from `### x values` headings keep the docs' spelling:
//! generated Rust names and diff subjects come from them.

use graphdoc_docs::page::parse_page;
use graphdoc_docs::PageKind;

const ENUMS_PAGE: &str = "\
# Enum values

Namespace: microsoft.graph

### phoneType values

|Member|Value|Description|
|:---|:---|:---|
|home|0|Home.|
|business|1|Business.|

### printOrientation enum values

|Member|Value|Description|
|:---|:---|:---|
|portrait|3|Portrait.|
";

#[test]
fn enum_names_keep_the_heading_spelling() {
    let items = parse_page(
        "api-reference/v1.0/resources/enums.md",
        ENUMS_PAGE,
        PageKind::Resource,
    );
    let names: Vec<&str> = items.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["phoneType", "printOrientation"]);
    assert_eq!(items.enums[0].members.len(), 2);
}

#[test]
fn a_page_of_enum_sections_needs_no_title_naming_an_enum() {
    // enums.md is an enum page whose title names none: each `### x values`
    // heading names its own (one with a no-break space before "values").
    let page = format!(
        "---\ndoc_type: enumPageType\n---\n{ENUMS_PAGE}\n### dlpActionType\u{a0}values\n\n| Value |\n|:---|\n| notifySender |\n"
    );
    let items = parse_page(
        "api-reference/beta/resources/enums.md",
        &page,
        PageKind::Resource,
    );
    let names: Vec<&str> = items.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["phoneType", "printOrientation", "dlpActionType"]);
    assert!(items.diagnostics.is_empty(), "{:?}", items.diagnostics);
    // Members under no `x values` heading are still reported as unnamed.
    let unnamed = "---\ndoc_type: enumPageType\n---\n# Enum values\n\n## Members\n\n|Member|Value|\n|:---|:---|\n|a|0|\n";
    let items = parse_page(
        "api-reference/beta/resources/enums.md",
        unnamed,
        PageKind::Resource,
    );
    assert!(
        items.diagnostics.iter().any(|d| d.code == "GD0001"),
        "{:?}",
        items.diagnostics
    );
}

#[test]
fn values_of_a_string_property_are_its_possible_values_not_an_enum() {
    let page = "\
# printerCapabilities resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|mediaSizes|String collection|The media sizes. Valid values are in the following table.|
|orientation|printOrientation|The orientation.|

### mediaSizes values

|Value|
|:---|
|A4|
|JIS B4|

### printOrientation values

|Member|Value|
|:---|:---|
|portrait|3|
";
    let items = parse_page(
        "api-reference/v1.0/resources/printercapabilities.md",
        page,
        PageKind::Resource,
    );
    let enums: Vec<&str> = items.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(enums, ["printOrientation"]);
    let sizes = &items.types[0].properties[0];
    assert_eq!(sizes.facts.possible_values, ["A4", "JIS B4"]);
    assert!(items.diagnostics.is_empty(), "{:?}", items.diagnostics);
}
