//! Entity or complex: which types have an identity (a key, or being
//! addressed as entities are), and so which properties are navigation.

use super::bases::{ancestors, Bases};
use super::index::{Defined, Index};
use super::paths::{ends_in_key, PathIndex};
use crate::page::{codes, RawOperation, RawType};
use graphdoc_schema::{Diagnostic, PropertyKind, Severity, TypeKind, TypeRef, DEFAULT_NAMESPACE};
use std::collections::{BTreeMap, HashMap, HashSet};

type Types = BTreeMap<String, RawType>;

/// What tells that a type's instances have an identity.
pub(super) struct Identity {
    /// Each type's key, when trusted.
    keys: HashMap<String, Option<String>>,
    /// Types the docs address as entities (`addressable_types`).
    addressable: HashSet<String>,
}

impl Identity {
    pub(super) fn new(
        types: &Types,
        bases: &Bases,
        ops: &[RawOperation],
        paths: &PathIndex,
        index: &Index,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        Identity {
            keys: trusted_keys(types, bases, diagnostics),
            addressable: addressable_types(types, ops, paths, index),
        }
    }

    /// The type's key, when trusted.
    pub(super) fn key(&self, q: &str) -> Option<&str> {
        self.keys.get(q).and_then(|k| k.as_deref())
    }

    /// A key, an addressable page with an `id`, or being addressed as an
    /// entity.
    pub(super) fn has_identity(&self, types: &Types, q: &str) -> bool {
        types.get(q).is_some_and(|t| {
            self.keys[q].is_some() || addressable_with_id(t) || self.addressable.contains(q)
        })
    }
}

