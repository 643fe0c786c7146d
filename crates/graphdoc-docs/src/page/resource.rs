//! Resource and enum pages: the type or enums a page defines.

use super::annotation_comment::annotation;
use super::prose::{derived_in_prose, inherits_from};
use super::representation::representation_properties;
use super::tables::{
    columns, is_member_header, is_property_header, member_rows, property_rows, Columns,
};
use super::{codes, title, Ctx, Headings, RawProperty, RawType};
use crate::cells::plain;
use crate::markdown::{Block, Table};
use crate::types::{parse_type_cell, CellType, TypeName};
use graphdoc_schema::{
    BaseTypeFrom, EnumDef, EnumMember, PropertyKind, Severity, Source, DEFAULT_NAMESPACE,
};
use serde_json::Value;

pub(super) fn parse_resource_page(ctx: &mut Ctx, blocks: &[Block], doc_type: &str) {
    let title = title(blocks);
    if title.is_none() {
        ctx.diag(
            1,
            Severity::Warning,
            codes::NO_TITLE,
            "page has no `# title` heading",
        );
    }
    let mut reader = ResourceReader::new(blocks, title, doc_type);
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => reader.headings.push(*level, text),
            Block::Paragraph { text, .. } => reader.paragraph(text),
            Block::Comment { text, line } => reader.comment(ctx, text, *line),
            Block::Code { text, line, .. } => reader.code(ctx, text, *line),
            Block::Table(table) => reader.table(ctx, table),
        }
    }
    if reader.is_enum_page {
        reader.finish_enum_page(ctx);
    } else {
        reader.finish_type(ctx);
    }
}

/// What a resource or enum page has said so far, read block by block.
struct ResourceReader<'p> {
    namespace: String,
    /// The name the title gives the page's subject, and whether it is a type
    /// or an enum.
    subject: Option<(&'p str, TitleKind)>,
    title_line: u32,
    is_enum_page: bool,
    headings: Headings,
    properties: Vec<RawProperty>,
    /// The annotation comment just read, for the code block it precedes.
    pending_annotation: Option<Value>,
    /// The first `"blockType": "resource"` annotation.
    resource_annotation: Option<Value>,
    base_from_prose: Option<CellType>,
    description: String,
    /// The members of the enum the page itself defines (an enum page).
    page_enum_members: Vec<EnumMember>,
    page_enum_line: u32,
    page_flags: bool,
    /// Enums named by their own `### x values` heading.
    enum_sections: usize,
    has_methods: bool,
    derived: Vec<CellType>,
    says_abstract: bool,
    says_open: bool,
    json_properties: Vec<RawProperty>,
    json_untyped: Vec<(String, Source)>,
}

/// Where a table stands, by the headings above it.
struct TablePlace {
    in_properties: bool,
    in_relationships: bool,
    /// `### x values`: the `x`, as written.
    values_heading: Option<String>,
    /// Under "Properties of …" naming something other than the page's type.
    about_other: bool,
}

