//! One page in, the items it defines out (unresolved: type names are still
//! as the page wrote them; `resolve` qualifies them against the corpus).

use crate::cells::{self, plain};
use crate::markdown::{self, Block, Table};
use crate::types::{parse_type_cell, CellType, TypeCellError, TypeName};
use graphdoc_schema::{
    BaseTypeFrom, Diagnostic, EnumDef, EnumMember, Example, ExampleKind, Operation, PropertyKind,
    Severity, Source, DEFAULT_NAMESPACE,
};
use serde_json::Value;
use std::borrow::Cow;

/// Codes of the front-end's diagnostics.
pub mod codes {
    pub const NO_TITLE: &str = "GD0001";
    pub const BAD_ANNOTATION: &str = "GD0002";
    pub const BAD_TYPE_CELL: &str = "GD0003";
    pub const RAGGED_ROW: &str = "GD0004";
    pub const MISSING_CELL: &str = "GD0005";
    pub const BAD_PROPERTY_NAME: &str = "GD0006";
    pub const UNNAMED_ENUM: &str = "GD0007";
    pub const TYPE_ALIAS: &str = "GD0008";
    pub const UNKNOWN_TYPE: &str = "GD0009";
    pub const DUPLICATE_DEFINITION: &str = "GD0010";
    pub const DUPLICATE_PROPERTY: &str = "GD0011";
    pub const BAD_ENUM_VALUE: &str = "GD0012";
    pub const NO_ITEMS: &str = "GD0013";
    pub const INVALID_UTF8: &str = "GD0014";
    pub const UNREADABLE: &str = "GD0015";
    pub const KIND_FROM_TYPE: &str = "GD0016";
    pub const UNKNOWN_HEADER: &str = "GD0017";
    pub const NO_HTTP_REQUEST: &str = "GD0018";
    // GD0019 (an unknown base type) is now a GD0009 like any unknown type.
    pub const JSON_ONLY_PROPERTY: &str = "GD0020";
    pub const BASE_FROM_OTHER_VERSION: &str = "GD0021";
    pub const GARBLED_REQUEST_LINE: &str = "GD0022";
    pub const PROPERTY_FROM_PATH: &str = "GD0023";
    pub const BASE_STATED_TWICE: &str = "GD0024";
    pub const CELL_LINE_BREAK: &str = "GD0025";

    /// What each code means and what the page should say instead: the text
    /// of `graphdoc explain GDxxxx`.
    pub static EXPLANATIONS: &[(&str, &str)] = &[
        (NO_TITLE, "A resource, enum or API page has no `# title` heading (or an enum page's title does not name the enum), so graphdoc cannot tell what it defines. The page is not read. Fix: start the page with `# x resource type`, `# x enum type` or the API's title."),
        (BAD_ANNOTATION, "An annotation comment (`<!-- { \"blockType\": … } -->`) is not valid JSON. A trailing comma is forgiven; anything else makes graphdoc read the block without its annotation (no `@odata.type`, `keyProperty`, `baseType`…). Fix: make the comment valid JSON."),
        (BAD_TYPE_CELL, "A Type cell names no type graphdoc understands (not an Edm primitive, not a link, not a type name). The property is not read. Fix: write the type as `String`, `[x](x.md)`, `x collection`…"),
        (RAGGED_ROW, "A table row has more cells than its header, usually an unescaped `|` in a description. The extra cells are read as part of the description. Fix: escape the pipe as `\\|`."),
        (MISSING_CELL, "A property row has no Type cell, or an empty one. The property is not read. Fix: fill in the type."),
        (BAD_PROPERTY_NAME, "The first cell of a property row is not a property name (it has spaces or punctuation). The row is not read. Fix: put the property name alone in the first cell. An OData annotation (`site@odata.bind`) or a path into a nested object (`files/fileName`) is only a note: the docs mean it, but the schema holds no such rows."),
        (UNNAMED_ENUM, "A Type cell says `Enumeration` or `enum` without naming the enum, so the property's type is unknown. The property is not read. Fix: link the enum by name."),
        (TYPE_ALIAS, "A Type cell uses a spelling that is not the Edm name (`int`, `DateTime`, `Url`…). It is read as the canonical type named in the message. Fix: use the Edm name."),
        (UNKNOWN_TYPE, "A property, base type, request or response refers to a type or enum that no page of this version defines. The reference is kept as written. Fix: add the type's page, or correct the name."),
        (DUPLICATE_DEFINITION, "A type or enum is defined on more than one page (or as both a type and an enum). Types are merged (the page named after the type first); of two enums the longer member list is kept. Fix: define it once."),
        (DUPLICATE_PROPERTY, "A property is listed twice for the same type. The first row is kept. Fix: remove the duplicate row."),
        (BAD_ENUM_VALUE, "An enum members row has a member name that is not an identifier (the row is not read), or a value that is not a number (read without a value). Fix: one member name and its numeric value per row."),
        (NO_ITEMS, "A page defines no type or enum: an enum page without a members table, or a resource page without a title, annotation or property table graphdoc recognizes. Fix: add the table or annotation."),
        (INVALID_UTF8, "The page is not valid UTF-8. Invalid bytes are read as U+FFFD; the line of the first one is given. Fix: save the page as UTF-8."),
        (UNREADABLE, "The page file cannot be read at all (permissions, a directory in its place…). It is skipped."),
        (KIND_FROM_TYPE, "What the page says about a type's kind contradicts other evidence: a `keyProperty` naming no property on a type with no base and no methods (read as a complex type), or a property listed under Properties whose type is an entity (read as navigation) or under Relationships whose type is not. Fix: move the row, or correct the annotation."),
        (UNKNOWN_HEADER, "A table under a properties heading has no Type column, or describes something other than the page's type. Its rows are not read as properties. Fix: use the `Property | Type | Description` header."),
        (NO_HTTP_REQUEST, "An API page has no `METHOD /path` line in a code block under `## HTTP request`. The operation is read without a method or paths."),
        (JSON_ONLY_PROPERTY, "A property appears in the JSON representation but in no table. It is read from the representation's placeholder (`\"x\": \"String\"`) when that tells its type, and not read otherwise or on an open type (whose examples may show anything). Fix: add a table row."),
        (BASE_FROM_OTHER_VERSION, "The page states no base type, but the same type's page in the other version of the docs does; that base is used. Fix: state the base on this page too."),
        (GARBLED_REQUEST_LINE, "A `METHOD path` line under `## HTTP request` is not a readable path: text follows it that is neither a query nor `HTTP/1.1` (`GET /users/{id} | upn/chats`), a `{` or `(` is not closed, or it does not start with `/`. The line's path is not read. Fix: one path per line, alternatives on lines of their own."),
        (PROPERTY_FROM_PATH, "A \"List x\" or \"Get x\" API page reads `GET …/{owner}/x`, but no table of the owner's page lists `x`. graphdoc adds `x` to the owner (navigation when its type is an entity) with the type the API page returns; the note is at the owner's page. Fix: add `x` to the owner's Relationships or Properties table."),
        (CELL_LINE_BREAK, "A table row's last cell goes on over a line break: the next line has no leading pipe and the row no trailing one. Markdown ends a row at the line break and renders the rest as a row of its own (usually with an empty Type cell); graphdoc reads the line as the rest of the row, so the description and its facts (possible values…) are kept. Fix: join the lines, or use `<br>` inside the cell."),
        (BASE_STATED_TWICE, "The annotation's `baseType` and the text (\"Inherits from [x]\") name different bases. When the text's base derives from the annotation's, both hold and the nearer one (the text's) is used (a note); otherwise the annotation is kept (a warning). Fix: make them agree."),
    ];

