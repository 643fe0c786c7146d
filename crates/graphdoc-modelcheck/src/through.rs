//! Reading an API page's response samples through its operation.
//!
//! A response sample of an API page is read as a user reads the body the
//! service sends: `read_response::<Op>` of the page's operation, whose
//! response type has the shape the model chose (a page, one object, a
//! `{"value": …}` wrapper, no body). A shape the runtime refuses is then
//! the model's fault ([`Reason::WrongShape`](crate::roundtrip::Reason)),
//! unless the page disputes the shape of that very example: a GD0026 note
//! at the example, which wraps one object in `value` or shows another shape
//! than the page's other examples
//! ([`Reason::DisputedShape`](crate::roundtrip::Reason)). A GD0026 note about
//! anything else (the Response sentence, a download beside the body) says
//! nothing of an example the model refuses: that is still the model's.
//!
//! The operation is the one of the sample's page whose path the request
//! the sample answers calls (a page split by path has several), else the
//! page's first with the request's method.

use crate::roundtrip::RoundTripSample;
use graphdoc_codegen::GeneratedOperation;
use graphdoc_docs::page::codes::{self, shape_dispute};
use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::{ReadStatus, VersionReport};
use graphdoc_schema::request_path::{calls, request_line, template_segments, url_segments};
use graphdoc_schema::{Diagnostic, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// The generated operations of one version and the response examples
/// whose shape the docs dispute.
pub struct Operations<'a> {
    /// By page (`api/x.md`), in schema order.
    by_page: BTreeMap<String, Vec<PageOperation<'a>>>,
    /// The examples a GD0026 note is about: page and body line.
    disputed: BTreeSet<(String, u32)>,
}

struct PageOperation<'a> {
    method: &'a str,
    templates: Vec<Vec<&'a str>>,
    /// The generated descriptor's path in the facade.
    generated: &'a str,
    /// The schema's response type (`Collection(microsoft.graph.user)`).
    response: String,
}

/// The page's key in every form of its path: `api/x.md`.
fn page_key(file: &str) -> String {
    let parts: Vec<&str> = file.rsplit(['/', '\\']).take(2).collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("/")
}

impl<'a> Operations<'a> {
    /// The operations of `schema` with their generated descriptors, and
    /// which response examples the front-end found of a disputed shape
    /// (GD0026 in `diagnostics`, about an example).
    pub fn new(
        schema: &'a Schema,
        diagnostics: &[Diagnostic],
        generated: &'a [GeneratedOperation],
    ) -> Self {
        let by_source: BTreeMap<(&str, &str), &str> = generated
            .iter()
            .filter(|g| g.version == schema.version)
            .map(|g| ((g.source.as_str(), g.title.as_str()), g.path.as_str()))
            .collect();
        let mut by_page: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for op in &schema.operations {
            let source = op.source.to_string();
            let Some(path) = by_source.get(&(source.as_str(), op.title.as_str())) else {
                continue;
            };
            let templates = op.paths.iter().map(|p| template_segments(p)).collect();
            let response = op
                .response_type
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            by_page
                .entry(page_key(&op.source.file))
                .or_default()
                .push(PageOperation {
                    method: op.method.as_str(),
                    templates,
                    generated: path,
                    response,
                });
        }
        let disputed = diagnostics
            .iter()
            .filter(|d| {
                d.code == codes::RESPONSE_SHAPE
                    && shape_dispute::ABOUT_AN_EXAMPLE.contains(&d.key.as_str())
            })
            .map(|d| (page_key(&d.file), d.line))
            .collect();
        Operations { by_page, disputed }
    }