impl<'p> ResourceReader<'p> {
    fn new(blocks: &[Block], title: Option<(&'p str, u32)>, doc_type: &str) -> Self {
        let subject = title.and_then(|(t, _)| title_subject(t));
        let title_line = title.map(|(_, l)| l).unwrap_or(1);
        ResourceReader {
            namespace: namespace_of(blocks).unwrap_or_else(|| DEFAULT_NAMESPACE.to_string()),
            subject,
            title_line,
            is_enum_page: doc_type.eq_ignore_ascii_case("enumPageType")
                || matches!(subject, Some((_, TitleKind::Enum))),
            headings: Headings::new(),
            properties: Vec::new(),
            pending_annotation: None,
            resource_annotation: None,
            base_from_prose: None,
            description: String::new(),
            page_enum_members: Vec::new(),
            page_enum_line: title_line,
            page_flags: false,
            enum_sections: 0,
            has_methods: false,
            derived: Vec::new(),
            says_abstract: false,
            says_open: false,
            json_properties: Vec::new(),
            json_untyped: Vec::new(),
        }
    }

    fn paragraph(&mut self, text: &str) {
        let p = text.trim();
        let lower = p.to_ascii_lowercase();
        // Most paragraphs say nothing about types; the phrase searches run
        // only on those that might.
        let about_types = ["inherit", "derive", "subclass", "subtype", "extends"]
            .iter()
            .any(|w| lower.contains(w));
        if about_types {
            if self.base_from_prose.is_none() {
                self.base_from_prose = inherits_from(p);
            }
            self.derived.extend(derived_in_prose(p));
        }
        let headings = &self.headings;
        // "This is an _open type_ that represents…", "hence this is an [open
        // type](…)".
        if lower.contains("open type")
            && (headings.stack[1].is_none() || headings.any(|h| h.contains("propert")))
            && plain(p).to_ascii_lowercase().contains("is an open type")
        {
            self.says_open = true;
        }
        if headings.stack[1].is_none()
            && (lower.contains("abstract class")
                || lower.contains("abstract type")
                || lower.contains("abstract base"))
        {
            self.says_abstract = true;
        }
        if self.description.is_empty()
            && !p.starts_with("Namespace")
            && !p.starts_with('>')
            && !p.starts_with('[')
            && headings.stack[1].is_none()
        {
            self.description = plain(p);
        }
        if self.is_enum_page && lower.contains("flag") {
            self.page_flags = true;
        }
    }

    fn comment(&mut self, ctx: &mut Ctx, text: &str, line: u32) {
        if let Some(v) = annotation(ctx, text, line) {
            self.pending_annotation = Some(v);
        }
    }

    fn code(&mut self, ctx: &mut Ctx, text: &str, line: u32) {
        let Some(v) = self.pending_annotation.take() else {
            return;
        };
        if v.get("blockType").and_then(Value::as_str) == Some("resource")
            && self.resource_annotation.is_none()
        {
            self.resource_annotation = Some(v);
            (self.json_properties, self.json_untyped) =
                representation_properties(ctx.file, text, line);
        }
    }

    fn table(&mut self, ctx: &mut Ctx, table: &Table) {
        self.pending_annotation = None;
        let cols = columns(table);
        let first = cols.first.as_str();
        let headings = &self.headings;
        if headings.any(|h| h.contains("derived types")) {
            self.derived.extend(
                table
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.first())
                    .filter_map(|c| parse_type_cell(c).ok()),
            );
        }
        if headings.any(|h| h == "methods") {
            self.has_methods |= table
                .rows
                .iter()
                .any(|r| r.cells.first().is_some_and(|c| c.contains("../api/")));
        }
        let place = self.table_place();
        if place.about_other && cols.ty.is_some() {
            ctx.diag(
                table.line,
                Severity::Note,
                codes::UNKNOWN_HEADER,
                format!("table under `{}` describes something other than the page's type; not read as its properties", self.headings.innermost().unwrap_or("")),
            );
        } else if (place.in_properties || place.in_relationships)
            && cols.ty.is_some()
            && is_property_header(first)
            && place.values_heading.is_none()
        {
            let kind = if place.in_relationships
                && !self
                    .headings
                    .innermost()
                    .is_some_and(|h| h.contains("propert") && !h.contains("navigation"))
            {
                PropertyKind::Navigation
            } else {
                PropertyKind::Structural
            };
            let rows = property_rows(ctx, table, &cols, kind);
            // Taken, not copied, when it is the first table: a copy would
            // hold a huge table's rows twice at once.
            if self.properties.is_empty() {
                self.properties = rows;
            } else {
                self.properties.extend(rows);
            }
        } else if let Some(enum_heading) = place
            .values_heading
            .filter(|_| is_member_header(first) && cols.ty.is_none())
        {
            self.values_table(ctx, table, &cols, &enum_heading);
        } else if self.is_enum_page
            && is_member_header(first)
            && cols.ty.is_none()
            && self
                .headings
                .any(|h| h.contains("member") || h.contains("value"))
        {
            if self.page_enum_members.is_empty() {
                self.page_enum_line = table.line;
            }
            self.page_enum_members
                .extend(member_rows(ctx, table, &cols));
        } else if (place.in_properties || place.in_relationships)
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

    fn table_place(&self) -> TablePlace {
        let headings = &self.headings;
        let subject = self.subject;
        // A property table right under a title that names a type, before
        // any section, is the type's (some pages have no Properties heading;
        // an overview's table of concepts is not).
        let under_title = headings.stack[1..].iter().all(Option::is_none)
            && matches!(subject, Some((_, TitleKind::Type)));
        TablePlace {
            in_properties: headings.any(|h| h.contains("propert")) || under_title,
            in_relationships: headings
                .any(|h| h.contains("relationship") || h.contains("navigation propert")),
            values_heading: headings.innermost_as_written().and_then(|h| {
                let lower = h.to_ascii_lowercase();
                [" enum values", " values"]
                    .iter()
                    .find(|suffix| lower.ends_with(*suffix))
                    .map(|suffix| h[..h.len() - suffix.len()].to_string())
            }),
            // "### Properties of a claims-mapping policy definition": a
            // sub-section about a nested document, not this type.
            about_other: headings.stack[2..].iter().flatten().any(|h| {
                (h.starts_with("properties of") || h.starts_with("properties for"))
                    && !subject.is_some_and(|(n, _)| h.contains(&n.to_ascii_lowercase()))
            }),
        }
    }

    /// A members table under `### x values`: an enum of its own, or the
    /// valid values of a string property `x`.
    fn values_table(&mut self, ctx: &mut Ctx, table: &Table, cols: &Columns, enum_heading: &str) {
        let name = enum_heading_name(enum_heading);
        // "### mediaSizes values" under a `mediaSizes | String collection`
        // row: the valid values of a string property ("JIS B4"…), not the
        // members of an enum.
        let string_property = name.as_ref().and_then(|n| {
            self.properties.iter_mut().find(|p| {
                &p.name == n && matches!(p.cell_type.name, TypeName::Primitive("Edm.String"))
            })
        });
        if let Some(property) = string_property {
            self.enum_sections += 1;
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
            self.enum_sections += 1;
            let members = member_rows(ctx, table, cols);
            ctx.out.enums.push(EnumDef {
                name,
                namespace: self.namespace.clone(),
                is_flags: false,
                description: String::new(),
                members,
                source: ctx.src(table.line),
            });
        }
    }

    fn finish_enum_page(self, ctx: &mut Ctx) {
        let title_line = self.title_line;
        let Some(name) = self.subject.map(|(n, _)| n.to_string()) else {
            // A page of `### x values` sections (enums.md) names each enum
            // in its heading; only members under no such heading are lost.
            if self.enum_sections == 0 || !self.page_enum_members.is_empty() {
                ctx.diag(
                    title_line,
                    Severity::Warning,
                    codes::NO_TITLE,
                    "enum page title does not name the enum (`# x enum type`)",
                );
            }
            return;
        };
        if self.page_enum_members.is_empty() {
            ctx.diag(
                title_line,
                Severity::Warning,
                codes::NO_ITEMS,
                format!("enum page for `{name}` has no members table"),
            );
        }
        let (ns, simple) = qualified_parts(&name, &self.namespace);
        ctx.out.enums.push(EnumDef {
            name: simple,
            namespace: ns,
            is_flags: self.page_flags,
            description: self.description,
            members: self.page_enum_members,
            source: ctx.src(self.page_enum_line.min(title_line)),
        });
    }

    fn finish_type(self, ctx: &mut Ctx) {
        let annotated_name = self
            .resource_annotation
            .as_ref()
            .and_then(crate::annotation::type_name)
            .map(|s| s.trim().trim_start_matches('#').to_string())
            .filter(|s| crate::types::is_type_identifier(s));
        let (name, ns, annotated) = match (&annotated_name, self.subject) {
            (Some(q), _) => {
                let (ns, simple) = qualified_parts(q, &self.namespace);
                (simple, ns, true)
            }
            (None, Some((n, TitleKind::Type))) => {
                let (ns, simple) = qualified_parts(n, &self.namespace);
                (simple, ns, false)
            }
            _ => {
                if !self.properties.is_empty() {
                    ctx.diag(
                        self.title_line,
                        Severity::Warning,
                        codes::NO_TITLE,
                        "page has property tables but neither a `# x resource type` title nor a resource annotation names the type; its properties are not read",
                    );
                }
                return;
            }
        };
        let ann = self.resource_annotation.as_ref();
        let base = StatedBase::read(ann, self.base_from_prose);
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
        ctx.out.types.push(RawType {
            name,
            namespace: ns,
            annotated,
            base: base.base,
            base_stated_by: base.stated_by,
            states_no_base: base.states_none,
            base_in_prose: base.in_prose,
            key,
            is_abstract: flag("abstract") || flag("isAbstract") || self.says_abstract,
            is_open: flag("openType") || self.says_open,
            description: self.description,
            properties: self.properties,
            optional_properties,
            has_methods: self.has_methods,
            json_properties: self.json_properties,
            json_untyped: self.json_untyped,
            unread_rows: std::mem::take(&mut ctx.unread_rows),
            derived: self.derived,
            source: ctx.src(self.title_line),
        });
    }
}

/// The base type a page states, by annotation (`baseType`) or prose.
struct StatedBase {
    base: Option<CellType>,
    stated_by: Option<BaseTypeFrom>,
    /// `"baseType": null` (or empty), and no prose names one.
    states_none: bool,
    /// The prose's base when the annotation names another.
    in_prose: Option<CellType>,
}

impl StatedBase {
    fn read(annotation: Option<&Value>, from_prose: Option<CellType>) -> Self {
        let stated = annotation.and_then(|a| a.get("baseType"));
        let annotated = stated.and_then(Value::as_str).map(|b| CellType {
            name: TypeName::Named(b.trim().trim_start_matches('#').to_string()),
            collection: false,
            link: None,
            alias_of: None,
        });
        let states_none = annotated.is_none()
            && from_prose.is_none()
            && stated
                .is_some_and(|b| b.is_null() || b.as_str().is_some_and(|s| s.trim().is_empty()));
        let stated_by = if annotated.is_some() {
            Some(BaseTypeFrom::Annotation)
        } else {
            from_prose.as_ref().map(|_| BaseTypeFrom::Prose)
        };
        let (base, in_prose) = match (annotated, from_prose) {
            (Some(a), Some(p)) if a.name != p.name => (Some(a), Some(p)),
            (a, p) => (a.or(p), None),
        };
        StatedBase {
            base,
            stated_by,
            states_none,
            in_prose,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
