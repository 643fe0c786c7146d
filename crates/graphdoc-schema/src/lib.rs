//! The intermediate schema that every later step of graphdoc reads.
//!
//! A [`Schema`] is what the docs say about one API version: structured types
//! (entities and complex types), enums and operations, each with the file and
//! line it was read from ([`Source`]), so that any later message can point at
//! the doc line. Maps are `BTreeMap`s keyed by qualified name so that the JSON
//! form is deterministic whatever the order the pages were read in.

pub mod baseline;
pub mod csdl;
mod diagnostic;
pub mod edm;
pub mod finding;
pub mod names;
pub mod request_path;

pub use diagnostic::{Diagnostic, Severity};
pub use finding::{Code, Finding};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The namespace of most Graph types; the docs omit it in most places.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Where an item was read from: a path relative to the docs root (with `/`
/// separators) and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Relative to the docs root, `/`-separated.
    pub file: String,
    /// 1-based.
    pub line: u32,
}

impl Source {
    /// The place `line` of `file` (relative to the docs root).
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Source {
            file: file.into(),
            line,
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", finding::printable(&self.file), self.line)
    }
}

/// Everything the docs of one API version describe.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Entity and complex types by qualified name (`microsoft.graph.user`).
    pub types: BTreeMap<String, TypeDef>,
    /// Enum types by qualified name.
    pub enums: BTreeMap<String, EnumDef>,
    /// Operations, sorted by source file then line.
    pub operations: Vec<Operation>,
}

/// Whether a structured type has identity (CSDL's EntityType vs ComplexType).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    /// Has a key (or inherits one); addressable on its own.
    Entity,
    /// A value type without identity.
    Complex,
}

/// An entity or complex type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDef {
    /// The simple name, in the docs' spelling (`vppToken`).
    pub name: String,
    /// The namespace the page declares (`microsoft.graph` unless a `Namespace:` line says otherwise).
    pub namespace: String,
    /// Entity or complex, as the front-end decided from every page.
    pub kind: TypeKind,
    /// Qualified name of the base type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// What says so, when there is a base type: many pages state none, and
    /// a base read from elsewhere is worth telling apart from a stated one.
    /// `Annotation` with no base type: the annotation says `"baseType": null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type_from: Option<BaseTypeFrom>,
    /// The key property's name, for entities that state or inherit one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Instances are always of a derived type.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    /// Instances may carry properties the type does not declare.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_open: bool,
    /// The page's description of the type, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The type's own properties (not the inherited ones), structural first
    /// in table order, then navigation properties in table order.
    pub properties: Vec<Property>,
    /// Properties the JSON representation block lists as optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_properties: Vec<String>,
    /// Where the type is defined: its primary page (the one named after it).
    pub source: Source,
}

/// Where a type's base type was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BaseTypeFrom {
    /// The JSON representation's annotation (`"baseType"`).
    Annotation,
    /// The page's text ("Inherits from \[x\]").
    Prose,
    /// The base type's page names this type among its derived types.
    DerivedTypes,
    /// A row of the type's own tables says "Inherited from \[x\]".
    InheritedRow,
    /// An API page returning the base shows this type in its response example.
    ResponseExample,
    /// A response's `Location` header puts this type in a collection of the base.
    LocationHeader,
    /// The same type's page in the other version of the docs.
    OtherVersion,
    /// Stated nowhere: an addressable type derives from `entity`.
    Addressable,
}

impl BaseTypeFrom {
    /// Whether a page of the type states it (rather than graphdoc inferring it).
    pub fn is_stated(self) -> bool {
        matches!(self, BaseTypeFrom::Annotation | BaseTypeFrom::Prose)
    }

    /// A few words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            BaseTypeFrom::Annotation => "stated by the annotation",
            BaseTypeFrom::Prose => "stated in the text",
            BaseTypeFrom::DerivedTypes => "from the base page's derived types",
            BaseTypeFrom::InheritedRow => "from an \"Inherited from\" row",
            BaseTypeFrom::ResponseExample => "from a response example",
            BaseTypeFrom::LocationHeader => "from a Location header",
            BaseTypeFrom::OtherVersion => "from the other version's page",
            BaseTypeFrom::Addressable => "as the base of addressable types",
        }
    }
}

impl TypeDef {
    /// A type with no base, key, description or properties yet.
    pub fn new(
        name: impl Into<String>,
        namespace: impl Into<String>,
        kind: TypeKind,
        source: Source,
    ) -> Self {
        TypeDef {
            name: name.into(),
            namespace: namespace.into(),
            kind,
            base_type: None,
            base_type_from: None,
            key: None,
            is_abstract: false,
            is_open: false,
            description: String::new(),
            properties: Vec::new(),
            optional_properties: Vec::new(),
            source,
        }
    }

