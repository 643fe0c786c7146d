//! What the validator reports, on small pages written for each rule: the
//! type a sample is checked against, each kind of finding with its pointer
//! and page line, and what switches a check off.

use graphdoc_docs::{load_pages, PageInput, PageKind};
use graphdoc_samples::validate::FindingKind;
use graphdoc_samples::{check_pages, ReadStatus, SampleReport, VersionReport};

const WIDGET: &str = r##"# widget resource type

Namespace: microsoft.graph

A thing with parts.

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Identifier. Required. Read-only.|
|name|String|Display name. After a widget is created, the name cannot be changed. Read-only.|
|size|Int32|How big.|
|createdDateTime|DateTimeOffset|When it was made. Read-only.|
|color|[widgetColor](widgetcolor.md)|Its color. Possible values are: `red`, `blue`, `green`.|
|tags|String collection|Labels.|
|region|String|Required for widgets that ship abroad.|
|serial|Guid|Serial number. Not nullable.|
|shipDate|Date|When it ships.|
|warranty|Duration|How long the warranty lasts.|
|extra|[Json](json.md)|Anything.|
|parts|[partSet](partset.md)|The parts.|

## JSON representation
<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.widget",
  "optionalProperties": ["extra"]
} -->
```json
{
  "id": "String (identifier)",
  "name": "String",
  "size": "Int64",
  "createdDateTime": "datetime",
  "color": {"@odata.type": "microsoft.graph.widgetColor"},
  "serial": "Guid",
  "shipDate": "String (date)",
  "tags": "[String]",
  "region": "String"
}
```
"##;

const GADGET: &str = r##"# gadget resource type

Namespace: microsoft.graph

Inherits from [widget](widget.md).

## Properties
|Property|Type|Description|
|:---|:---|:---|
|power|Int32|Watts.|

## JSON representation
<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget", "truncated": true } -->
```json
{
  "name": "String"
}
```
"##;

const PARTS: &str = r##"# partSet resource type

Namespace: microsoft.graph

This is an _open type_: each property names a part.

## Properties
|Property|Type|Description|
|:---|:---|:---|
|count|Int32|How many parts.|
"##;

const COLOR: &str = r##"# widgetColor enum type

Namespace: microsoft.graph

## Members
|Member|Value|Description|
|:---|:---|:---|
|red|0|Red.|
|blue|1|Blue.|
"##;

const JSON: &str = r##"# Json resource type

Namespace: microsoft.graph

Any JSON.

## Properties
None.
"##;

const GET: &str = r##"# Get widget

Namespace: microsoft.graph

Get a widget.

## HTTP request
<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id}
```

## Response
If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Examples

### Request
<!-- { "blockType": "request", "name": "get_widget" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/1
```

### Response
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "id": "1",
  "name": "w",
  "size": 3,
  "createdDateTime": "2020-01-01T00:00:00Z",
  "color": "green",
  "serial": null,
  "shipDate": "2020-13-01",
  "warranty": "1 day",
  "extra": [1, "two", {"three": 3}],
  "parts": {"count": 2, "wheel": true, "axle": true},
  "tags": ["a"],
  "region": "r",
  "extension_0123456789abcdef0123456789abcdef_code": "x",
  "colour": "red"
}
```

### Response
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget", "truncated": true } -->
```http
HTTP/1.1 200 OK

{
  "id": "1"
}
```

### Response
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK

{
  "value": [
    { "@odata.type": "#microsoft.graph.gadget", "id": "1", "power": 5, "serial": "zzz" }
  ]
}
```

