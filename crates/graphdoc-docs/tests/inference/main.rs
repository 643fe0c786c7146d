//! What the front-end infers about a type from pages other than its own:
//! kinds from the tables and API paths that address it, bases from base pages
//! and response examples. Each test states the evidence in a few small pages
//! and checks the schema read from them.

use graphdoc_docs::{load_pages, Loaded, PageInput, PageKind};
use graphdoc_schema::{PropertyKind, TypeKind};

fn page(path: &str, kind: PageKind, text: &str) -> PageInput {
    PageInput {
        path: format!("api-reference/v1.0/{path}"),
        kind,
        bytes: text.as_bytes().to_vec(),
    }
}

fn resource(name: &str, text: &str) -> PageInput {
    page(
        &format!("resources/{}.md", name.to_ascii_lowercase()),
        PageKind::Resource,
        text,
    )
}

const ENTITY: &str = r#"# entity resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | The identifier. Read-only. |

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.entity",
  "keyProperty": "id"
}-->
```json
{ "id": "String (identifier)" }
```
"#;

/// A type with an `id`, no annotation key and no methods of its own.
fn plain_type(name: &str, annotation_extra: &str) -> String {
    resource_page_with(
        name,
        annotation_extra,
        "| id | String | Read-only. |\n| status | String | The status. |",
        r#"{ "id": "String (identifier)", "status": "String" }"#,
    )
}

/// A resource page: title, a Properties table of `rows`, the annotation and
/// the JSON representation `json`.
fn resource_page(name: &str, rows: &str, json: &str) -> String {
    resource_page_with(name, "", rows, json)
}

/// `resource_page` with more annotation keys (`"baseType": null,`).
fn resource_page_with(name: &str, annotation_extra: &str, rows: &str, json: &str) -> String {
    format!(
        r#"# {name} resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:--|:--|:--|
{rows}

<!-- {{ "blockType": "resource", {annotation_extra} "@odata.type": "microsoft.graph.{name}" }}-->
```json
{json}
```
"#
    )
}

fn load(pages: Vec<PageInput>) -> Loaded {
    load_pages("v1.0", pages)
}

fn base_of(loaded: &Loaded, name: &str) -> Option<String> {
    loaded.schema.types[&format!("microsoft.graph.{name}")]
        .base_type
        .clone()
}

fn base_from(loaded: &Loaded, name: &str) -> Option<graphdoc_schema::BaseTypeFrom> {
    loaded.schema.types[&format!("microsoft.graph.{name}")].base_type_from
}

fn kind_of(loaded: &Loaded, name: &str) -> TypeKind {
    loaded.schema.types[&format!("microsoft.graph.{name}")].kind
}

/// A call whose `operations` relationship is a commsOperation collection.
const CALL: &str = r#"# call resource type

Namespace: microsoft.graph

## Relationships

| Relationship | Type | Description |
|:--|:--|:--|
| operations | [commsOperation](commsoperation.md) collection | Read-only. |

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.call", "keyProperty": "id" }-->
```json
{ }
```
"#;

#[test]
fn a_relationship_target_is_an_entity_derived_from_entity() {
    let call = CALL;
    let with_target = load(vec![
        resource("entity", ENTITY),
        resource("call", call),
        resource("commsOperation", &plain_type("commsOperation", "")),
    ]);
    assert_eq!(kind_of(&with_target, "commsOperation"), TypeKind::Entity);
    assert_eq!(
        base_of(&with_target, "commsOperation").as_deref(),
        Some("microsoft.graph.entity")
    );
    let op = &with_target.schema.types["microsoft.graph.call"].properties[0];
    assert_eq!(op.kind, PropertyKind::Navigation);

    // Without the relationship nothing says it is addressable.
    let alone = load(vec![
        resource("entity", ENTITY),
        resource("commsOperation", &plain_type("commsOperation", "")),
    ]);
    assert_eq!(kind_of(&alone, "commsOperation"), TypeKind::Complex);
    assert_eq!(base_of(&alone, "commsOperation"), None);
}

