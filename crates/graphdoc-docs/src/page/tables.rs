//! Property and enum-member tables: which columns hold what, and their rows.

use super::{codes, Ctx, RawProperty};
use crate::cells::plain;
use crate::markdown::{Row, Table};
use crate::types::{parse_type_cell, TypeCellError};
use graphdoc_schema::{Diagnostic, EnumMember, PropertyKind, Severity};
use std::borrow::Cow;

/// Columns of a property-like table.
pub(super) struct Columns {
    /// The first header cell, as plain lowercase text (`property`,
    /// `member`…): what kind of table this is.
    pub(super) first: String,
    pub(super) name: usize,
    pub(super) ty: Option<usize>,
    pub(super) description: Option<usize>,
    pub(super) value: Option<usize>,
}

pub(super) fn columns(table: &Table) -> Columns {
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
        value: find(&|h| h == "value" || h == "values" || h == "int value")
            .or_else(|| repeated_member_header(&header).then_some(1)),
    }
}

/// `| Member | Member | Description |`: a header whose second cell repeats
/// the first, copy-pasted over the members' values (enums.md since 2024):
/// the second column is read as values, and a cell that is not a number is
/// reported as for a `Value` column.
fn repeated_member_header(header: &[String]) -> bool {
    header.len() > 2 && header[1] == header[0] && is_member_header(&header[0])
}

pub(super) fn is_property_header(first: &str) -> bool {
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

pub(super) fn is_member_header(first: &str) -> bool {
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
    if let Some(annotation) = odata_annotation_without_at(name) {
        return (
            Severity::Note,
            format!("`{name}` is the OData annotation `@{annotation}` of the object (written without its `@`), not a property; the row is not read"),
        );
    }
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

/// `odata.type` in a properties table (pages since 2024 document the
/// `@odata.type` a derived type carries that way): an annotation, though its
/// name is a well-formed dotted identifier.
fn odata_annotation_without_at(name: &str) -> Option<&str> {
    name.strip_prefix("odata.")
        .filter(|rest| crate::types::is_type_identifier(rest))
        .map(|_| name)
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

pub(super) fn property_rows(
    ctx: &mut Ctx,
    table: &Table,
    cols: &Columns,
    kind: PropertyKind,
) -> Vec<RawProperty> {
    let ty_col = cols.ty.unwrap_or(1);
    let desc_col = cols.description;
    let header_len = table.header.len();
    // Sized once: doubling would leave a huge table's rows up to twice
    // their size in memory, and copy them as it grows.
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) || is_section_row(&row.cells) {
            continue;
        }
        let cells = row_cells(ctx, row, cols.description, header_len);
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
        if !crate::types::is_type_identifier(&name) || odata_annotation_without_at(&name).is_some()
        {
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
/// A row's cells, with the cells past the header joined into the last
/// (description) cell: an unescaped pipe inside it.
fn row_cells<'r>(
    ctx: &mut Ctx,
    row: &'r Row<'r>,
    desc_col: Option<usize>,
    header_len: usize,
) -> Cow<'r, [Cow<'r, str>]> {
    let mut cells = Cow::Borrowed(row.cells.as_slice());
    if cells.len() > header_len {
        if let Some(d) = desc_col.filter(|&d| d + 1 == header_len) {
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
    cells
}

pub(super) fn member_rows(ctx: &mut Ctx, table: &Table, cols: &Columns) -> Vec<EnumMember> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let (sev, message) = read("odata.type");
        assert_eq!(sev, Severity::Note);
        assert!(
            message.contains("annotation `@odata.type` of the object"),
            "{message}"
        );
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
}