    /// The generated operation and response type a response sample of
    /// `file` answering `request_line` is read through: the page's
    /// operation with that method whose path the request calls, else the
    /// one whose path it extends the furthest (an example adding a key to
    /// a documented collection), else the first.
    fn for_response(&self, file: &str, line: &str) -> Option<(&'a str, &str)> {
        let ops = self.by_page.get(&page_key(file))?;
        let (method, url) = request_line(line);
        let url = url_segments(url);
        let with_method = || ops.iter().filter(|o| o.method.eq_ignore_ascii_case(method));
        let called = |templates: &Vec<Vec<&str>>| templates.iter().any(|t| calls(t, &url));
        let extends = |o: &&PageOperation| {
            o.templates
                .iter()
                .filter(|t| t.len() < url.len() && calls(t, &url[..t.len()]))
                .map(Vec::len)
                .max()
        };
        let op = with_method()
            .find(|o| called(&o.templates))
            .or_else(|| {
                with_method()
                    .filter_map(|o| Some((extends(&o)?, o)))
                    .max_by_key(|(n, _)| *n)
                    .map(|(_, o)| o)
            })
            .or_else(|| with_method().next())?;
        Some((op.generated, op.response.as_str()))
    }

    /// The generated operation (its path in the facade) a response example
    /// of `file` whose body starts on `line`, answering `request_line`, is
    /// read through, and whether the page disputes that example's shape: as
    /// the round trip reads it.
    pub fn operation_for(
        &self,
        file: &str,
        line: u32,
        request_line: &str,
    ) -> Option<(&'a str, bool)> {
        let (generated, _) = self.for_response(file, request_line)?;
        Some((generated, self.is_disputed(file, line)))
    }

    /// Whether a GD0026 note is about the example of `file` whose body
    /// starts on `line`.
    fn is_disputed(&self, file: &str, line: u32) -> bool {
        self.disputed.contains(&(page_key(file), line))
    }
}

/// Sets `operation` and `shape_disputed` on the response samples of API
/// pages, and adds those whose type the model has no struct for (a
/// primitive in `{"value": …}`), read as a whole.
pub fn through_operations(
    report: &VersionReport,
    ops: &Operations,
    samples: &mut Vec<RoundTripSample>,
) {
    let by_place: BTreeMap<(String, u32), usize> = samples
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.file.clone(), s.line), i))
        .collect();
    let mut added = Vec::new();
    for s in &report.samples {
        let ok_status = s.http_line.is_empty()
            || s.http_line
                .split_whitespace()
                .nth(1)
                .is_some_and(|c| c.starts_with('2'));
        if s.kind != SampleKind::Response || !ok_status || s.read == ReadStatus::Unreadable {
            continue;
        }
        let Some(value) = &s.value else { continue };
        let Some((operation, response)) = ops.for_response(&s.file, &s.request_line) else {
            continue;
        };
        let disputed = ops.is_disputed(&s.file, s.line);
        match by_place.get(&(s.file.clone(), s.line)) {
            Some(&i) => {
                samples[i].operation = Some(operation.to_string());
                samples[i].shape_disputed = disputed;
            }
            None => added.push(RoundTripSample::response_through(
                &s.version, response, operation, s, value, disputed,
            )),
        }
    }
    samples.extend(added);
    samples.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
}

