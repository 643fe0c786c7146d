//! One page in, the items it defines out (unresolved: type names are still
//! as the page wrote them; `resolve` qualifies them against the corpus).
//!
//! `resource` reads resource and enum pages, `api` API pages (with `http`
//! for their request lines and examples); `tables` reads property and member
//! rows for both, `prose` the sentences that name base and derived types,
//! `representation` a resource's JSON representation block, and
//! `annotation_comment` the annotation comments before code blocks.

use crate::markdown::{self, Block};
use crate::types::CellType;
use graphdoc_schema::{
    BaseTypeFrom, Diagnostic, EnumDef, Operation, PropertyKind, Severity, Source,
};

mod annotation_comment;
mod api;
pub mod codes;
mod http;
mod prose;
mod representation;
mod request_options;
mod resource;
mod tables;

use api::parse_api_page;
use resource::parse_resource_page;

/// A property row whose type is not resolved yet.
#[derive(Debug, Clone)]
pub struct RawProperty {
    /// The first cell.
    pub name: String,
    /// The type cell as read, names not yet resolved.
    pub cell_type: CellType,
    /// From the table the row is in; `resolve` corrects it by the target's kind.
    pub kind: PropertyKind,
    /// The description cell as plain text.
    pub description: String,
    /// Read from the description here, in the parallel pass, rather than
    /// in `resolve`, which runs on one thread.
    pub facts: crate::facts::Facts,
    /// The row.
    pub source: Source,
}

/// A type as one page describes it; `resolve` merges the pages of a type and qualifies its names.
#[derive(Debug, Clone)]
pub struct RawType {
    /// The simple name, in the page's spelling.
    pub name: String,
    /// The `Namespace:` line's namespace, else `microsoft.graph`.
    pub namespace: String,
    /// From the annotation (`@odata.type`): the authoritative name.
    pub annotated: bool,
    /// The base the page states (annotation or prose), as written.
    pub base: Option<CellType>,
    /// Annotation or prose, when `base` is set.
    pub base_stated_by: Option<BaseTypeFrom>,
    /// The annotation says `"baseType": null`: the page states that the
    /// type has no base, so nothing may infer one.
    pub states_no_base: bool,
    /// The base the prose names ("Inherits from \[x\]") when the annotation
    /// names another: `resolve` decides between them.
    pub base_in_prose: Option<CellType>,
    /// The annotation's `keyProperty`.
    pub key: Option<String>,
    /// The annotation's `isAbstract` (or the text calling the type abstract).
    pub is_abstract: bool,
    /// The annotation's `openType` (or the text calling the type open).
    pub is_open: bool,
    /// The text under the title.
    pub description: String,
    /// The Properties and Relationships rows, in table order.
    pub properties: Vec<RawProperty>,
    /// Properties the annotation's `optionalProperties` lists.
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
    /// The page and its title line.
    pub source: Source,
}

/// An API page's operation before its type names are resolved.
#[derive(Debug, Clone)]
pub struct RawOperation {
    /// Everything about the operation that needs no resolution.
    pub op: Operation,
    /// Request body table rows, types not yet resolved.
    pub request_body: Vec<RawProperty>,
    /// The type the Request body section links to.
    pub request_type: Option<CellType>,
    /// The type the Response section links to.
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

/// What one page defines, unresolved, and what reading it reported.
#[derive(Debug, Default)]
pub struct PageItems {
    /// The types the page defines (several when it has inline sections).
    pub types: Vec<RawType>,
    /// The enums it defines: an enum page, `enums.md`, or `### x values` sections.
    pub enums: Vec<EnumDef>,
    /// The API page's operation (at most one).
    pub operations: Vec<RawOperation>,
    /// What reading the page found wrong or forgave.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which reader a page goes to: by its folder, `resources/` or `api/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// Under `resources/`: types and enums.
    Resource,
    /// Under `api/`: one operation.
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

/// A page's text as its blocks are read: the front matter blanked (its
/// lines kept, so every block has its true line) and its `key: value`
/// pairs apart. What the front-end reads, and any tool that reads the same
/// pages' blocks (the linter), so that a page is split into blocks once.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The text without its front matter.
    pub text: String,
    front: Vec<(String, String)>,
}

impl Body {
    /// The body of a page's text.
    pub fn of(text: &str) -> Body {
        let (text, front) = split_front_matter(text);
        Body { text, front }
    }

    /// Its blocks ([`markdown::blocks`]).
    pub fn blocks(&self) -> Vec<Block<'_>> {
        markdown::blocks(&self.text)
    }
}

/// Reads one page on its own (`file` is the path messages show): the first pass of the front-end.
pub fn parse_page(file: &str, text: &str, kind: PageKind) -> PageItems {
    let body = Body::of(text);
    parse_blocks(file, &body, &body.blocks(), kind)
}

/// [`parse_page`] of a page already split: `blocks` are `body`'s.
pub fn parse_blocks(file: &str, body: &Body, blocks: &[Block<'_>], kind: PageKind) -> PageItems {
    let mut ctx = Ctx {
        file,
        out: PageItems::default(),
        unread_rows: Vec::new(),
    };
    let doc_type = body
        .front
        .iter()
        .find(|(k, _)| k == "doc_type")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    for block in blocks {
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
        PageKind::Resource => parse_resource_page(&mut ctx, blocks, doc_type),
        PageKind::Api => parse_api_page(&mut ctx, blocks),
    }
    ctx.out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keeps_lines() {
        let (body, pairs) =
            split_front_matter("---\ntitle: \"x\"\ndoc_type: enumPageType\n---\n# x\n");
        assert_eq!(body, "\n\n\n\n# x\n");
        assert_eq!(pairs[1], ("doc_type".into(), "enumPageType".into()));
    }
}
