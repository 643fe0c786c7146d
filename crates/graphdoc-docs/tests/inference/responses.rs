//! What the front-end infers about an operation's response: from its Response
//! section, its annotation, a GET path's owner and the examples.

use super::*;

fn api(name: &str, text: &str) -> PageInput {
    page(&format!("api/{name}.md"), PageKind::Api, text)
}

/// An API page `METHOD /communications/calls/{id}/<name>` whose Response
/// section (and what follows it) is `response`.
fn call_api(name: &str, method: &str, response: &str) -> PageInput {
    api(
        name,
        &format!("# {name}\n\n## HTTP request\n\n```http\n{method} /communications/calls/{{id}}/{name}\n```\n\n## Response\n\n{response}\n"),
    )
}

/// The response type (name, collection) of the operation titled `title`.
fn response_of(loaded: &Loaded, title: &str) -> Option<(String, bool)> {
    let op = loaded
        .schema
        .operations
        .iter()
        .find(|o| o.title == title)
        .expect("operation");
    op.response_type
        .as_ref()
        .map(|t| (t.name.clone(), t.collection))
}

/// The owners' pages and the GET pages of their paths: a key with spaces,
/// two blocks, a filter, an `$expand`, functions and a step after a
/// collection.
fn get_path_pages() -> Vec<PageInput> {
    let user = plain_type("user", "\"keyProperty\": \"id\",");
    let team = plain_type("team", "\"keyProperty\": \"id\",");
    let presence = plain_type("presence", "\"keyProperty\": \"id\",");
    vec![
        resource("entity", ENTITY),
        resource("user", &user),
        resource("team", &team),
        resource("presence", &presence),
        resource(
            "onlineMeeting",
            &plain_type("onlineMeeting", "\"keyProperty\": \"id\","),
        ),
        resource("workbookRange", &plain_type("workbookRange", "")),
        // Both paths of the user, in two blocks; one key has spaces in it.
        api(
            "user-get",
            &get_page(
                "Get user",
                &["GET /users/{id | userPrincipalName}", "GET /me"],
                "a [user](../resources/user.md) object",
            ),
        ),
        api(
            "user-list-joinedteams",
            &get_page(
                "List joinedTeams",
                &["GET /me/joinedTeams\nor\nGET /users/{id | user-principal-name}/joinedTeams"],
                "a collection of [team](../resources/team.md) objects",
            ),
        ),
        api(
            "presence-get",
            &get_page(
                "Get presence",
                &["GET /users/{id}/presence"],
                "a [presence](../resources/presence.md) object",
            ),
        ),
        // A filter leaves what a path returns alone; an `$expand` page
        // describes something else.
        api(
            "onlinemeeting-get",
            &get_page(
                "Get onlineMeeting",
                &["GET /me/onlineMeetings/{meetingId}\nGET /me/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}'"],
                "an [onlineMeeting](../resources/onlinemeeting.md) object",
            ),
        ),
        api(
            "user-list-photos",
            &get_page(
                "List photos",
                &["GET /users/{id}/photos?$expand=x"],
                "a [team](../resources/team.md) object",
            ),
        ),
        // A function without parentheses is not a property: its title says
        // what it is, or another path calls it with them.
        api(
            "user-usedrange",
            &get_page(
                "user: usedRange",
                &["GET /me/usedRange"],
                "a [workbookRange](../resources/workbookrange.md) object",
            ),
        ),
        api(
            "user-getrange",
            &get_page(
                "Get range",
                &["GET /me/range\nGET /users/{id}/range(address='A1')"],
                "a [workbookRange](../resources/workbookrange.md) object",
            ),
        ),
        // Nor is a step named like a Graph function.
        api(
            "user-getmanagedapppolicies",
            &get_page(
                "List managedAppPolicies",
                &["GET /me/getManagedAppPolicies"],
                "a collection of [workbookRange](../resources/workbookrange.md) objects",
            ),
        ),
        // A step after an unkeyed collection is bound to the collection.
        api(
            "user-delta",
            &get_page(
                "Get delta",
                &["GET /users/delta"],
                "a collection of [user](../resources/user.md) objects",
            ),
        ),
    ]
}

