//! Page-level drift the French pages do not show: translated JSON keys and
//! path parameters, missing rows and sections, code translated, staleness.

use graphdoc_l10n::{compare_texts, Kind};

const ENGLISH: &str = "---\ntitle: x\n---\n# x resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|city|String|The city.|\n|count|Int32|How many.|\n|extra|String|More.|\n\n## HTTP request\n```http\nGET /users/{id}/x\n```\n\n## JSON representation\n```json\n{\n  \"city\": \"String\",\n  \"count\": 1024\n}\n```\n\n## Example\n```csharp\nvar x = 1;\n```\n";

const GERMAN: &str = "---\ntitle: x\nms.contentlocale: de-DE\nms.lasthandoff: 03/05/2019\n---\n# <a name=\"x-resource-type\"></a>x-Ressourcentyp\n\n## <a name=\"properties\"></a>Eigenschaften\n|Eigenschaft|Typ|Beschreibung|\n|:--|:--|:--|\n|Ort|Zeichenfolge|Die Stadt.|\n|count|Int32|Wie viele.|\n\n## <a name=\"http-request\"></a>HTTP-Anforderung\n```http\nGET /users/{ID}/x\n```\n\n## <a name=\"json-representation\"></a>JSON-Darstellung\n```json\n{\n  \"Ort\": \"Zeichenfolge\",\n  \"count\": 1000\n}\n```\n";

fn findings() -> Vec<graphdoc_l10n::Finding> {
    compare_texts("en/x.md", ENGLISH, "de/x.md", GERMAN, None)
}

fn at(kind: Kind) -> Vec<u32> {
    findings()
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.line)
        .collect()
}

#[test]
fn each_kind_at_its_german_line() {
    assert_eq!(at(Kind::IdentifierTranslated), [11]);
    assert_eq!(at(Kind::TypeTranslated), [11]);
    assert_eq!(at(Kind::RowMissing), [12]);
    assert_eq!(at(Kind::PathParameterTranslated), [16]);
    assert_eq!(at(Kind::JsonKeyTranslated), [22]);
    assert_eq!(at(Kind::JsonDiffers), [23]);
    assert_eq!(at(Kind::SectionMissing), [19]);
    // Stale by content: the English has a row and a section the German lacks.
    assert_eq!(at(Kind::Stale), [4]);
}

#[test]
fn notes_point_at_the_english_lines() {
    let f = findings();
    let key = f
        .iter()
        .find(|f| f.kind == Kind::JsonKeyTranslated)
        .unwrap();
    let note = key.note.as_ref().unwrap();
    assert_eq!((note.file.as_str(), note.line), ("en/x.md", 21));
    assert_eq!(note.text, "\"city\": \"String\",");
}

#[test]
fn stale_by_history_when_the_english_changed_after_the_handoff() {
    let newer = compare_texts("en/x.md", ENGLISH, "de/x.md", GERMAN, Some("2019-04-01"));
    assert!(newer
        .iter()
        .any(|f| f.kind == Kind::Stale && f.message.contains("2019-04-01")));
    let older = compare_texts("en/x.md", ENGLISH, "de/x.md", GERMAN, Some("2019-01-01"));
    assert!(!older.iter().any(|f| f.kind == Kind::Stale));
}

#[test]
fn bad_input_never_panics() {
    for text in [
        "",
        "---",
        "```",
        "|a|\n|-|\n|",
        "# <a name=\"",
        "```json\n{\"a\": \n```",
        "\u{feff}|x|y|\n|:-|",
    ] {
        let _ = compare_texts("en/x.md", ENGLISH, "de/x.md", text, None);
        let _ = compare_texts("en/x.md", text, "de/x.md", GERMAN, None);
    }
}

#[test]
fn a_link_is_compared_with_the_english_link_at_its_place() {
    let english = "---\ntitle: x\n---\n# x resource type\n\nA user's [calendarGroup](calendargroup.md).\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|group|String|Inherited from [calendarGroup](calendargroup.md).|\n";
    let german = "---\ntitle: x\nms.contentlocale: de-DE\n---\n# <a name=\"x-resource-type\"></a>x-Ressourcentyp\n\nDie [calendarGroup](calendargroup.md) eines Benutzers.\n\n## <a name=\"properties\"></a>Eigenschaften\n|Eigenschaft|Typ|Beschreibung|\n|:--|:--|:--|\n|group|String|Geerbt von [CalendarGroup](calendargroup.md).|\n";
    let found = compare_texts("en/x.md", english, "de/x.md", german, None);
    let link = found
        .iter()
        .find(|f| f.message.contains("is written `CalendarGroup`"))
        .expect("the row's link is reported");
    assert_eq!(link.line, 12);
    // The note is the English row, not the first English link to the page.
    assert_eq!(link.note.as_ref().unwrap().line, 11);
}
