//! Finding the JSON blocks of a page: fenced ```json blocks and the bodies of
//! ```http blocks, each with the annotation comment above it, the HTTP line
//! it belongs to and the line its JSON starts on.

use crate::tolerant;
use graphdoc_docs::markdown::{blocks, Block};
use serde::Serialize;
use serde_json::Value;

/// What a JSON block of a page shows, which decides what it is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleKind {
    /// The `## JSON representation` block of a resource page: values are
    /// type placeholders.
    Resource,
    /// The body of an HTTP request.
    Request,
    /// The body of an HTTP response.
    Response,
    /// Any other JSON block.
    Other,
}

/// One JSON block of a page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RawSample {
    /// Representation, request, response or other.
    pub kind: SampleKind,
    /// The annotation comment above the block (`Null` when there is none or
    /// it cannot be read).
    pub annotation: Value,
    /// `PATCH /deviceAppManagement/vppTokens/{id}` or `HTTP/1.1 200 OK`;
    /// empty for a plain JSON block.
    pub http_line: String,
    /// The request method for a request body.
    pub method: String,
    /// For a response: the start line of the request it answers (the last
    /// HTTP request of the page before it, with or without a body).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub request_line: String,
    /// The JSON text.
    pub body: String,
    /// 1-based page line of the first line of `body`.
    pub line: u32,
}

const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/// The JSON blocks of one page, in page order. `text` has `\n` line ends.
pub fn samples(text: &str) -> Vec<RawSample> {
    samples_in(&blocks(text))
}