/// A key annotation is copied between pages more often than any other line:
/// on a type that has no such property, no base to inherit it from and no
/// operations of its own, it is not evidence of an entity.
fn trusted_keys(
    types: &Types,
    bases: &Bases,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<String, Option<String>> {
    let mut keys: HashMap<String, Option<String>> = HashMap::new();
    for (q, t) in types {
        let key = t.key.clone().filter(|k| {
            let has = t.properties.iter().any(|p| &p.name == k)
                || t.json_properties.iter().any(|p| &p.name == k)
                || t.json_untyped.iter().any(|(n, _)| n == k);
            let trusted = has || t.has_methods || bases[q].is_some();
            if !trusted {
                diagnostics.push(Diagnostic::new(
                    &t.source,
                    Severity::Note,
                    codes::KIND_FROM_TYPE,
                    format!("`{}` is annotated with key `{k}` but has no such property, no base type and no methods; read as a complex type", t.name),
                ));
            }
            trusted
        });
        keys.insert(q.clone(), key);
    }
    keys
}

/// A type is an entity when it or an ancestor has an identity.
pub(super) fn kinds(
    types: &Types,
    bases: &Bases,
    identity: &Identity,
) -> HashMap<String, TypeKind> {
    let is_entity = |q: &str| -> bool {
        std::iter::once(q.to_string())
            .chain(ancestors(bases, q))
            .any(|name| identity.has_identity(types, &name))
    };
    types
        .keys()
        .map(|q| {
            (
                q.clone(),
                if is_entity(q) {
                    TypeKind::Entity
                } else {
                    TypeKind::Complex
                },
            )
        })
        .collect()
}

/// CSDL allows only entity types behind navigation properties, and only
/// them there: the type decides, whichever table the row sits in (`written`).
pub(super) fn property_kind(
    kinds: &HashMap<String, TypeKind>,
    ty: &TypeRef,
    written: PropertyKind,
) -> PropertyKind {
    match kinds.get(&ty.name) {
        Some(TypeKind::Entity) => PropertyKind::Navigation,
        Some(TypeKind::Complex) => PropertyKind::Structural,
        None => {
            if ty.is_primitive() {
                PropertyKind::Structural
            } else {
                written
            }
        }
    }
}

/// Types the docs address as entities without saying so on their own page:
/// the target of a row in some Relationships table (CSDL allows navigation
/// only to entity types), the type an API returns from a path that ends in a
/// key (`GET /x/{id}/items/{item-id}`: only entities are addressed by key),
/// and the members of a collection an API lists when another API addresses
/// that collection by key (`GET /x/{id}/items` and `DELETE
/// /x/{id}/items/{item-id}`).
fn addressable_types(
    types: &BTreeMap<String, RawType>,
    ops: &[RawOperation],
    paths: &PathIndex,
    index: &Index,
) -> HashSet<String> {
    let mut out = HashSet::new();
    for t in types.values() {
        for p in t
            .properties
            .iter()
            .filter(|p| p.kind == PropertyKind::Navigation)
        {
            if let Some((q, Defined::Type)) = index.resolve_cell(&p.cell_type, &t.namespace) {
                out.insert(q.clone());
            }
        }
    }
    for raw in ops.iter().filter(|o| o.op.method == "GET") {
        let Some(cell) = raw.response_type.as_ref().filter(|c| c.collection) else {
            continue;
        };
        if raw.op.paths.iter().any(|p| paths.is_keyed_collection(p)) {
            if let Some((q, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) {
                out.insert(q.clone());
            }
        }
    }
    for raw in ops {
        let by_key = matches!(raw.op.method.as_str(), "GET" | "PATCH" | "PUT")
            && raw.op.paths.iter().any(|p| ends_in_key(p));
        if !by_key {
            continue;
        }
        if let Some(cell) = raw.response_type.as_ref().filter(|c| !c.collection) {
            if let Some((q, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) {
                out.insert(q.clone());
            }
        }
    }
    out
}

/// A type the docs give operations (a Methods table linking API pages) and
/// an `id` is an entity even when no annotation names its key.
fn addressable_with_id(t: &RawType) -> bool {
    t.key.is_none() && t.has_methods && t.properties.iter().any(|p| p.name == "id")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::bases::Bases;
    use crate::resolve::fixtures::{
        by_name, collection_of, entity, index_of, named, navigation, operation, q, raw_type,
        string, structural,
    };
    use graphdoc_schema::BaseTypeFrom;

    fn identity_of(
        types: &Types,
        bases: &Bases,
        ops: &[RawOperation],
    ) -> (Identity, Vec<Diagnostic>) {
        let index = index_of(types);
        let paths = PathIndex::new(ops, types, &index);
        let mut diagnostics = Vec::new();
        let identity = Identity::new(types, bases, ops, &paths, &index, &mut diagnostics);
        (identity, diagnostics)
    }

    fn no_bases(types: &Types) -> Bases {
        let mut bases = Bases::default();
        for q in types.keys() {
            bases.stated(q.clone(), None, None);
        }
        bases
    }

    #[test]
    fn a_key_naming_no_property_of_a_bare_type_is_not_trusted() {
        let keyed = |name: &str| RawType {
            key: Some("id".to_string()),
            ..raw_type(name)
        };
        let copied = keyed("copied");
        let with_methods = RawType {
            has_methods: true,
            ..keyed("withMethods")
        };
        let types = by_name(vec![copied, with_methods, entity()]);
        let (identity, diagnostics) = identity_of(&types, &no_bases(&types), &[]);
        assert_eq!(identity.key(&q("copied")), None);
        assert_eq!(identity.key(&q("withMethods")), Some("id"));
        assert_eq!(identity.key(&q("entity")), Some("id"));
        let noted: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.code.as_str()))
            .collect();
        assert_eq!(noted, [("copied.md", codes::KIND_FROM_TYPE)]);
    }

    #[test]
    fn a_type_is_an_entity_when_it_or_an_ancestor_has_an_identity() {
        let owner = RawType {
            properties: vec![navigation("items", collection_of("item"))],
            ..raw_type("owner")
        };
        let listed = RawType {
            has_methods: true,
            properties: vec![structural("id", string())],
            ..raw_type("listed")
        };
        let types = by_name(vec![
            entity(),
            raw_type("child"),
            raw_type("item"),
            owner,
            listed,
            raw_type("note"),
            raw_type("byKey"),
        ]);
        let mut bases = no_bases(&types);
        bases.set(q("child"), q("entity"), BaseTypeFrom::Annotation);
        let ops = [operation(
            "Get byKey",
            "GET",
            &["/things/{id}/byKey/{byKey-id}"],
            Some(named("byKey")),
        )];
        let (identity, _) = identity_of(&types, &bases, &ops);
        let kinds = kinds(&types, &bases, &identity);
        let kind = |name: &str| kinds[&q(name)];
        assert_eq!(kind("entity"), TypeKind::Entity);
        assert_eq!(kind("child"), TypeKind::Entity, "derives from entity");
        assert_eq!(
            kind("item"),
            TypeKind::Entity,
            "target of a Relationships row"
        );
        assert_eq!(kind("listed"), TypeKind::Entity, "methods and an `id`");
        assert_eq!(
            kind("byKey"),
            TypeKind::Entity,
            "returned from a path ending in a key"
        );
        assert_eq!(kind("owner"), TypeKind::Complex);
        assert_eq!(kind("note"), TypeKind::Complex);
    }

    #[test]
    fn the_target_type_decides_navigation_or_structural() {
        let kinds = HashMap::from([
            (q("user"), TypeKind::Entity),
            (q("address"), TypeKind::Complex),
        ]);
        let to = |name: &str| TypeRef::new(name.to_string(), false);
        use PropertyKind::{Navigation, Structural};
        assert_eq!(
            property_kind(&kinds, &to(&q("user")), Structural),
            Navigation
        );
        assert_eq!(
            property_kind(&kinds, &to(&q("address")), Navigation),
            Structural
        );
        assert_eq!(
            property_kind(&kinds, &to("Edm.String"), Navigation),
            Structural
        );
        // A type no page defines: as the page wrote it.
        assert_eq!(
            property_kind(&kinds, &to(&q("unknown")), Navigation),
            Navigation
        );
    }
}