### Request
<!-- { "blockType": "request", "name": "get_widget_select" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/1?$select=name
```

### Response
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "name": "w"
}
```
"##;

const CREATE: &str = r##"# Create widget

Namespace: microsoft.graph

Create a widget.

## HTTP request
<!-- { "blockType": "ignored" } -->
```http
POST /widgets
```

## Request body
In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.

## Response
If successful, this method returns a `201 Created` response code and a [widget](../resources/widget.md) object in the response body.

## Example

### Request
<!-- { "blockType": "request", "name": "create_widget" } -->
```http
POST https://graph.microsoft.com/v1.0/widgets

Content-type: application/json

{
  "name": "w",
  "createdDateTime": "2020-01-01T00:00:00Z"
}
```

A crate carrying a widget, created through the same collection:
<!-- { "blockType": "request", "name": "create_crate" } -->
```http
POST https://graph.microsoft.com/v1.0/widgets
Content-type: application/json

{
  "label": "crate",
  "contents": [ { "@odata.type": "#microsoft.graph.widget", "name": "w" } ]
}
```
"##;

const RESIZE: &str = r##"# widget: resize

Namespace: microsoft.graph

Resize a widget.

## HTTP request
<!-- { "blockType": "ignored" } -->
```http
POST /widgets/{id}/resize
```

## Request body
In the request body, provide a JSON object with the following parameters.

|Parameter|Type|Description|
|:---|:---|:---|
|NewSize|Int32|The new size. Required.|
|reason|String|Why.|

## Response
If successful, this method returns a `204 No Content` response code.

## Example
<!-- { "blockType": "request", "name": "resize_widget" } -->
```http
POST https://graph.microsoft.com/v1.0/widgets/1/resize
{
  "newSize": "big",
  "why": "no reason"
}
```

<!-- { "blockType": "request", "name": "resize_widget_2" } -->
```
POST https://graph.microsoft.com/v1.0/widgets/1/resize
Content-type: application/json

{
  "reason": "smaller"
}
```

<!-- { "blockType": "request", "name": "add_ref" } -->
```http
POST https://graph.microsoft.com/v1.0/widgets/1/parts/$ref
Content-type: application/json

{
  "@odata.id": "https://graph.microsoft.com/v1.0/parts/2",
  "name": "x"
}
```

The service then calls the app back:
<!-- { "blockType": "request", "name": "callback" } -->
```http
POST https://app.contoso.com/api/widgets/notify
Content-type: application/json

{
  "widget": "1"
}
```

<!-- { "blockType": "request", "@type": "requestBodyResourceFor.widget_resize" } -->
```http
POST https://graph.microsoft.com/v1.0/widgets/1/resize

{ "newSize": 2, "colour": "red" }
```
"##;

fn corpus() -> VersionReport {
    let pages = [
        (
            "api-reference/v1.0/resources/widget.md",
            PageKind::Resource,
            WIDGET,
        ),
        (
            "api-reference/v1.0/resources/gadget.md",
            PageKind::Resource,
            GADGET,
        ),
        (
            "api-reference/v1.0/resources/widgetcolor.md",
            PageKind::Resource,
            COLOR,
        ),
        (
            "api-reference/v1.0/resources/json.md",
            PageKind::Resource,
            JSON,
        ),
        (
            "api-reference/v1.0/resources/partset.md",
            PageKind::Resource,
            PARTS,
        ),
        ("api-reference/v1.0/api/widget-get.md", PageKind::Api, GET),
        (
            "api-reference/v1.0/api/widget-post.md",
            PageKind::Api,
            CREATE,
        ),
        (
            "api-reference/v1.0/api/widget-resize.md",
            PageKind::Api,
            RESIZE,
        ),
    ];
    let inputs = pages
        .iter()
        .map(|(path, kind, text)| PageInput {
            path: path.to_string(),
            kind: *kind,
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    let loaded = load_pages("v1.0", inputs);
    let texts: Vec<(String, String)> = pages
        .iter()
        .map(|(p, _, t)| (p.to_string(), t.to_string()))
        .collect();
    check_pages(&loaded.schema, "v1.0", &texts)
}

/// The 1-based line of the first line of `page` that contains `needle`
/// after line `after`.
fn line_of(page: &str, needle: &str, after: u32) -> u32 {
    page.lines()
        .enumerate()
        .skip(after as usize)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i as u32 + 1)
        .unwrap_or_else(|| panic!("`{needle}` not in the page"))
}

fn sample<'a>(r: &'a VersionReport, file: &str, nth: usize) -> &'a SampleReport {
    r.samples
        .iter()
        .filter(|s| s.file.ends_with(file))
        .nth(nth)
        .unwrap_or_else(|| panic!("no sample {nth} in {file}"))
}