    /// The explanation of a front-end code (`GD0023`), if there is one.
    pub fn explain(code: &str) -> Option<&'static str> {
        EXPLANATIONS
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(_, text)| *text)
    }
}

/// A property row whose type is not resolved yet.
#[derive(Debug, Clone)]
pub struct RawProperty {
    pub name: String,
    pub cell_type: CellType,
    pub kind: PropertyKind,
    pub description: String,
    /// Read from the description here, in the parallel pass, rather than
    /// in `resolve`, which runs on one thread.
    pub facts: crate::facts::Facts,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct RawType {
    pub name: String,
    pub namespace: String,
    /// From the annotation (`@odata.type`): the authoritative name.
    pub annotated: bool,
    pub base: Option<CellType>,
    /// Annotation or prose, when `base` is set.
    pub base_stated_by: Option<BaseTypeFrom>,
    /// The annotation says `"baseType": null`: the page states that the
    /// type has no base, so nothing may infer one.
    pub states_no_base: bool,
    /// The base the prose names ("Inherits from \[x\]") when the annotation
    /// names another: `resolve` decides between them.
    pub base_in_prose: Option<CellType>,
    pub key: Option<String>,
    pub is_abstract: bool,
    pub is_open: bool,
    pub description: String,
    pub properties: Vec<RawProperty>,
    pub optional_properties: Vec<String>,
    /// The Methods table lists at least one API page: the type is addressable.
    pub has_methods: bool,
    /// Properties shown by the JSON representation block, typed from their
    /// placeholders (`"String (timestamp)"`, `true`, `{"@odata.type": …}`).
    pub json_properties: Vec<RawProperty>,
    /// Properties of the JSON representation whose placeholder does not
    /// tell their type (`1024`, `"Contoso"`).
    pub json_untyped: Vec<(String, Source)>,
    /// Table rows whose type cell could not be read (already reported): the
    /// representation may still type them, but they are not missing from
    /// the tables.
    pub unread_rows: Vec<String>,
    /// Types a "Derived types" section lists.
    pub derived: Vec<CellType>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct RawOperation {
    pub op: Operation,
    pub request_body: Vec<RawProperty>,
    pub request_type: Option<CellType>,
    pub response_type: Option<CellType>,
    /// The type the first response example's annotation names: the
    /// operation's type where the Response section names none, but no
    /// evidence for inferences (annotations are often copied from a sibling
    /// page, `@odata.type` and all).
    pub annotated_response_type: Option<CellType>,
    /// `@odata.type` of the objects the response examples return (read here,
    /// in the parallel pass; `resolve` compares them with the response type).
    pub response_shows: Vec<String>,
    /// (path of a response's `Location` header, `@odata.type` of the object
    /// that response returns): the object lives at that path.
    pub created_at: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct PageItems {
    pub types: Vec<RawType>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<RawOperation>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Resource,
    Api,
}

struct Ctx<'a> {
    file: &'a str,
    out: PageItems,
    /// Names of table rows whose type could not be read (each already
    /// reported at its row).
    unread_rows: Vec<String>,
}

impl Ctx<'_> {
    fn src(&self, line: u32) -> Source {
        Source::new(self.file, line)
    }
    fn diag(&mut self, line: u32, severity: Severity, code: &str, message: impl Into<String>) {
        let d = Diagnostic::new(&self.src(line), severity, code, message);
        self.out.diagnostics.push(d);
    }
}

/// Blanks the YAML front matter (keeping its newlines, so lines stay true)
/// and returns its `key: value` pairs.
fn split_front_matter(text: &str) -> (String, Vec<(String, String)>) {
    let mut pairs = Vec::new();
    let trimmed = text.trim_start_matches('\u{feff}');
    if !trimmed.starts_with("---") {
        return (trimmed.to_string(), pairs);
    }
    let mut end = None;
    let mut offset = 0;
    for (i, line) in trimmed.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_end() == "---" {
            end = Some(offset + line.len());
            break;
        }
        if i > 0 {
            if let Some((k, v)) = line.split_once(':') {
                pairs.push((k.trim().to_string(), v.trim().trim_matches('"').to_string()));
            }
        }
        offset += line.len();
    }
    let Some(end) = end else {
        return (trimmed.to_string(), Vec::new());
    };
    let blanked: String = trimmed[..end].chars().filter(|&c| c == '\n').collect();
    (blanked + &trimmed[end..], pairs)
}

pub fn parse_page(file: &str, text: &str, kind: PageKind) -> PageItems {
    let (body, front) = split_front_matter(text);
    let blocks = markdown::blocks(&body);
    let mut ctx = Ctx {
        file,
        out: PageItems::default(),
        unread_rows: Vec::new(),
    };
    let doc_type = front
        .iter()
        .find(|(k, _)| k == "doc_type")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    for block in &blocks {
        if let Block::Table(table) = block {
            for row in &table.rows {
                for &line in &row.continued_on {
                    ctx.diag(
                        line,
                        Severity::Warning,
                        codes::CELL_LINE_BREAK,
                        format!("this line continues the table row of line {} (a line break inside a cell ends a Markdown row; renderers show it as a row of its own); read as part of that row", row.line),
                    );
                }
            }
        }
    }
    match kind {
        PageKind::Resource => parse_resource_page(&mut ctx, &blocks, doc_type),
        PageKind::Api => parse_api_page(&mut ctx, &blocks),
    }
    ctx.out
}

fn namespace_of(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, .. } => {
            let t = text.trim();
            let rest = t
                .strip_prefix("Namespace:")
                .or_else(|| t.strip_prefix("Namespace :"))?;
            let ns = rest
                .split_whitespace()
                .next()?
                .trim_matches(|c: char| c == '`' || c == '*' || c == '.');
            Some(ns.to_string()).filter(|n| crate::types::is_type_identifier(n))
        }
        _ => None,
    })
}

fn title<'b>(blocks: &'b [Block<'_>]) -> Option<(&'b str, u32)> {
    blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: 1,
            text,
            line,
        } => Some((text.as_str(), *line)),
        _ => None,
    })
}

