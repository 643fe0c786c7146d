//! A small hand-built schema: vppToken as the v1.0 docs describe it, a
//! polymorphic directoryObject hierarchy, a flags enum and hostile names.

#![allow(dead_code)]

use graphdoc_schema::*;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn src(line: u32) -> Source {
    Source::new("resources/fixture.md", line)
}

pub fn prop(name: &str, ty: &str, collection: bool) -> Property {
    Property {
        name: name.into(),
        ty: TypeRef::new(ty, collection),
        kind: PropertyKind::Structural,
        description: format!("The {name}."),
        read_only: false,
        nullable: None,
        possible_values: Vec::new(),
        query_options: Vec::new(),
        required_on_create: false,
        source: src(1),
    }
}

/// A row of a Relationships table.
pub fn navigation(name: &str, ty: &str, collection: bool) -> Property {
    Property {
        kind: PropertyKind::Navigation,
        ..prop(name, ty, collection)
    }
}

pub fn typedef(name: &str, base: Option<&str>, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        name: name.into(),
        namespace: DEFAULT_NAMESPACE.into(),
        kind: TypeKind::Entity,
        base_type: base.map(|b| format!("microsoft.graph.{b}")),
        base_type_from: None,
        key: None,
        is_abstract: false,
        is_open: false,
        description: format!("A {name}."),
        properties,
        optional_properties: Vec::new(),
        source: src(1),
    }
}

pub fn enumdef(name: &str, flags: bool, members: &[(&str, Option<i64>)]) -> EnumDef {
    EnumDef {
        name: name.into(),
        namespace: DEFAULT_NAMESPACE.into(),
        is_flags: flags,
        description: format!("The {name} values."),
        members: members
            .iter()
            .map(|(n, v)| EnumMember {
                name: (*n).into(),
                value: *v,
                description: String::new(),
                source: src(2),
            })
            .collect(),
        source: src(2),
    }
}

pub fn small_schema(version: &str) -> Schema {
    let mut s = Schema {
        version: version.into(),
        ..Schema::default()
    };
    add_small_types(&mut s);
    add_small_enums(&mut s);
    add_small_operations(&mut s);
    s
}

/// A small hierarchy, and names that collide with Rust's.
fn add_small_types(s: &mut Schema) {
    let mut add = |t: TypeDef| {
        s.types.insert(t.qualified_name(), t);
    };
    add(typedef(
        "entity",
        None,
        vec![prop("id", "Edm.String", false)],
    ));
    add(typedef(
        "vppToken",
        Some("entity"),
        vec![
            prop("organizationName", "Edm.String", false),
            prop(
                "vppTokenAccountType",
                "microsoft.graph.vppTokenAccountType",
                false,
            ),
            prop("appleId", "Edm.String", false),
            prop("expirationDateTime", "Edm.DateTimeOffset", false),
            prop("lastSyncDateTime", "Edm.DateTimeOffset", false),
            prop("token", "Edm.String", false),
            prop("lastModifiedDateTime", "Edm.DateTimeOffset", false),
            prop("state", "microsoft.graph.vppTokenState", false),
            prop(
                "lastSyncStatus",
                "microsoft.graph.vppTokenSyncStatus",
                false,
            ),
            prop("automaticallyUpdateApps", "Edm.Boolean", false),
            prop("countryOrRegion", "Edm.String", false),
        ],
    ));
    add(typedef(
        "directoryObject",
        Some("entity"),
        vec![prop("deletedDateTime", "Edm.DateTimeOffset", false)],
    ));
    add(typedef(
        "user",
        Some("directoryObject"),
        vec![prop("displayName", "Edm.String", false)],
    ));
    add(typedef(
        "group",
        Some("directoryObject"),
        vec![
            prop("mailEnabled", "Edm.Boolean", false),
            navigation("members", "microsoft.graph.directoryObject", true),
            navigation(
                "createdOnBehalfOf",
                "microsoft.graph.directoryObject",
                false,
            ),
        ],
    ));
    add(typedef(
        "directoryQuery",
        None,
        vec![
            prop("members", "microsoft.graph.directoryObject", true),
            prop("owner", "microsoft.graph.directoryObject", false),
            prop("colors", "microsoft.graph.color", false),
            prop("next", "microsoft.graph.directoryQuery", false),
        ],
    ));
    // Names that collide with the prelude, keywords, non-identifiers.
    add(typedef(
        "option",
        None,
        vec![
            prop("type", "Edm.String", false),
            prop("self", "Edm.Int64", false),
            prop("@odata.type", "Edm.String", false),
            prop("3dModel", "Edm.Guid", false),
            prop("content-type", "Edm.Binary", false),
            prop("contentType", "Edm.Duration", false),
            prop("additionalProperties", "Edm.Double", false),
            prop("when", "Edm.Date", false),
            prop("at", "Edm.TimeOfDay", false),
            prop("amount", "Edm.Decimal", false),
            prop("mystery", "microsoft.graph.notDefinedAnywhere", false),
            prop("result", "microsoft.graph.result", false),
            prop("anything", "microsoft.graph.Json", false),
            prop("ratio", "Edm.Single", false),
        ],
    ));
    // No properties and nothing derived: the docs' "any JSON".
    add(typedef("Json", None, Vec::new()));
    add(typedef(
        "result",
        None,
        vec![prop("string", "Edm.String", false)],
    ));
    add(typedef(
        "String",
        None,
        vec![prop("value", "Edm.String", false)],
    ));
}

