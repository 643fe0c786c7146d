//! All pages' items together: enums and types documented on several pages
//! merged into one.

use super::index::page_key;
use crate::page::{codes, PageItems, RawOperation, RawProperty, RawType};
use crate::PageInput;
use graphdoc_schema::{qualify, Diagnostic, EnumDef, Severity, Source};
use std::collections::BTreeMap;

/// The items of all pages, before names are resolved.
pub(super) struct Gathered {
    pub(super) types: BTreeMap<String, RawType>,
    pub(super) enums: BTreeMap<String, EnumDef>,
    pub(super) operations: Vec<RawOperation>,
}

/// Takes every page's items and diagnostics in page order, noting a resource
/// page that defines nothing, and merges what several pages define.
pub(super) fn gather(
    pages: &[PageInput],
    parsed: Vec<PageItems>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Gathered {
    let mut raw_types: Vec<RawType> = Vec::new();
    let mut enums: BTreeMap<String, EnumDef> = BTreeMap::new();
    let mut operations = Vec::new();
    for (input, items) in pages.iter().zip(parsed) {
        diagnostics.extend(items.diagnostics);
        let defines_nothing =
            items.types.is_empty() && items.enums.is_empty() && items.operations.is_empty();
        if defines_nothing && input.kind == crate::PageKind::Resource {
            diagnostics.push(Diagnostic::new(
                &Source::new(input.path.clone(), 1),
                Severity::Note,
                codes::NO_ITEMS,
                "page defines no type or enum (not a resource or enum page?)",
            ));
        }
        raw_types.extend(items.types);
        for e in items.enums {
            add_enum(&mut enums, e, diagnostics);
        }
        operations.extend(items.operations);
    }
    Gathered {
        types: merge_types(raw_types, diagnostics),
        enums,
        operations,
    }
}

fn add_enum(enums: &mut BTreeMap<String, EnumDef>, e: EnumDef, diagnostics: &mut Vec<Diagnostic>) {
    let q = e.qualified_name();
    match enums.get_mut(&q) {
        None => {
            enums.insert(q, e);
        }
        Some(existing) => {
            let names = |d: &EnumDef| d.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
            if names(existing) != names(&e) {
                diagnostics.push(Diagnostic::new(
                    &e.source,
                    Severity::Warning,
                    codes::DUPLICATE_DEFINITION,
                    format!("enum `{q}` is also defined at {} with other members; the longer list is kept", existing.source),
                ));
            }
            if e.members.len() > existing.members.len() {
                *existing = e;
            }
        }
    }
}

/// Several pages may document one type (`user.md` and
/// `intune-devices-user.md`). The page named after the type is the primary
/// one; the others add the properties it lacks.
fn merge_types(
    raw_types: Vec<RawType>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, RawType> {
    let mut groups: BTreeMap<String, Vec<RawType>> = BTreeMap::new();
    for t in raw_types {
        groups
            .entry(qualify(&t.namespace, &t.name))
            .or_default()
            .push(t);
    }
    let mut out = BTreeMap::new();
    for (q, mut group) in groups {
        group.sort_by_key(|t| {
            (
                page_key(&t.source.file) != format!("{}.md", t.name.to_ascii_lowercase()),
                !t.annotated,
                t.source.clone(),
            )
        });
        let mut primary = group.remove(0);
        for other in group {
            let added: Vec<RawProperty> = other
                .properties
                .into_iter()
                .filter(|p| !primary.properties.iter().any(|x| x.name == p.name))
                .collect();
            diagnostics.push(Diagnostic::new(
                &other.source,
                Severity::Note,
                codes::DUPLICATE_DEFINITION,
                format!("type `{q}` is also documented at {}; {} properties from this page were added to it", primary.source, added.len()),
            ));
            primary.properties.extend(added);
            primary.base = primary.base.or(other.base);
            primary.key = primary.key.or(other.key);
            primary.has_methods |= other.has_methods;
            primary.derived.extend(other.derived);
            if primary.json_properties.is_empty() && primary.json_untyped.is_empty() {
                primary.json_properties = other.json_properties;
                primary.json_untyped = other.json_untyped;
            }
        }
        out.insert(q, primary);
    }
    out
}
