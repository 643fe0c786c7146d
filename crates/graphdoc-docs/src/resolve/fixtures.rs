//! Raw items for the unit tests of `resolve`'s steps, built in code so that
//! each test states only what its rule reads.

use super::index::Index;
use crate::page::{RawOperation, RawProperty, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{
    qualify, BaseTypeFrom, Diagnostic, EnumDef, Operation, PropertyKind, Source, DEFAULT_NAMESPACE,
};
use std::collections::BTreeMap;

/// A type cell naming `name` (as a page writes it).
pub(super) fn named(name: &str) -> CellType {
    CellType {
        name: TypeName::Named(name.to_string()),
        collection: false,
        link: None,
        alias_of: None,
    }
}

pub(super) fn collection_of(name: &str) -> CellType {
    CellType {
        collection: true,
        ..named(name)
    }
}

pub(super) fn string() -> CellType {
    CellType {
        name: TypeName::Primitive("Edm.String"),
        collection: false,
        link: None,
        alias_of: None,
    }
}

pub(super) fn property(name: &str, cell_type: CellType, kind: PropertyKind) -> RawProperty {
    RawProperty {
        name: name.to_string(),
        cell_type,
        kind,
        description: String::new(),
        facts: crate::facts::Facts::default(),
        source: Source::new("x.md", 10),
    }
}

pub(super) fn structural(name: &str, cell_type: CellType) -> RawProperty {
    property(name, cell_type, PropertyKind::Structural)
}

pub(super) fn navigation(name: &str, cell_type: CellType) -> RawProperty {
    property(name, cell_type, PropertyKind::Navigation)
}

/// A type of `microsoft.graph` documented on `<name>.md`, stating nothing.
pub(super) fn raw_type(name: &str) -> RawType {
    RawType {
        name: name.to_string(),
        namespace: DEFAULT_NAMESPACE.to_string(),
        annotated: true,
        base: None,
        base_stated_by: None,
        states_no_base: false,
        base_in_prose: None,
        key: None,
        is_abstract: false,
        is_open: false,
        description: String::new(),
        properties: Vec::new(),
        optional_properties: Vec::new(),
        has_methods: false,
        json_properties: Vec::new(),
        json_untyped: Vec::new(),
        unread_rows: Vec::new(),
        derived: Vec::new(),
        source: Source::new(format!("{}.md", name.to_ascii_lowercase()), 1),
    }
}

/// `raw_type` stating `base` by annotation.
pub(super) fn derived(name: &str, base: &str) -> RawType {
    RawType {
        base: Some(named(base)),
        base_stated_by: Some(BaseTypeFrom::Annotation),
        ..raw_type(name)
    }
}

/// `raw_type` with `entity`'s key `id`.
pub(super) fn entity() -> RawType {
    RawType {
        key: Some("id".to_string()),
        properties: vec![structural("id", string())],
        ..raw_type("entity")
    }
}

pub(super) fn by_name(types: Vec<RawType>) -> BTreeMap<String, RawType> {
    types
        .into_iter()
        .map(|t| (qualify(&t.namespace, &t.name), t))
        .collect()
}

pub(super) fn index_of(types: &BTreeMap<String, RawType>) -> Index {
    Index::new(
        types,
        &BTreeMap::<String, EnumDef>::new(),
        &mut Vec::<Diagnostic>::new(),
    )
}

/// An API page `title` calling `method` on `paths`, saying it returns
/// `response`.
pub(super) fn operation(
    title: &str,
    method: &str,
    paths: &[&str],
    response: Option<CellType>,
) -> RawOperation {
    RawOperation {
        op: Operation {
            title: title.to_string(),
            method: method.to_string(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            request_body: Vec::new(),
            request_type: None,
            response_type: None,
            request_options: Default::default(),
            examples: Vec::new(),
            source: Source::new(format!("api/{}.md", title.replace(' ', "-")), 1),
        },
        request_body: Vec::new(),
        request_type: None,
        response_type: response,
        annotated_response_type: None,
        response_shows: Vec::new(),
        created_at: Vec::new(),
    }
}

/// `microsoft.graph.<name>`.
pub(super) fn q(name: &str) -> String {
    qualify(DEFAULT_NAMESPACE, name)
}
