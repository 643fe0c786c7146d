//! The schema's types and operations, built from the raw items and the
//! decisions about names, bases, keys and kinds (each type and operation on
//! its own, in parallel, with its own diagnostics, merged in order).

use super::bases::{ancestors, Bases};
use super::index::{Index, Resolver};
use super::kinds::{property_kind, Identity};
use crate::page::{codes, RawOperation, RawProperty, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{
    BaseTypeFrom, Diagnostic, Operation, Property, PropertyKind, Severity, TypeDef, TypeKind,
    DEFAULT_NAMESPACE,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What `resolve` decided, for building each type.
pub(super) struct Decided<'a> {
    pub(super) index: &'a Index,
    pub(super) bases: &'a Bases,
    pub(super) identity: &'a Identity,
    pub(super) kinds: &'a HashMap<String, TypeKind>,
}

pub(super) fn types(
    types: BTreeMap<String, RawType>,
    decided: &Decided,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TypeDef> {
    let inherited_names = inherited_names(&types, decided.bases);
    let built: Vec<(String, TypeDef, Vec<Diagnostic>)> = types
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(q, t)| {
            let inherited = inherited_names.get(&q).map(Vec::as_slice).unwrap_or(&[]);
            build_type(q, t, inherited, decided)
        })
        .collect();
    let mut out: BTreeMap<String, TypeDef> = BTreeMap::new();
    for (q, def, diags) in built {
        diagnostics.extend(diags);
        out.insert(q, def);
    }
    out
}

/// What each type inherits, so that a JSON representation showing an
/// inherited property does not declare it again on the subtype. Computed
/// only for types whose representation shows something.
fn inherited_names(
    types: &BTreeMap<String, RawType>,
    bases: &Bases,
) -> HashMap<String, Vec<String>> {
    types
        .iter()
        .filter(|(_, t)| !t.json_properties.is_empty() || !t.json_untyped.is_empty())
        .map(|(q, _)| {
            let names = ancestors(bases, q)
                .iter()
                .filter_map(|a| types.get(a))
                .flat_map(|a| {
                    let names = a.properties.iter().chain(&a.json_properties);
                    names
                        .map(|p| p.name.clone())
                        .chain(a.json_untyped.iter().map(|(n, _)| n.clone()))
                })
                .collect();
            (q.clone(), names)
        })
        .collect()
}

fn build_type(
    q: String,
    mut t: RawType,
    inherited: &[String],
    decided: &Decided,
) -> (String, TypeDef, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut resolver = Resolver {
        index: decided.index,
        diagnostics: &mut diagnostics,
    };
    let mut properties = declared_properties(&mut resolver, &mut t, decided.kinds);
    json_only_properties(
        &mut resolver,
        &mut t,
        inherited,
        decided.kinds,
        &mut properties,
    );
    // Structural first, then navigation, each in table order.
    properties.sort_by_key(|p| p.kind == PropertyKind::Navigation);
    let kind = decided.kinds[&q];
    let base_type = decided.bases[&q].clone();
    let key = decided.identity.key(&q).map(str::to_string);
    let def = TypeDef {
        name: t.name,
        namespace: t.namespace,
        kind,
        base_type_from: match &base_type {
            Some(_) => decided.bases.from.get(&q).copied(),
            None => t.states_no_base.then_some(BaseTypeFrom::Annotation),
        },
        base_type,
        key,
        is_abstract: t.is_abstract,
        is_open: t.is_open,
        description: t.description,
        properties,
        optional_properties: t.optional_properties,
        source: t.source,
    };
    (q, def, diagnostics)
}

/// The properties of the type's tables; of a name listed twice, the first.
fn declared_properties(
    resolver: &mut Resolver,
    t: &mut RawType,
    kinds: &HashMap<String, TypeKind>,
) -> Vec<Property> {
    // A set, not a scan of the list: a table of n rows is O(n), not O(n²).
    // Both sized once: growing them row by row costs more than the rows.
    let mut properties: Vec<Property> = Vec::with_capacity(t.properties.len());
    let mut read: HashSet<String> = HashSet::with_capacity(t.properties.len());
    for p in std::mem::take(&mut t.properties) {
        if !read.insert(p.name.clone()) {
            resolver.diagnostics.push(Diagnostic::new(
                &p.source,
                Severity::Warning,
                codes::DUPLICATE_PROPERTY,
                format!(
                    "property `{}` of `{}` is listed twice; the first row is kept",
                    p.name, t.name
                ),
            ));
            continue;
        }
        properties.push(property(resolver, p, &t.namespace, kinds, &t.name));
    }
    properties
}

/// Properties only the JSON representation shows: read when its placeholder
/// tells the type (not on an open type), reported either way.
fn json_only_properties(
    resolver: &mut Resolver,
    t: &mut RawType,
    inherited: &[String],
    kinds: &HashMap<String, TypeKind>,
    properties: &mut Vec<Property>,
) {
    if t.json_properties.is_empty() && t.json_untyped.is_empty() {
        return;
    }
    // Sets, not scans of the lists: linear in the table's and the
    // representation's sizes together.
    let declared: HashSet<&str> = properties.iter().map(|p| p.name.as_str()).collect();
    let inherited: HashSet<&str> = inherited.iter().map(String::as_str).collect();
    let unread_rows: HashSet<&str> = t.unread_rows.iter().map(String::as_str).collect();
    let mut added: Vec<Property> = Vec::new();
    let mut added_names: HashSet<String> = HashSet::new();
    let known = |name: &str, added_names: &HashSet<String>| {
        declared.contains(name) || added_names.contains(name) || inherited.contains(name)
    };
    for p in std::mem::take(&mut t.json_properties) {
        if known(&p.name, &added_names) {
            continue;
        }
        if t.is_open {
            // An open type's representation may show properties an
            // instance happens to carry; only the tables declare.
            resolver.diagnostics.push(Diagnostic::new(
                &p.source,
                Severity::Note,
                codes::JSON_ONLY_PROPERTY,
                format!("property `{}` of open type `{}` is only in the JSON representation; not read as declared", p.name, t.name),
            ));
            continue;
        }
        let (severity, message) = if unread_rows.contains(p.name.as_str()) {
            (Severity::Note, format!("property `{}` of `{}`: its table row's type could not be read (reported at the row); its type is read from the JSON representation", p.name, t.name))
        } else {
            (Severity::Warning, format!("property `{}` of `{}` is in the JSON representation but in no table; read from the representation", p.name, t.name))
        };
        resolver.diagnostics.push(Diagnostic::new(
            &p.source,
            severity,
            codes::JSON_ONLY_PROPERTY,
            message,
        ));
        added_names.insert(p.name.clone());
        added.push(property(resolver, p, &t.namespace, kinds, &t.name));
    }
    for (name, source) in &t.json_untyped {
        if !t.is_open && !known(name, &added_names) {
            let (severity, message) = if unread_rows.contains(name.as_str()) {
                (Severity::Note, format!("property `{name}` of `{}`: neither its table row's type (reported at the row) nor its placeholder in the JSON representation can be read; not read", t.name))
            } else {
                (Severity::Warning, format!("property `{name}` of `{}` is in the JSON representation but in no table, and its placeholder does not tell its type; not read", t.name))
            };
            resolver.diagnostics.push(Diagnostic::new(
                source,
                severity,
                codes::JSON_ONLY_PROPERTY,
                message,
            ));
        }
    }
    drop(declared);
    properties.extend(added);
}

pub(super) fn operations(
    raw_ops: Vec<RawOperation>,
    index: &Index,
    kinds: &HashMap<String, TypeKind>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let built: Vec<(Operation, Vec<Diagnostic>)> = raw_ops
        .into_par_iter()
        .map(|raw| build_operation(raw, index, kinds))
        .collect();
    let mut operations: Vec<Operation> = Vec::with_capacity(built.len());
    for (op, diags) in built {
        diagnostics.extend(diags);
        operations.push(op);
    }
    operations.sort_by(|a, b| a.source.cmp(&b.source));
    operations
}

fn build_operation(
    raw: RawOperation,
    index: &Index,
    kinds: &HashMap<String, TypeKind>,
) -> (Operation, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut resolver = Resolver {
        index,
        diagnostics: &mut diagnostics,
    };
    let mut op = raw.op;
    let ns = DEFAULT_NAMESPACE;
    op.request_body = raw
        .request_body
        .into_iter()
        .map(|p| property(&mut resolver, p, ns, kinds, &op.title))
        .collect();
    op.request_type = raw
        .request_type
        .as_ref()
        .and_then(|c| resolver.claimed_type_ref(c, ns, &op.source, "request body"));
    op.response_type = raw
        .response_type
        .as_ref()
        .and_then(|c| resolver.claimed_type_ref(c, ns, &op.source, "response"))
        .or_else(|| {
            // Where the Response section names no type, the response
            // example's annotation does (the type the docs' validator checks
            // the example against), if this version defines it; not for a
            // download, whose annotation names what the validator would check
            // a body against, not what the service sends.
            if super::shape::downloads(&op) {
                return None;
            }
            let cell = raw.annotated_response_type.as_ref()?;
            index.known_type_ref(cell, ns).ok().map(|(t, _)| t)
        });
    if op.response_type.is_none() {
        let named = |name: &str| {
            let cell = CellType {
                name: TypeName::Named(name.to_string()),
                collection: false,
                link: None,
                alias_of: None,
            };
            index.known_type_ref(&cell, ns).ok().map(|(t, _)| t.name)
        };
        op.response_type = super::shape::unnamed_response(&op, named, &mut diagnostics);
    }
    super::shape::settle(&mut op, &mut diagnostics);
    (op, diagnostics)
}

fn property(
    resolver: &mut Resolver,
    p: RawProperty,
    namespace: &str,
    kinds: &HashMap<String, TypeKind>,
    owner: &str,
) -> Property {
    let (ty, _) = resolver.type_ref(
        &p.cell_type,
        namespace,
        &p.source,
        &format!("property `{}` of `{owner}`", p.name),
    );
    let kind = property_kind(kinds, &ty, p.kind);
    if kind != p.kind {
        let (table, should) = match p.kind {
            PropertyKind::Navigation => ("Relationships", "Properties"),
            PropertyKind::Structural => ("Properties", "Relationships"),
        };
        resolver.diagnostics.push(Diagnostic::new(
            &p.source,
            Severity::Note,
            codes::KIND_FROM_TYPE,
            format!(
                "`{}` is listed under {table} but its type `{}` belongs under {should}",
                p.name, ty.name
            ),
        ));
    }
    let f = p.facts;
    Property {
        name: p.name,
        ty,
        kind,
        description: p.description,
        read_only: f.read_only,
        nullable: f.nullable,
        possible_values: f.possible_values,
        query_options: f.query_options,
        required_on_create: f.required_on_create,
        source: p.source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::fixtures::{
        by_name, collection_of, index_of, named, navigation, q, raw_type, string, structural,
    };
    use crate::resolve::kinds::Identity;
    use crate::resolve::paths::PathIndex;
    use graphdoc_schema::Source;

    /// Builds `types` with no bases but `child` → `parent`, and every
    /// type whose name ends in `entity` an entity.
    fn build(types: Vec<RawType>) -> (BTreeMap<String, TypeDef>, Vec<Diagnostic>) {
        let types = by_name(types);
        let index = index_of(&types);
        let mut bases = Bases::default();
        for q in types.keys() {
            bases.stated(q.clone(), None, None);
        }
        bases.set(q("child"), q("parent"), BaseTypeFrom::Annotation);
        let mut diagnostics = Vec::new();
        let paths = PathIndex::new(&[], &types, &index);
        let identity = Identity::new(&types, &bases, &[], &paths, &index, &mut diagnostics);
        drop(paths);
        let kinds: HashMap<String, TypeKind> = types
            .keys()
            .map(|q| {
                (
                    q.clone(),
                    if q.to_ascii_lowercase().ends_with("entity") {
                        TypeKind::Entity
                    } else {
                        TypeKind::Complex
                    },
                )
            })
            .collect();
        let decided = Decided {
            index: &index,
            bases: &bases,
            identity: &identity,
            kinds: &kinds,
        };
        let built = super::types(types, &decided, &mut diagnostics);
        (built, diagnostics)
    }

    fn names(t: &TypeDef) -> Vec<&str> {
        t.properties.iter().map(|p| p.name.as_str()).collect()
    }

    fn json(name: &str) -> RawProperty {
        RawProperty {
            source: Source::new("x.md", 30),
            ..structural(name, string())
        }
    }

    #[test]
    fn structural_properties_come_first_and_a_duplicate_row_is_dropped() {
        let t = RawType {
            properties: vec![
                navigation("owner", named("anEntity")),
                structural("name", string()),
                structural("name", collection_of("String")),
            ],
            ..raw_type("thing")
        };
        let (built, diagnostics) = build(vec![t, raw_type("anEntity")]);
        let thing = &built[&q("thing")];
        assert_eq!(names(thing), ["name", "owner"]);
        assert!(!thing.properties[0].ty.collection, "the first row is kept");
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, [codes::DUPLICATE_PROPERTY]);
    }

    #[test]
    fn a_property_only_the_representation_shows_is_read_with_a_warning() {
        let t = RawType {
            properties: vec![structural("name", string())],
            json_properties: vec![json("name"), json("size"), json("inherited")],
            json_untyped: vec![("count".to_string(), Source::new("child.md", 31))],
            ..raw_type("child")
        };
        let parent = RawType {
            properties: vec![structural("inherited", string())],
            ..raw_type("parent")
        };
        let (built, diagnostics) = build(vec![t, parent]);
        assert_eq!(names(&built[&q("child")]), ["name", "size"]);
        let said: Vec<(Severity, &str)> = diagnostics
            .iter()
            .map(|d| (d.severity, d.message.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                (Severity::Warning, "property `size` of `child` is in the JSON representation but in no table; read from the representation"),
                (Severity::Warning, "property `count` of `child` is in the JSON representation but in no table, and its placeholder does not tell its type; not read"),
            ]
        );
    }

    #[test]
    fn an_open_types_representation_declares_nothing() {
        let t = RawType {
            is_open: true,
            json_properties: vec![json("extra")],
            json_untyped: vec![("count".to_string(), Source::new("x.md", 31))],
            ..raw_type("open")
        };
        let (built, diagnostics) = build(vec![t]);
        assert!(built[&q("open")].properties.is_empty());
        let said: Vec<(Severity, &str)> = diagnostics
            .iter()
            .map(|d| (d.severity, d.code.as_str()))
            .collect();
        assert_eq!(said, [(Severity::Note, codes::JSON_ONLY_PROPERTY)]);
    }
}
