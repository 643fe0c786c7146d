//! Every documented v1.0 GET operation whose page has a response example,
//! called through the model's client (feature `client`) against a local
//! server that answers the example at the documented path.
//!
//! # Which calls
//!
//! One call per response example of a GET operation's page (the JSON the
//! samples checker read, strictly or tolerantly). The documented path is
//! the example's request (`GET https://graph.microsoft.com/v1.0/me/events?$select=subject`):
//! matched against the operation's path templates, it gives the path
//! parameters, and its query gives the query options the client adds. A
//! request that fits no template of the operation (another spelling of the
//! path) is left aside and the first template is filled with made-up
//! values instead; [`ClientReport::synthetic_paths`] counts those. The
//! server answers the example with the status of its `HTTP/1.1 …` line,
//! and anything else with a 404: a client that sends another path or
//! query fails.
//!
//! # Who is at fault
//!
//! The harness writes back what the client returned (a failure status:
//! the `ODataError` it read) and [`crate::roundtrip::judge`] compares it
//! with the example and blames each difference as for the round trip; a
//! request the server did not expect, or a client error other than a
//! body that does not fit, is `read_error`, graphdoc's. Examples that are
//! not JSON at all are the docs' ([`ClientReport::unreadable_examples`]).

use crate::percent::percent_decode;
use crate::roundtrip::{Judgement, RoundTripSample};
use graphdoc_codegen::GeneratedOperation;
use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::{ReadStatus, VersionReport};
use graphdoc_schema::request_path::{below_version, request_line};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The API version whose GET operations are called.
pub const VERSION: &str = "v1.0";

/// One call of the harness.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClientCall {
    /// The version module (`v1_0`).
    pub module: String,
    /// The operation's Rust name (`ListUsers`).
    pub operation: String,
    /// Path parameters by placeholder name, as the docs' request gives them.
    pub params: BTreeMap<String, String>,
    /// Query options, decoded, in the request's order.
    pub query: Vec<(String, String)>,
    /// The path and query the server expects, decoded, relative to the
    /// version root.
    pub expected: String,
    /// The status the server answers.
    pub status: u16,
    /// The response example the server answers.
    pub payload: Value,
}

/// The calls, and what the docs did not let us call.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientCalls {
    /// One per response example of a GET operation.
    pub calls: Vec<ClientCall>,
    /// Beside each call: the example as a round-trip sample, to judge.
    pub samples: Vec<RoundTripSample>,
    /// GET operations of the version.
    pub get_operations: usize,
    /// GET operations whose page has a response example that reads.
    pub with_examples: usize,
    /// Response examples that are not JSON (the docs').
    pub unreadable_examples: Vec<(String, u32)>,
    /// Calls whose documented request fits no template of the operation.
    pub synthetic_paths: usize,
}

/// The calls for `report`'s response examples of `operations` (any
/// version; only [`VERSION`]'s GETs are taken). Each example is called
/// through the operation the round trip reads it through (`ops`: the
/// page's operation whose path its request calls), and a wrong shape on a
/// page that disputes its shape is the docs' there as here.
pub fn collect_calls(
    report: &VersionReport,
    ops: &crate::through::Operations,
    operations: &[GeneratedOperation],
) -> ClientCalls {
    let mut out = ClientCalls::default();
    let mut by_path: BTreeMap<&str, &GeneratedOperation> = BTreeMap::new();
    for op in operations {
        if op.version == report.summary.version && op.method.eq_ignore_ascii_case("get") {
            out.get_operations += 1;
            by_path.insert(&op.path, op);
        }
    }
    let mut called: BTreeMap<&str, ()> = BTreeMap::new();
    for s in &report.samples {
        if s.kind != SampleKind::Response {
            continue;
        }
        let request = if s.request_line.trim().is_empty() {
            "GET"
        } else {
            s.request_line.as_str()
        };
        let Some((op, disputed)) = ops
            .operation_for(&s.file, s.line, request)
            .and_then(|(path, disputed)| Some((*by_path.get(path)?, disputed)))
        else {
            continue;
        };
        let Some(value) = s
            .value
            .as_ref()
            .filter(|_| s.read != ReadStatus::Unreadable)
        else {
            out.unreadable_examples.push((s.file.clone(), s.line));
            continue;
        };
        called.insert(&op.path, ());
        let documented = documented_request(&s.request_line);
        let (params, query, synthetic) = match documented
            .as_ref()
            .and_then(|(path, query)| fit(op, path, query))
        {
            Some((params, query)) => (params, query, false),
            None => (made_up_params(&op.paths[0]), Vec::new(), true),
        };
        out.synthetic_paths += usize::from(synthetic);
        let template = template_for(op, &params);
        let call = ClientCall {
            module: op.module.clone(),
            operation: op.rust_name.clone(),
            expected: expected_request(template, &params, &query),
            params,
            query,
            status: status_of(&s.http_line),
            payload: value.clone(),
        };
        out.samples.push(RoundTripSample::response_through(
            &report.summary.version,
            &op.path,
            &op.path,
            s,
            value,
            disputed,
        ));
        out.calls.push(call);
    }
    out.with_examples = called.len();
    out
}