/// The page's subject from a title such as `vppToken resource type`.
fn title_subject(title: &str) -> Option<(&str, TitleKind)> {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    for (suffix, kind) in [
        (" resource type", TitleKind::Type),
        (" complex type", TitleKind::Type),
        (" entity type", TitleKind::Type),
        (" resource", TitleKind::Type),
        (" enum type", TitleKind::Enum),
        (" enumeration type", TitleKind::Enum),
        (" enumeration", TitleKind::Enum),
        (" enum", TitleKind::Enum),
        (" type", TitleKind::Type),
        (" object", TitleKind::Type),
    ] {
        if lower.ends_with(suffix) {
            let name = t[..t.len() - suffix.len()].trim().trim_matches('`');
            if crate::types::is_type_identifier(name) {
                return Some((name, kind));
            }
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleKind {
    Type,
    Enum,
}

/// The headings above each block: `stack[level-1]`.
struct Headings {
    stack: Vec<Option<String>>,
    /// The same headings as written: names taken from a heading
    /// (`### phoneType values`) keep the docs' spelling.
    as_written: Vec<Option<String>>,
}

impl Headings {
    fn new() -> Self {
        Headings {
            stack: vec![None; 6],
            as_written: vec![None; 6],
        }
    }
    fn push(&mut self, level: u8, text: &str) {
        let i = (level.clamp(1, 6) - 1) as usize;
        self.stack[i] = Some(text.to_ascii_lowercase());
        self.as_written[i] = Some(text.to_string());
        for s in &mut self.stack[i + 1..] {
            *s = None;
        }
        for s in &mut self.as_written[i + 1..] {
            *s = None;
        }
    }
    fn innermost_as_written(&self) -> Option<&str> {
        self.as_written
            .iter()
            .rev()
            .flatten()
            .next()
            .map(String::as_str)
    }
    fn innermost(&self) -> Option<&str> {
        self.stack.iter().rev().flatten().next().map(String::as_str)
    }
    fn any(&self, pred: impl Fn(&str) -> bool) -> bool {
        self.stack.iter().flatten().any(|h| pred(h))
    }
}

/// Columns of a property-like table.
struct Columns {
    /// The first header cell, as plain lowercase text (`property`,
    /// `member`…): what kind of table this is.
    first: String,
    name: usize,
    ty: Option<usize>,
    description: Option<usize>,
    value: Option<usize>,
}

fn columns(table: &Table) -> Columns {
    let header: Vec<String> = table
        .header
        .iter()
        .map(|h| plain(h).to_ascii_lowercase())
        .collect();
    let find = |pred: &dyn Fn(&str) -> bool| header.iter().position(|h| pred(h));
    Columns {
        first: header.first().cloned().unwrap_or_default(),
        name: 0,
        ty: find(&|h| h == "type" || h.ends_with(" type") || h == "data type" || h == "type(s)"),
        description: find(&|h| h.contains("description") || h == "notes" || h == "remarks"),
        value: find(&|h| h == "value" || h == "values"),
    }
}

fn is_property_header(first: &str) -> bool {
    matches!(
        first,
        "property"
            | "properties"
            | "name"
            | "property name"
            | "relationship"
            | "relationships"
            | "relationship name"
            | "navigation property"
            | "field"
            | "parameter"
    )
}

fn is_member_header(first: &str) -> bool {
    matches!(
        first,
        "member" | "members" | "value" | "name" | "enum value" | "member name" | "values"
    )
}

/// Why a row's first cell is not read as a property, and whether the docs
/// are at fault: an OData annotation (`@odata.type`, `site@odata.bind`) or a
/// path into a nested object (`files/fileName`, `file/localizations`) is how
/// the docs describe request bodies and related objects, which the schema
/// does not hold; anything else is a malformed name.
fn not_a_property(name: &str) -> (Severity, String) {
    if let Some((property, annotation)) = name.split_once('@') {
        let names_one = crate::types::is_type_identifier(property) || property.is_empty();
        if names_one && crate::types::is_type_identifier(annotation) {
            let about = if property.is_empty() {
                "the object".to_string()
            } else {
                format!("`{property}`")
            };
            return (
                Severity::Note,
                format!("`{name}` is an OData annotation (`@{annotation}`) of {about}, not a property; the row is not read"),
            );
        }
    }
    let segments: Vec<&str> = name.split('/').collect();
    let is_segment = |s: &&str| {
        crate::types::is_type_identifier(s)
            || s.starts_with('{') && s.ends_with('}') && !s.contains(' ')
    };
    if segments.len() > 1 && segments.iter().all(is_segment) {
        let last = segments.last().copied().unwrap_or(name);
        return (
            Severity::Note,
            format!("`{name}` describes `{last}` inside another property; graphdoc reads only a table's own properties, so the row is not read"),
        );
    }
    (
        Severity::Warning,
        format!("`{name}` is not a property name; the row is not read"),
    )
}

/// A row that only labels a group of rows (`| **Group management** |||`).
fn is_section_row(cells: &[Cow<'_, str>]) -> bool {
    // The first cell's emphasis is checked first: it is cheap, and most rows
    // are not section rows.
    cells.first().is_some_and(|c| {
        let t = c.trim();
        (t.starts_with("**") || t.starts_with("__") || t.starts_with('*')) && !plain(t).is_empty()
    }) && cells
        .iter()
        .skip(1)
        .all(|c| c.trim().is_empty() || plain(c).is_empty())
}

fn parse_resource_page(ctx: &mut Ctx, blocks: &[Block], doc_type: &str) {
    let namespace = namespace_of(blocks).unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
    let title = title(blocks);
    let subject = title.and_then(|(t, _)| title_subject(t));
    let title_line = title.map(|(_, l)| l).unwrap_or(1);
    if title.is_none() {
        ctx.diag(
            1,
            Severity::Warning,
            codes::NO_TITLE,
            "page has no `# title` heading",
        );
    }
    let is_enum_page = doc_type.eq_ignore_ascii_case("enumPageType")
        || matches!(subject, Some((_, TitleKind::Enum)));

    let mut headings = Headings::new();
    let mut properties: Vec<RawProperty> = Vec::new();
    let mut pending_annotation: Option<(Value, u32)> = None;
    let mut resource_annotation: Option<Value> = None;
    let mut base_from_prose: Option<CellType> = None;
    let mut description = String::new();
    let mut page_enum_members: Vec<EnumMember> = Vec::new();
    // Enums named by their own `### x values` heading.
    let mut enum_sections = 0usize;
    let mut page_enum_line = title_line;
    let mut page_flags = false;
    let mut has_methods = false;
    let mut derived: Vec<CellType> = Vec::new();
    let mut says_abstract = false;
    let mut says_open = false;
    let mut json_properties: Vec<RawProperty> = Vec::new();
    let mut json_untyped: Vec<(String, Source)> = Vec::new();

    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => headings.push(*level, text),
            Block::Paragraph { text, line } => {
                let p = text.trim();
                let lower = p.to_ascii_lowercase();
                // Most paragraphs say nothing about types; the phrase
                // searches run only on those that might.
                let about_types = ["inherit", "derive", "subclass", "subtype", "extends"]
                    .iter()
                    .any(|w| lower.contains(w));
                if about_types {
                    if base_from_prose.is_none() {
                        base_from_prose = inherits_from(p);
                    }
                    derived.extend(derived_in_prose(p));
                }
                // "This is an _open type_ that represents…", "hence this is
                // an [open type](…)".
                if lower.contains("open type")
                    && (headings.stack[1].is_none() || headings.any(|h| h.contains("propert")))
                    && plain(p).to_ascii_lowercase().contains("is an open type")
                {
                    says_open = true;
                }
                if headings.stack[1].is_none()
                    && (lower.contains("abstract class")
                        || lower.contains("abstract type")
                        || lower.contains("abstract base"))
                {
                    says_abstract = true;
                }
                if description.is_empty()
                    && !p.starts_with("Namespace")
                    && !p.starts_with('>')
                    && !p.starts_with('[')
                    && headings.stack[1].is_none()
                {
                    description = plain(p);
                }
                if is_enum_page && lower.contains("flag") {
                    page_flags = true;
                }
                let _ = line;
            }
            Block::Comment { text, line } => {
                if let Some(v) = annotation(ctx, text, *line) {
                    pending_annotation = Some((v, *line));
                }
            }
            Block::Code { text, line, .. } => {
                if let Some((v, _)) = pending_annotation.take() {
                    if v.get("blockType").and_then(Value::as_str) == Some("resource")
                        && resource_annotation.is_none()
                    {
                        resource_annotation = Some(v);
                        (json_properties, json_untyped) =
                            representation_properties(ctx.file, text, *line);
                    }
                }
            }
            Block::Table(table) => {
                pending_annotation = None;
                let cols = columns(table);
                let first = cols.first.as_str();
                if headings.any(|h| h.contains("derived types")) {
                    derived.extend(
                        table
                            .rows
                            .iter()
                            .filter_map(|r| r.cells.first())
                            .filter_map(|c| parse_type_cell(c).ok()),
                    );
                }
                if headings.any(|h| h == "methods") {
                    has_methods |= table
                        .rows
                        .iter()
                        .any(|r| r.cells.first().is_some_and(|c| c.contains("../api/")));
                }
                let in_relationships = headings
                    .any(|h| h.contains("relationship") || h.contains("navigation propert"));
                // A property table right under a title that names a type,
                // before any section, is the type's (some pages have no
                // Properties heading; an overview's table of concepts is not).
                let under_title = headings.stack[1..].iter().all(Option::is_none)
                    && matches!(subject, Some((_, TitleKind::Type)));
                let in_properties = headings.any(|h| h.contains("propert")) || under_title;
                let values_heading = headings.innermost_as_written().and_then(|h| {
                    let lower = h.to_ascii_lowercase();
                    [" enum values", " values"]
                        .iter()
                        .find(|suffix| lower.ends_with(*suffix))
                        .map(|suffix| h[..h.len() - suffix.len()].to_string())
                });
                // "### Properties of a claims-mapping policy definition":
                // a sub-section about a nested document, not this type.
                let about_other = headings.stack[2..].iter().flatten().any(|h| {
                    (h.starts_with("properties of") || h.starts_with("properties for"))
                        && !subject.is_some_and(|(n, _)| h.contains(&n.to_ascii_lowercase()))
                });
                if about_other && cols.ty.is_some() {
                    ctx.diag(
                        table.line,
                        Severity::Note,
                        codes::UNKNOWN_HEADER,
                        format!("table under `{}` describes something other than the page's type; not read as its properties", headings.innermost().unwrap_or("")),
                    );
                } else if (in_properties || in_relationships)
                    && cols.ty.is_some()
                    && is_property_header(first)
                    && values_heading.is_none()
                {
                    let kind = if in_relationships
                        && !headings
                            .innermost()
                            .is_some_and(|h| h.contains("propert") && !h.contains("navigation"))
                    {
                        PropertyKind::Navigation
                    } else {
                        PropertyKind::Structural
                    };
                    properties.extend(property_rows(ctx, table, &cols, kind));
                } else if let Some(enum_heading) =
                    values_heading.filter(|_| is_member_header(first) && cols.ty.is_none())
                {
                    let name = enum_heading_name(&enum_heading);
                    // "### mediaSizes values" under a `mediaSizes | String
                    // collection` row: the valid values of a string
                    // property ("JIS B4"…), not the members of an enum.
                    let string_property = name.as_ref().and_then(|n| {
                        properties.iter_mut().find(|p| {
                            &p.name == n
                                && matches!(p.cell_type.name, TypeName::Primitive("Edm.String"))
                        })
                    });
                    if let Some(property) = string_property {
                        enum_sections += 1;
                        if property.facts.possible_values.is_empty() {
                            property.facts.possible_values = table
                                .rows
                                .iter()
                                .filter_map(|row| row.cells.first())
                                .map(|cell| plain(cell))
                                .filter(|value| !value.is_empty())
                                .collect();
                        }
                    } else if let Some(name) = name {
                        enum_sections += 1;
                        let members = member_rows(ctx, table, &cols);
                        ctx.out.enums.push(EnumDef {
                            name,
                            namespace: namespace.clone(),
                            is_flags: false,
                            description: String::new(),
                            members,
                            source: ctx.src(table.line),
                        });
                    }
                } else if is_enum_page
                    && is_member_header(first)
                    && cols.ty.is_none()
                    && headings.any(|h| h.contains("member") || h.contains("value"))
                {
                    if page_enum_members.is_empty() {
                        page_enum_line = table.line;
                    }
                    page_enum_members.extend(member_rows(ctx, table, &cols));
                } else if (in_properties || in_relationships)
                    && is_property_header(first)
                    && cols.ty.is_none()
                    && cols.description.is_some()
                {
                    ctx.diag(
                        table.line,
                        Severity::Warning,
                        codes::UNKNOWN_HEADER,
                        format!(
                            "property table has no Type column (header: {}); its rows are not read",
                            table.header.join(" | ")
                        ),
                    );
                }
            }
        }
    }

    if is_enum_page {
        let Some(name) = subject.map(|(n, _)| n.to_string()) else {
            // A page of `### x values` sections (enums.md) names each enum
            // in its heading; only members under no such heading are lost.
            if enum_sections == 0 || !page_enum_members.is_empty() {
                ctx.diag(
                    title_line,
                    Severity::Warning,
                    codes::NO_TITLE,
                    "enum page title does not name the enum (`# x enum type`)",
                );
            }
            return;
        };
        if page_enum_members.is_empty() {
            ctx.diag(
                title_line,
                Severity::Warning,
                codes::NO_ITEMS,
                format!("enum page for `{name}` has no members table"),
            );
        }
        let (ns, simple) = qualified_parts(&name, &namespace);
        ctx.out.enums.push(EnumDef {
            name: simple,
            namespace: ns,
            is_flags: page_flags,
            description,
            members: page_enum_members,
            source: ctx.src(page_enum_line.min(title_line)),
        });
        return;
    }

    let annotated_name = resource_annotation
        .as_ref()
        .and_then(crate::annotation::type_name)
        .map(|s| s.trim().trim_start_matches('#').to_string())
        .filter(|s| crate::types::is_type_identifier(s));
    let (name, ns, annotated) = match (&annotated_name, subject) {
        (Some(q), _) => {
            let (ns, simple) = qualified_parts(q, &namespace);
            (simple, ns, true)
        }
        (None, Some((n, TitleKind::Type))) => {
            let (ns, simple) = qualified_parts(n, &namespace);
            (simple, ns, false)
        }
        _ => {
            if !properties.is_empty() {
                ctx.diag(
                    title_line,
                    Severity::Warning,
                    codes::NO_TITLE,
                    "page has property tables but neither a `# x resource type` title nor a resource annotation names the type; its properties are not read",
                );
            }
            return;
        }
    };
    let ann = resource_annotation.as_ref();
    let base_annotated = ann
        .and_then(|a| a.get("baseType"))
        .and_then(Value::as_str)
        .map(|b| CellType {
            name: TypeName::Named(b.trim().trim_start_matches('#').to_string()),
            collection: false,
            link: None,
            alias_of: None,
        });
    let key = ann
        .and_then(|a| a.get("keyProperty"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let flag = |k: &str| ann.is_some_and(|a| crate::annotation::flag(a, k));
    let optional_properties = ann
        .and_then(|a| a.get("optionalProperties"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let states_no_base = base_annotated.is_none()
        && base_from_prose.is_none()
        && ann
            .and_then(|a| a.get("baseType"))
            .is_some_and(|b| b.is_null() || b.as_str().is_some_and(|s| s.trim().is_empty()));
    let stated_by = if base_annotated.is_some() {
        Some(BaseTypeFrom::Annotation)
    } else {
        base_from_prose.as_ref().map(|_| BaseTypeFrom::Prose)
    };
    let (base, base_in_prose) = match (base_annotated, base_from_prose) {
        (Some(a), Some(p)) if a.name != p.name => (Some(a), Some(p)),
        (a, p) => (a.or(p), None),
    };
    ctx.out.types.push(RawType {
        name,
        namespace: ns,
        annotated,
        base,
        base_stated_by: stated_by,
        states_no_base,
        base_in_prose,
        key,
        is_abstract: flag("abstract") || flag("isAbstract") || says_abstract,
        is_open: flag("openType") || says_open,
        description,
        properties,
        optional_properties,
        has_methods,
        json_properties,
        json_untyped,
        unread_rows: std::mem::take(&mut ctx.unread_rows),
        derived,
        source: ctx.src(title_line),
    });
}

/// "callRecords.session" within namespace microsoft.graph.callRecords, or a
/// fully qualified name: split into (namespace, simple name).
fn qualified_parts(name: &str, page_namespace: &str) -> (String, String) {
    match name.rfind('.') {
        Some(i) => {
            let ns = &name[..i];
            let ns = if ns.starts_with("microsoft.") || ns == "microsoft" {
                ns.to_string()
            } else if page_namespace.ends_with(&format!(".{ns}")) || page_namespace == ns {
                page_namespace.to_string()
            } else {
                format!("{DEFAULT_NAMESPACE}.{ns}")
            };
            (ns, name[i + 1..].to_string())
        }
        None => (page_namespace.to_string(), name.to_string()),
    }
}

/// `### vppTokenState values` → `vppTokenState`.
fn enum_heading_name(stripped: &str) -> Option<String> {
    let name = stripped.trim().trim_matches('`');
    crate::types::is_type_identifier(name).then(|| name.to_string())
}

/// The base type named by "Inherits from [x](x.md)".
fn inherits_from(paragraph: &str) -> Option<CellType> {
    let lower = paragraph.to_ascii_lowercase();
    let at = [
        "inherits from",
        "derived from",
        "derives from",
        "a subclass of",
        "subclass from",
        "subtype of",
        "derived type of",
        "extends",
    ]
    .iter()
    .find_map(|m| lower.find(m).map(|i| i + m.len()))?;
    let rest = &paragraph[at..];
    let link = cells::links(rest).into_iter().next()?;
    // Only a link that directly follows the phrase names the base type;
    // words such as "the base class" may stand between them ("Inherits from
    // base class [identityUserFlow]"), any other word means the link is
    // about something else.
    let before = rest.find('[').unwrap_or(rest.len());
    let filler_only = rest[..before].split_whitespace().all(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "the" | "a" | "an" | "base" | "abstract" | "class" | "type" | "resource" | "entity"
        )
    });
    if !filler_only || before > 40 {
        return None;
    }
    Some(linked_type(&link))
}

fn linked_type(link: &cells::Link) -> CellType {
    let text = plain(&link.text);
    let name = text.trim().trim_matches('`').to_string();
    CellType {
        name: TypeName::Named(if crate::types::is_type_identifier(&name) {
            name
        } else {
            String::new()
        }),
        collection: false,
        link: Some(link.target.clone()).filter(|t| !t.is_empty()),
        alias_of: None,
    }
}

/// Types a base page names as its subtypes in prose: "the derived types are
/// [a](a.md), [b](b.md) and [c](c.md)", "Subtypes include [a](a.md)…", or
/// "[a](a.md) and [b](b.md) resources are subclasses of this type". Only
/// links to pages in the same sentence count, on the side the phrase points
/// at.
fn derived_in_prose(paragraph: &str) -> Vec<CellType> {
    const AFTER: [&str; 6] = [
        "derived types are",
        "derived types include",
        "following derived types",
        "subtypes include",
        "subtypes are",
        "derived types:",
    ];
    const BEFORE: [&str; 4] = [
        "subclasses of this",
        "inherit from this",
        "derive from this",
        "derived types of this",
    ];
    let mut out = Vec::new();
    for sentence in sentences(paragraph) {
        let lower = sentence.to_ascii_lowercase();
        let side = if let Some(at) = AFTER
            .iter()
            .find_map(|m| lower.find(m).map(|i| i + m.len()))
        {
            &sentence[at..]
        } else if let Some(at) = BEFORE.iter().find_map(|m| lower.find(m)) {
            &sentence[..at]
        } else {
            continue;
        };
        out.extend(
            cells::links(side)
                .iter()
                .filter(|l| is_page_link(&l.target))
                .map(linked_type),
        );
    }
    out
}

/// Sentences of a paragraph: a `.` or `;` ends one only when whitespace or
/// the end follows, so `x.md` inside a link does not.
fn sentences(paragraph: &str) -> impl Iterator<Item = &str> {
    let bytes = paragraph.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let end = matches!(bytes[i], b'.' | b';')
                && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
            i += 1;
            if end {
                let s = &paragraph[start..i];
                start = i;
                return Some(s);
            }
        }
        (start < bytes.len()).then(|| {
            let s = &paragraph[start..];
            start = bytes.len();
            s
        })
    })
}

/// A link to another reference page (`x.md`, `../resources/x.md#y`), not to
/// an article or a site.
fn is_page_link(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    path.to_ascii_lowercase().ends_with(".md") && !path.contains("://")
}

fn annotation(ctx: &mut Ctx, text: &str, line: u32) -> Option<Value> {
    let t = text.trim();
    if !t.starts_with('{') {
        return None;
    }
    match serde_json::from_str::<Value>(t) {
        Ok(v) => Some(v),
        Err(e) => {
            // Trailing commas and line breaks inside strings (a long
            // suppression wrapped over two lines) are the common slips, and
            // the docs' own tools read both: forgive them, but say so.
            let unbroken = escape_controls_in_strings(t);
            let repairs = [
                (remove_trailing_commas(t), "a trailing comma"),
                (unbroken.clone(), "a line break inside a string"),
                (
                    remove_trailing_commas(&unbroken),
                    "a trailing comma and a line break inside a string",
                ),
            ];
            for (repaired, slip) in repairs {
                if let Ok(v) = serde_json::from_str::<Value>(&repaired) {
                    ctx.diag(
                        line,
                        Severity::Note,
                        codes::BAD_ANNOTATION,
                        format!("annotation comment has {slip} (read anyway)"),
                    );
                    return Some(v);
                }
            }
            ctx.out.diagnostics.push(
                Diagnostic::new(
                    &ctx.src(line + e.line().saturating_sub(1) as u32),
                    Severity::Warning,
                    codes::BAD_ANNOTATION,
                    format!("annotation comment is not valid JSON: {e}"),
                )
                .with_column(e.column().max(1) as u32),
            );
            None
        }
    }
}

/// `s` with the control characters inside its JSON strings escaped (a raw
/// line break becomes `\n`), so that strict JSON reads them.
fn escape_controls_in_strings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in s.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '\n' if in_string => {
                out.push_str("\\n");
                continue;
            }
            '\r' if in_string => {
                out.push_str("\\r");
                continue;
            }
            '\t' if in_string => {
                out.push_str("\\t");
                continue;
            }
            c if in_string && (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn remove_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut in_string = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' && (i == 0 || chars[i - 1] != '\\') {
            in_string = !in_string;
        }
        if c == ',' && !in_string {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn property_rows(
    ctx: &mut Ctx,
    table: &Table,
    cols: &Columns,
    kind: PropertyKind,
) -> Vec<RawProperty> {
    let ty_col = cols.ty.unwrap_or(1);
    let desc_col = cols.description;
    let header_len = table.header.len();
    let mut out = Vec::new();
    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) || is_section_row(&row.cells) {
            continue;
        }
        let mut cells = std::borrow::Cow::Borrowed(row.cells.as_slice());
        if cells.len() > header_len {
            if let Some(d) = desc_col.filter(|&d| d + 1 == header_len) {
                // An unescaped pipe inside the last (description) cell.
                let cells = cells.to_mut();
                let extra = cells.split_off(d + 1);
                let joined: Vec<&str> = extra
                    .iter()
                    .map(|c| c.as_ref())
                    .filter(|c| !c.is_empty())
                    .collect();
                if !joined.is_empty() {
                    ctx.out.diagnostics.push(
                        Diagnostic::new(
                            &ctx.src(row.line),
                            Severity::Note,
                            codes::RAGGED_ROW,
                            format!("row has {} cells but the header has {header_len}; the extra cells were read as part of the description", row.cells.len()),
                        )
                        .with_column(row.columns.get(header_len).copied().unwrap_or(1)),
                    );
                    cells[d] = Cow::Owned(format!("{} | {}", cells[d], joined.join(" | ")));
                }
            }
        }
        let raw_name = &cells[cols.name];
        let name = plain(raw_name)
            .trim_matches(|c: char| c == '`' || c == '*')
            .trim()
            .to_string();
        // "backupReviewers (deprecated)": a note after the name.
        let name = match name.split_once(" (") {
            Some((head, note))
                if note.ends_with(')') && crate::types::is_type_identifier(head.trim()) =>
            {
                head.trim()
                    .trim_matches(|c: char| c == '`' || c == '*')
                    .to_string()
            }
            _ => name,
        };
        let Some(type_cell) = cells.get(ty_col) else {
            ctx.diag(
                row.line,
                Severity::Warning,
                codes::MISSING_CELL,
                format!("row for `{name}` has no type cell; the property is not read"),
            );
            continue;
        };
        if !crate::types::is_type_identifier(&name) {
            let (sev, message) = not_a_property(&name);
            ctx.out.diagnostics.push(
                Diagnostic::new(&ctx.src(row.line), sev, codes::BAD_PROPERTY_NAME, message)
                    .with_column(row.columns.first().copied().unwrap_or(1)),
            );
            continue;
        }
        let description = desc_col
            .and_then(|d| cells.get(d))
            .map(|d| plain(d))
            .unwrap_or_default();
        let column = row.columns.get(ty_col).copied().unwrap_or(1);
        match parse_type_cell(type_cell) {
            Ok(cell_type) => {
                if let Some(canonical) = cell_type.alias_of {
                    ctx.out.diagnostics.push(
                        Diagnostic::new(
                            &ctx.src(row.line),
                            Severity::Note,
                            codes::TYPE_ALIAS,
                            format!(
                                "type `{}` of `{name}` is not an Edm name; read as {canonical}",
                                plain(type_cell)
                            ),
                        )
                        .with_column(column),
                    );
                }
                out.push(RawProperty {
                    name,
                    cell_type,
                    kind,
                    facts: crate::facts::facts(&description),
                    description,
                    source: ctx.src(row.line),
                });
            }
            Err(TypeCellError::UnnamedEnum) => {
                ctx.unread_rows.push(name.clone());
                ctx.out.diagnostics.push(
                    Diagnostic::new(
                        &ctx.src(row.line),
                        Severity::Warning,
                        codes::UNNAMED_ENUM,
                        format!("type of `{name}` is `{}` without the enum's name; the property is not read", plain(type_cell)),
                    )
                    .with_column(column),
                );
            }
            Err(TypeCellError::Empty) => {
                ctx.unread_rows.push(name.clone());
                ctx.out.diagnostics.push(
                    Diagnostic::new(
                        &ctx.src(row.line),
                        Severity::Warning,
                        codes::MISSING_CELL,
                        format!("type cell of `{name}` is empty; the property is not read"),
                    )
                    .with_column(column),
                );
            }
            Err(TypeCellError::Unrecognized(t)) => {
                ctx.unread_rows.push(name.clone());
                ctx.out.diagnostics.push(
                    Diagnostic::new(
                        &ctx.src(row.line),
                        Severity::Warning,
                        codes::BAD_TYPE_CELL,
                        format!("type `{t}` of `{name}` is not a type name graphdoc understands; the property is not read"),
                    )
                    .with_column(column),
                );
            }
        }
    }
    out
}

