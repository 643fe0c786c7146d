//! Every documented GET operation that has a response example, called
//! through the model's client against a local server that answers the
//! example at the documented path.
//!
//! `client_calls <calls.json> <results.json>`: for each call, the server is
//! told the path and query the docs' request shows (or the operation's
//! template filled in) and the example to answer; the client calls the
//! operation by its descriptor, with the path parameters and query options
//! of that request. The server answers anything else with a 404, so a
//! client that sends another path fails. Per call the harness records the
//! typed response written back as JSON (a failure status: the
//! `ODataError` read), or why the client failed; `graphdoc-modelcheck`
//! compares and judges, as for the round trip.

#[path = "../client_dispatch.rs"]
mod dispatch;
#[path = "../percent.rs"]
mod percent;
// The client tests use all of the server; this harness only part of it.
#[allow(dead_code)]
#[path = "../server.rs"]
mod server;

use graph_model::runtime::client::{Client, ClientError, RetryPolicy, StaticToken};
use graph_model::runtime::{expand_paths, Operation, PathParams, Request, Wire};
use serde_json::{json, Map, Value};
use percent::percent_decode;
use server::{Recorded, Reply, TestServer};
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// Path parameters by placeholder name.
pub struct Params(BTreeMap<String, String>);

impl PathParams for Params {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

/// Calls `O` with the given parameters and query options; the response
/// as JSON.
pub async fn call<O>(
    client: &Client,
    params: &Params,
    query: &[(String, String)],
) -> Result<Value, ClientError>
where
    O: Operation,
    O::Response: 'static,
{
    let path = expand_paths(O::PATHS, params)
        .map_err(|e| ClientError::Request(format!("path parameters: {e}")))?;
    let mut request = Request::<O>::new(path);
    for (name, value) in query {
        request = request.query(name, value.as_str());
    }
    client.send(request).await.map(|response| response.to_json())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: client_calls <calls.json> <results.json>");
        return ExitCode::from(2);
    }
    match run(&args[1], &args[2]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// What the server answers now: the expected path and query (percent
/// decoded, relative to the version root), the status and the body.
type Expected = Arc<Mutex<(String, u16, Vec<u8>)>>;

fn run(input: &str, output: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{input}: {e}"))?;
    let calls = doc
        .get("calls")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{input}: no `calls` array"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let expected: Expected = Arc::default();
    let answering = Arc::clone(&expected);
    let server = runtime
        .block_on(TestServer::start(move |r: &Recorded| answer(&answering, r)))
        .map_err(|e| format!("the local server did not start: {e}"))?;
    let client = Client::new(format!("{}/v1.0", server.url()))
        .with_token_provider(StaticToken("harness".into()))
        .with_retry_policy(RetryPolicy::none());
    let mut results = Vec::new();
    for (index, c) in calls.iter().enumerate() {
        let text = |key: &str| c.get(key).and_then(Value::as_str).unwrap_or_default();
        let status = c.get("status").and_then(Value::as_u64).unwrap_or(200) as u16;
        let body = serde_json::to_vec(c.get("payload").unwrap_or(&Value::Null))
            .map_err(|e| e.to_string())?;
        *expected.lock().expect("not poisoned") = (text("expected").to_owned(), status, body);
        let params = Params(
            serde_json::from_value(c.get("params").cloned().unwrap_or_default())
                .map_err(|e| format!("call {index}: {e}"))?,
        );
        let query: Vec<(String, String)> =
            serde_json::from_value(c.get("query").cloned().unwrap_or_default())
                .map_err(|e| format!("call {index}: {e}"))?;
        let (module, operation) = (text("module"), text("operation"));
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let future = dispatch::call(&client, module, operation, &params, &query)?;
            Some(runtime.block_on(future))
        }));
        let mut result = Map::new();
        result.insert("sample".into(), json!(index));
        result.insert("pointer".into(), json!(""));
        match outcome {
            Ok(Some(Ok(written))) => {
                result.insert("written".into(), written);
            }
            Ok(Some(Err(ClientError::Service { status: got, error }))) if got == status => {
                result.insert("written".into(), error.to_value());
            }
            Ok(Some(Err(ClientError::Read(e)))) => {
                let kind = format!("{:?}", e.kind());
                result.insert("error".into(), error(&kind, e.segments(), e.message()));
            }
            Ok(Some(Err(e))) => {
                result.insert("error".into(), error("client", &[], &e.to_string()));
            }
            Ok(None) => {
                let message = format!("no operation {module}::{operation} in the harness");
                result.insert("error".into(), error("unknown_type", &[], &message));
            }
            Err(_) => {
                result.insert("error".into(), error("panic", &[], "the client panicked"));
            }
        }
        results.push(Value::Object(result));
    }
    let text = serde_json::to_string(&json!({ "results": results })).map_err(|e| e.to_string())?;
    std::fs::write(output, text).map_err(|e| format!("cannot write {output}: {e}"))
}

fn error(kind: &str, path: &[String], message: &str) -> Value {
    json!({"kind": kind, "path": path, "message": message})
}

/// The example at the documented path; a 404 naming both paths otherwise.
fn answer(expected: &Expected, request: &Recorded) -> Reply {
    let (path, status, body) = expected.lock().expect("not poisoned").clone();
    let got = percent_decode(request.uri.strip_prefix("/v1.0").unwrap_or(&request.uri));
    if request.method == "GET" && got == path {
        return Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body,
        };
    }
    let message = format!(
        "the client sent {} {got}, the docs GET {path}",
        request.method
    );
    Reply::json(
        404,
        &json!({"error": {"code": "graphdoc_wrong_request", "message": message}}),
    )
}