/// The harness's dispatch from a generated operation's path to reading a
/// body through it, for the operations `samples` name.
pub fn dispatch(lib: &str, samples: &[RoundTripSample]) -> String {
    let named: BTreeSet<&str> = samples
        .iter()
        .filter_map(|s| s.operation.as_deref())
        .collect();
    let signature = format!(
        "/// Reads `body` through the generated operation at `path` and writes\n\
         /// the response back as JSON; `None` for an operation not generated.\n\
         pub fn read_response(path: &str, body: &[u8]) -> Option<Result<::serde_json::Value, ::{lib}::runtime::Error>> {{\n"
    );
    if named.is_empty() {
        return format!("{signature}    let _ = (path, body);\n    None\n}}\n");
    }
    let mut arms = String::new();
    for path in named {
        arms.push_str(&format!(
            "        {path:?} => read::<::{lib}::{path}>(body),\n"
        ));
    }
    format!(
        "{signature}    Some(match path {{\n{arms}        _ => return None,\n    }})\n}}\n\n\
         fn read<O: ::{lib}::runtime::Operation>(body: &[u8]) -> Result<::serde_json::Value, ::{lib}::runtime::Error> {{\n    \
         ::{lib}::runtime::read_response::<O>(body).map(|r| ::{lib}::runtime::Wire::to_json(&r))\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::request_path::matches;

    #[test]
    fn a_refused_shape_is_the_docs_fault_only_where_the_page_disputes_it() {
        use crate::roundtrip::{judge, Blame, HarnessError, HarnessResult, Reason};
        let sample = |disputed: bool| RoundTripSample {
            version: "v1.0".into(),
            type_name: "microsoft.graph.vppToken".into(),
            collection: false,
            file: "v1.0/api/vpptoken-get.md".into(),
            line: 30,
            kind: "response".into(),
            findings: Vec::new(),
            payload: serde_json::json!({"value": {"id": "1"}}),
            items: vec!["/value".into()],
            operation: Some("v1_0::operations::GetVppToken".into()),
            shape_disputed: disputed,
        };
        let refused = |sample: usize| {
            HarnessResult {
            sample,
            pointer: "/value".into(),
            read_as: None,
            written: None,
            error: Some(HarnessError {
                kind: "WrongShape".into(),
                path: Vec::new(),
                message: "GetVppToken: expected one `microsoft.graph.vppToken`, found it wrapped in `value`".into(),
            }),
            unknown: Vec::new(),
        }
        };
        let judged = judge(&[sample(true), sample(false)], &[refused(0), refused(1)]).unwrap();
        let seen: Vec<(Reason, Blame)> = judged
            .failures
            .iter()
            .map(|f| (f.reason, f.blame))
            .collect();
        assert_eq!(
            seen,
            [
                (Reason::DisputedShape, Blame::Docs),
                (Reason::WrongShape, Blame::Graphdoc)
            ]
        );
        assert_eq!(
            (
                judged.summaries[0].docs_failures,
                judged.summaries[0].graphdoc_failures
            ),
            (1, 1)
        );
    }

    #[test]
    fn only_a_note_about_the_example_itself_disputes_its_shape() {
        use graphdoc_schema::{Severity, Source};
        let note = |file: &str, line: u32, key: &str| {
            Diagnostic::new(
                &Source::new(file, line),
                Severity::Note,
                codes::RESPONSE_SHAPE,
                "the shape",
            )
            .about("Get x")
            .keyed(key)
        };
        let page = "api-reference/v1.0/api/x-get.md";
        let diagnostics = [
            note(page, 1, shape_dispute::STATED_SHAPE),
            note(page, 30, shape_dispute::WRAPPED_OBJECT),
            note(page, 50, shape_dispute::DOWNLOAD_BESIDE_JSON),
            note(page, 70, shape_dispute::EXAMPLE_SHAPE),
        ];
        let schema = Schema::default();
        let ops = Operations::new(&schema, &diagnostics, &[]);
        let disputed = |file: &str, line: u32| ops.is_disputed(file, line);
        assert!(disputed("v1.0/api/x-get.md", 30));
        assert!(disputed("v1.0/api/x-get.md", 70));
        // Another example of the same page, the page's own line, and the
        // line of a note about something else are not disputed.
        assert!(!disputed("v1.0/api/x-get.md", 40));
        assert!(!disputed("v1.0/api/x-get.md", 1));
        assert!(!disputed("v1.0/api/x-get.md", 50));
        assert!(!disputed("v1.0/api/y-get.md", 30));
    }

    #[test]
    fn a_page_is_known_by_its_last_two_segments() {
        assert_eq!(
            page_key("../shared/graph-docs/api-reference/v1.0/api/user-get.md"),
            "api/user-get.md"
        );
        assert_eq!(page_key("v1.0/api/user-get.md"), "api/user-get.md");
    }

    #[test]
    fn a_request_url_matches_the_template_it_instantiates() {
        let url = url_segments(
            "https://graph.microsoft.com/v1.0/users/4562bcc8/mailboxSettings/timeZone?$x=1",
        );
        assert!(matches(
            &template_segments("/users/{id|userPrincipalName}/mailboxSettings/timeZone"),
            &url
        ));
        assert!(!matches(
            &template_segments("/users/{id|userPrincipalName}/mailboxSettings"),
            &url
        ));
        assert_eq!(url_segments("/me/events"), ["me", "events"]);
    }
}