#[test]
fn a_type_returned_from_a_keyed_path_is_an_entity() {
    let get = |path: &str| {
        get_page(
            "Get shiftRequest",
            &[&format!("GET {path}")],
            "a [shiftRequest](../resources/shiftrequest.md) object",
        )
    };
    let keyed = load(vec![
        resource("entity", ENTITY),
        resource("shiftRequest", &plain_type("shiftRequest", "")),
        page(
            "api/shiftrequest-get.md",
            PageKind::Api,
            &get("/teams/{teamId}/schedule/shiftRequests/{shiftRequestId}"),
        ),
    ]);
    assert_eq!(kind_of(&keyed, "shiftRequest"), TypeKind::Entity);

    // A property path is no key: complex values are read that way too.
    let unkeyed = load(vec![
        resource("entity", ENTITY),
        resource("shiftRequest", &plain_type("shiftRequest", "")),
        page(
            "api/shiftrequest-get.md",
            PageKind::Api,
            &get("/teams/{teamId}/schedule/shiftRequest"),
        ),
    ]);
    assert_eq!(kind_of(&unkeyed, "shiftRequest"), TypeKind::Complex);

    // A collection one page lists and another addresses by key.
    let list = get_page(
        "List shiftRequests",
        &["GET /teams/{id}/schedule/shiftRequests"],
        "a collection of [shiftRequest](../resources/shiftrequest.md) objects",
    );
    let delete = "# Delete shiftRequest\n\n## HTTP request\n\n```http\nDELETE /teams/{teamId}/schedule/shiftRequests/{shiftRequestId}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";
    let listed = |with_delete: bool| {
        let mut pages = vec![
            resource("entity", ENTITY),
            resource("shiftRequest", &plain_type("shiftRequest", "")),
            page("api/shiftrequest-list.md", PageKind::Api, &list),
        ];
        if with_delete {
            pages.push(page("api/shiftrequest-delete.md", PageKind::Api, delete));
        }
        load(pages)
    };
    assert_eq!(kind_of(&listed(true), "shiftRequest"), TypeKind::Entity);
    assert_eq!(kind_of(&listed(false), "shiftRequest"), TypeKind::Complex);
}

#[test]
fn a_key_naming_no_property_is_not_evidence_of_an_entity() {
    let settings = r#"# implicitGrantSettings resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:--|:--|:--|
| enableIdTokenIssuance | Boolean | Whether ID tokens are issued. |

<!-- {
  "blockType": "resource",
  "keyProperty": "id",
  "@odata.type": "microsoft.graph.implicitGrantSettings"
}-->
```json
{ "enableIdTokenIssuance": "Boolean" }
```
"#;
    let loaded = load(vec![
        resource("entity", ENTITY),
        resource("implicitGrantSettings", settings),
    ]);
    let t = &loaded.schema.types["microsoft.graph.implicitGrantSettings"];
    assert_eq!(t.kind, TypeKind::Complex);
    assert_eq!(t.base_type, None);
    assert_eq!(t.key, None);
    assert!(loaded.diagnostics.iter().any(|d| d
        .message
        .contains("annotated with key `id` but has no such property")));

    // The same key on a type that has methods stays.
    let with_methods = settings.replace(
        "## Properties",
        "## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get](../api/implicitgrantsettings-get.md) | implicitGrantSettings | Read it. |\n\n## Properties",
    );
    let loaded = load(vec![
        resource("entity", ENTITY),
        resource("implicitGrantSettings", &with_methods),
    ]);
    assert_eq!(kind_of(&loaded, "implicitGrantSettings"), TypeKind::Entity);
}