    /// `namespace.name`, the key of [`Schema::types`].
    pub fn qualified_name(&self) -> String {
        qualify(&self.namespace, &self.name)
    }

    /// The type's own property called `name` (exact case), not an inherited one.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// Whether a property holds a value or links to other entities (CSDL's Property vs NavigationProperty).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PropertyKind {
    /// A value held by the object (Properties table).
    Structural,
    /// A link to other entities (Relationships table).
    Navigation,
}

/// One row of a Properties or Relationships table, with the facts its
/// description states.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The name in the table's first column, as sent on the wire.
    pub name: String,
    /// The type the type cell names, qualified.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Structural or navigation: from the target type's kind, as CSDL requires.
    pub kind: PropertyKind,
    /// The description cell, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The description says the property is read-only (the service sets it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// `Some(false)` when the description says "not nullable", `Some(true)`
    /// when it says "nullable"; `None` when it says neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// Values listed by "Possible values are: …".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// OData query options the description says the property supports
    /// (`$filter`, `$orderby`, …), lowercased.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// The description says the property must be given when the object is created.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required_on_create: bool,
    /// The table row.
    pub source: Source,
}

/// A reference to a type: `Edm.String`, `microsoft.graph.user`, or a
/// collection of one of them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    /// Qualified name: `Edm.Int32`, `microsoft.graph.callRecords.session`.
    pub name: String,
    /// A collection of `name` rather than one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
}

impl TypeRef {
    /// A reference to `name` (qualified), or to a collection of it.
    pub fn new(name: impl Into<String>, collection: bool) -> Self {
        TypeRef {
            name: name.into(),
            collection,
        }
    }

    /// Whether the type is an `Edm` primitive rather than a type of the docs.
    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }
}

impl std::fmt::Display for TypeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

/// An enum type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumDef {
    /// The simple name, in the docs' spelling.
    pub name: String,
    /// The namespace the enum's page declares.
    pub namespace: String,
    /// Members are combinable (`"a,b"` on the wire).
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_flags: bool,
    /// The enum's description, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The members, in table order.
    pub members: Vec<EnumMember>,
    /// Where the enum is defined: its page, `enums.md` or a `### x values` section.
    pub source: Source,
}

impl EnumDef {
    /// `namespace.name`, the key of [`Schema::enums`].
    pub fn qualified_name(&self) -> String {
        qualify(&self.namespace, &self.name)
    }

    /// The members after the `unknownFutureValue` sentinel: the service sends
    /// them only to clients that opt in.
    pub fn evolvable_members(&self) -> &[EnumMember] {
        match self
            .members
            .iter()
            .position(|m| m.name == UNKNOWN_FUTURE_VALUE)
        {
            Some(i) => &self.members[i + 1..],
            None => &[],
        }
    }
}

/// The sentinel member after which evolvable enum members are listed.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// One member of an enum table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumMember {
    /// The member as sent on the wire.
    pub name: String,
    /// The integer value, when the table gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// The description cell, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The member's table row.
    pub source: Source,
}

/// One API page: an HTTP operation with its request and response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// The page title (`Update vppToken`).
    pub title: String,
    /// `GET`, `POST`, `PATCH`, `PUT`, `DELETE`.
    pub method: String,
    /// Path templates from the HTTP request block, as written.
    pub paths: Vec<String>,
    /// Rows of the request body table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_body: Vec<Property>,
    /// The type the request body carries, when the page says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_type: Option<TypeRef>,
    /// The type the response carries, when the page says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<TypeRef>,
    /// The query options and request headers the page documents.
    #[serde(default, skip_serializing_if = "RequestOptions::is_empty")]
    pub request_options: RequestOptions,
    /// The page's HTTP request and response examples, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// The API page the operation was read from.
    pub source: Source,
}

/// What an API page documents about a request beyond its path and body: the
/// query options its "Optional query parameters" section names and the
/// headers of its "Request headers" table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestOptions {
    /// The section says the operation supports the OData query parameters
    /// without naming only some ("supports the OData query parameters to
    /// help customize the response", "…, including `$search`").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub general_query_options: bool,
    /// The system query options the section names as supported (`$select`,
    /// `$top`), in the docs' spelling, first mention first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// The rows of the "Request headers" table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<RequestHeader>,
}

impl RequestOptions {
    /// Whether the page documents none of it.
    pub fn is_empty(&self) -> bool {
        *self == RequestOptions::default()
    }

    /// Whether the section names `option` (`$select`; without case).
    pub fn names_query_option(&self, option: &str) -> bool {
        self.query_options
            .iter()
            .any(|o| o.eq_ignore_ascii_case(option))
    }