fn member_rows(ctx: &mut Ctx, table: &Table, cols: &Columns) -> Vec<EnumMember> {
    let mut out = Vec::new();
    let first_is_value = table
        .header
        .first()
        .is_some_and(|h| plain(h).eq_ignore_ascii_case("value"));
    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) || is_section_row(&row.cells) {
            continue;
        }
        let name = plain(&row.cells[0])
            .trim_matches(|c: char| c == '`' || c == '"')
            .trim()
            .to_string();
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            ctx.out.diagnostics.push(
                Diagnostic::new(
                    &ctx.src(row.line),
                    Severity::Warning,
                    codes::BAD_ENUM_VALUE,
                    format!("`{name}` is not an enum member name; the row is not read"),
                )
                .with_column(row.columns.first().copied().unwrap_or(1)),
            );
            continue;
        }
        let value_col = if first_is_value { None } else { cols.value };
        let value = match value_col.and_then(|v| row.cells.get(v)).map(|v| plain(v)) {
            None => None,
            Some(v) if v.is_empty() => None,
            Some(v) => match parse_int(&v) {
                Some(n) => Some(n),
                None => {
                    ctx.out.diagnostics.push(
                        Diagnostic::new(
                            &ctx.src(row.line),
                            Severity::Warning,
                            codes::BAD_ENUM_VALUE,
                            format!("value `{v}` of member `{name}` is not a number; read without a value"),
                        )
                        .with_column(value_col.and_then(|c| row.columns.get(c).copied()).unwrap_or(1)),
                    );
                    None
                }
            },
        };
        let description = cols
            .description
            .and_then(|d| row.cells.get(d))
            .map(|d| plain(d))
            .unwrap_or_default();
        out.push(EnumMember {
            name,
            value,
            description,
            source: ctx.src(row.line),
        });
    }
    out
}

fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    s.parse().ok()
}

const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

fn parse_api_page(ctx: &mut Ctx, blocks: &[Block]) {
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

/// The path of the `Location` header of an HTTP response block, without
/// scheme, host and version (`/communications/calls/{id}/operations/{id}`).
fn location_header(block: &str) -> Option<&str> {
    let mut lines = block.trim_start().lines();
    lines
        .next()
        .filter(|l| l.trim_start().starts_with("HTTP/"))?;
    let value = lines.take_while(|l| !l.trim().is_empty()).find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("location")
            .then(|| value.trim())
    })?;
    let path = match value.find("://") {
        Some(i) => {
            let after = &value[i + 3..];
            &after[after.find('/')?..]
        }
        None => value,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let rest = path.trim_start_matches('/');
    let first = rest.split('/').next().unwrap_or("");
    // A version segment (`v1.0`, `beta`, `localtest`, `v2`) is not a path step.
    let is_version = first == "beta"
        || first == "localtest"
        || first.starts_with('v') && first[1..].starts_with(|c: char| c.is_ascii_digit());
    Some(if is_version {
        &rest[first.len()..]
    } else {
        path
    })
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

/// The `@odata.type` values of the object a response body returns, or of
/// the objects of its `value` array; nested objects are other properties'
/// values and do not count. A scan rather than a JSON parse, because
/// example bodies are often cut short with `...`.
fn returned_odata_types(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !body.contains("@odata.type") {
        return out;
    }
    let bytes = body.as_bytes();
    // Open brackets, and whether each `[` is the value of `value`.
    let mut stack: Vec<(u8, bool)> = Vec::new();
    let mut last_key = "";
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let text = body.get(start..j.min(bytes.len())).unwrap_or("");
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                let is_key = bytes.get(k) == Some(&b':');
                let returned = matches!(
                    stack.as_slice(),
                    [(b'{', _)] | [(b'{', _), (b'[', true), (b'{', _)]
                );
                if is_key {
                    last_key = text;
                } else if returned && last_key == "@odata.type" {
                    out.push(text.to_string());
                }
                i = j + 1;
                continue;
            }
            b'{' => stack.push((b'{', false)),
            b'[' => stack.push((b'[', last_key == "value" && stack.len() == 1)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => last_key = "",
            _ => {}
        }
        i += 1;
    }
    out
}

