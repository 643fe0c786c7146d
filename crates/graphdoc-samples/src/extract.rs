//! Finding the JSON blocks of a page: fenced ```json blocks and the bodies of
//! ```http blocks, each with the annotation comment above it, the HTTP line
//! it belongs to and the line its JSON starts on.

use crate::tolerant;
use graphdoc_docs::markdown::{blocks, Block};
use serde::Serialize;
use serde_json::Value;

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
    pub kind: SampleKind,
    /// The annotation comment above the block (`Null` when there is none or
    /// it cannot be read).
    pub annotation: Value,
    /// `PATCH /deviceAppManagement/vppTokens/{id}` or `HTTP/1.1 200 OK`;
    /// empty for a plain JSON block.
    pub http_line: String,
    /// The request method for a request body.
    pub method: String,
    /// The JSON text.
    pub body: String,
    /// 1-based page line of the first line of `body`.
    pub line: u32,
}

const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/// The JSON blocks of one page, in page order. `text` has `\n` line ends.
pub fn samples(text: &str) -> Vec<RawSample> {
    let mut out = Vec::new();
    let mut pending: Option<Value> = None;
    let mut in_representation = false;
    for block in blocks(text) {
        match block {
            Block::Heading { text, .. } => {
                pending = None;
                in_representation = text.to_ascii_lowercase().starts_with("json representation");
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
                    pending = tolerant::read(inner)
                        .ok()
                        .map(|r| r.value)
                        .filter(Value::is_object);
                }
            }
            Block::Code { info, text, line } => {
                let annotation = pending.take().unwrap_or(Value::Null);
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
                if matches!(lang.as_str(), "http" | "https" | "msgraph-interactive") {
                    out.extend(http_sample(annotation, &block_type, &text, line));
                } else if matches!(lang.as_str(), "json" | "jsonc" | "json5" | "odata")
                    || (lang.is_empty()
                        && matches!(block_type.as_str(), "resource" | "request" | "response"))
                {
                    let (body, line) = trim_leading_blank_lines(&text, line);
                    if body.trim().is_empty() {
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
                        body: body.to_string(),
                        line,
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

/// The JSON body of an HTTP block: what follows the first blank line after
/// the start line and headers, when the headers do not name a non-JSON
/// content type and the body looks like JSON.
fn http_sample(annotation: Value, block_type: &str, text: &str, line: u32) -> Option<RawSample> {
    let (text, line) = trim_leading_blank_lines(text, line);
    let first = text.lines().next().unwrap_or("").trim();
    let method = first
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    let kind = if first.starts_with("HTTP/") || block_type == "response" {
        SampleKind::Response
    } else if METHODS.contains(&method.as_str()) || block_type == "request" {
        SampleKind::Request
    } else {
        return None;
    };
    let mut offset = 0;
    let mut body_line = line;
    let mut content_type = String::new();
    let mut found_blank = false;
    for l in text.split_inclusive('\n') {
        offset += l.len();
        body_line += 1;
        if l.trim().is_empty() {
            found_blank = true;
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-type") {
                content_type = value.trim().to_ascii_lowercase();
            }
        }
    }
    if !found_blank {
        return None;
    }
    let (body, body_line) = trim_leading_blank_lines(&text[offset..], body_line);
    let starts_like_json = body.trim_start().starts_with(['{', '[']);
    let json_type = content_type.is_empty() || content_type.contains("json");
    if body.trim().is_empty() || !json_type || (content_type.is_empty() && !starts_like_json) {
        return None;
    }
    Some(RawSample {
        kind,
        annotation,
        http_line: first.to_string(),
        method: if kind == SampleKind::Request {
            method
        } else {
            String::new()
        },
        body: body.to_string(),
        line: body_line,
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
}