/// `(kind, pointer, line)` of a finding.
type Seen<'a> = (FindingKind, &'a str, u32);

/// `(kind, pointer, line)` of each finding.
fn findings(s: &SampleReport) -> Vec<Seen<'_>> {
    s.findings
        .iter()
        .map(|f| (f.kind, f.pointer.as_str(), f.line))
        .collect()
}

#[test]
fn representation_placeholders_are_checked_against_the_property_table() {
    let r = corpus();
    let s = sample(&r, "resources/widget.md", 0);
    assert_eq!(s.checked_as.as_deref(), Some("microsoft.graph.widget"));
    let f = findings(s);
    // "Int64" where the table says Int32 is drift; "datetime", "Guid",
    // "String (date)", "[String]" and the `{ "@odata.type": … }` enum
    // placeholder agree with the table.
    assert!(
        f.contains(&(
            FindingKind::PlaceholderDrift,
            "/size",
            line_of(WIDGET, "\"size\": \"Int64\"", 0)
        )),
        "{}",
        s.render()
    );
    // `warranty` is in the table but not in the block (`extra` is optional).
    assert!(
        f.contains(&(FindingKind::AbsentProperty, "", s.line)),
        "{}",
        s.render()
    );
    assert!(s
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::AbsentProperty
            && f.message.contains("warranty")
            && !f.message.contains("extra")));
    assert_eq!(f.len(), 2, "{}", s.render());
    // `truncated` switches the absent-property check off.
    let gadget = sample(&r, "resources/gadget.md", 0);
    assert!(gadget.findings.is_empty(), "{}", gadget.render());
}

#[test]
fn response_values_are_checked_with_pointers_and_lines() {
    let r = corpus();
    let s = sample(&r, "api/widget-get.md", 0);
    assert_eq!(s.kind, graphdoc_samples::extract::SampleKind::Response);
    assert_eq!(
        s.request_line,
        "GET https://graph.microsoft.com/v1.0/widgets/1"
    );
    assert_eq!(s.read, ReadStatus::Strict);
    let f = findings(s);
    for expected in [
        (
            FindingKind::NotEnumMember,
            "/color",
            line_of(GET, "\"green\"", 0),
        ),
        (
            FindingKind::NullNotNullable,
            "/serial",
            line_of(GET, "\"serial\": null", 0),
        ),
        (
            FindingKind::MalformedDate,
            "/shipDate",
            line_of(GET, "2020-13-01", 0),
        ),
        (
            FindingKind::MalformedDuration,
            "/warranty",
            line_of(GET, "1 day", 0),
        ),
        (
            FindingKind::UnknownProperty,
            "/colour",
            line_of(GET, "\"colour\"", 0),
        ),
    ] {
        assert!(
            f.contains(&expected),
            "{expected:?} missing:\n{}",
            s.render()
        );
    }
    // `Json` takes any value; an open type (said in prose) takes any
    // property; a directory extension property is allowed; every
    // property is present, so nothing is absent.
    assert_eq!(f.len(), 5, "{}", s.render());
    // `green` is missing from the enum table, not from the property's
    // description: the message says so.
    let color = s.findings.iter().find(|f| f.pointer == "/color").unwrap();
    assert!(
        color
            .message
            .ends_with("the property's description lists it"),
        "{}",
        color.message
    );
    let colour = s.findings.iter().find(|f| f.pointer == "/colour").unwrap();
    assert_eq!(colour.column, 13);
}

