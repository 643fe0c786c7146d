//! API pages: one operation each.

use super::annotation_comment::annotation;
use super::http::{http_example, location_header, request_line, returned_odata_types, RequestLine};
use super::request_options::{
    is_headers_section, is_query_section, read_header_table, read_query_table, read_query_text,
};
use super::tables::{columns, is_property_header, property_rows};
use super::{codes, title, Ctx, Headings, RawOperation, RawProperty};
use crate::cells::{self, plain};
use crate::markdown::{Block, Table};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{Example, ExampleKind, Operation, PropertyKind, RequestOptions, Severity};
use serde_json::Value;

pub(super) fn parse_api_page(ctx: &mut Ctx, blocks: &[Block]) {
    let Some((title, title_line)) = title(blocks) else {
        ctx.diag(
            1,
            Severity::Warning,
            codes::NO_TITLE,
            "API page has no `# title` heading; it is not read",
        );
        return;
    };
    let mut reader = ApiReader::default();
    for block in blocks {
        let section = reader.headings.stack[1].clone().unwrap_or_default();
        match block {
            Block::Heading { level, text, .. } => reader.headings.push(*level, text),
            Block::Comment { text, line } => {
                if let Some(v) = annotation(ctx, text, *line) {
                    reader.pending = Some(v);
                }
            }
            Block::Code { info, text, line } => reader.code(ctx, &section, info, text, *line),
            Block::Table(table) => {
                reader.pending = None;
                if section.starts_with("request body") {
                    reader.request_body_table(ctx, table);
                } else if is_query_section(&section) {
                    read_query_table(table, &mut reader.request_options);
                } else if is_headers_section(&section) {
                    read_header_table(table, &mut reader.request_options);
                }
            }
            // A note (`> …`) is an aside ("similar to the
            // [revokeSignInSessions](…) action"), not what the call takes
            // or returns.
            Block::Paragraph { text, .. } if !text.starts_with('>') => {
                if is_query_section(&section) {
                    read_query_text(text, &mut reader.request_options);
                } else if section.starts_with("request body") && reader.request_type.is_none() {
                    reader.request_type = linked_resource(text);
                } else if section.starts_with("response") && reader.response_type.is_none() {
                    reader.response_type = linked_resource(text).or_else(|| stated_primitive(text));
                }
            }
            Block::Paragraph { .. } => {}
        }
    }
    reader.finish(ctx, title.to_string(), title_line);
}

/// What an API page has said so far, read block by block.
struct ApiReader {
    headings: Headings,
    method: String,
    paths: Vec<String>,
    request_body: Vec<RawProperty>,
    request_type: Option<CellType>,
    response_type: Option<CellType>,
    examples: Vec<Example>,
    request_options: RequestOptions,
    created_at: Vec<(String, String)>,
    /// The annotation comment just read, for the code block it precedes.
    pending: Option<Value>,
}

impl Default for ApiReader {
    fn default() -> Self {
        ApiReader {
            headings: Headings::new(),
            method: String::new(),
            paths: Vec::new(),
            request_body: Vec::new(),
            request_type: None,
            response_type: None,
            examples: Vec::new(),
            request_options: RequestOptions::default(),
            created_at: Vec::new(),
            pending: None,
        }
    }
}

impl ApiReader {
    fn code(&mut self, ctx: &mut Ctx, section: &str, info: &str, text: &str, line: u32) {
        let annotation = self.pending.take();
        let block_type = annotation
            .as_ref()
            .and_then(|a| a.get("blockType"))
            .and_then(Value::as_str)
            .unwrap_or("");
        // The section may hold several blocks ("For a specific user:" … "For
        // the signed-in user:"); each adds its paths.
        if section.starts_with("http request") {
            self.request_lines(ctx, text, line);
        } else if matches!(block_type, "request" | "response")
            || (info.starts_with("http") && section.starts_with("example"))
        {
            let kind = if block_type == "response" || text.trim_start().starts_with("HTTP/") {
                ExampleKind::Response
            } else {
                ExampleKind::Request
            };
            let annotation = annotation.unwrap_or(Value::Null);
            let example = http_example(kind, annotation, text, line, ctx.file);
            if kind == ExampleKind::Response {
                if let Some(location) = location_header(text) {
                    for t in returned_odata_types(&example.body) {
                        self.created_at.push((location.to_string(), t));
                    }
                }
            }
            self.examples.push(example);
        }
    }

    /// The `METHOD path` lines of a code block under `## HTTP request`.
    fn request_lines(&mut self, ctx: &mut Ctx, text: &str, line: u32) {
        for (offset, l) in text.lines().enumerate() {
            match request_line(l) {
                Some(RequestLine::Path(m, p)) => {
                    if self.method.is_empty() {
                        self.method = m;
                    }
                    if !self.paths.contains(&p) {
                        self.paths.push(p);
                    }
                }
                Some(RequestLine::Garbled(m, rest, why)) => {
                    if self.method.is_empty() {
                        self.method = m;
                    }
                    ctx.diag(
                        line + offset as u32,
                        Severity::Warning,
                        codes::GARBLED_REQUEST_LINE,
                        format!("request path `{rest}` is not read: {why}"),
                    );
                }
                None => {}
            }
        }
    }

