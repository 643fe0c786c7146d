//! Resource and enum pages: the type or enums a page defines.

use super::annotation_comment::annotation;
use super::prose::{derived_in_prose, inherits_from};
use super::representation::representation_properties;
use super::tables::{columns, is_member_header, is_property_header, member_rows, property_rows};
use super::{codes, namespace_of, title, Ctx, Headings, RawProperty, RawType};
use crate::cells::plain;
use crate::markdown::Block;
use crate::types::{parse_type_cell, CellType, TypeName};
use graphdoc_schema::{
    BaseTypeFrom, EnumDef, EnumMember, PropertyKind, Severity, Source, DEFAULT_NAMESPACE,
};
use serde_json::Value;

pub(super) fn parse_resource_page(ctx: &mut Ctx, blocks: &[Block], doc_type: &str) {
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
    use crate::page::{parse_page, property_names, PageKind};

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
}
