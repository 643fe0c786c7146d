//! From a schema to a naming plan: the Rust name of every type, enum,
//! field and operation, and the Rust type of every property.

use crate::naming::{
    name_placeholders, pascal_case, snake_case, version_module, NameAllocator, PathParam,
};
use graphdoc_schema::{Diagnostic, Property, Schema, Severity, TypeRef, DEFAULT_NAMESPACE};
use std::collections::{BTreeMap, BTreeSet};

/// The names the generated version crate uses at its root besides types.
const RESERVED_ROOT: &[&str] = &["Field", "Poly", "Wire", "Object", "TypeDesc"];

pub struct VersionPlan {
    pub version: String,
    pub module: String,
    pub structs: Vec<StructPlan>,
    pub enums: Vec<EnumPlan>,
    pub operations: Vec<OperationPlan>,
}

#[derive(Debug)]
pub struct StructPlan {
    pub rust_name: String,
    pub wire_name: String,
    pub description: String,
    pub base_wire_name: Option<String>,
    pub is_abstract: bool,
    pub fields: Vec<FieldPlan>,
    pub source: String,
    /// Wire names of the base types, nearest first.
    pub ancestors: Vec<String>,
    /// Rust names of the types derived from this one (directly or not), in
    /// the byte order of their wire names.
    pub derived: Vec<String>,
}

#[derive(Debug)]
pub struct FieldPlan {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: RustType,
    pub description: String,
    pub schema_type: String,
    pub read_only: bool,
    /// A navigation property: held as `runtime::Nav`, read on demand.
    pub navigation: bool,
}

#[derive(Debug)]
pub struct EnumPlan {
    pub rust_name: String,
    pub wire_name: String,
    pub simple_wire_name: String,
    pub description: String,
    pub is_flags: bool,
    /// (variant, wire name, value, description)
    pub members: Vec<(String, String, Option<i64>, String)>,
    pub source: String,
}

#[derive(Debug)]
pub struct OperationPlan {
    pub rust_name: String,
    pub title: String,
    pub method: &'static str,
    pub paths: Vec<String>,
    pub path_params: Vec<PathParam>,
    /// The name of the struct of `path_params` (empty without any).
    pub path_struct: String,
    pub request: RustType,
    /// The struct of the request-body table, when the page names no type.
    pub body: Option<StructPlan>,
    pub response: RustType,
    /// What the page documents about query options and headers.
    pub request_options: graphdoc_schema::RequestOptions,
    /// The query options and headers the operation takes, from them.
    pub query: crate::query::QueryPlan,
    pub source: String,
    /// The schema operation's `file:line`, which `source` replaces by a link.
    pub schema_source: String,
}

/// The Rust type of a property or body, before wrapping in `Field`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    /// A runtime type (`DateTimeOffset`) or a primitive path, by full path text.
    Path(&'static str),
    /// A generated struct; `poly` when it has derived types.
    Struct {
        name: String,
        poly: bool,
    },
    /// A generated enum (or its `Set` type for flags).
    Enum {
        name: String,
    },
    Vec(Box<RustType>),
    /// A collection response.
    Page(Box<RustType>),
    /// A primitive or enum result, wrapped as `{"value": …}`.
    ValueOf(Box<RustType>),
    NoBody,
}

enum Resolved {
    Struct(String, bool),
    Enum(String),
    /// A type that can hold nothing but unknown properties: any JSON.
    Any,
    /// An enum without members: its values as strings.
    Text,
}

pub fn plan_version(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) -> VersionPlan {
    let names = allocate_type_names(schema, diagnostics);
    let structs = plan_structs(schema, &names, diagnostics);
    let enums = plan_enums(schema, &names, diagnostics);
    let mut operations = plan_operations(schema, &names.resolved, diagnostics);

    name_operations(&mut operations);
    crate::request_body::name_bodies(&mut operations);
    crate::path_params::name_path_structs(&mut operations);
    crate::query::plan_queries(&mut operations, &structs, &enums);

    VersionPlan {
        version: schema.version.clone(),
        module: version_module(&schema.version),
        structs,
        enums,
        operations,
    }
}