/// Enums with and without values, a flags enum, and keyword members.
fn add_small_enums(s: &mut Schema) {
    let mut add_enum = |e: EnumDef| {
        s.enums.insert(e.qualified_name(), e);
    };
    add_enum(enumdef(
        "vppTokenState",
        false,
        &[
            ("unknown", Some(0)),
            ("valid", Some(1)),
            ("expired", Some(2)),
            ("invalid", Some(3)),
            ("assignedToExternalMDM", Some(4)),
        ],
    ));
    add_enum(enumdef(
        "vppTokenSyncStatus",
        false,
        &[
            ("none", Some(0)),
            ("inProgress", Some(1)),
            ("completed", Some(2)),
            ("failed", Some(3)),
        ],
    ));
    add_enum(enumdef(
        "vppTokenAccountType",
        false,
        &[("business", None), ("education", None)],
    ));
    add_enum(enumdef(
        "color",
        true,
        &[("red", Some(1)), ("green", Some(2)), ("blue", Some(4))],
    ));
    add_enum(enumdef(
        "keywords",
        false,
        &[
            ("self", None),
            ("Self", None),
            ("other", None),
            ("type", None),
            ("3d", None),
            // The derive's trait impls have associated types of these names.
            ("error", None),
            ("err", None),
        ],
    ));
}

/// A typed request body, a request-body table, and a collection response.
fn add_small_operations(s: &mut Schema) {
    s.operations.push(Operation {
        title: "Update vppToken".into(),
        method: "PATCH".into(),
        paths: vec!["/deviceAppManagement/vppTokens/{vppTokenId}".into()],
        request_body: Vec::new(),
        request_type: Some(TypeRef::new("microsoft.graph.vppToken", false)),
        response_type: Some(TypeRef::new("microsoft.graph.vppToken", false)),
        request_options: Default::default(),
        examples: Vec::new(),
        source: Source::new("api/vpptoken-update.md", 1),
    });
    s.operations.push(Operation {
        title: "Reply to post".into(),
        method: "POST".into(),
        paths: vec!["/groups/{id}/threads/{id}/posts/{id}/reply".into()],
        request_body: vec![
            prop("post", "microsoft.graph.directoryObject", false),
            prop("notify", "Edm.Boolean", false),
            prop("self", "Edm.String", true),
        ],
        request_type: None,
        response_type: None,
        request_options: Default::default(),
        examples: Vec::new(),
        source: Source::new("api/post-reply.md", 1),
    });
    s.operations.push(Operation {
        title: "List members".into(),
        method: "GET".into(),
        paths: vec!["https://graph.microsoft.com/v1.0/groups/{id}/members".into()],
        request_body: Vec::new(),
        request_type: None,
        response_type: Some(TypeRef::new("microsoft.graph.directoryObject", true)),
        request_options: Default::default(),
        examples: Vec::new(),
        source: Source::new("api/group-list-members.md", 1),
    });
}

/// `graphdoc-enum-derive`, absolute: generated crates are built elsewhere.
pub fn enum_derive_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../graphdoc-enum-derive")
        .canonicalize()
        .expect("graphdoc-enum-derive beside graphdoc-codegen")
}

/// One target directory for every test that builds a generated crate, so
/// that their dependencies are built once.
pub fn compile_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("codegen-compile-target")
}

/// `cargo clippy` over a generated workspace, lints denied.
pub const CLIPPY: [&str; 8] = [
    "clippy",
    "--offline",
    "--workspace",
    "--all-features",
    "--quiet",
    "--",
    "-D",
    "warnings",
];

/// Runs cargo in a generated workspace, warnings denied (rustc, rustdoc
/// and cargo's own); panics with the output on failure.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{stderr}\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        !stderr.contains("warning"),
        "cargo {args:?} warned:\n{stderr}"
    );
}
