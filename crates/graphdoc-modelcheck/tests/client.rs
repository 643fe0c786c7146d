//! The model's client (`generated/`, feature `client`) against a real local
//! HTTP server: a call with token, path, query, headers and body; paging
//! across three pages and as a stream (the runtime's `Pager` driven by
//! the client); a delta round; `Retry-After` on 429
//! and 503 within the retry budget; error bodies; a batch of mixed
//! successes and failures. The operations are `generated/`'s
//! `UpdateVppToken` and descriptors written here as codegen writes them
//! (the repository's docs corpus has one operation).

#[path = "../harness/server.rs"]
mod server;

use graph_model::runtime::client::{
    Batch, BoxError, Client, ClientError, RetryPolicy, StaticToken,
};
use graph_model::runtime::{Field, Method, NoBody, Operation, Page, Pager, Request};
use graph_model::v1_0::operations::{UpdateVppToken, UpdateVppTokenPath};
use graph_model::v1_0::{VppToken, VppTokenState};
use serde_json::{json, Value};
use server::{Recorded, Reply, TestServer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct ListVppTokens;
impl Operation for ListVppTokens {
    const TITLE: &'static str = "List vppTokens";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/deviceAppManagement/vppTokens";
    const PATHS: &'static [&'static str] = &["/deviceAppManagement/vppTokens"];
    type Request = NoBody;
    type Response = Page<VppToken>;
}

struct GetVppToken;
impl Operation for GetVppToken {
    const TITLE: &'static str = "Get vppToken";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/deviceAppManagement/vppTokens/{vppTokenId}";
    const PATHS: &'static [&'static str] = &["/deviceAppManagement/vppTokens/{vppTokenId}"];
    type Request = NoBody;
    type Response = VppToken;
}

struct DeleteVppToken;
impl Operation for DeleteVppToken {
    const TITLE: &'static str = "Delete vppToken";
    const METHOD: Method = Method::Delete;
    const PATH: &'static str = "/deviceAppManagement/vppTokens/{vppTokenId}";
    const PATHS: &'static [&'static str] = &["/deviceAppManagement/vppTokens/{vppTokenId}"];
    type Request = NoBody;
    type Response = NoBody;
}

fn token(id: &str, state: &str) -> Value {
    json!({"@odata.type": "#microsoft.graph.vppToken", "id": id, "state": state})
}

fn not_found(id: &str) -> Value {
    json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": format!("Resource '{id}' does not exist."),
        "innerError": {"request-id": "6e5a5b2e-0000-4f5e-9c1a-1f0b7b0b0b0b", "date": "2026-12-07T10:00:00"}
    }})
}

/// A client of the server's `/v1.0`, with a fixed token and no waiting
/// beyond `Retry-After`.
fn client(server: &TestServer) -> Client {
    Client::new(format!("{}/v1.0", server.url())).with_token_provider(StaticToken("t0k3n".into()))
}