/// The JSON blocks of a page already split into blocks (by
/// [`graphdoc_docs::markdown::blocks`]), in page order: what [`samples`]
/// reads, for a caller that parses the page once for other checks too.
pub fn samples_in(blocks: &[Block<'_>]) -> Vec<RawSample> {
    let mut out = Vec::new();
    // The text of the annotation comment above the next block, read only
    // if a code block takes it.
    let mut pending: Option<&str> = None;
    let mut in_representation = false;
    let mut last_request = String::new();
    for block in blocks {
        match block {
            Block::Heading { text, .. } => {
                pending = None;
                let wanted = b"json representation";
                in_representation = text
                    .as_bytes()
                    .get(..wanted.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(wanted));
            }
            Block::Table(_) => pending = None,
            Block::Paragraph { .. } => {}
            Block::Comment { text, .. } => {
                let inner = text
                    .trim()
                    .trim_start_matches("<!--")
                    .trim_end_matches("-->")
                    .trim();
                if inner.starts_with('{') {
                    pending = Some(inner);
                }
            }
            Block::Code { info, text, line } => {
                let annotation = pending
                    .take()
                    .and_then(|inner| tolerant::read_unplaced(inner).ok())
                    .map(|r| r.value)
                    .filter(Value::is_object)
                    .unwrap_or(Value::Null);
                let block_type = annotation
                    .get("blockType")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let lang = info
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let (trimmed, trimmed_line) = trim_leading_blank_lines(text, *line);
                let first = trimmed.lines().next().unwrap_or("").trim();
                // Unlabelled fences hold HTTP exchanges and JSON too.
                let unlabelled_http = lang.is_empty() && http_start(first).is_some();
                let unlabelled_json = lang.is_empty()
                    && (matches!(first, "{" | "[")
                        || ["{\"", "[{", "[\""].iter().any(|p| first.starts_with(p)));
                if matches!(lang.as_str(), "http" | "https" | "msgraph-interactive")
                    || unlabelled_http
                {
                    let Some(http) = http_block(&block_type, trimmed, trimmed_line) else {
                        continue;
                    };
                    if http.kind == SampleKind::Request {
                        last_request = http.start.clone();
                    }
                    let Some((body, body_line)) = http.body else {
                        continue;
                    };
                    // `GET …/$value` answers with the raw content
                    // (`{Raw bytes of the file}`), not JSON, unless the
                    // headers say otherwise.
                    let raw_value = http.kind == SampleKind::Response
                        && http.content_type.is_empty()
                        && last_request
                            .split(['?', ' '])
                            .any(|part| part.trim_end_matches('/').ends_with("/$value"));
                    if raw_value {
                        continue;
                    }
                    out.push(RawSample {
                        kind: http.kind,
                        annotation,
                        request_line: if http.kind == SampleKind::Response {
                            last_request.clone()
                        } else {
                            String::new()
                        },
                        http_line: http.start,
                        method: http.method,
                        body,
                        line: body_line,
                    });
                } else if matches!(lang.as_str(), "json" | "jsonc" | "json5" | "odata")
                    || unlabelled_json
                    || (lang.is_empty()
                        && matches!(block_type.as_str(), "resource" | "request" | "response"))
                {
                    if trimmed.trim().is_empty() {
                        continue;
                    }
                    let kind = match block_type.as_str() {
                        "resource" => SampleKind::Resource,
                        "request" => SampleKind::Request,
                        "response" => SampleKind::Response,
                        _ if in_representation => SampleKind::Resource,
                        _ => SampleKind::Other,
                    };
                    out.push(RawSample {
                        kind,
                        annotation,
                        http_line: String::new(),
                        method: String::new(),
                        request_line: if kind == SampleKind::Response {
                            last_request.clone()
                        } else {
                            String::new()
                        },
                        body: trimmed.to_string(),
                        line: trimmed_line,
                    });
                }
            }
        }
    }
    out
}

fn trim_leading_blank_lines(text: &str, line: u32) -> (&str, u32) {
    let mut rest = text;
    let mut line = line;
    while let Some(nl) = rest.find('\n') {
        if !rest[..nl].trim().is_empty() {
            break;
        }
        rest = &rest[nl + 1..];
        line += 1;
    }
    (rest, line)
}

/// `(kind, method)` of an HTTP start line: `HTTP/1.1 200 OK` (or the
/// `HTTP code: 200 OK` some pages write) is a response, `POST https://…` a
/// request.
fn http_start(first: &str) -> Option<(SampleKind, String)> {
    let upper = first.to_ascii_uppercase();
    if upper.starts_with("HTTP/") || upper.starts_with("HTTP CODE:") {
        return Some((SampleKind::Response, String::new()));
    }
    let method = upper.split_whitespace().next().unwrap_or("");
    METHODS
        .contains(&method)
        .then(|| (SampleKind::Request, method.to_string()))
}

/// What an HTTP block holds.
struct HttpBlock {
    kind: SampleKind,
    start: String,
    method: String,
    /// Lowercased; empty when the headers name none.
    content_type: String,
    /// The JSON body and the page line it starts on.
    body: Option<(String, u32)>,
}

/// `Content-Type: application/json`, `Prefer: …`: a header line.
fn is_header(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Reads an HTTP block (`text` starts at its first non-blank line, page
/// line `line`): the start line, then headers and blank lines in any order
/// (pages put a blank line after the start line, or none before the body),
/// then the body, kept when it is JSON (by content type, or by its first
/// character when there is none). A block that starts with the JSON itself
/// is a body without a start line.
fn http_block(block_type: &str, text: &str, line: u32) -> Option<HttpBlock> {
    let first = text.lines().next().unwrap_or("").trim();
    let by_annotation = match block_type {
        "response" => Some(SampleKind::Response),
        "request" => Some(SampleKind::Request),
        _ => None,
    };
    if first.starts_with(['{', '[']) {
        return Some(HttpBlock {
            kind: by_annotation.unwrap_or(SampleKind::Other),
            start: String::new(),
            method: String::new(),
            content_type: String::new(),
            body: Some((text.to_string(), line)),
        });
    }
    let (kind, method) = match (http_start(first), by_annotation) {
        (Some(k), _) => k,
        (None, Some(k)) => (k, String::new()),
        (None, None) => return None,
    };
    let mut content_type = String::new();
    let offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut body_line = line + 1;
    let mut rest = &text[offset..];
    while let Some(l) = rest.split_inclusive('\n').next() {
        let t = l.trim();
        if !t.is_empty() {
            if !is_header(t) {
                break;
            }
            let (name, value) = t.split_once(':').unwrap_or_default();
            if name.trim().eq_ignore_ascii_case("content-type") {
                content_type = value.trim().to_ascii_lowercase();
            }
        }
        rest = &rest[l.len()..];
        body_line += 1;
    }
    let starts_like_json = rest.trim_start().starts_with(['{', '[']);
    let json_type = content_type.is_empty() || content_type.contains("json");
    let body =
        (!rest.trim().is_empty() && json_type && (starts_like_json || !content_type.is_empty()))
            .then(|| (rest.to_string(), body_line));
    Some(HttpBlock {
        kind,
        start: first.to_string(),
        method: if kind == SampleKind::Request {
            method
        } else {
            String::new()
        },
        content_type,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_json_and_http_bodies_with_lines() {
        let page = "# t\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{ \"a\": \"String\" }\n```\n\n## Example\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"n\",\n} -->\n```http\nPOST https://graph.microsoft.com/v1.0/xs\nContent-type: application/json\n\n{\n  \"a\": \"b\"\n}\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\nhello\n```\n\n```javascript\nconst x = { a: 1 };\n```\n";
        let s = samples(page);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(s[0].kind, SampleKind::Resource);
        assert_eq!(s[0].line, 6);
        assert_eq!(s[0].annotation["@odata.type"], "microsoft.graph.x");
        assert_eq!(s[1].kind, SampleKind::Request);
        assert_eq!(s[1].method, "POST");
        assert_eq!(s[1].http_line, "POST https://graph.microsoft.com/v1.0/xs");
        assert_eq!(
            s[1].annotation["name"], "n",
            "a trailing comma in the annotation is forgiven"
        );
        assert_eq!(s[1].line, 18);
        assert!(s[1].body.starts_with("{\n  \"a\""));
    }

    #[test]
    fn http_layouts_and_the_request_a_response_answers() {
        let page = "```http\nGET https://graph.microsoft.com/v1.0/me?$select=id\n```\n\n```http\nHTTP code: 200 OK\ncontent-type: application/json;odata.metadata\n\n{\"id\": \"1\"}\n```\n\n```\nPOST https://graph.microsoft.com/v1.0/me/x\n\nContent-type: application/json\n\n{\"a\": 1}\n```\n\n```http\nHTTP/1.1 201 Created\nContent-type: application/json\n{\"b\": 2}\n```\n\n```\n{\"c\": 3}\n```\n\n```\n{activity}_{date}\n```\n\n```http\nPOST https://graph.microsoft.com/v1.0/me/y\nContent-type: text/plain\n\n{not json}\n```\n\n```http\nGET https://graph.microsoft.com/v1.0/me/photo/$value\n```\n\n```http\nHTTP/1.1 200 OK\n\n{Raw bytes of the photo}\n```\n";
        let s = samples(page);
        let seen: Vec<(SampleKind, &str, &str, u32)> = s
            .iter()
            .map(|s| {
                (
                    s.kind,
                    s.http_line.as_str(),
                    s.request_line.as_str(),
                    s.line,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    SampleKind::Response,
                    "HTTP code: 200 OK",
                    "GET https://graph.microsoft.com/v1.0/me?$select=id",
                    9
                ),
                (
                    SampleKind::Request,
                    "POST https://graph.microsoft.com/v1.0/me/x",
                    "",
                    17
                ),
                (
                    SampleKind::Response,
                    "HTTP/1.1 201 Created",
                    "POST https://graph.microsoft.com/v1.0/me/x",
                    23
                ),
                (SampleKind::Other, "", "", 27),
            ],
            "{s:#?}"
        );
        assert_eq!(s[1].method, "POST");
    }
}