/// `https://graph.microsoft.com/v1.0/me` → `/me`; `localtest` is beta's test host path.
/// A `METHOD path` line of an HTTP request block.
#[derive(Debug, PartialEq)]
enum RequestLine {
    Path(String, String),
    /// Not a readable path (`GET /users/{user-id} | user-principal-name/chats`,
    /// `DELETE ** Entity URI … not found`): the line as written and why. The
    /// path is not read, since what it addresses is unclear.
    Garbled(String, String, &'static str),
}

/// `GET /users/{id | userPrincipalName}/joinedTeams HTTP/1.1` → (`GET`,
/// `/users/{id|userPrincipalName}/joinedTeams`): a key placeholder may hold
/// spaces, which are not part of the path, and so may a function's
/// parameters or a query.
fn request_line(line: &str) -> Option<RequestLine> {
    let line = line.trim();
    let (m, rest) = line.split_once(char::is_whitespace)?;
    let m = m.to_ascii_uppercase();
    if !METHODS.contains(&m.as_str()) {
        return None;
    }
    let rest = rest.trim();
    let rest = match rest.rsplit_once(char::is_whitespace) {
        Some((before, version)) if version.starts_with("HTTP/") => before.trim_end(),
        _ => rest,
    };
    let mut path = String::new();
    let mut depth = 0usize;
    let mut chars = rest.chars();
    for c in chars.by_ref() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth = depth.saturating_sub(1),
            '?' if depth == 0 => {
                path.push(c);
                path.extend(chars.by_ref());
                break;
            }
            c if c.is_whitespace() => {
                if depth == 0 {
                    break;
                }
                continue;
            }
            _ => {}
        }
        path.push(c);
    }
    let garbled = |why| Some(RequestLine::Garbled(m.clone(), rest.to_string(), why));
    if depth > 0 {
        return garbled("a `{` or `(` in it is not closed");
    }
    if !chars.as_str().trim().is_empty() {
        return garbled("text follows the path that is neither a query nor `HTTP/1.1`");
    }
    // `~/onPremisesPublishingProfiles/…`: `~` stands for the service root.
    let path = path.strip_prefix('~').unwrap_or(&path);
    if !path.starts_with(|c: char| c == '/' || c.is_ascii_alphabetic()) {
        return garbled("a path starts with `/` or the service URL");
    }
    Some(RequestLine::Path(m, strip_host(path).to_string()))
}