/// The path (decoded) and query options of a request line
/// (`GET https://graph.microsoft.com/v1.0/me?$select=id`), relative to the
/// version root.
fn documented_request(line: &str) -> Option<(String, Vec<(String, String)>)> {
    let (method, url) = request_line(line);
    if !method.eq_ignore_ascii_case("get") || url.is_empty() {
        return None;
    }
    // The docs also call a page's paths under another version's root
    // (`/beta/…` on a v1.0 page) or write v1.0 as `v1`.
    let rest = below_version(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect();
    Some((percent_decode(path), query))
}

/// Query options by name, decoded, in order.
type QueryOptions = Vec<(String, String)>;

/// The path parameters of the first template of `op` that `path` and
/// `query` fit, and the query options the template does not hold
/// (`/me/calendarView?startDateTime={start_datetime}&…` takes its values
/// from the documented query).
fn fit(
    op: &GeneratedOperation,
    path: &str,
    query: &[(String, String)],
) -> Option<(BTreeMap<String, String>, QueryOptions)> {
    op.paths.iter().find_map(|template| {
        let (template_path, template_query) = template.split_once('?').unwrap_or((template, ""));
        let mut params = BTreeMap::new();
        if !match_pieces(&pieces(template_path), path, &mut params) {
            return None;
        }
        let mut rest = query.to_vec();
        for pair in template_query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let i = rest
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name))?;
            let (_, given) = rest.remove(i);
            // The template's query is written encoded (`%20`), the given one decoded.
            let value = percent_decode(value);
            if !match_pieces(&pieces(&value), &given, &mut params) {
                return None;
            }
        }
        Some((params, rest))
    })
}

enum Piece<'a> {
    Literal(&'a str),
    Hole(&'a str),
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push(Piece::Literal(&rest[..open]));
        }
        out.push(Piece::Hole(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest));
    }
    out
}

/// Whether `text` fits the pieces: literals equal (ASCII case ignored,
/// a trailing `/` forgiven), each placeholder a non-empty value without
/// `/` (with `/` between `:` delimiters, `root:/{item-path}:`).
fn match_pieces(pieces: &[Piece], text: &str, params: &mut BTreeMap<String, String>) -> bool {
    match pieces.split_first() {
        None => text.is_empty() || text == "/",
        Some((Piece::Literal(l), rest)) => {
            let fits = text.len() >= l.len()
                && text.is_char_boundary(l.len())
                && text[..l.len()].eq_ignore_ascii_case(l);
            fits && match_pieces(rest, &text[l.len()..], params)
        }
        Some((Piece::Hole(name), rest)) => {
            let slash_ok = matches!(rest.first(), Some(Piece::Literal(l)) if l.starts_with(':'));
            let ends = text.char_indices().map(|(i, _)| i).skip(1);
            for end in ends.chain([text.len()]) {
                let value = &text[..end];
                if value.contains('/') && !slash_ok {
                    break;
                }
                if match_pieces(rest, &text[end..], params) {
                    params.insert((*name).to_owned(), value.to_owned());
                    return true;
                }
            }
            false
        }
    }
}

/// `1`, `2`, … for the placeholders of `template`.
fn made_up_params(template: &str) -> BTreeMap<String, String> {
    pieces(template)
        .iter()
        .filter_map(|p| match p {
            Piece::Hole(name) => Some((*name).to_owned()),
            Piece::Literal(_) => None,
        })
        .enumerate()
        .map(|(i, name)| (name, (i + 1).to_string()))
        .collect()
}