#[test]
fn a_get_path_reads_a_property_the_owners_page_does_not_list() {
    let mut pages = get_path_pages();
    let loaded = load(pages.clone());
    let user = &loaded.schema.types["microsoft.graph.user"];
    let found: Vec<(&str, &str, bool, PropertyKind)> = user
        .properties
        .iter()
        .filter(|p| !["id", "status"].contains(&p.name.as_str()))
        .map(|p| (p.name.as_str(), p.ty.name.as_str(), p.ty.collection, p.kind))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "joinedTeams",
                "microsoft.graph.team",
                true,
                PropertyKind::Navigation
            ),
            (
                "onlineMeetings",
                "microsoft.graph.onlineMeeting",
                true,
                PropertyKind::Navigation
            ),
            (
                "presence",
                "microsoft.graph.presence",
                false,
                PropertyKind::Navigation
            ),
        ]
    );
    let joined = user
        .properties
        .iter()
        .find(|p| p.name == "joinedTeams")
        .unwrap();
    assert!(joined.source.file.ends_with("api/user-list-joinedteams.md"));
    let notes: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "GD0023")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert!(
        notes[0].contains("`user` lists no property `joinedTeams`"),
        "{}",
        notes[0]
    );

    // Without a page saying what /me and /users/{id} are, nothing is read.
    pages.retain(|p| !p.path.ends_with("user-get.md"));
    let loaded = load(pages);
    assert!(loaded.schema.types["microsoft.graph.user"]
        .properties
        .iter()
        .all(|p| ["id", "status", "presence"].contains(&p.name.as_str())));
}

#[test]
fn prose_naming_a_subtype_of_the_annotated_base_is_the_nearer_base() {
    let directory_object = plain_type(
        "directoryObject",
        "\"keyProperty\": \"id\", \"baseType\": \"microsoft.graph.entity\",",
    );
    let load_with = |annotated: &str, prose: &str| {
        let contact = plain_type(
            "orgContact",
            &format!("\"keyProperty\": \"id\", \"baseType\": \"microsoft.graph.{annotated}\","),
        )
        .replace("## Properties", &format!("{prose}\n\n## Properties"));
        load(vec![
            resource("entity", ENTITY),
            resource("directoryObject", &directory_object),
            resource("group", &plain_type("group", "\"keyProperty\": \"id\",")),
            resource("orgContact", &contact),
        ])
    };
    let nearer = load_with(
        "entity",
        "Inherits from [directoryObject](directoryobject.md).",
    );
    assert_eq!(
        base_of(&nearer, "orgContact").as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    assert_eq!(
        base_from(&nearer, "orgContact"),
        Some(graphdoc_schema::BaseTypeFrom::Prose)
    );
    assert_eq!(
        base_from(&nearer, "directoryObject"),
        Some(graphdoc_schema::BaseTypeFrom::Annotation)
    );
    // `group` states no base: it is addressable (keyed), so under entity.
    assert_eq!(
        base_from(&nearer, "group"),
        Some(graphdoc_schema::BaseTypeFrom::Addressable)
    );
    // Prose naming a type that does not derive from the annotation's base
    // contradicts it: the annotation stands, with a warning.
    let contradicting = load_with("directoryObject", "Inherits from [group](group.md).");
    assert_eq!(
        base_of(&contradicting, "orgContact").as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    assert!(contradicting
        .diagnostics
        .iter()
        .any(|d| d.code == "GD0024" && d.severity == graphdoc_schema::Severity::Warning));
}

#[test]
fn a_response_sentence_names_a_type_only_through_a_type_or_its_page() {
    let respond = |name: &str, sentence: &str| call_api(name, "POST", sentence);
    let loaded = load(vec![
        resource("entity", ENTITY),
        resource("call", CALL),
        respond(
            "copy",
            "This method returns `202 Accepted`. Poll the Operation-Location endpoint to [get the status of the copy operation](onenoteoperation-get.md).",
        ),
        respond(
            "remove",
            "This method returns `204 No Content`; see [common error conditions](../resources/planner-overview.md#errors).",
        ),
        respond(
            "fetch",
            "This method returns `200 OK` and [the call object](../resources/call.md).",
        ),
        respond(
            "invalidate",
            "> This returns another code, like the [revokeSignInSessions](user-revokesigninsessions.md) action.",
        ),
    ]);
    let response = |title: &str| response_of(&loaded, title).map(|(name, _)| name);
    assert_eq!(response("copy"), None);
    assert_eq!(response("remove"), None);
    assert_eq!(response("fetch").as_deref(), Some("microsoft.graph.call"));
    // A note is an aside, not the response.
    assert_eq!(response("invalidate"), None);
    let unknown: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "GD0009" && d.file.contains("/api/"))
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
}

#[test]
fn a_response_annotation_types_an_operation_whose_response_section_does_not() {
    let respond = |name: &str, annotation: &str| {
        call_api(
            name,
            "GET",
            &format!("If successful, this method returns a `200 OK` response code and a **call** object.\n\n## Example\n\n<!-- {annotation} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{ \"@odata.type\": \"#microsoft.graph.recordOperation\", \"id\": \"1\" }}\n```"),
        )
    };
    let loaded = load(vec![
        resource("entity", ENTITY),
        resource("call", CALL),
        resource("commsOperation", &plain_type("commsOperation", "")),
        resource("recordOperation", &plain_type("recordOperation", "")),
        respond(
            "one",
            r#"{ "blockType": "response", "@odata.type": "microsoft.graph.commsOperation" }"#,
        ),
        respond(
            "many",
            r#"{ "blockType": "response", "@type": "Collection(microsoft.graph.call)" }"#,
        ),
        respond(
            "names",
            r#"{ "blockType": "response", "@odata.type": "string", "isCollection": true }"#,
        ),
        respond(
            "texts",
            r#"{ "blockType": "response", "@odata.type": "Edm.String", "isCollection": "true" }"#,
        ),
        respond(
            "ghost",
            r#"{ "blockType": "response", "@odata.type": "microsoft.graph.nowhere" }"#,
        ),
    ]);
    let response = |title: &str| response_of(&loaded, title);
    assert_eq!(
        response("one"),
        Some(("microsoft.graph.commsOperation".into(), false))
    );
    // The annotation says a collection, but the example returns one object:
    // the example wins, and the page is told.
    assert_eq!(
        response("many"),
        Some(("microsoft.graph.call".into(), false))
    );
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.code == "GD0026" && d.file.contains("many")));
    assert_eq!(response("names"), Some(("Edm.String".into(), true)));
    // Flags read as on every annotation: `true` or `"true"`.
    assert_eq!(response("texts"), Some(("Edm.String".into(), true)));
    // A type this version does not define is not taken, and not warned of;
    // the body it shows is kept as untyped JSON, with a note.
    assert_eq!(response("ghost"), Some(("Edm.Untyped".into(), false)));
    assert!(!loaded
        .diagnostics
        .iter()
        .any(|d| d.message.contains("nowhere")));
    // An annotation is no evidence for inferences: the example shows a
    // recordOperation, but only a stated response type makes it a
    // commsOperation (a_response_example_shows_a_subtype_of_the_returned_type).
    assert_ne!(
        base_of(&loaded, "recordOperation").as_deref(),
        Some("microsoft.graph.commsOperation")
    );
}

