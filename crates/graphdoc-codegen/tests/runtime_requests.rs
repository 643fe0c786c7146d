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
fn an_option_given_nothing_is_not_sent() {
    let request = Request::<ListThings>::new("/things")
        .select(&[])
        .order_by(&[])
        .order_by_desc(&[])
        .filter("")
        .search("");
    assert_eq!(request.path_and_query(), "/things");
    assert!(request.query_options().is_empty());
    // Nothing takes off what was set before; other options stay in place.
    let request = Request::<ListThings>::new("/things")
        .select(&[Thing::Mail])
        .top(3)
        .order_by(&[Thing::DisplayName])
        .select(&[])
        .order_by_raw("");
    assert_eq!(request.path_and_query(), "/things?$top=3");
    // The escape hatch sends what it is given.
    let request = Request::<ListThings>::new("/things").query("$select", "");
    assert_eq!(request.path_and_query(), "/things?$select=");
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
    let mut pager = Pager::new(ROOT, first);
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
    while let Some(request) = pager.next_request().unwrap() {
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
    let mut pager = Pager::new(ROOT, Request::<ListThings>::new("/things/delta"));
    let request = pager.next_request().unwrap().unwrap();
    assert_eq!(request.path_and_query(), "/things/delta");
    // Until the answer comes back there is nothing more to send.
    assert!(pager.next_request().unwrap().is_none() && !pager.is_done());
    pager
        .read(&page(
            &["a"],
            Some((
                "@odata.nextLink",
                "https://graph.microsoft.com/v1.0/things/delta?$skiptoken=1",
            )),
        ))
        .unwrap();
    assert_eq!(pager.delta_link(), None);
    let request = pager.next_request().unwrap().unwrap();
    assert!(request.is_link());
    assert_eq!(
        request.url(ROOT),
        "https://graph.microsoft.com/v1.0/things/delta?$skiptoken=1"
    );
    pager
        .read(&page(
            &[],
            Some((
                "@odata.deltaLink",
                "https://graph.microsoft.com/v1.0/things/delta?$deltatoken=D",
            )),
        ))
        .unwrap();
    assert!(pager.is_done());
    let kept = pager.delta_link().unwrap().to_owned();
    assert_eq!(
        kept,
        "https://graph.microsoft.com/v1.0/things/delta?$deltatoken=D"
    );

    let mut next_round =
        Pager::<ListThings>::resume(ROOT, &kept, &[("Prefer", "return=minimal")]).unwrap();
    let request = next_round.next_request().unwrap().unwrap();
    assert_eq!(request.url(ROOT), kept);
    assert_eq!(request.header_value("Prefer"), Some("return=minimal"));
}

#[test]
fn a_page_that_is_not_a_page_is_an_error_naming_the_operation() {
    let mut pager = Pager::new(ROOT, Request::<ListThings>::new("/things"));
    pager.next_request().unwrap().unwrap();
    let err = pager.read(br#"{"id": "1"}"#).unwrap_err();
    assert!(err.to_string().starts_with("List things: "), "{err}");
    assert_eq!(pager.pages_read(), 0);
}

#[test]
fn the_pager_is_not_done_while_a_later_page_is_on_its_way() {
    let mut pager = Pager::new(ROOT, Request::<ListThings>::new("/things"));
    assert!(!pager.is_done(), "nothing read yet");
    pager.next_request().unwrap().unwrap();
    pager
        .read(&page(
            &["a"],
            Some((
                "@odata.nextLink",
                "https://graph.microsoft.com/v1.0/things?$skiptoken=1",
            )),
        ))
        .unwrap();
    assert!(!pager.is_done(), "a next link is waiting");
    pager.next_request().unwrap().unwrap();
    assert!(!pager.is_done(), "the second page has not been read");
    pager.read(&page(&["b"], None)).unwrap();
    assert!(pager.is_done());
}

/// Next links that a sender of `ROOT`'s credentials must not follow: other
/// hosts, one spelled to look like the service's, another scheme or port,
/// and links that are not absolute URLs (joined to a root without a path,
/// `.evil.example` would name another host).
const FOREIGN_LINKS: &[&str] = &[
    "https://elsewhere.example/v1.0/things?$skiptoken=2",
    "https://graph.microsoft.com.evil.example/v1.0/things",
    "https://graph.microsoft.com@evil.example/v1.0/things",
    "https://graph.microsoft.com\\@evil.example/v1.0/things",
    "http://graph.microsoft.com/v1.0/things",
    "https://graph.microsoft.com:8443/v1.0/things",
    "//evil.example/v1.0/things",
    ".evil.example/things",
    "/v1.0/things?$skiptoken=2",
    "",
];

#[test]
fn a_next_link_to_another_origin_stops_the_pager_with_the_reason() {
    for link in FOREIGN_LINKS {
        let first = Request::<ListThings>::new("/things").consistency_level_eventual();
        let mut pager = Pager::new(ROOT, first);
        pager.next_request().unwrap().unwrap();
        let page = pager
            .read(&page(&["a"], Some(("@odata.nextLink", link))))
            .expect("the page itself is read");
        assert_eq!(page.value, ["a"]);
        let error = pager.next_request().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::ForeignLink, "{link}: {error}");
        assert!(error.to_string().contains(link), "{error}");
        // It stays stopped, and says why.
        assert_eq!(pager.next_request().unwrap_err(), error);
        assert_eq!(pager.refusal(), Some(&error));
        assert!(!pager.is_done(), "{link}: the round did not end");
        assert!(!same_origin(ROOT, link), "{link}");
        // Neither a request of its own nor a resumed round follows it.
        assert!(Request::<ListThings>::follow(ROOT, link).is_err(), "{link}");
        let resumed = Pager::<ListThings>::resume(ROOT, link, &[]);
        assert_eq!(
            resumed.err().map(|e| e.kind()),
            Some(ErrorKind::ForeignLink),
            "{link}"
        );
    }
}

#[test]
fn a_link_at_the_roots_origin_is_sent_to_the_root_it_is_sent_with() {
    // Scheme and host compare without case; the path may leave the root's.
    let link = "HTTPS://Graph.Microsoft.com/beta/things?$skiptoken=3";
    assert!(same_origin(ROOT, link));
    let request = Request::<ListThings>::follow(ROOT, link).unwrap();
    assert_eq!(request.path_and_query(), "/beta/things?$skiptoken=3");
    assert_eq!(
        request.url(ROOT),
        "https://graph.microsoft.com/beta/things?$skiptoken=3"
    );
    // Checked against one root, it cannot be sent anywhere but the origin
    // of the root it is sent with.
    assert_eq!(
        request.url("http://127.0.0.1:8080/v1.0"),
        "http://127.0.0.1:8080/beta/things?$skiptoken=3"
    );
    let local = "http://127.0.0.1:8080/v1.0";
    assert!(same_origin(local, "http://127.0.0.1:8080/v1.0/x"));
    assert!(same_origin(local, "http://127.0.0.1:8080?$skiptoken=1"));
    assert!(!same_origin(local, "http://127.0.0.1:8081/v1.0/x"));
    assert!(!same_origin(
        "graph.microsoft.com/v1.0",
        "graph.microsoft.com/v1.0/x"
    ));
}

#[test]
fn following_any_origin_is_the_callers_explicit_choice() {
    let link = "https://elsewhere.example/v1.0/things?$skiptoken=2";
    let mut pager = Pager::new(ROOT, Request::<ListThings>::new("/things")).follow_any_origin();
    pager.next_request().unwrap().unwrap();
    pager
        .read(&page(&["a"], Some(("@odata.nextLink", link))))
        .unwrap();
    let request = pager.next_request().unwrap().expect("the link, followed");
    assert_eq!(request.url(ROOT), link);
    assert!(request.is_link());
    // Still an absolute URL, or nothing.
    assert!(Request::<ListThings>::follow_any_origin(".evil.example/x").is_err());
}