#[tokio::test]
async fn a_call_sends_token_path_query_headers_and_body_and_reads_the_typed_answer() {
    let server = TestServer::start(|r: &Recorded| {
        let mut answer = r.json();
        answer["id"] = json!("9ceb2f92");
        Reply::json(200, &answer)
    })
    .await
    .unwrap();
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&asked);
    let client = Client::new(format!("{}/v1.0/", server.url())).with_token_provider(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move { Ok::<_, BoxError>(format!("token-{n}")) }
    });
    let body = VppToken {
        state: Field::Value(VppTokenState::Valid),
        organization_name: Field::Null,
        ..VppToken::default()
    };
    let request = UpdateVppToken::request(&UpdateVppTokenPath {
        vpp_token_id: Some("9ceb2f92/x y".into()),
    })
    .unwrap()
    .query("$select", "state,organizationName")
    .header("Prefer", "return=representation")
    .with_body(&body)
    .unwrap();
    let answer: VppToken = client.send(request).await.unwrap();
    assert_eq!(answer.id, Field::Value("9ceb2f92".into()));
    assert_eq!(answer.state, Field::Value(VppTokenState::Valid));
    assert_eq!(answer.organization_name, Field::Null);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.method, "PATCH");
    assert_eq!(
        sent.uri,
        "/v1.0/deviceAppManagement/vppTokens/9ceb2f92%2Fx%20y?$select=state,organizationName"
    );
    assert_eq!(sent.header("authorization"), Some("Bearer token-0"));
    assert_eq!(sent.header("prefer"), Some("return=representation"));
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(
        sent.json(),
        json!({"organizationName": null, "state": "valid"})
    );
    assert_eq!(asked.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_path_left_unfilled_or_a_failing_token_sends_nothing() {
    let server = TestServer::start(|_: &Recorded| Reply::empty(204))
        .await
        .unwrap();
    let error = client(&server)
        .send(Request::<GetVppToken>::new(GetVppToken::PATH))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Request(_)), "{error}");
    assert!(error.to_string().contains("placeholder"), "{error}");

    let refusing = Client::new(server.url()).with_token_provider(|| async {
        Err::<String, BoxError>("the refresh token expired".into())
    });
    let error = refusing
        .send(Request::<DeleteVppToken>::new(
            "/deviceAppManagement/vppTokens/1",
        ))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Token(_)), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_error_body_is_read_as_odata_error() {
    let server = TestServer::start(|r: &Recorded| {
        if r.uri.ends_with("/gone") {
            Reply::json(404, &not_found("gone"))
        } else {
            Reply {
                status: 502,
                headers: vec![("content-type".into(), "text/html".into())],
                body: b"<html>Bad gateway</html>".to_vec(),
            }
        }
    })
    .await
    .unwrap();
    let client = client(&server);
    let error = client
        .send(Request::<GetVppToken>::new(
            "/deviceAppManagement/vppTokens/gone",
        ))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    let odata = error.odata_error().expect("an OData error body");
    assert_eq!(odata.code, "Request_ResourceNotFound");
    assert_eq!(
        odata.request_id(),
        Some("6e5a5b2e-0000-4f5e-9c1a-1f0b7b0b0b0b")
    );
    assert_eq!(
        error.to_string(),
        "HTTP 404: Request_ResourceNotFound: Resource 'gone' does not exist."
    );

    let error = client
        .send(Request::<GetVppToken>::new(
            "/deviceAppManagement/vppTokens/x",
        ))
        .await
        .unwrap_err();
    match error {
        ClientError::Status { status, body } => {
            assert_eq!((status, body.as_str()), (502, "<html>Bad gateway</html>"))
        }
        other => panic!("expected a plain status error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_that_does_not_fit_the_operation_is_a_read_error() {
    // One object where the operation answers a page.
    let server = TestServer::start(|_: &Recorded| Reply::json(200, &token("1", "valid")))
        .await
        .unwrap();
    let error = client(&server)
        .send(Request::<ListVppTokens>::new(ListVppTokens::PATH))
        .await
        .unwrap_err();
    match error {
        ClientError::Read(e) => assert!(e.to_string().contains("List vppTokens"), "{e}"),
        other => panic!("expected a read error, got {other:?}"),
    }
}

/// Three pages: `?$skiptoken=2` and `?$skiptoken=3` follow the first.
fn three_pages(base: String) -> impl Fn(&Recorded) -> Reply {
    move |r: &Recorded| {
        let (items, next) = match r.uri.rsplit_once("$skiptoken=") {
            None => (vec![token("1", "valid"), token("2", "expired")], Some(2)),
            Some((_, "2")) => (vec![token("3", "valid")], Some(3)),
            Some(_) => (vec![token("4", "invalid")], None),
        };
        let mut page = json!({ "value": items });
        if let Some(n) = next {
            page["@odata.nextLink"] = json!(format!(
                "{base}/v1.0/deviceAppManagement/vppTokens?$skiptoken={n}"
            ));
        }
        Reply::json(200, &page)
    }
}

#[tokio::test]
async fn paging_follows_next_links_across_three_pages() {
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let url = Arc::clone(&base);
    let server = TestServer::start(move |r: &Recorded| three_pages(url.get().unwrap().clone())(r))
        .await
        .unwrap();
    base.set(server.url().to_owned()).unwrap();
    let client = client(&server);
    let request = || {
        Request::<ListVppTokens>::new(ListVppTokens::PATH)
            .query("$top", "2")
            .header("ConsistencyLevel", "eventual")
    };

    let mut pages = client.pages(request());
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.unwrap().value.len());
    }
    assert_eq!(sizes, [2, 1, 1]);
    assert_eq!(pages.delta_link(), None);
    let requests = server.requests();
    let uris: Vec<&str> = requests.iter().map(|r| r.uri.as_str()).collect();
    assert_eq!(
        uris,
        [
            "/v1.0/deviceAppManagement/vppTokens?$top=2",
            "/v1.0/deviceAppManagement/vppTokens?$skiptoken=2",
            "/v1.0/deviceAppManagement/vppTokens?$skiptoken=3",
        ]
    );
    // Every page carries the token and the first request's headers.
    for r in &requests {
        assert_eq!(r.header("authorization"), Some("Bearer t0k3n"));
        assert_eq!(r.header("consistencylevel"), Some("eventual"));
    }

    // The same as items, and as a stream.
    let items = client.pages(request()).collect_items().await.unwrap();
    let ids: Vec<_> = items.iter().map(|t| t.id.clone()).collect();
    assert_eq!(
        ids,
        ["1", "2", "3", "4"].map(|s| Field::Value(s.to_owned()))
    );
    use futures_util::StreamExt;
    let stream = client.pages(request()).into_stream();
    let pages: Vec<_> = stream.collect().await;
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(Result::is_ok));
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed_with_the_token() {
    let server = TestServer::start(|_: &Recorded| {
        Reply::json(
            200,
            &json!({"value": [], "@odata.nextLink": "https://elsewhere.invalid/v1.0/x?$skiptoken=2"}),
        )
    })
    .await
    .unwrap();
    let mut pages = client(&server).pages(Request::<ListVppTokens>::new(ListVppTokens::PATH));
    assert!(pages.next().await.unwrap().is_ok());
    let error = pages.next().await.unwrap().unwrap_err();
    assert!(error.to_string().contains("elsewhere.invalid"), "{error}");
    assert!(pages.next().await.is_none());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_link_followed_at_any_origin_is_still_not_sent_the_clients_token() {
    let server = TestServer::start(|_: &Recorded| Reply::json(200, &json!({"value": []})))
        .await
        .unwrap();
    // The caller's pager follows any origin; the client, which adds the
    // token, does not.
    let link = "https://elsewhere.invalid/v1.0/deviceAppManagement/vppTokens?$skiptoken=2";
    let pager = Pager::new(
        "https://elsewhere.invalid/v1.0",
        Request::<ListVppTokens>::follow_any_origin(link).unwrap(),
    )
    .follow_any_origin();
    let mut pages = client(&server).resume(pager);
    let error = pages.next().await.unwrap().unwrap_err();
    assert!(matches!(error, ClientError::Request(_)), "{error}");
    assert!(error.to_string().contains("elsewhere.invalid"), "{error}");
    let error = client(&server)
        .send(Request::<GetVppToken>::follow_any_origin(link).unwrap())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("leaves http://127.0.0.1"),
        "{error}"
    );
    assert!(server.requests().is_empty());
}