    /// The documented header `name` (without case).
    pub fn header(&self, name: &str) -> Option<&RequestHeader> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }
}

/// A row of an API page's "Request headers" table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestHeader {
    /// `ConsistencyLevel`, as written.
    pub name: String,
    /// The value column as plain text (`eventual. This header and …`).
    pub value: String,
}

/// Which side of the exchange an example shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExampleKind {
    /// An HTTP request block (`GET https://…`).
    Request,
    /// An HTTP response block (`HTTP/1.1 200 OK`).
    Response,
}

/// A request or response example of an API page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    /// Request or response.
    pub kind: ExampleKind,
    /// The annotation comment above the block, as JSON.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub annotation: serde_json::Value,
    /// The first line of the HTTP block (`PATCH https://…`, `HTTP/1.1 200 OK`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub start_line: String,
    /// The body text after the headers, verbatim.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// Where the body starts.
    pub source: Source,
}

/// `namespace.name`.
pub fn qualify(namespace: &str, name: &str) -> String {
    format!("{namespace}.{name}")
}

/// Splits a qualified name into namespace and simple name.
pub fn split_qualified(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

impl Schema {
    /// The chain of a type and its ancestors, nearest first, stopping at
    /// unknown names and at cycles.
    pub fn ancestry<'a>(&'a self, qualified: &str) -> Vec<&'a TypeDef> {
        let mut chain: Vec<&TypeDef> = Vec::new();
        let mut next = self.types.get(qualified);
        while let Some(t) = next {
            if chain.iter().any(|seen| std::ptr::eq(*seen, t)) {
                break;
            }
            chain.push(t);
            next = t.base_type.as_deref().and_then(|b| self.types.get(b));
        }
        chain
    }

    /// The nearest type that `a` and `b` both are or derive from: `a` itself
    /// when `b` is or derives from it, else the nearest of `a`'s ancestors
    /// that is one of `b`'s; `None` when they share none (or either is
    /// unknown). A list of users and groups is one of `directoryObject`s.
    pub fn common_ancestor(&self, a: &str, b: &str) -> Option<String> {
        let of_b: Vec<String> = self
            .ancestry(b)
            .iter()
            .map(|t| t.qualified_name())
            .collect();
        self.ancestry(a)
            .iter()
            .map(|t| t.qualified_name())
            .find(|q| of_b.contains(q))
    }

    /// Own and inherited properties of a type; a property redefined lower in
    /// the hierarchy hides the inherited one.
    pub fn flattened_properties<'a>(&'a self, qualified: &str) -> Vec<&'a Property> {
        let mut out: Vec<&Property> = Vec::new();
        for t in self.ancestry(qualified).into_iter().rev() {
            for p in &t.properties {
                match out.iter().position(|q| q.name == p.name) {
                    Some(i) => out[i] = p,
                    None => out.push(p),
                }
            }
        }
        out
    }

    /// Pretty JSON with a final newline: the form `graphdoc schema` writes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("schema serializes");
        s.push('\n');
        s
    }

    /// Reads what [`Schema::to_json`] wrote.
    pub fn from_json(text: &str) -> Result<Schema, serde_json::Error> {
        serde_json::from_str(text)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod ancestry_tests {
    use super::*;

    fn with_types(types: &[(&str, Option<&str>)]) -> Schema {
        let mut schema = Schema::default();
        for (name, base) in types {
            let mut t = TypeDef::new(
                *name,
                DEFAULT_NAMESPACE,
                TypeKind::Entity,
                Source::new("t.md", 1),
            );
            t.base_type = base.map(|b| qualify(DEFAULT_NAMESPACE, b));
            schema.types.insert(t.qualified_name(), t);
        }
        schema
    }

    #[test]
    fn the_common_ancestor_is_the_nearest_type_both_are() {
        let schema = with_types(&[
            ("entity", None),
            ("directoryObject", Some("entity")),
            ("user", Some("directoryObject")),
            ("group", Some("directoryObject")),
            ("device", Some("entity")),
            ("loner", None),
        ]);
        let q = |n: &str| qualify(DEFAULT_NAMESPACE, n);
        let common = |a: &str, b: &str| schema.common_ancestor(&q(a), &q(b));
        assert_eq!(common("user", "group"), Some(q("directoryObject")));
        assert_eq!(
            common("directoryObject", "user"),
            Some(q("directoryObject"))
        );
        assert_eq!(
            common("user", "directoryObject"),
            Some(q("directoryObject"))
        );
        assert_eq!(common("user", "device"), Some(q("entity")));
        assert_eq!(common("user", "user"), Some(q("user")));
        assert_eq!(common("user", "loner"), None);
        assert_eq!(common("user", "nowhere"), None);
    }
}