#[test]
fn derived_types_named_in_a_sentence_of_the_base_page() {
    let outcome = r#"# educationOutcome resource type

Namespace: microsoft.graph

The result of grading. This is a base class; the derived types are [educationFeedbackOutcome](educationfeedbackoutcome.md), [educationPointsOutcome](educationpointsoutcome.md), and [educationRubricOutcome](educationrubricoutcome.md). See [grading](grading.md) for more.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | Read-only. |

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.educationOutcome", "keyProperty": "id" }-->
```json
{ "id": "String (identifier)" }
```
"#;
    let mut pages = vec![
        resource("entity", ENTITY),
        resource("educationOutcome", outcome),
        resource("grading", &plain_type("grading", "")),
    ];
    for child in [
        "educationFeedbackOutcome",
        "educationPointsOutcome",
        "educationRubricOutcome",
    ] {
        pages.push(resource(
            child,
            &plain_type(child, "\"keyProperty\": \"id\","),
        ));
    }
    let loaded = load(pages);
    for child in [
        "educationFeedbackOutcome",
        "educationPointsOutcome",
        "educationRubricOutcome",
    ] {
        assert_eq!(
            base_of(&loaded, child).as_deref(),
            Some("microsoft.graph.educationOutcome"),
            "{child}"
        );
    }
    // A link in another sentence is not a derived type.
    assert_eq!(base_of(&loaded, "grading"), None);
}

#[test]
fn prose_bases_after_filler_words_and_other_verbs() {
    for sentence in [
        "Inherits from base class [identityUserFlow](identityuserflow.md).",
        "This creates a subclass from [identityUserFlow](identityuserflow.md), which…",
    ] {
        let child = format!(
            "# b2xIdentityUserFlow resource type\n\nNamespace: microsoft.graph\n\n{sentence}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| apiConnectorConfiguration | String | Config. |\n"
        );
        let loaded = load(vec![
            resource("identityUserFlow", &plain_type("identityUserFlow", "")),
            resource("b2xIdentityUserFlow", &child),
        ]);
        assert_eq!(
            base_of(&loaded, "b2xIdentityUserFlow").as_deref(),
            Some("microsoft.graph.identityUserFlow"),
            "{sentence}"
        );
    }
    // A link that follows other words is about something else.
    let child = "# b2xIdentityUserFlow resource type\n\nNamespace: microsoft.graph\n\nInherits from the settings of the tenant, see [identityUserFlow](identityuserflow.md).\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| apiConnectorConfiguration | String | Config. |\n";
    let loaded = load(vec![
        resource("identityUserFlow", &plain_type("identityUserFlow", "")),
        resource("b2xIdentityUserFlow", child),
    ]);
    assert_eq!(base_of(&loaded, "b2xIdentityUserFlow"), None);
}

const RECORD_API: &str = r##"# call: record

## HTTP request

```http
POST /communications/calls/{id}/record
```

## Response

This method returns a `200 OK` response code and a [commsOperation](../resources/commsoperation.md) object.