struct VppTokensDelta;
impl Operation for VppTokensDelta {
    const TITLE: &'static str = "vppToken: delta";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/deviceAppManagement/vppTokens/delta()";
    const PATHS: &'static [&'static str] = &["/deviceAppManagement/vppTokens/delta()"];
    type Request = NoBody;
    type Response = Page<VppToken>;
}

#[tokio::test]
async fn a_delta_round_keeps_the_delta_link_and_the_next_round_starts_from_it() {
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let url = Arc::clone(&base);
    let server = TestServer::start(move |r: &Recorded| {
        let root = format!("{}/v1.0/deviceAppManagement/vppTokens/delta()", url.get().unwrap());
        let page = if r.uri.ends_with("delta()") {
            json!({"value": [token("1", "valid")], "@odata.nextLink": format!("{root}?$skiptoken=s1")})
        } else if r.uri.ends_with("$skiptoken=s1") {
            json!({"value": [token("2", "valid")], "@odata.deltaLink": format!("{root}?$deltatoken=d1")})
        } else if r.uri.ends_with("$deltatoken=d1") {
            // The second round: what changed since, and the next delta link.
            json!({"value": [token("2", "expired"), {"id": "1", "@removed": {"reason": "deleted"}}],
                   "@odata.deltaLink": format!("{root}?$deltatoken=d2")})
        } else {
            return Reply::json(400, &json!({"error": {"code": "badRequest", "message": r.uri}}));
        };
        Reply::json(200, &page)
    })
    .await
    .unwrap();
    base.set(server.url().to_owned()).unwrap();
    let client = client(&server);
    let mut first = client.pages(Request::<VppTokensDelta>::new(VppTokensDelta::PATH));
    let mut seen = Vec::new();
    while let Some(page) = first.next().await {
        seen.extend(page.unwrap().value);
    }
    assert_eq!(seen.len(), 2);
    let delta = first
        .delta_link()
        .expect("the last page's delta link")
        .to_owned();
    assert!(delta.ends_with("/v1.0/deviceAppManagement/vppTokens/delta()?$deltatoken=d1"));

    let mut second =
        client.resume(Pager::<VppTokensDelta>::resume(client.base_url(), &delta, &[]).unwrap());
    let page = second.next().await.unwrap().unwrap();
    assert!(second.next().await.is_none());
    assert_eq!(page.value[0].state, Field::Value(VppTokenState::Expired));
    // A removed item keeps its `@removed` annotation.
    assert_eq!(
        page.value[1].additional_properties.get("@removed"),
        Some(&json!({"reason": "deleted"}))
    );
    assert!(second.delta_link().unwrap().ends_with("$deltatoken=d2"));
    assert_eq!(server.requests().len(), 3);
}