    fn request_body_table(&mut self, ctx: &mut Ctx, table: &Table) {
        let cols = columns(table);
        if cols.ty.is_some() && is_property_header(&cols.first) {
            self.request_body
                .extend(property_rows(ctx, table, &cols, PropertyKind::Structural));
        }
    }

    fn finish(self, ctx: &mut Ctx, title: String, title_line: u32) {
        if self.method.is_empty() {
            ctx.diag(
                title_line,
                Severity::Note,
                codes::NO_HTTP_REQUEST,
                "API page has no `METHOD /path` line under `## HTTP request`",
            );
        }
        let responses = || {
            self.examples
                .iter()
                .filter(|e| e.kind == ExampleKind::Response)
        };
        let annotated_response_type = responses().find_map(|e| annotated_type(&e.annotation));
        let mut response_shows: Vec<String> = Vec::new();
        for ex in responses() {
            for t in returned_odata_types(&ex.body) {
                if !response_shows.contains(&t) {
                    response_shows.push(t);
                }
            }
        }
        ctx.out.operations.push(RawOperation {
            op: Operation {
                title,
                method: self.method,
                paths: self.paths,
                request_body: Vec::new(),
                request_type: None,
                response_type: None,
                request_options: self.request_options,
                examples: self.examples,
                source: ctx.src(title_line),
            },
            request_body: self.request_body,
            request_type: self.request_type,
            response_type: self.response_type,
            annotated_response_type,
            response_shows,
            created_at: self.created_at,
        });
    }
}

/// The type an example's annotation names: `Collection(x)` or
/// `"isCollection": true` for a collection.
fn annotated_type(annotation: &Value) -> Option<CellType> {
    let named = crate::annotation::type_name(annotation)?
        .trim()
        .trim_start_matches('#');
    let (name, listed) = match named
        .strip_prefix("Collection(")
        .and_then(|n| n.strip_suffix(')'))
    {
        Some(inner) => (inner.trim(), true),
        None => (named, false),
    };
    let collection = listed || crate::annotation::flag(annotation, "isCollection");
    let unqualified_or_edm = !name.contains('.') || name.starts_with("Edm.");
    let name = match crate::types::primitive(name).filter(|_| unqualified_or_edm) {
        Some((edm, _)) => TypeName::Primitive(edm),
        None if crate::types::is_type_identifier(name) => TypeName::Named(name.to_string()),
        None => return None,
    };
    Some(CellType {
        name,
        collection,
        link: None,
        alias_of: None,
    })
}

/// The first link to a resource page in a sentence, with "collection" when
/// the sentence says so.
fn linked_resource(paragraph: &str) -> Option<CellType> {
    let link = cells::links(paragraph).into_iter().find(|l| {
        l.target.contains("resources/") || !l.target.contains('/') && l.target.ends_with(".md")
    })?;
    let name = plain(&link.text);
    let lower = paragraph.to_ascii_lowercase();
    let collection = lower.contains("collection of")
        || lower.contains(&format!("{} collection", name.to_ascii_lowercase()))
        // `[reminder](../resources/reminder.md) collection`
        || lower.contains(&format!("{}) collection", link.target.to_ascii_lowercase()))
        || lower.contains("array of");
    Some(CellType {
        name: TypeName::Named(if crate::types::is_type_identifier(&name) {
            name
        } else {
            String::new()
        }),
        collection,
        link: Some(link.target),
        alias_of: None,
    })
}

/// The primitive a Response sentence names (`… returns a `200 OK` response
/// code and a String collection in the response body`): a capitalized Edm
/// name after "a"/"an", a collection when "collection" follows it.
fn stated_primitive(paragraph: &str) -> Option<CellType> {
    let words: Vec<&str> = paragraph
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '`' || c == '*' || c == ',' || c == '.'))
        .collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        if !matches!(pair[0], "a" | "an") || !pair[1].starts_with(|c: char| c.is_ascii_uppercase())
        {
            return None;
        }
        let (edm, _) = crate::types::primitive(pair[1]).filter(|(_, alias)| !alias)?;
        let collection = words
            .get(i + 2)
            .is_some_and(|w| w.eq_ignore_ascii_case("collection"));
        Some(CellType {
            name: TypeName::Primitive(edm),
            collection,
            link: None,
            alias_of: None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_primitives_a_response_sentence_names() {
        let read = |s: &str| {
            stated_primitive(s).map(|c| match c.name {
                TypeName::Primitive(edm) => (edm, c.collection),
                TypeName::Named(_) => unreachable!("{s}"),
            })
        };
        let body = "If successful, this function returns a `200 OK` response code and";
        assert_eq!(
            read(&format!("{body} a String collection in the response body.")),
            Some(("Edm.String", true))
        );
        assert_eq!(
            read(&format!("{body} a Boolean in the response body.")),
            Some(("Edm.Boolean", false))
        );
        assert_eq!(
            read(&format!("{body} an Int32 in the response body.")),
            Some(("Edm.Int32", false))
        );
        assert_eq!(
            read("returns `200 OK` and a base-64 image string in the response body."),
            None
        );
        assert_eq!(read("returns a `204 No Content` response code."), None);
    }
}