/// The template the runtime's `expand_paths` picks for `params`: the one
/// whose placeholders are all given and that uses the most.
fn template_for<'a>(op: &'a GeneratedOperation, params: &BTreeMap<String, String>) -> &'a str {
    let mut best: Option<(usize, &str)> = None;
    for template in &op.paths {
        let holes: Vec<&str> = pieces(template)
            .iter()
            .filter_map(|p| match p {
                Piece::Hole(n) => Some(*n),
                Piece::Literal(_) => None,
            })
            .collect();
        if holes.iter().all(|h| params.contains_key(*h))
            && best.is_none_or(|(used, _)| holes.len() > used)
        {
            best = Some((holes.len(), template));
        }
    }
    best.map_or(op.paths[0].as_str(), |(_, t)| t)
}

/// The template filled with the values, then the query: decoded text.
fn expected_request(
    template: &str,
    params: &BTreeMap<String, String>,
    query: &[(String, String)],
) -> String {
    let mut out = String::new();
    for piece in pieces(template) {
        match piece {
            // The server compares decoded text; templates are written encoded.
            Piece::Literal(l) => out.push_str(&percent_decode(l)),
            Piece::Hole(name) => out.push_str(params.get(name).map_or("", String::as_str)),
        }
    }
    let mut separator = if out.contains('?') { '&' } else { '?' };
    for (name, value) in query {
        let _ = write!(out, "{separator}{name}={value}");
        separator = '&';
    }
    out
}

/// The status of `HTTP/1.1 200 OK` (200 when the line says none).
fn status_of(http_line: &str) -> u16 {
    http_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .filter(|s| (100..600).contains(s))
        .unwrap_or(200)
}