#[test]
fn absent_properties_are_reported_unless_truncated_selected_or_ignored() {
    let r = corpus();
    let truncated = sample(&r, "api/widget-get.md", 1);
    assert!(truncated.findings.is_empty(), "{}", truncated.render());
    let selected = sample(&r, "api/widget-get.md", 3);
    assert!(selected.request_line.contains("$select=name"));
    assert!(selected.findings.is_empty(), "{}", selected.render());
    // The same pages without `truncated`, and without `$select`.
    let check_get = |page: String| {
        let loaded = load_pages(
            "v1.0",
            vec![
                PageInput {
                    path: "w.md".into(),
                    kind: PageKind::Resource,
                    bytes: WIDGET.into(),
                },
                PageInput {
                    path: "c.md".into(),
                    kind: PageKind::Resource,
                    bytes: COLOR.into(),
                },
            ],
        );
        check_pages(&loaded.schema, "v1.0", &[("get.md".into(), page)])
    };
    let ignored = check_get(GET.replace(
        r#""blockType": "response", "@odata.type": "microsoft.graph.widget", "truncated": true"#,
        r#""blockType": "ignored", "@odata.type": "microsoft.graph.widget""#,
    ));
    assert!(
        ignored.samples[1].findings.is_empty(),
        "{}",
        ignored.samples[1].render()
    );
    let untruncated = check_get(GET.replace(r#", "truncated": true"#, ""));
    let unselected = check_get(GET.replace("?$select=name", ""));
    for s in [&untruncated.samples[1], &unselected.samples[3]] {
        assert_eq!(
            findings(s),
            [(FindingKind::AbsentProperty, "", s.line)],
            "{}",
            s.render()
        );
        assert!(
            s.findings[0].message.contains("size, createdDateTime"),
            "{}",
            s.render()
        );
    }
}

#[test]
fn derived_types_by_odata_type_and_collections_by_value() {
    let r = corpus();
    let s = sample(&r, "api/widget-get.md", 2);
    assert_eq!(
        s.checked_as.as_deref(),
        Some("Collection(microsoft.graph.gadget)")
    );
    // `power` (the gadget's own) and `id` (inherited) are known; the
    // malformed GUID is found in the item.
    let f = findings(s);
    assert!(
        f.contains(&(
            FindingKind::MalformedGuid,
            "/value/0/serial",
            line_of(GET, "\"zzz\"", 0)
        )),
        "{}",
        s.render()
    );
    assert!(
        !f.iter().any(|(k, _, _)| *k == FindingKind::UnknownProperty),
        "{}",
        s.render()
    );
}

#[test]
fn request_bodies_read_only_and_required() {
    let r = corpus();
    // A blank line between the request line and the headers.
    let create = sample(&r, "api/widget-post.md", 0);
    assert_eq!(create.checked_as.as_deref(), Some("microsoft.graph.widget"));
    assert_eq!(create.line, line_of(CREATE, "\"name\": \"w\"", 0) - 1);
    // `createdDateTime` is read-only; `name` is read-only only after
    // creation, so a create request may set it. `id` is "Required.
    // Read-only." (always in responses) and `region` is required only for
    // some widgets: neither is missing from the request.
    // A body carrying a widget in a property widgets do not have is
    // something else: the page's type does not describe it.
    let carrier = sample(&r, "api/widget-post.md", 1);
    assert_eq!(carrier.checked_as, None, "{}", carrier.render());
    assert_eq!(
        findings(create),
        [(
            FindingKind::ReadOnlyInRequest,
            "/createdDateTime",
            line_of(CREATE, "\"createdDateTime\"", 0)
        )],
        "{}",
        create.render()
    );
}

#[test]
fn action_parameters_reference_bodies_and_unlabelled_fences() {
    let r = corpus();
    // No blank line between the request line and the body.
    let resize = sample(&r, "api/widget-resize.md", 0);
    assert_eq!(
        resize.checked_as.as_deref(),
        Some("parameters of `widget: resize`")
    );
    assert_eq!(resize.validated_as, None, "no structured type");
    assert_eq!(
        findings(resize),
        [
            // `newSize` matches the table's `NewSize`, ignoring case.
            (
                FindingKind::WrongJsonType,
                "/newSize",
                line_of(RESIZE, "\"newSize\"", 0)
            ),
            (
                FindingKind::UnknownProperty,
                "/why",
                line_of(RESIZE, "\"why\"", 0)
            ),
        ],
        "{}",
        resize.render()
    );
    // An unlabelled fence holding a request; the required parameter is missing.
    let second = sample(&r, "api/widget-resize.md", 1);
    assert_eq!(
        second.http_line,
        "POST https://graph.microsoft.com/v1.0/widgets/1/resize"
    );
    assert_eq!(
        findings(second),
        [(FindingKind::AbsentRequired, "", second.line)],
        "{}",
        second.render()
    );
    // A call to another URL on the page is not the page's operation.
    let callback = sample(&r, "api/widget-resize.md", 3);
    assert_eq!(callback.checked_as, None, "{}", callback.render());
    let reference = sample(&r, "api/widget-resize.md", 2);
    assert_eq!(
        reference.checked_as.as_deref(),
        Some("reference (`@odata.id`)")
    );
    assert_eq!(
        findings(reference),
        [(
            FindingKind::UnknownProperty,
            "/name",
            line_of(RESIZE, "\"name\": \"x\"", 0)
        )],
        "{}",
        reference.render()
    );
}

/// The Intune pages wrap a single object as `{ "value": { … } }` and leave
/// `isCollection` out of list responses; for a type with a `value`
/// property of its own, the inner `@odata.type` tells the wrapper from the
/// property.
#[test]
fn a_wrapped_single_object_is_told_from_a_value_property() {
    let setting = "# setting resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n|value|Int64|The value.|\n";
    let get = "# Get setting\n\n## Response\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.setting\", \"truncated\": true } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"value\": {\n    \"@odata.type\": \"#microsoft.graph.setting\",\n    \"id\": \"1\",\n    \"value\": 5\n  }\n}\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.setting\", \"truncated\": true } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"value\": { \"id\": \"1\" }\n}\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.setting\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"value\": [ { \"@odata.type\": \"#microsoft.graph.setting\", \"id\": \"1\", \"value\": 5 } ]\n}\n```\n";
    let loaded = load_pages(
        "v1.0",
        vec![PageInput {
            path: "setting.md".into(),
            kind: PageKind::Resource,
            bytes: setting.into(),
        }],
    );
    let r = check_pages(&loaded.schema, "v1.0", &[("get.md".into(), get.into())]);
    let kinds = |s: &SampleReport| s.findings.iter().map(|f| f.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&r.samples[0]), [FindingKind::UnknownProperty]);
    assert!(
        r.samples[0].findings[0].message.contains("wraps a single"),
        "{}",
        r.samples[0].render()
    );
    // Without the inner `@odata.type`, `value` is the property, and an
    // object is the wrong JSON type for it.
    assert_eq!(kinds(&r.samples[1]), [FindingKind::WrongJsonType]);
    // Likewise a list without `isCollection`.
    assert_eq!(
        r.samples[2].checked_as.as_deref(),
        Some("Collection(microsoft.graph.setting)")
    );
    assert!(
        r.samples[2].findings.is_empty(),
        "{}",
        r.samples[2].render()
    );
}

/// What the tolerant reader forgave is reported at its position, in the
/// report and in the human output: the docs' conventions (a comment) as a
/// GS0002 note, broken JSON (an extra or missing comma) as a GS0018 error;
/// strict JSON has none.
#[test]
fn forgiven_constructs_are_reported_at_their_positions() {
    let page = "# x\n\n```json\n{\n  \"a\": 1, // why\n  \"b\": [1, 2,],\n}\n```\n\n```json\n{\"c\": 3}\n```\n";
    let r = check_pages(
        &graphdoc_schema::Schema::default(),
        "v1.0",
        &[("p.md".into(), page.into())],
    );
    assert_eq!(r.samples[0].read, ReadStatus::Tolerant);
    assert_eq!(r.samples[1].read, ReadStatus::Strict);
    let notes: Vec<String> = r.samples[0]
        .forgiven
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        notes,
        [
            "p.md:5:11: note[GS0002]: line comment",
            "p.md:6:13: error[GS0018]: not valid JSON: extra comma",
            "p.md:6:15: error[GS0018]: not valid JSON: extra comma",
        ]
    );
    let human = graphdoc_samples::render_human(std::slice::from_ref(&r));
    for n in &notes {
        assert!(human.contains(n.as_str()), "{human}");
    }
    assert!(human.ends_with("v1.0: 2 blocks: 1 strict, 1 tolerant, 0 unreadable; 0 validated, 0 clean; 0 findings\n"), "{human}");
}

