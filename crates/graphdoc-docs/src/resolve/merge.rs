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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::fixtures::{q, raw_type, string, structural};
    use graphdoc_schema::{EnumMember, DEFAULT_NAMESPACE};

    fn on_page(name: &str, file: &str, properties: &[&str]) -> RawType {
        RawType {
            source: Source::new(file, 3),
            properties: properties.iter().map(|p| structural(p, string())).collect(),
            ..raw_type(name)
        }
    }

    #[test]
    fn the_page_named_after_a_type_is_primary_and_the_others_add_properties() {
        let mut diagnostics = Vec::new();
        let intune = RawType {
            key: Some("id".to_string()),
            has_methods: true,
            ..on_page(
                "user",
                "intune-devices-user.md",
                &["id", "deviceEnrollmentLimit"],
            )
        };
        let user = on_page("user", "user.md", &["id", "displayName"]);
        let merged = merge_types(vec![intune, user], &mut diagnostics);
        let user = &merged[&q("user")];
        assert_eq!(user.source.file, "user.md");
        let names: Vec<&str> = user.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "displayName", "deviceEnrollmentLimit"]);
        // What the primary page leaves unsaid, the other says.
        assert_eq!(user.key.as_deref(), Some("id"));
        assert!(user.has_methods);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            (diagnostics[0].file.as_str(), diagnostics[0].code.as_str()),
            ("intune-devices-user.md", codes::DUPLICATE_DEFINITION)
        );
        assert!(
            diagnostics[0]
                .message
                .contains("1 properties from this page were added"),
            "{}",
            diagnostics[0].message
        );
    }

    fn an_enum(file: &str, members: &[&str]) -> EnumDef {
        EnumDef {
            name: "color".to_string(),
            namespace: DEFAULT_NAMESPACE.to_string(),
            is_flags: false,
            description: String::new(),
            members: members
                .iter()
                .map(|m| EnumMember {
                    name: m.to_string(),
                    value: None,
                    description: String::new(),
                    source: Source::new(file, 9),
                })
                .collect(),
            source: Source::new(file, 1),
        }
    }

    #[test]
    fn of_two_enums_the_longer_member_list_is_kept() {
        let mut enums = BTreeMap::new();
        let mut diagnostics = Vec::new();
        add_enum(&mut enums, an_enum("a.md", &["red"]), &mut diagnostics);
        add_enum(
            &mut enums,
            an_enum("b.md", &["red", "blue"]),
            &mut diagnostics,
        );
        assert_eq!(enums[&q("color")].source.file, "b.md");
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("also defined at a.md:1"),
            "{}",
            diagnostics[0].message
        );
        // The same members again: nothing to say.
        add_enum(
            &mut enums,
            an_enum("c.md", &["red", "blue"]),
            &mut diagnostics,
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(enums[&q("color")].source.file, "b.md");
    }

    #[test]
    fn a_resource_page_that_defines_nothing_is_noted() {
        let page = |path: &str, kind| PageInput {
            path: path.to_string(),
            kind,
            bytes: Vec::new(),
        };
        let pages = [
            page("resources/overview.md", crate::PageKind::Resource),
            page("api/nothing.md", crate::PageKind::Api),
        ];
        let mut diagnostics = Vec::new();
        let gathered = gather(
            &pages,
            vec![PageItems::default(), PageItems::default()],
            &mut diagnostics,
        );
        assert!(gathered.types.is_empty() && gathered.operations.is_empty());
        let noted: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.code.as_str()))
            .collect();
        assert_eq!(noted, [("resources/overview.md", codes::NO_ITEMS)]);
    }
}