/// Answers `status` with `Retry-After: retry_after` the first `times`
/// times, then a token.
async fn throttling(status: u16, retry_after: &'static str, times: usize) -> TestServer {
    let calls = AtomicUsize::new(0);
    TestServer::start(move |_: &Recorded| {
        if calls.fetch_add(1, Ordering::SeqCst) < times {
            let error = json!({"error": {"code": "TooManyRequests", "message": "Slow down."}});
            Reply::json(status, &error).header("Retry-After", retry_after)
        } else {
            Reply::json(200, &token("1", "valid"))
        }
    })
    .await
    .unwrap()
}

fn get_token() -> Request<GetVppToken> {
    Request::new("/deviceAppManagement/vppTokens/1")
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after() {
    let server = throttling(429, "1", 1).await;
    let start = Instant::now();
    let answer = client(&server).send(get_token()).await.unwrap();
    assert_eq!(answer.id, Field::Value("1".into()));
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        start.elapsed()
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // A token is asked for again on the retry.
    assert_eq!(requests[1].header("authorization"), Some("Bearer t0k3n"));
}

#[tokio::test]
async fn a_503_with_a_past_http_date_is_retried_at_once() {
    let server = throttling(503, "Thu, 01 Jan 1970 00:00:00 GMT", 2).await;
    let start = Instant::now();
    assert!(client(&server).send(get_token()).await.is_ok());
    assert_eq!(server.requests().len(), 3);
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn the_retry_budget_bounds_retries_and_waiting() {
    // Always throttled: the first attempt and two retries, then the 429.
    let server = throttling(429, "0", usize::MAX).await;
    let policy = RetryPolicy {
        max_retries: 2,
        ..RetryPolicy::default()
    };
    let error = client(&server)
        .with_retry_policy(policy)
        .send(get_token())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(error.odata_error().unwrap().code, "TooManyRequests");
    assert_eq!(server.requests().len(), 3);

    // A wait longer than the budget is not slept on.
    let server = throttling(429, "3600", usize::MAX).await;
    let start = Instant::now();
    let error = client(&server).send(get_token()).await.unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(server.requests().len(), 1);
    assert!(start.elapsed() < Duration::from_secs(60));

    // No retries at all.
    let server = throttling(503, "0", 1).await;
    let error = client(&server)
        .with_retry_policy(RetryPolicy::none())
        .send(get_token())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
}

#[tokio::test]
async fn a_batch_of_mixed_successes_and_failures_reads_each_answer_as_its_operation() {
    let server = TestServer::start(|r: &Recorded| {
        assert_eq!(
            (r.method.as_str(), r.uri.as_str()),
            ("POST", "/v1.0/$batch")
        );
        let requests = r.json()["requests"].as_array().cloned().unwrap_or_default();
        // Answered out of order, as the service may.
        let mut responses: Vec<Value> = requests
            .iter()
            .rev()
            .map(|q| {
                let id = q["id"].clone();
                let url = q["url"].as_str().unwrap_or_default();
                match (q["method"].as_str().unwrap_or_default(), url) {
                    ("GET", "/deviceAppManagement/vppTokens/1") => {
                        json!({"id": id, "status": 200, "body": token("1", "valid")})
                    }
                    ("PATCH", "/deviceAppManagement/vppTokens/2") => {
                        assert_eq!(q["headers"]["Content-Type"], "application/json");
                        let mut body = q["body"].clone();
                        body["id"] = json!("2");
                        json!({"id": id, "status": 200, "body": body})
                    }
                    ("DELETE", "/deviceAppManagement/vppTokens/3") => {
                        json!({"id": id, "status": 204})
                    }
                    ("GET", "/deviceAppManagement/vppTokens?$top=1") => json!({
                        "id": id, "status": 429, "headers": {"Retry-After": "5"},
                        "body": {"error": {"code": "TooManyRequests", "message": "Slow down."}}
                    }),
                    _ => json!({"id": id, "status": 404, "body": not_found(url)}),
                }
            })
            .collect();
        responses.rotate_left(1);
        Reply::json(200, &json!({ "responses": responses }))
    })
    .await
    .unwrap();

    let mut batch = Batch::new();
    let got = batch.add(get_token()).unwrap();
    let body = VppToken {
        state: Field::Value(VppTokenState::Expired),
        ..VppToken::default()
    };
    let update = UpdateVppToken::request(&UpdateVppTokenPath {
        vpp_token_id: Some("2".into()),
    })
    .unwrap()
    .with_body(&body)
    .unwrap();
    let updated = batch.add(update).unwrap();
    let deleted = batch
        .add(Request::<DeleteVppToken>::new(
            "/deviceAppManagement/vppTokens/3",
        ))
        .unwrap();
    let missing = batch
        .add(Request::<GetVppToken>::new(
            "/deviceAppManagement/vppTokens/404",
        ))
        .unwrap();
    let throttled = batch
        .add(Request::<ListVppTokens>::new(ListVppTokens::PATH).query("$top", "1"))
        .unwrap();
    let answers = client(&server).batch(batch).await.unwrap();
    assert_eq!(answers.len(), 5);

    assert_eq!(
        answers.get(&got).unwrap().state,
        Field::Value(VppTokenState::Valid)
    );
    let token = answers.get(&updated).unwrap();
    assert_eq!(
        (token.id.clone(), token.state.clone()),
        (
            Field::Value("2".into()),
            Field::Value(VppTokenState::Expired)
        )
    );
    assert_eq!(answers.get(&deleted).unwrap(), NoBody);
    let error = answers.get(&missing).unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(
        error.odata_error().unwrap().code,
        "Request_ResourceNotFound"
    );
    let error = answers.get(&throttled).unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(
        answers.response(throttled.id()).unwrap().headers["Retry-After"],
        "5"
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("authorization"), Some("Bearer t0k3n"));
}

#[test]
fn a_batch_takes_at_most_twenty_requests() {
    let mut batch = Batch::new();
    for _ in 0..20 {
        batch.add(get_token()).unwrap();
    }
    let error = batch.add(get_token()).unwrap_err();
    assert_eq!(error.to_string(), "a batch takes at most 20 requests");
    assert_eq!(batch.len(), 20);
    // A link the service gave is absolute: sent on its own, never batched.
    let link = Request::<ListVppTokens>::follow(
        "https://graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0/x?$skiptoken=2",
    )
    .unwrap();
    let error = Batch::new().add(link).unwrap_err();
    assert!(error.to_string().contains("cannot be batched"), "{error}");
}