/// Annotation spellings the docs use, and payloads that are not objects.
#[test]
fn annotation_spellings_and_primitive_payloads() {
    let r = corpus();
    // `requestBodyResourceFor.…` (the docs' validator's name for "the
    // request body table of this page"), written with `@type`.
    let table = sample(&r, "api/widget-resize.md", 4);
    assert_eq!(
        table.checked_as.as_deref(),
        Some("parameters of `widget: resize`")
    );
    assert_eq!(
        findings(table),
        [(
            FindingKind::UnknownProperty,
            "/colour",
            line_of(RESIZE, "\"colour\": \"red\"", 0)
        )]
    );
    let page = "# x\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(Edm.String)\" } -->\n```json\n{ \"value\": [\"a\", 2] }\n```\n\n<!-- { \"blockType\": \"response\", \"@type\": \"collection(microsoft.graph.widget)\", \"truncated\": true } -->\n```json\n[ { \"size\": \"big\" } ]\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Edm.Boolean\" } -->\n```json\n{ \"value\": true }\n```\n";
    let loaded = load_pages(
        "v1.0",
        vec![PageInput {
            path: "w.md".into(),
            kind: PageKind::Resource,
            bytes: WIDGET.into(),
        }],
    );
    let r = check_pages(&loaded.schema, "v1.0", &[("x.md".into(), page.into())]);
    let got: Vec<(Option<&str>, Vec<Seen>)> = r
        .samples
        .iter()
        .map(|s| (s.checked_as.as_deref(), findings(s)))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("Collection(Edm.String)"),
                vec![(FindingKind::WrongJsonType, "/value/1", 5)]
            ),
            (
                Some("Collection(microsoft.graph.widget)"),
                vec![(FindingKind::WrongJsonType, "/0/size", 10)]
            ),
            (Some("Edm.Boolean"), vec![]),
        ]
    );
}