/// The root-level Rust names of a version's types and enums, and what each
/// wire type name resolves to.
struct TypeNames<'a> {
    resolved: BTreeMap<String, Resolved>,
    enum_names: BTreeMap<&'a str, String>,
    flags_enums: BTreeSet<&'a str>,
    struct_names: BTreeMap<&'a str, String>,
}

fn allocate_type_names<'a>(schema: &'a Schema, diagnostics: &mut Vec<Diagnostic>) -> TypeNames<'a> {
    let mut root = NameAllocator::new();
    for r in RESERVED_ROOT {
        root.reserve(r);
    }
    let mut resolved: BTreeMap<String, Resolved> = BTreeMap::new();
    let memberless = read_memberless_enums_as_text(schema, &mut resolved, diagnostics);

    // Flags enums first: the derive generates `<Name>ParseError` next to
    // every enum, and `<Name>Set` next to flags enums; those names are taken
    // with the enum's.
    let mut enum_names: BTreeMap<&str, String> = BTreeMap::new();
    let mut flags_enums: BTreeSet<&str> = BTreeSet::new();
    for flags_first in [true, false] {
        for (q, _) in schema
            .enums
            .iter()
            .filter(|(q, _)| !memberless.contains(q.as_str()))
            .filter(|(_, e)| is_flags(e) == flags_first)
        {
            let base = type_base_name(q);
            let name = if flags_first {
                flags_enums.insert(q);
                root.allocate_with_companions(&base, "", &["ParseError", "Set"])
            } else {
                root.allocate_with_companions(&base, "", &["ParseError"])
            };
            resolved.insert(
                q.clone(),
                Resolved::Enum(if flags_first {
                    format!("{name}Set")
                } else {
                    name.clone()
                }),
            );
            enum_names.insert(q, name);
        }
    }
    let has_descendants: BTreeSet<&str> = schema
        .types
        .values()
        .filter_map(|t| t.base_type.as_deref())
        .collect();
    let mut struct_names: BTreeMap<&str, String> = BTreeMap::new();
    for (q, t) in &schema.types {
        let name = root.allocate(&type_base_name(q), "");
        let kind = if is_any_json(schema, q, t, &has_descendants) {
            Resolved::Any
        } else {
            Resolved::Struct(name.clone(), has_descendants.contains(q.as_str()))
        };
        resolved.insert(q.clone(), kind);
        struct_names.insert(q, name);
    }
    TypeNames {
        resolved,
        enum_names,
        flags_enums,
        struct_names,
    }
}

/// The derive needs a member; an enum the docs list none for (or only empty
/// names) is read as a string. Returns those enums.
fn read_memberless_enums_as_text<'a>(
    schema: &'a Schema,
    resolved: &mut BTreeMap<String, Resolved>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeSet<&'a str> {
    let mut memberless: BTreeSet<&str> = BTreeSet::new();
    for (q, e) in &schema.enums {
        if member_names(e).is_empty() {
            memberless.insert(q);
            diagnostics.push(Diagnostic::new(
                &e.source,
                Severity::Warning,
                EMPTY_ENUM,
                format!("enum `{q}` has no members; its values are read as strings"),
            ));
            resolved.insert(q.clone(), Resolved::Text);
        }
    }
    memberless
}

/// The Rust type of a type reference; an undefined type becomes
/// `serde_json::Value`, with a warning at `at`.
fn resolve_type_ref(
    r: &TypeRef,
    poly_ok: bool,
    resolved: &BTreeMap<String, Resolved>,
    diagnostics: &mut Vec<Diagnostic>,
    at: &graphdoc_schema::Source,
) -> RustType {
    let single = resolve_name(&r.name, resolved, poly_ok).unwrap_or_else(|| {
        diagnostics.push(Diagnostic::new(
            at,
            Severity::Warning,
            UNKNOWN_TYPE,
            format!(
                "type `{}` is not defined; generated as serde_json::Value",
                r.name
            ),
        ));
        RustType::Path(VALUE)
    });
    if r.collection {
        RustType::Vec(Box::new(single))
    } else {
        single
    }
}

