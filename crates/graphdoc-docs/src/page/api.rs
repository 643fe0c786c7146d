//! API pages: one operation each.

use super::annotation_comment::annotation;
use super::http::{http_example, location_header, request_line, returned_odata_types, RequestLine};
use super::tables::{columns, is_property_header, property_rows};
use super::{codes, title, Ctx, Headings, RawOperation, RawProperty};
use crate::cells::{self, plain};
use crate::markdown::Block;
use crate::types::{CellType, TypeName};
use graphdoc_schema::{Example, ExampleKind, Operation, PropertyKind, Severity};
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
    let title = title.to_string();
    let mut headings = Headings::new();
    let mut method = String::new();
    let mut paths: Vec<String> = Vec::new();
    let mut request_body: Vec<RawProperty> = Vec::new();
    let mut request_type: Option<CellType> = None;
    let mut response_type: Option<CellType> = None;
    let mut examples: Vec<Example> = Vec::new();
    let mut created_at: Vec<(String, String)> = Vec::new();
    let mut pending: Option<(Value, u32)> = None;
    for block in blocks {
        let section = headings.stack[1].clone().unwrap_or_default();
        match block {
            Block::Heading { level, text, .. } => headings.push(*level, text),
            Block::Comment { text, line } => {
                if let Some(v) = annotation(ctx, text, *line) {
                    pending = Some((v, *line));
                }
            }
            Block::Code { info, text, line } => {
                let annotation = pending.take().map(|(v, _)| v);
                let block_type = annotation
                    .as_ref()
                    .and_then(|a| a.get("blockType"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                // The section may hold several blocks ("For a specific
                // user:" … "For the signed-in user:"); each adds its paths.
                if section.starts_with("http request") {
                    for (offset, l) in text.lines().enumerate() {
                        match request_line(l) {
                            Some(RequestLine::Path(m, p)) => {
                                if method.is_empty() {
                                    method = m;
                                }
                                if !paths.contains(&p) {
                                    paths.push(p);
                                }
                            }
                            Some(RequestLine::Garbled(m, rest, why)) => {
                                if method.is_empty() {
                                    method = m;
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
                } else if matches!(block_type, "request" | "response")
                    || (info.starts_with("http") && section.starts_with("example"))
                {
                    let kind = if block_type == "response" || text.trim_start().starts_with("HTTP/")
                    {
                        ExampleKind::Response
                    } else {
                        ExampleKind::Request
                    };
                    let example = http_example(
                        kind,
                        annotation.unwrap_or(Value::Null),
                        text,
                        *line,
                        ctx.file,
                    );
                    if kind == ExampleKind::Response {
                        if let Some(location) = location_header(text) {
                            for t in returned_odata_types(&example.body) {
                                created_at.push((location.to_string(), t));
                            }
                        }
                    }
                    examples.push(example);
                }
            }
            Block::Table(table) => {
                pending = None;
                if section.starts_with("request body") {
                    let cols = columns(table);
                    let first = cols.first.as_str();
                    if cols.ty.is_some() && is_property_header(first) {
                        request_body.extend(property_rows(
                            ctx,
                            table,
                            &cols,
                            PropertyKind::Structural,
                        ));
                    }
                }
            }
            // A note (`> …`) is an aside ("similar to the
            // [revokeSignInSessions](…) action"), not what the call takes
            // or returns.
            Block::Paragraph { text, .. } if !text.starts_with('>') => {
                if section.starts_with("request body") && request_type.is_none() {
                    request_type = linked_resource(text);
                } else if section.starts_with("response") && response_type.is_none() {
                    response_type = linked_resource(text);
                }
            }
            Block::Paragraph { .. } => {}
        }
    }
    if method.is_empty() {
        ctx.diag(
            title_line,
            Severity::Note,
            codes::NO_HTTP_REQUEST,
            "API page has no `METHOD /path` line under `## HTTP request`",
        );
    }
    let annotated_response_type = examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .find_map(|e| annotated_type(&e.annotation));
    let mut response_shows: Vec<String> = Vec::new();
    for ex in examples.iter().filter(|e| e.kind == ExampleKind::Response) {
        for t in returned_odata_types(&ex.body) {
            if !response_shows.contains(&t) {
                response_shows.push(t);
            }
        }
    }
    ctx.out.operations.push(RawOperation {
        op: Operation {
            title,
            method,
            paths,
            request_body: Vec::new(),
            request_type: None,
            response_type: None,
            examples,
            source: ctx.src(title_line),
        },
        request_body,
        request_type,
        response_type,
        annotated_response_type,
        response_shows,
        created_at,
    });
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