#[test]
fn a_shape_note_names_its_operation_and_kind_and_stands_where_the_dispute_is() {
    use graphdoc_docs::page::codes::shape_dispute;
    let json = |body: &str| {
        format!("```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n\n")
    };
    // Two examples: one object, as the page says, and one wrapped in `value`.
    let mixed = format!(
        "If successful, this method returns a `200 OK` response code and a [call](../resources/call.md) object.\n\n## Example\n\n{}{}",
        json(r#"{ "id": "1" }"#),
        json(r#"{ "value": { "id": "2" } }"#)
    );
    // The sentence says a collection, the example shows one object.
    let stated = format!(
        "If successful, this method returns a `200 OK` response code and a collection of [call](../resources/call.md) objects.\n\n## Example\n\n{}",
        json(r#"{ "id": "3" }"#)
    );
    let pages = vec![
        resource("entity", ENTITY),
        resource("call", CALL),
        call_api("fetch", "GET", &mixed),
        call_api("peek", "GET", &stated),
    ];
    let wrapped_line = {
        let PageInput { bytes, .. } = &pages[2];
        let text = String::from_utf8_lossy(bytes).into_owned();
        1 + text
            .lines()
            .position(|l| l.contains(r#""value""#))
            .expect("the wrapped body") as u32
    };
    let loaded = load(pages);
    let notes: Vec<(&str, u32, &str, &str)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "GD0026")
        .map(|d| (d.file.as_str(), d.line, d.subject.as_str(), d.key.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "api-reference/v1.0/api/fetch.md",
                wrapped_line,
                "fetch",
                shape_dispute::WRAPPED_OBJECT
            ),
            (
                "api-reference/v1.0/api/peek.md",
                1,
                "peek",
                shape_dispute::STATED_SHAPE
            ),
        ],
        "{:#?}",
        loaded.diagnostics
    );
}