/// Representation placeholders for every Edm spelling the docs use, and a
/// type documented on two pages: each page's block is held to its own rows.
#[test]
fn placeholder_spellings_and_types_documented_on_several_pages() {
    let first = "# gizmo resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|on|Boolean|On.|\n|wait|Duration|Wait.|\n|body|Stream|Body.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n```json\n{ \"on\": \"bool\", \"wait\": \"timespan\", \"body\": \"String (Stream)\" }\n```\n";
    let second = "# gizmo resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|Size.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n```json\n{ \"size\": \"Int32\" }\n```\n";
    let pages = [("a/gizmo.md", first), ("b/gizmo-more.md", second)];
    let loaded = load_pages(
        "v1.0",
        pages
            .iter()
            .map(|(p, t)| PageInput {
                path: p.to_string(),
                kind: PageKind::Resource,
                bytes: t.as_bytes().to_vec(),
            })
            .collect(),
    );
    let texts: Vec<(String, String)> = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    // One type, with the rows of both pages.
    let gizmo = &loaded.schema.types["microsoft.graph.gizmo"];
    assert_eq!(gizmo.properties.len(), 4, "{gizmo:?}");
    let r = check_pages(&loaded.schema, "v1.0", &texts);
    assert_eq!(r.samples.len(), 2);
    for s in &r.samples {
        assert_eq!(s.checked_as.as_deref(), Some("microsoft.graph.gizmo"));
        assert!(s.findings.is_empty(), "{}", s.render());
    }
}

/// A missing comma is an error (GS0018) at the place of the comma, and the
/// block is still read as if it were there, so the value is checked.
#[test]
fn a_missing_comma_is_an_error_and_the_block_is_still_read() {
    let page = "# x\n\n```json\n{\n  \"a\": 1\n  \"b\": 2\n}\n```\n";
    let r = check_pages(
        &graphdoc_schema::Schema::default(),
        "v1.0",
        &[("p.md".into(), page.into())],
    );
    let sample = &r.samples[0];
    assert_eq!(sample.read, ReadStatus::Tolerant);
    assert_eq!(
        sample.value,
        Some(serde_json::json!({"a": 1, "b": 2})),
        "read as if the comma were there"
    );
    let found: Vec<String> = sample
        .all_findings()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        found,
        ["p.md:6:3: error[GS0018]: not valid JSON: missing comma"]
    );
}