## Example

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.commsOperation" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "@odata.type": "#microsoft.graph.recordOperation",
  "resultInfo": { "@odata.type": "#microsoft.graph.resultInfo" },
  "id": "0fe0623f",
  ...
}
```
"##;

#[test]
fn a_response_example_shows_a_subtype_of_the_returned_type() {
    let loaded = load(vec![
        resource("commsOperation", &plain_type("commsOperation", "")),
        resource("recordOperation", &plain_type("recordOperation", "")),
        resource("resultInfo", &plain_type("resultInfo", "")),
        page("api/call-record.md", PageKind::Api, RECORD_API),
    ]);
    assert_eq!(
        base_of(&loaded, "recordOperation").as_deref(),
        Some("microsoft.graph.commsOperation")
    );
    assert_eq!(
        base_from(&loaded, "recordOperation"),
        Some(graphdoc_schema::BaseTypeFrom::ResponseExample)
    );
    // Nested objects are other properties' values.
    assert_eq!(base_of(&loaded, "resultInfo"), None);
}

#[test]
fn a_stated_null_base_is_not_overridden() {
    let loaded = load(vec![
        resource("commsOperation", &plain_type("commsOperation", "")),
        resource(
            "recordOperation",
            &plain_type("recordOperation", "\"baseType\": null,"),
        ),
        page("api/call-record.md", PageKind::Api, RECORD_API),
    ]);
    assert_eq!(base_of(&loaded, "recordOperation"), None);
    // The schema still tells the stated null from silence.
    assert_eq!(
        base_from(&loaded, "recordOperation"),
        Some(graphdoc_schema::BaseTypeFrom::Annotation)
    );
}

#[test]
fn an_inherited_from_row_names_a_base_only_when_it_names_a_type() {
    let row = |name: &str, description: &str| {
        resource_page(
            name,
            &format!("| status | String | {description} |"),
            r#"{ "status": "String" }"#,
        )
    };
    let loaded = load(vec![
        resource("entity", ENTITY),
        resource("statusBase", &plain_type("statusBase", "")),
        resource(
            "named",
            &row("named", "Inherited from [statusBase](statusbase.md)."),
        ),
        resource(
            "prose",
            &row("prose", "Some settings are inherited from the template."),
        ),
    ]);
    assert_eq!(
        base_of(&loaded, "named").as_deref(),
        Some("microsoft.graph.statusBase")
    );
    assert_eq!(base_of(&loaded, "prose"), None);
    let blamed: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("`the`"))
        .collect();
    assert!(blamed.is_empty(), "{blamed:?}");
}

#[test]
fn a_location_header_places_the_returned_object_in_a_collection() {
    let call = CALL;
    let get_call = get_page(
        "Get call",
        &["GET /communications/calls/{id}"],
        "a [call](../resources/call.md) object",
    );
    let play = r##"# call: playPrompt

## HTTP request

```http
POST /communications/calls/{id}/playPrompt
```

## Response

If successful, this method returns a `200 OK` response code and a [playPromptOperation](../resources/playpromptoperation.md) object.

## Example

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Location: https://graph.microsoft.com/v1.0/communications/calls/57dab8b1/operations/0fe0623f

{
  "@odata.type": "#microsoft.graph.playPromptOperation",
  "id": "0fe0623f"
}
```
"##;
    // Another `operations`, of another type: a path is followed from where
    // the docs say it starts, not by a property name alone.
    let channel = call
        .replace("call resource", "channel resource")
        .replace("microsoft.graph.call\"", "microsoft.graph.channel\"")
        .replace(
            "[commsOperation](commsoperation.md)",
            "[teamsAsyncOperation](teamsasyncoperation.md)",
        );
    let pages = |with_get: bool| {
        let mut pages = vec![
            resource("call", call),
            resource("channel", &channel),
            resource(
                "teamsAsyncOperation",
                &plain_type("teamsAsyncOperation", ""),
            ),
            resource("commsOperation", &plain_type("commsOperation", "")),
            resource(
                "playPromptOperation",
                &plain_type("playPromptOperation", ""),
            ),
            page("api/call-playprompt.md", PageKind::Api, play),
        ];
        if with_get {
            pages.push(page("api/call-get.md", PageKind::Api, &get_call));
        }
        pages
    };
    let loaded = load(pages(true));
    assert_eq!(
        base_of(&loaded, "playPromptOperation").as_deref(),
        Some("microsoft.graph.commsOperation")
    );
    assert_eq!(
        base_from(&loaded, "playPromptOperation"),
        Some(graphdoc_schema::BaseTypeFrom::LocationHeader)
    );
    // Without a page saying what /communications/calls/{id} is, `operations`
    // could be either.
    let loaded = load(pages(false));
    assert_eq!(base_of(&loaded, "playPromptOperation"), None);
}

