//! Requests, query options and the pager of the runtime, without I/O.

#[allow(dead_code, unused_imports)]
#[path = "../runtime/lib.rs"]
mod runtime;

use runtime::query::{
    ConsistencyLevel, EvolvableEnums, Filter, OrderBy, Prefer, Search, Select, Top,
};
use runtime::*;

struct ListThings;

impl Operation for ListThings {
    const TITLE: &'static str = "List things";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/things";
    const PATHS: &'static [&'static str] = &["/things"];
    type Request = NoBody;
    type Response = Page<String>;
}

#[derive(Clone, Copy)]
enum Thing {
    DisplayName,
    Mail,
}

impl PropertyName for Thing {
    fn wire_name(self) -> &'static str {
        match self {
            Thing::DisplayName => "displayName",
            Thing::Mail => "mail",
        }
    }
}

impl Select for ListThings {
    type Property = Thing;
}
impl OrderBy for ListThings {
    type Property = Thing;
}
impl Filter for ListThings {}
impl Top for ListThings {}
impl Search for ListThings {}
impl ConsistencyLevel for ListThings {}
impl Prefer for ListThings {}
impl EvolvableEnums for ListThings {}

struct UpdateThing;

impl Operation for UpdateThing {
    const TITLE: &'static str = "Update thing";
    const METHOD: Method = Method::Patch;
    const PATH: &'static str = "/things/{id}";
    const PATHS: &'static [&'static str] = &["/things/{id}"];
    type Request = ValueOf<String>;
    type Response = NoBody;
}

const ROOT: &str = "https://graph.microsoft.com/v1.0/";

#[test]
fn typed_options_and_headers_build_the_documented_query() {
    let request = Request::<ListThings>::new("/things")
        .select(&[Thing::DisplayName, Thing::Mail])
        .top(5)
        .consistency_level_eventual();
    assert_eq!(request.method(), Method::Get);
    assert_eq!(
        request.path_and_query(),
        "/things?$select=displayName,mail&$top=5"
    );
    assert_eq!(
        request.url(ROOT),
        "https://graph.microsoft.com/v1.0/things?$select=displayName,mail&$top=5"
    );
    assert_eq!(
        request.headers(),
        &[("ConsistencyLevel".to_owned(), "eventual".to_owned())]
    );
    assert_eq!(request.body(), None);
    // A later value replaces an earlier one, in its place.
    let request = request.top(10).select_raw("id");
    assert_eq!(request.path_and_query(), "/things?$select=id&$top=10");
}

#[test]
fn query_values_are_percent_encoded() {
    let request = Request::<ListThings>::new("/things")
        .filter("startswith(displayName,'a b') and mail eq 'x&y=z+1#'")
        .search("\"displayName:room\"")
        .order_by_desc(&[Thing::Mail, Thing::DisplayName]);
    assert_eq!(
        request.path_and_query(),
        "/things?$filter=startswith(displayName,'a%20b')%20and%20mail%20eq%20'x%26y%3Dz%2B1%23'\
         &$search=%22displayName:room%22&$orderby=mail%20desc,displayName%20desc"
    );
    let request = Request::<ListThings>::new("/things").query("naïve", "100%");
    assert_eq!(request.path_and_query(), "/things?na%C3%AFve=100%25");
}

#[test]
fn preferences_add_up_once_each() {
    let request = Request::<ListThings>::new("/things")
        .include_unknown_enum_members()
        .prefer("return=minimal")
        .include_unknown_enum_members();
    assert_eq!(
        request.header_value("prefer"),
        Some("include-unknown-enum-members, return=minimal")
    );
}

#[test]
fn a_body_is_json_with_its_content_type() {
    let body = ValueOf {
        value: "x".to_owned(),
        additional_properties: JsonMap::new(),
    };
    let request = Request::<UpdateThing>::new("/things/1")
        .with_body(&body)
        .unwrap();
    assert_eq!(request.method(), Method::Patch);
    assert_eq!(request.body(), Some(&br#"{"value":"x"}"#[..]));
    assert_eq!(
        request.header_value("content-type"),
        Some("application/json")
    );
}

fn page(values: &[&str], link: Option<(&str, &str)>) -> Vec<u8> {
    let mut page = serde_json::json!({ "value": values });
    if let Some((name, url)) = link {
        page[name] = url.into();
    }
    serde_json::to_vec(&page).unwrap()
}

#[test]
fn the_pager_follows_next_links_with_the_first_requests_headers() {
    let first = Request::<ListThings>::new("/things")
        .top(2)
        .consistency_level_eventual();
    let mut pager = Pager::new(first);
    let served = [
        page(
            &["a", "b"],
            Some((
                "@odata.nextLink",
                "https://graph.microsoft.com/v1.0/things?$top=2&$skiptoken=X1",
            )),
        ),
        page(
            &["c", "d"],
            Some((
                "@odata.nextLink",
                "https://graph.microsoft.com/v1.0/things?$top=2&$skiptoken=X2",
            )),
        ),
        page(&["e"], None),
    ];
    let mut urls = Vec::new();
    let mut items = Vec::new();
    let mut served = served.iter();
    while let Some(request) = pager.next_request() {
        assert_eq!(request.header_value("ConsistencyLevel"), Some("eventual"));
        assert_eq!(request.method(), Method::Get);
        urls.push(request.url(ROOT));
        let page = pager.read(served.next().unwrap()).unwrap();
        items.extend(page.value);
    }
    assert_eq!(
        urls,
        [
            "https://graph.microsoft.com/v1.0/things?$top=2",
            "https://graph.microsoft.com/v1.0/things?$top=2&$skiptoken=X1",
            "https://graph.microsoft.com/v1.0/things?$top=2&$skiptoken=X2",
        ]
    );
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    assert!(pager.is_done());
    assert_eq!(pager.pages_read(), 3);
    assert_eq!(pager.delta_link(), None);
}

#[test]
fn a_delta_round_keeps_the_delta_link_for_the_next_one() {
    let mut pager = Pager::new(Request::<ListThings>::new("/things/delta"));
    let request = pager.next_request().unwrap();
    assert_eq!(request.path_and_query(), "/things/delta");
    // Until the answer comes back there is nothing more to send.
    assert!(pager.next_request().is_none() && !pager.is_done());
    pager
        .read(&page(
            &["a"],
            Some(("@odata.nextLink", "https://g/things/delta?$skiptoken=1")),
        ))
        .unwrap();
    assert_eq!(pager.delta_link(), None);
    let request = pager.next_request().unwrap();
    assert!(request.is_absolute());
    assert_eq!(request.url(ROOT), "https://g/things/delta?$skiptoken=1");
    pager
        .read(&page(
            &[],
            Some(("@odata.deltaLink", "https://g/things/delta?$deltatoken=D")),
        ))
        .unwrap();
    assert!(pager.is_done());
    let kept = pager.delta_link().unwrap().to_owned();
    assert_eq!(kept, "https://g/things/delta?$deltatoken=D");

    let mut next_round = Pager::<ListThings>::resume(&kept, &[("Prefer", "return=minimal")]);
    let request = next_round.next_request().unwrap();
    assert_eq!(request.url(ROOT), kept);
    assert_eq!(request.header_value("Prefer"), Some("return=minimal"));
}

#[test]
fn a_page_that_is_not_a_page_is_an_error_naming_the_operation() {
    let mut pager = Pager::new(Request::<ListThings>::new("/things"));
    pager.next_request().unwrap();
    let err = pager.read(br#"{"id": "1"}"#).unwrap_err();
    assert!(err.to_string().starts_with("List things: "), "{err}");
    assert_eq!(pager.pages_read(), 0);
}