/// The harness's dispatch: `call(client, module, operation, …)` for every
/// operation `calls` name, a boxed future each (one small function per
/// operation rather than one huge `async fn`).
pub fn dispatch_source(header: &str, lib: &str, calls: &[ClientCall]) -> String {
    let mut names: Vec<(&str, &str)> = calls
        .iter()
        .map(|c| (c.module.as_str(), c.operation.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut arms = String::new();
    for (module, operation) in names {
        let _ = writeln!(
            arms,
            "        ({module:?}, {operation:?}) => Box::pin(super::call::<::{lib}::{module}::operations::{operation}>(client, params, query)),"
        );
    }
    format!(
        "{header}//! The operations the calls name, by version module and name.\n\n\
         use ::{lib}::runtime::client::{{Client, ClientError}};\n\
         use std::future::Future;\n\
         use std::pin::Pin;\n\n\
         /// One call in flight: the response as JSON.\n\
         pub type Call<'a> = Pin<Box<dyn Future<Output = Result<serde_json::Value, ClientError>> + 'a>>;\n\n\
         /// Calls `module::operations::operation`; `None` when the harness does not have it.\n\
         pub fn call<'a>(\n    client: &'a Client,\n    module: &str,\n    operation: &str,\n    \
         params: &'a super::Params,\n    query: &'a [(String, String)],\n) -> Option<Call<'a>> {{\n    \
         Some(match (module, operation) {{\n{arms}        _ => return None,\n    }})\n}}\n"
    )
}

/// The figures of the client check.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClientReport {
    /// GET operations of the version.
    pub get_operations: usize,
    /// GET operations whose page has a response example.
    pub operations_called: usize,
    /// Calls (one per response example).
    pub calls: usize,
    /// Calls whose typed response came back equal to the example.
    pub equal: usize,
    /// Failed calls blamed on the docs (a value the docs' tables refuse).
    pub docs_failures: usize,
    /// Failed calls blamed on graphdoc (they fail the run).
    pub graphdoc_failures: usize,
    /// Response examples that are not JSON (the docs').
    pub unreadable_examples: usize,
    /// Calls at a path the harness filled in (the documented request fits
    /// no template of the operation).
    pub synthetic_paths: usize,
}

impl ClientReport {
    /// The figures of `calls` as `judgement` judged them.
    pub fn new(calls: &ClientCalls, judgement: &Judgement) -> ClientReport {
        let summary = judgement.summaries.first();
        ClientReport {
            get_operations: calls.get_operations,
            operations_called: calls.with_examples,
            calls: calls.calls.len(),
            equal: summary.map_or(0, |s| s.payloads_ok),
            docs_failures: summary.map_or(0, |s| s.docs_failures),
            graphdoc_failures: summary.map_or(0, |s| s.graphdoc_failures),
            unreadable_examples: calls.unreadable_examples.len(),
            synthetic_paths: calls.synthetic_paths,
        }
    }

    /// One line, as `model-check` prints it.
    pub fn render(&self) -> String {
        format!(
            "client {VERSION}: {} GET operations, {} with a response example called through the client \
             ({} calls, {} at a path filled in by the harness); {} equal, {} failed: {} docs, {} graphdoc; \
             {} examples not JSON (docs)\n",
            self.get_operations,
            self.operations_called,
            self.calls,
            self.synthetic_paths,
            self.equal,
            self.calls - self.equal,
            self.docs_failures,
            self.graphdoc_failures,
            self.unreadable_examples,
        )
    }
}

/// Writes the calls beside the harness, runs it (built by the model-check
/// build), and judges what it wrote.
pub(crate) fn run_harness(
    cargo: &crate::cargo::Cargo,
    out: &std::path::Path,
    calls: &ClientCalls,
) -> Result<(ClientReport, Judgement), crate::Error> {
    let calls_path = out.join(crate::HARNESS_DIR).join("client-calls.json");
    let text = serde_json::to_string(&serde_json::json!({ "calls": calls.calls }))
        .map_err(|e| crate::Error::Harness(e.to_string()))?;
    crate::write_if_changed(&calls_path, text.as_bytes())?;
    let results_path = out.join("target").join("client-results.json");
    let _ = std::fs::remove_file(&results_path);
    let calls_arg = calls_path.to_string_lossy().into_owned();
    let results_arg = results_path.to_string_lossy().into_owned();
    cargo.step(
        "client calls",
        &[
            "run",
            "--quiet",
            "--offline",
            "--package",
            crate::HARNESS_PACKAGE,
            "--bin",
            "client_calls",
            "--",
            &calls_arg,
            &results_arg,
        ],
    )?;
    let text = std::fs::read_to_string(&results_path)
        .map_err(|e| crate::Error::Io(results_path.clone(), e))?;
    let results = crate::roundtrip::parse_results(&text).map_err(crate::Error::Harness)?;
    let judgement =
        crate::roundtrip::judge(&calls.samples, &results).map_err(crate::Error::Harness)?;
    Ok((ClientReport::new(calls, &judgement), judgement))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(paths: &[&str]) -> GeneratedOperation {
        GeneratedOperation {
            version: "v1.0".into(),
            module: "v1_0".into(),
            rust_name: "GetThing".into(),
            method: "Get",
            paths: paths.iter().map(|p| p.to_string()).collect(),
            source: "api/thing-get.md:3".into(),
            title: "Get thing".into(),
            path: "v1_0::operations::GetThing".into(),
        }
    }

    #[test]
    fn a_documented_request_gives_path_parameters_and_query_options() {
        let (path, query) = documented_request(
            "GET https://graph.microsoft.com/v1.0/groups/02bd9fd6/threads/AAQk%3D?$select=topic,id&$top=2",
        )
        .unwrap();
        assert_eq!(path, "/groups/02bd9fd6/threads/AAQk=");
        assert_eq!(
            query,
            [
                ("$select".into(), "topic,id".into()),
                ("$top".into(), "2".into())
            ]
        );
        let op = op(&[
            "/groups/{group-id}/threads",
            "/groups/{group-id}/threads/{thread-id}",
        ]);
        let (params, rest) = fit(&op, &path, &query).unwrap();
        assert_eq!(rest, query);
        assert_eq!(params["group-id"], "02bd9fd6");
        assert_eq!(params["thread-id"], "AAQk=");
        assert_eq!(
            expected_request(template_for(&op, &params), &params, &query),
            "/groups/02bd9fd6/threads/AAQk=?$select=topic,id&$top=2"
        );
        assert_eq!(documented_request("POST https://x/v1.0/me"), None);
        assert_eq!(
            documented_request("GET https://graph.microsoft.com/v1/me?$filter=a%20eq%20'b'"),
            Some(("/me".into(), vec![("$filter".into(), "a eq 'b'".into())]))
        );
    }

    #[test]
    fn placeholders_inside_segments_and_item_paths_fit() {
        let report = op(&["/reports/getOffice365ActiveUserDetail(period='{period_value}')"]);
        let (params, _) = fit(
            &report,
            "/reports/getOffice365ActiveUserDetail(period='D7')",
            &[],
        )
        .unwrap();
        assert_eq!(params["period_value"], "D7");
        let drive = op(&["/me/drive/root:/{item-path}:/content"]);
        let (params, _) = fit(&drive, "/me/drive/root:/a/b.txt:/content", &[]).unwrap();
        assert_eq!(params["item-path"], "a/b.txt");
        // A segment is not a placeholder's value across `/`, and case is
        // forgiven in literals only.
        assert_eq!(fit(&op(&["/users/{id}"]), "/users/a/b", &[]), None);
        assert!(fit(&op(&["/Users/{id}"]), "/users/A", &[]).is_some());
        // Placeholders in a template's query take the documented query's values.
        let view =
            op(&["/me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}"]);
        let query = [
            ("endDateTime".to_string(), "2017-01-02T00:00:00".to_string()),
            (
                "startDateTime".to_string(),
                "2017-01-01T00:00:00".to_string(),
            ),
            ("$select".to_string(), "subject".to_string()),
        ];
        let (params, rest) = fit(&view, "/me/calendarView", &query).unwrap();
        assert_eq!(params["start_datetime"], "2017-01-01T00:00:00");
        assert_eq!(rest, [("$select".to_string(), "subject".to_string())]);
        assert_eq!(
            expected_request(&view.paths[0], &params, &rest),
            "/me/calendarView?startDateTime=2017-01-01T00:00:00&endDateTime=2017-01-02T00:00:00&$select=subject"
        );
        assert_eq!(
            made_up_params("/a/{x}/b/{y}"),
            BTreeMap::from([
                ("x".to_string(), "1".to_string()),
                ("y".to_string(), "2".to_string())
            ])
        );
        // A template's query is written encoded, the documented one read decoded.
        let filtered = op(&["/me/meetings?$filter=joinUrl%20eq%20'{joinUrl}'"]);
        let query = [("$filter".to_string(), "joinUrl eq 'x'".to_string())];
        let (params, rest) = fit(&filtered, "/me/meetings", &query).unwrap();
        assert_eq!((params["joinUrl"].as_str(), rest.len()), ("x", 0));
        assert_eq!(
            expected_request(&filtered.paths[0], &params, &rest),
            "/me/meetings?$filter=joinUrl eq 'x'"
        );
        assert_eq!(status_of("HTTP/1.1 201 Created"), 201);
        assert_eq!(status_of(""), 200);
    }

    #[test]
    fn the_calls_of_the_repository_docs_are_their_get_examples_at_their_requests() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-src");
        let loaded = crate::load(&docs).unwrap();
        let schemas: Vec<_> = loaded.iter().map(|l| l.schema.clone()).collect();
        let v1 = loaded.iter().find(|l| l.schema.version == VERSION).unwrap();
        let generated = graphdoc_codegen::generate(&schemas, &Default::default());
        let pages = graphdoc_samples::read_pages(&docs, VERSION).unwrap();
        let report = graphdoc_samples::check_pages(&v1.schema, VERSION, &pages);
        let ops =
            crate::through::Operations::new(&v1.schema, &v1.diagnostics, &generated.operations);
        let calls = collect_calls(&report, &ops, &generated.operations);
        let seen: Vec<(&str, &str)> = calls
            .calls
            .iter()
            .map(|c| (c.operation.as_str(), c.expected.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "ListGroupMembers",
                    "/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/members"
                ),
                ("UserDelta", "/users/delta?$select=displayName"),
                ("ListUsers", "/users?$select=displayName,mail&$top=2"),
            ]
        );
        // The PATCH of the vppToken page is not a GET: not called.
        assert_eq!((calls.get_operations, calls.with_examples), (3, 3));
        assert_eq!(calls.synthetic_paths, 0);
        assert_eq!(calls.samples.len(), calls.calls.len());
        assert_eq!(calls.samples[0].payload, calls.calls[0].payload);
    }

    #[test]
    fn the_dispatch_names_each_operation_once() {
        let call = ClientCall {
            module: "v1_0".into(),
            operation: "ListUsers".into(),
            params: BTreeMap::new(),
            query: Vec::new(),
            expected: "/users".into(),
            status: 200,
            payload: Value::Null,
        };
        let source = dispatch_source("// header\n", "graph_model", &[call.clone(), call]);
        assert_eq!(source.matches("ListUsers").count(), 2, "{source}");
        assert!(source.contains(
            "(\"v1_0\", \"ListUsers\") => Box::pin(super::call::<::graph_model::v1_0::operations::ListUsers>(client, params, query)),"
        ));
    }
}