fn strip_host(p: &str) -> &str {
    let p = p.strip_prefix("https://graph.microsoft.com").unwrap_or(p);
    for v in ["/v1.0/", "/beta/", "/localtest/"] {
        if let Some(rest) = p.strip_prefix(v) {
            return &p[p.len() - rest.len() - 1..];
        }
    }
    p
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

fn http_example(
    kind: ExampleKind,
    annotation: Value,
    text: &str,
    line: u32,
    file: &str,
) -> Example {
    let trimmed = text.trim_start_matches('\n');
    let skipped = (text.len() - trimmed.len()) as u32;
    let first = trimmed.lines().next().unwrap_or("").trim();
    let looks_http = first.starts_with("HTTP/") || METHODS.iter().any(|m| first.starts_with(m));
    if !looks_http {
        return Example {
            kind,
            annotation,
            start_line: String::new(),
            body: text.to_string(),
            source: Source::new(file, line),
        };
    }
    // Headers run to the first blank line; the body follows.
    let mut body_line = line + skipped;
    let mut offset = 0;
    let mut seen_blank = false;
    for l in trimmed.split_inclusive('\n') {
        offset += l.len();
        body_line += 1;
        if l.trim().is_empty() {
            seen_blank = true;
            break;
        }
    }
    let body = if seen_blank {
        trimmed[offset..].to_string()
    } else {
        String::new()
    };
    let lead = body.len() - body.trim_start_matches('\n').len();
    Example {
        kind,
        annotation,
        start_line: first.to_string(),
        body: body.trim_start_matches('\n').to_string(),
        source: Source::new(file, body_line + lead as u32),
    }
}

/// Properties of a JSON representation block whose values are type
/// placeholders. A block that is not strict JSON yields nothing here (the
/// samples checker reports it).
fn representation_properties(
    file: &str,
    text: &str,
    line: u32,
) -> (Vec<RawProperty>, Vec<(String, Source)>) {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return (Vec::new(), Vec::new());
    };
    let mut out = Vec::new();
    let mut untyped = Vec::new();
    let lines = crate::markdown::LineIndex::new(text);
    for (name, value) in &map {
        if name.starts_with('@') || !crate::types::is_type_identifier(name) {
            continue;
        }
        let offset = memchr::memmem::find(text.as_bytes(), format!("\"{name}\"").as_bytes())
            .map(|i| lines.line(i) - 1)
            .unwrap_or(0);
        let Some(cell_type) = placeholder_type(value) else {
            untyped.push((name.clone(), Source::new(file, line + offset)));
            continue;
        };
        out.push(RawProperty {
            name: name.clone(),
            cell_type,
            kind: PropertyKind::Structural,
            description: String::new(),
            facts: crate::facts::Facts::default(),
            source: Source::new(file, line + offset),
        });
    }
    (out, untyped)
}