/// A docs tree on disk: `load` (not `load_pages`) consults the other
/// version's pages.
fn tree(name: &str, pages: &[(&str, &str)]) -> graphdoc_testdata::Scratch {
    let root = graphdoc_testdata::Scratch::new(&format!("inference-{name}"));
    for (path, text) in pages {
        let path = root.join("api-reference").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

#[test]
fn a_base_unstated_in_one_version_is_read_from_the_other() {
    let identity = plain_type("identity", "");
    let user_identity = |prose: &str, extra: &str| {
        plain_type("userIdentity", extra).replace(
            "Namespace: microsoft.graph\n",
            &format!("Namespace: microsoft.graph\n\n{prose}\n"),
        )
    };
    let v1 = user_identity("The user who did it.", "");
    let beta = user_identity(
        "The user who did it. This type inherits from [identity](identity.md).",
        "",
    );
    let root = tree(
        "cross",
        &[
            ("v1.0/resources/identity.md", &identity),
            ("v1.0/resources/useridentity.md", &v1),
            ("beta/resources/identity.md", &identity),
            ("beta/resources/useridentity.md", &beta),
        ],
    );
    let loaded = graphdoc_docs::load(&root, "v1.0").unwrap();
    assert_eq!(
        base_of(&loaded, "userIdentity").as_deref(),
        Some("microsoft.graph.identity")
    );
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.code == graphdoc_docs::codes::BASE_FROM_OTHER_VERSION
            && d.file.ends_with("v1.0/resources/useridentity.md")));
    // Pages in memory have no other version to ask.
    let in_memory = load(vec![
        resource("identity", &identity),
        resource("userIdentity", &v1),
    ]);
    assert_eq!(base_of(&in_memory, "userIdentity"), None);

    // A page that states "no base" is not overridden.
    let stated = user_identity("The user who did it.", "\"baseType\": null,");
    let root = tree(
        "cross-null",
        &[
            ("v1.0/resources/identity.md", &identity),
            ("v1.0/resources/useridentity.md", &stated),
            ("beta/resources/identity.md", &identity),
            ("beta/resources/useridentity.md", &beta),
        ],
    );
    let loaded = graphdoc_docs::load(&root, "v1.0").unwrap();
    assert_eq!(base_of(&loaded, "userIdentity"), None);
}

#[test]
fn a_json_representation_showing_inherited_properties_declares_none_of_them() {
    let base = resource_page(
        "mediaQuality",
        "| roundTripDelay | Duration | The delay. |",
        r#"{ "roundTripDelay": "String (ISO 8601 duration)" }"#,
    );
    let derived = r#"# videoQuality resource type

Namespace: microsoft.graph

Inherits from [mediaQuality](mediaquality.md).

## Properties

| Property | Type | Description |
|:--|:--|:--|
| frameRate | Double | Frames per second. |

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.videoQuality", "baseType": "microsoft.graph.mediaQuality" }-->
```json
{
  "frameRate": "Double",
  "roundTripDelay": "String (ISO 8601 duration)",
  "jitter": "String (ISO 8601 duration)",
  "packets": 1024
}
```
"#;
    let loaded = load(vec![
        resource("mediaQuality", &base),
        resource("videoQuality", derived),
    ]);
    let video = &loaded.schema.types["microsoft.graph.videoQuality"];
    let names: Vec<&str> = video.properties.iter().map(|p| p.name.as_str()).collect();
    // roundTripDelay is inherited; jitter is shown only here and read with
    // the type its placeholder notes.
    assert_eq!(names, ["frameRate", "jitter"]);
    assert_eq!(video.properties[1].ty.name, "Edm.Duration");
    // The untyped `packets` is reported; the inherited one is not.
    let json_only: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == graphdoc_docs::codes::JSON_ONLY_PROPERTY)
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        json_only.iter().any(|m| m.contains("`packets`")),
        "{json_only:?}"
    );
    assert!(
        !json_only.iter().any(|m| m.contains("`roundTripDelay`")),
        "{json_only:?}"
    );
}

/// An API page: title, HTTP request block(s) and the sentence naming what it
/// returns (`type_link` as written in the docs, e.g. "a [team](../resources/team.md) object").
fn get_page(title: &str, request_blocks: &[&str], returns: &str) -> String {
    let blocks: String = request_blocks
        .iter()
        .map(|b| format!("```http\n{b}\n```\n\n"))
        .collect();
    format!(
        "# {title}\n\n## HTTP request\n\n{blocks}## Response\n\nIf successful, this method returns a `200 OK` response code and {returns} in the response body.\n"
    )
}

mod responses;