fn plan_structs(
    schema: &Schema,
    names: &TypeNames,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<StructPlan> {
    let mut structs = Vec::new();
    for (q, t) in &schema.types {
        let mut fields_alloc = NameAllocator::new();
        fields_alloc.reserve("additional_properties");
        let fields = schema
            .flattened_properties(q)
            .into_iter()
            .map(|p: &Property| FieldPlan {
                rust_name: fields_alloc.allocate(&snake_case(&p.name), "_"),
                wire_name: p.name.clone(),
                ty: resolve_type_ref(&p.ty, true, &names.resolved, diagnostics, &p.source),
                description: p.description.clone(),
                schema_type: p.ty.to_string(),
                read_only: p.read_only,
                navigation: p.kind == graphdoc_schema::PropertyKind::Navigation,
            })
            .collect();
        let base_rust_name = t
            .base_type
            .as_deref()
            .and_then(|b| names.struct_names.get(b).cloned());
        if let (Some(b), None) = (&t.base_type, &base_rust_name) {
            diagnostics.push(Diagnostic::new(
                &t.source,
                Severity::Warning,
                UNKNOWN_BASE,
                format!("base type `{b}` of `{q}` is not defined; its properties are missing"),
            ));
        }
        structs.push(StructPlan {
            rust_name: names.struct_names[q.as_str()].clone(),
            wire_name: q.clone(),
            description: t.description.clone(),
            base_wire_name: base_rust_name.as_ref().and(t.base_type.clone()),
            is_abstract: t.is_abstract,
            fields,
            source: t.source.to_string(),
            ancestors: Vec::new(),
            derived: Vec::new(),
        });
    }
    link_hierarchy(&mut structs);
    structs
}

fn plan_enums(
    schema: &Schema,
    names: &TypeNames,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EnumPlan> {
    let mut enums = Vec::new();
    for (q, e) in &schema.enums {
        let Some(rust_name) = names.enum_names.get(q.as_str()) else {
            continue;
        };
        enums.push(EnumPlan {
            rust_name: rust_name.clone(),
            wire_name: q.clone(),
            // The derive wants a name for its messages.
            simple_wire_name: if e.name.is_empty() {
                q.clone()
            } else {
                e.name.clone()
            },
            description: e.description.clone(),
            is_flags: names.flags_enums.contains(q.as_str()),
            members: plan_enum_members(q, e, diagnostics),
            source: e.source.to_string(),
        });
    }
    enums
}

/// (variant, wire name, value, description) of each member: empty names
/// skipped with a warning, repeated names skipped.
fn plan_enum_members(
    q: &str,
    e: &graphdoc_schema::EnumDef,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String, Option<i64>, String)> {
    let mut variants = NameAllocator::new();
    variants.reserve("Other");
    let mut seen = BTreeSet::new();
    let mut members = Vec::new();
    for m in &e.members {
        if m.name.is_empty() {
            diagnostics.push(Diagnostic::new(
                &m.source,
                Severity::Warning,
                EMPTY_MEMBER,
                format!("a member of enum `{q}` has an empty name; skipped"),
            ));
            continue;
        }
        if !seen.insert(m.name.as_str()) {
            continue;
        }
        members.push((
            variants.allocate(&pascal_case(&m.name), ""),
            m.name.clone(),
            m.value,
            m.description.clone(),
        ));
    }
    // The derive takes values for all members or none, and no value twice.
    let distinct_values: BTreeSet<i64> = members.iter().filter_map(|m| m.2).collect();
    if distinct_values.len() != members.len() {
        for m in &mut members {
            m.2 = None;
        }
    }
    members
}

/// The operations with a supported method, not yet named.
fn plan_operations(
    schema: &Schema,
    resolved: &BTreeMap<String, Resolved>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OperationPlan> {
    let mut operations = Vec::new();
    let segment_types = crate::naming::segment_types(schema);
    for op in &schema.operations {
        let Some(method) = http_method(op, diagnostics) else {
            continue;
        };
        let mut body = None;
        let request = match &op.request_type {
            Some(r) => resolve_type_ref(r, false, resolved, diagnostics, &op.source),
            None if op.request_body.is_empty() => {
                crate::request_body::untyped_body(op, diagnostics)
            }
            None => {
                let fields = crate::request_body::body_fields(&op.request_body, |p| {
                    resolve_type_ref(&p.ty, true, resolved, diagnostics, &p.source)
                });
                body = Some(crate::request_body::body_struct(fields));
                RustType::NoBody
            }
        };
        let response = match &op.response_type {
            Some(r) if r.collection => {
                let item = resolve_type_ref(
                    &TypeRef::new(r.name.clone(), false),
                    true,
                    resolved,
                    diagnostics,
                    &op.source,
                );
                RustType::Page(Box::new(item))
            }
            Some(r) => single_response(
                r,
                resolve_type_ref(r, true, resolved, diagnostics, &op.source),
                schema,
            ),
            None => RustType::NoBody,
        };
        let (paths, path_params) = name_placeholders(
            &op.paths
                .iter()
                .map(|p| relative_path(p, &schema.version))
                .collect::<Vec<_>>(),
            &segment_types,
        );
        operations.push(OperationPlan {
            rust_name: String::new(),
            title: op.title.clone(),
            method,
            paths,
            path_params,
            path_struct: String::new(),
            request,
            body,
            response,
            request_options: op.request_options.clone(),
            query: Default::default(),
            source: op.source.to_string(),
            schema_source: op.source.to_string(),
        });
    }
    operations
}

/// The method's name in the runtime, or a warning for an unsupported one.
fn http_method(
    op: &graphdoc_schema::Operation,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'static str> {
    Some(match op.method.to_ascii_uppercase().as_str() {
        "GET" => "Get",
        "POST" => "Post",
        "PATCH" => "Patch",
        "PUT" => "Put",
        "DELETE" => "Delete",
        other => {
            diagnostics.push(Diagnostic::new(
                &op.source,
                Severity::Warning,
                UNSUPPORTED_METHOD,
                format!(
                    "HTTP method `{other}` is not supported; operation `{}` skipped",
                    op.title
                ),
            ));
            return None;
        }
    })
}

/// The response type of an operation answering one value: a download's
/// bytes, or a primitive or enum wrapped as `{"value": …}` (what OData
/// sends for them); an object or untyped JSON as it is.
fn single_response(r: &TypeRef, resolved: RustType, schema: &Schema) -> RustType {
    match r.name.as_str() {
        "Edm.Stream" => RustType::Path("Download"),
        "Edm.Untyped" => resolved,
        name if name.starts_with("Edm.") || schema.enums.contains_key(name) => {
            RustType::ValueOf(Box::new(resolved))
        }
        _ => resolved,
    }
}

/// Fills in `ancestors` and `derived` from the base names.
fn link_hierarchy(structs: &mut [StructPlan]) {
    let base_of: BTreeMap<String, String> = structs
        .iter()
        .filter_map(|s| Some((s.wire_name.clone(), s.base_wire_name.clone()?)))
        .collect();
    let mut derived: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for s in structs.iter_mut() {
        let mut current = s.base_wire_name.clone();
        // The depth bound guards against a cyclic hierarchy in bad input.
        while let Some(base) = current.filter(|_| s.ancestors.len() < 64) {
            if base == s.wire_name || s.ancestors.contains(&base) {
                break;
            }
            derived
                .entry(base.clone())
                .or_default()
                .push((s.wire_name.clone(), s.rust_name.clone()));
            current = base_of.get(&base).cloned();
            s.ancestors.push(base);
        }
    }
    for s in structs.iter_mut() {
        if let Some(mut d) = derived.remove(&s.wire_name) {
            d.sort();
            s.derived = d.into_iter().map(|(_, rust)| rust).collect();
        }
    }
}

/// A concrete type without a property, own or inherited, that nothing
/// derives from: all it could hold is unknown properties. The docs use such
/// types (`microsoft.graph.Json`) for "any JSON value" (a string, an array
/// of arrays), so where one is used the model says `serde_json::Value`,
/// which holds an object as well. The struct itself is still generated.
fn is_any_json(
    schema: &Schema,
    qualified: &str,
    t: &graphdoc_schema::TypeDef,
    has_descendants: &BTreeSet<&str>,
) -> bool {
    !t.is_abstract
        && !has_descendants.contains(qualified)
        && schema.flattened_properties(qualified).is_empty()
}

/// Flags enums become a `<Name>Set`; the derive's sets hold at most 64
/// members, and a larger one is read as a plain enum whose `Other` keeps
/// the combined text.
fn is_flags(e: &graphdoc_schema::EnumDef) -> bool {
    e.is_flags && member_names(e).len() <= 64
}

/// The distinct, non-empty member names.
fn member_names(e: &graphdoc_schema::EnumDef) -> BTreeSet<&str> {
    e.members
        .iter()
        .map(|m| m.name.as_str())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Diagnostic codes of code generation.
pub const UNKNOWN_TYPE: &str = "GD0801";
pub const UNKNOWN_BASE: &str = "GD0802";
pub const UNSUPPORTED_METHOD: &str = "GD0803";
pub const EMPTY_ENUM: &str = "GD0804";
pub const EMPTY_MEMBER: &str = "GD0805";
pub const UNTYPED_BODY: &str = "GD0806";

/// The registry entries of the codes above: what `explain GD08xx` prints.
pub static CODES: &[graphdoc_schema::Code] = &[
    codegen_code(UNKNOWN_TYPE, "codegen-unknown-type", "a property or operation names a type the schema does not define; generated as serde_json::Value",
        "A property, parameter, request or response names a type that no page of this version defines (the front-end reported it as GD0009). The generated model cannot give it a struct, so the field is a serde_json::Value: it accepts any JSON and checks nothing. Fix: add the type's page, or correct the name in the Type cell."),
    codegen_code(UNKNOWN_BASE, "codegen-unknown-base", "a type's base type is not defined; the inherited properties are missing",
        "A type names a base type that no page defines. The generated struct has the type's own properties only: everything it should inherit is missing, and values of those properties are kept among the unknown fields. Fix: add the base type's page, or correct the base (annotation `baseType` or \"Inherits from\")."),
    codegen_code(UNSUPPORTED_METHOD, "codegen-unsupported-method", "an operation's HTTP method is not one the generated client supports; the operation is skipped",
        "An API page's HTTP request line uses a method other than GET, POST, PUT, PATCH or DELETE (or one graphdoc could not read). The generated client has no function for the operation. Fix: correct the request line under `## HTTP request`."),
    codegen_code(EMPTY_ENUM, "codegen-empty-enum", "an enum has no members; its values are generated as strings",
        "An enum's page lists no members (its members table is missing or unreadable). The generated model has no Rust enum for it: properties of the enum are plain strings. Fix: add the members table (`| Member | Value | Description |`)."),
    codegen_code(EMPTY_MEMBER, "codegen-empty-member", "an enum member has an empty name; it is skipped",
        "A row of an enum's members table has an empty name cell. The member cannot be generated and is left out. Fix: fill in the member name or remove the row."),
    codegen_code(UNTYPED_BODY, "codegen-untyped-body", "a write operation sends a body the page gives no type for; generated as serde_json::Value",
        "An API page's example request sends a body, but the page's `## Request body` section neither links the body's type (\"supply a JSON representation of a [user](../resources/user.md) object\") nor lists its properties in a table (`| Parameter | Type | Description |`, as for an action's parameters). The generated operation takes a serde_json::Value: any JSON, nothing checked. Fix: link the resource type in the Request body section, or add the table of the body's properties."),
];

const fn codegen_code(
    code: &'static str,
    name: &'static str,
    summary: &'static str,
    explain: &'static str,
) -> graphdoc_schema::Code {
    graphdoc_schema::Code {
        code,
        name,
        summary,
        default_severity: graphdoc_schema::Severity::Warning,
        enabled: true,
        explain,
        aliases: &[],
    }
}

pub const VALUE: &str = "::serde_json::Value";

/// `microsoft.graph.vppToken` -> `VppToken`; other namespaces keep their
/// last segment as a prefix: `microsoft.graph.callRecords.session` ->
/// `CallRecordsSession`.
fn type_base_name(qualified: &str) -> String {
    let (ns, name) = graphdoc_schema::split_qualified(qualified);
    let prefix = match ns.strip_prefix(DEFAULT_NAMESPACE) {
        Some("") => String::new(),
        Some(rest) => rest.trim_start_matches('.').to_owned(),
        None => ns.to_owned(),
    };
    pascal_case(&format!("{prefix}.{name}"))
}

fn resolve_name(
    name: &str,
    resolved: &BTreeMap<String, Resolved>,
    poly_ok: bool,
) -> Option<RustType> {
    if let Some(edm) = name.strip_prefix("Edm.") {
        return Some(RustType::Path(edm_type(edm)));
    }
    let found = resolved
        .get(name)
        .or_else(|| resolved.get(&format!("{DEFAULT_NAMESPACE}.{name}")))?;
    Some(match found {
        Resolved::Struct(n, poly) => RustType::Struct {
            name: n.clone(),
            poly: *poly && poly_ok,
        },
        Resolved::Enum(n) => RustType::Enum { name: n.clone() },
        Resolved::Any => RustType::Path(VALUE),
        Resolved::Text => RustType::Path("::std::string::String"),
    })
}

/// The Rust type of an `Edm` primitive; see the crate docs for the choices.
fn edm_type(edm: &str) -> &'static str {
    match edm {
        "String" => "::std::string::String",
        "Boolean" => "::core::primitive::bool",
        "Byte" => "::core::primitive::u8",
        "SByte" => "::core::primitive::i8",
        "Int16" => "::core::primitive::i16",
        "Int32" => "::core::primitive::i32",
        "Int64" => "::core::primitive::i64",
        // Not f32: payloads carry more digits than a Single holds
        // (`4.666666666666667`), and a round trip must not round them.
        "Single" => "::core::primitive::f64",
        "Double" => "::core::primitive::f64",
        "Decimal" => "::serde_json::Number",
        "DateTimeOffset" => "DateTimeOffset",
        "Date" => "Date",
        "TimeOfDay" => "TimeOfDay",
        "Duration" => "Duration",
        "Guid" => "Guid",
        "Binary" => "Base64",
        _ => VALUE,
    }
}

/// Paths as templates relative to the service root: a leading
/// `https://graph.microsoft.com/<version>` is dropped.
fn name_operations(operations: &mut [OperationPlan]) {
    let named: Vec<crate::operation_names::Named> = operations
        .iter()
        .map(|o| crate::operation_names::Named {
            title: &o.title,
            file: &o.source,
            paths: &o.paths,
        })
        .collect();
    let names = crate::operation_names::operation_names(&named);
    for (o, name) in operations.iter_mut().zip(names) {
        o.rust_name = name;
    }
}

fn relative_path(path: &str, version: &str) -> String {
    let p = path.trim();
    let p = p.strip_prefix("https://graph.microsoft.com").unwrap_or(p);
    let p = p
        .strip_prefix(&format!("/{version}"))
        .filter(|r| r.is_empty() || r.starts_with('/'))
        .unwrap_or(p);
    p.to_owned()
}