fn placeholder_type(value: &Value) -> Option<CellType> {
    let simple = |name: TypeName| CellType {
        name,
        collection: false,
        link: None,
        alias_of: None,
    };
    match value {
        Value::Bool(_) => Some(simple(TypeName::Primitive("Edm.Boolean"))),
        // A number does not say which of Int32, Int64, Double… it is.
        Value::Number(_) => None,
        Value::String(s) => {
            let lower = s.to_ascii_lowercase();
            // "String (timestamp)", "String (ISO 8601 duration)": the note in
            // parentheses names the Edm type the string carries.
            let note = lower
                .strip_prefix("string")
                .and_then(|rest| rest.trim_start().strip_prefix('('))
                .and_then(|rest| rest.split(')').next())
                .unwrap_or("");
            let noted = |word: &str| note.split_whitespace().any(|w| w == word);
            if noted("timestamp") {
                return Some(simple(TypeName::Primitive("Edm.DateTimeOffset")));
            }
            if noted("duration") {
                return Some(simple(TypeName::Primitive("Edm.Duration")));
            }
            match parse_type_cell(s) {
                Ok(
                    t @ CellType {
                        name: TypeName::Primitive(_),
                        ..
                    },
                ) => Some(t),
                Ok(
                    t @ CellType {
                        name: TypeName::Named(_),
                        ..
                    },
                ) if s.starts_with("microsoft.graph.") => Some(t),
                _ => None,
            }
        }
        Value::Object(o) => {
            let t = o.get("@odata.type")?.as_str()?.trim_start_matches('#');
            // `{ "@odata.type": "Edm.Stream" }`: a primitive, written as an object.
            if let Some((edm, _)) = t
                .starts_with("Edm.")
                .then(|| crate::types::primitive(t))
                .flatten()
            {
                return Some(simple(TypeName::Primitive(edm)));
            }
            crate::types::is_type_identifier(t).then(|| simple(TypeName::Named(t.to_string())))
        }
        Value::Array(items) => {
            let mut t = placeholder_type(items.first()?)?;
            t.collection = true;
            Some(t)
        }
        Value::Null => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the first type's properties.
    fn property_names(items: &PageItems) -> Vec<&str> {
        items.types[0]
            .properties
            .iter()
            .map(|p| p.name.as_str())
            .collect()
    }

    #[test]
    fn strips_hosts() {
        assert_eq!(
            strip_host("https://graph.microsoft.com/localtest/deviceAppManagement/vppTokens/{id}"),
            "/deviceAppManagement/vppTokens/{id}"
        );
        assert_eq!(strip_host("/me"), "/me");
    }

    #[test]
    fn reads_request_lines() {
        let read = |l: &str| match request_line(l) {
            Some(RequestLine::Path(m, p)) => Some(format!("{m} {p}")),
            Some(RequestLine::Garbled(m, rest, _)) => Some(format!("garbled {m}: {rest}")),
            None => None,
        };
        assert_eq!(
            read("GET /users/{id | userPrincipalName}/joinedTeams HTTP/1.1").as_deref(),
            Some("GET /users/{id|userPrincipalName}/joinedTeams")
        );
        assert_eq!(
            read("patch https://graph.microsoft.com/v1.0/me").as_deref(),
            Some("PATCH /me")
        );
        assert_eq!(
            read("GET /me/events?$filter=subject eq 'a b' HTTP/1.1").as_deref(),
            Some("GET /me/events?$filter=subject eq 'a b'")
        );
        assert_eq!(
            read("GET /users/{user-id} | user-principal-name/chats").as_deref(),
            Some("garbled GET: /users/{user-id} | user-principal-name/chats")
        );
        assert_eq!(
            read("DELETE ** Entity URI not found").as_deref(),
            Some("garbled DELETE: ** Entity URI not found")
        );
        assert_eq!(
            read("GET /users/{id extra").as_deref(),
            Some("garbled GET: /users/{id extra")
        );
        assert_eq!(
            read("GET ~/onPremisesPublishingProfiles/{publishingType}/agentGroups").as_deref(),
            Some("GET /onPremisesPublishingProfiles/{publishingType}/agentGroups")
        );
        assert_eq!(read("or"), None);
        assert_eq!(read("GET"), None);
        assert_eq!(read("Content-type: application/json"), None);
    }

    #[test]
    fn qualifies_names() {
        assert_eq!(
            qualified_parts("microsoft.graph.callRecords.session", "microsoft.graph"),
            ("microsoft.graph.callRecords".into(), "session".into())
        );
        assert_eq!(
            qualified_parts("callRecords.session", "microsoft.graph.callRecords"),
            ("microsoft.graph.callRecords".into(), "session".into())
        );
        assert_eq!(
            qualified_parts("user", "microsoft.graph"),
            ("microsoft.graph".into(), "user".into())
        );
    }

    #[test]
    fn a_note_after_a_property_name_is_not_part_of_it() {
        let page = "# x resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| tollNumber (deprecated) | String | Old. |\n| a b (c) | String | Not a name. |\n";
        let items = parse_page("x.md", page, PageKind::Resource);
        let names = property_names(&items);
        assert_eq!(names, ["tollNumber"]);
        assert!(items
            .diagnostics
            .iter()
            .any(|d| d.code == codes::BAD_PROPERTY_NAME && d.message.contains("`a b (c)`")));
    }

    #[test]
    fn annotations_and_nested_paths_are_notes_not_malformed_names() {
        let read = |name: &str| not_a_property(name);
        let (sev, message) = read("site@odata.bind");
        assert_eq!(sev, Severity::Note);
        assert!(
            message.contains("annotation (`@odata.bind`) of `site`"),
            "{message}"
        );
        assert_eq!(read("@odata.type").0, Severity::Note);
        let (sev, message) = read("files/fileName");
        assert_eq!(sev, Severity::Note);
        assert!(message.contains("describes `fileName` inside"), "{message}");
        assert_eq!(
            read("file/localizations/{localizationId}/versions").0,
            Severity::Note
        );
        assert_eq!(read("a b (c)").0, Severity::Warning);
        assert_eq!(read("a/b c").0, Severity::Warning);
        assert_eq!(read("x@y z").0, Severity::Warning);
    }

    #[test]
    fn an_annotation_with_a_line_break_inside_a_string_is_read_with_a_note() {
        let page = "# Thing\n\nNamespace: microsoft.graph\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"description\": \"wrapped\n  over two lines\",\n  \"@odata.type\": \"microsoft.graph.thing\"\n} -->\n```json\n{ \"id\": \"String\" }\n```\n";
        let items = parse_page("thing.md", page, PageKind::Resource);
        assert_eq!(items.types.len(), 1, "{:?}", items.diagnostics);
        assert_eq!(items.types[0].name, "thing");
        let notes: Vec<_> = items
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::BAD_ANNOTATION)
            .map(|d| (d.severity, d.message.as_str()))
            .collect();
        assert_eq!(
            notes,
            [(
                Severity::Note,
                "annotation comment has a line break inside a string (read anyway)"
            )]
        );
        assert_eq!(
            escape_controls_in_strings("{\"a\": \"x\\\"\ny\tz\"}\n"),
            "{\"a\": \"x\\\"\\ny\\tz\"}\n"
        );
    }

    #[test]
    fn a_property_table_right_under_a_type_title_is_the_types() {
        let page = "# controlScore resource type\n\nNamespace: microsoft.graph\n\nA score.\n\n|Name |Type |Description |\n|:--|:--|:--|\n|controlName|String|Control name.|\n|score|Double|Read-only.|\n\n## JSON representation\n";
        let items = parse_page("controlscore.md", page, PageKind::Resource);
        let names = property_names(&items);
        assert_eq!(names, ["controlName", "score"]);
        assert!(items.types[0].properties[1].facts.read_only);
        // Under a title that names no type, a table of concepts is no one's.
        let overview = "# Use the eDiscovery API\n\n| Name | Type | Use case |\n|:-|:-|:-|\n| Legal hold | [legalHold](legalhold.md) | Holds. |\n";
        let items = parse_page("overview.md", overview, PageKind::Resource);
        assert!(items.types.is_empty());
        assert!(items.diagnostics.is_empty(), "{:?}", items.diagnostics);
    }

    #[test]
    fn the_older_at_type_key_names_a_resource() {
        // The OneDrive facet pages: a title that names no type, `@type`.
        let page = "# System facet\n\nNamespace: microsoft.graph\n\n<!-- { \"blockType\": \"resource\", \"@type\": \"microsoft.graph.systemFacet\" } -->\n```json\n{ }\n```\n";
        let items = parse_page("systemFacet.md", page, PageKind::Resource);
        let names: Vec<(&str, &str)> = items
            .types
            .iter()
            .map(|t| (t.namespace.as_str(), t.name.as_str()))
            .collect();
        assert_eq!(names, [("microsoft.graph", "systemFacet")]);
    }

    #[test]
    fn front_matter_keeps_lines() {
        let (body, pairs) =
            split_front_matter("---\ntitle: \"x\"\ndoc_type: enumPageType\n---\n# x\n");
        assert_eq!(body, "\n\n\n\n# x\n");
        assert_eq!(pairs[1], ("doc_type".into(), "enumPageType".into()));
    }
}
