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
