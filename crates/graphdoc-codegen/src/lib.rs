//! Generates the Rust model crate for Microsoft Graph from graphdoc schemas.
//!
//! [`generate`] turns one [`Schema`] per API version into a
//! [`GeneratedCrate`] (relative paths and file contents, deterministic);
//! [`write()`] puts it on disk atomically and [`check`] tells whether a
//! directory is up to date. `cargo xtask regenerate` wires them up.
//!
//! # What the generated crate looks like
//!
//! ```text
//! <out>/Cargo.toml, src/lib.rs     facade: features `v1_0` (default), `beta`
//! <out>/README.md                  quick start, [profile] snippet, docs revision
//! <out>/runtime/                   hand-written runtime, shared by the versions
//! <out>/derive/                    a copy of graphdoc-enum-derive (package
//!                                   <name>-derive), unless `Options::enum_derive`
//!                                   points elsewhere
//! <out>/<version>/enums-N/src/{a..z}.rs  crates <name>-<version>-enums-N
//!                                         (about 300 enums each)
//! <out>/<version>/types/src/{a..z}.rs    crate <name>-<version>-types (structs;
//!                                         re-exports the enums)
//! <out>/<version>/properties/src/        crate <name>-<version>-properties
//!                                         (`properties::<Type>` enums)
//! <out>/<version>/derived/src/           crate <name>-<version>-derived
//!                                         (`derived::<Type>` enums)
//! <out>/<version>/operations-N/src/operations/  crates
//!                                         <name>-<version>-operations-N
//!                                         (about 1,200 operations each)
//! <out>/<version>/src/                   crate <name>-<version> (re-exports
//!                                         the types, `properties`, `derived`
//!                                         and `operations`)
//! ```
//!
//! # A crate family anyone can build and publish
//!
//! Nothing in the output points outside it: the runtime and the derive are
//! copied in, and siblings depend on each other by `path` and by exact
//! `version` (`=0.20210716.0`), so `cargo package --workspace` takes the
//! family as it is. Every manifest has a version, description, licence
//! (`MIT OR Apache-2.0`; `AND CC-BY-4.0` for the crates whose doc comments
//! are the docs' descriptions) and documentation link. The version follows
//! the docs ([`DocsRevision::crate_version`]): `0.YYYYMMDD.P`, the date of
//! the docs commit as the minor version, since a new docs snapshot may
//! remove or retype what the last one had. No header, doc comment or
//! manifest names a path of the generating machine: each item links its
//! page of the public reference
//! (`https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0`)
//! and keeps the docs-relative `file:line` as plain text. Output that lands
//! inside another cargo workspace ([`inside_a_workspace`]) joins it; anywhere
//! else it is a workspace of its own.
//!
//! Items are grouped into files by the first letter of their Rust name, so a
//! file stays navigable and adding a type touches one file. The facade
//! re-exports each version crate as a module (`graph_model::v1_0`,
//! `graph_model::beta`) behind its feature. Types never refer across
//! versions, so turning a feature off cannot break the other version.
//!
//! * Names: types in PascalCase, fields in snake_case, each field's wire
//!   name kept in its type's field table. Rust keywords get a trailing `_`
//!   (`type_`), names that are not identifiers lose the offending characters
//!   (`@odata.type` -> `odata_type`, leading digits get a prefix), and names
//!   that collide after conversion get `_2`, `_3`… in schema order. Types of
//!   other namespaces keep the namespace's last segment as a prefix
//!   (`microsoft.graph.callRecords.session` -> `CallRecordsSession`).
//! * Every property is a `runtime::Field<T>`: `Absent` (not written),
//!   `Null` (written as `null`: clears the value in a PATCH) or `Value(v)`.
//!   A PATCH body built from `Default::default()` sends exactly what was set.
//! * Inheritance: a struct has its own and all inherited properties. A
//!   property whose type has derived types is a `runtime::Poly<Base>`, read
//!   as the type its `@odata.type` names (`downcast_ref::<User>()`); an
//!   unknown `@odata.type` reads as the base type and is written back.
//! * A navigation property is a `runtime::Field<runtime::Nav<T>>`: the JSON
//!   the service sent (with `$expand`), read as `T` by `Nav::get`. Reading
//!   a type reads its structural properties only, so a program links the
//!   types it reads, not everything navigation reaches.
//! * Properties the schema does not know go to `additional_properties`, and
//!   are written back, so a round trip loses nothing.
//! * Enums derive `graphdoc_enum_derive::GraphEnum`, with an `Other(String)`
//!   variant that keeps values from a newer service; flags enums are used
//!   through the `<Enum>Set` type the derive generates.
//! * Every path in generated code is absolute (`::std::string::String`,
//!   `crate::User`), so Graph types named `Option`, `Result` or `String`
//!   shadow nothing.
//! * Doc comments come from the descriptions as `#[doc = "..."]` string
//!   literals (no text can end a comment or inject code), trimmed so that
//!   no indented line becomes a doctest, with markdown specials escaped
//!   (`[`, `]`, backticks, `<`, …) and bare URLs wrapped in `<>`.
//! * Operations: one unit struct per API page implementing
//!   `runtime::Operation` (method, path templates, request and response
//!   types), named from the page title; placeholders named once per
//!   operation (`{group-id}`, never `{id}` twice in a path); a `<Op>Body`
//!   struct for a request-body table the page gives no type for; a
//!   `<Op>Path` struct of the path parameters and `<Op>::path(&params)`
//!   (`runtime::expand_path` still fills a template from pairs). There is
//!   no client.
//!
//! # Why it compiles fast
//!
//! The cost of a naive model (`#[derive(Serialize, Deserialize)]` on every
//! struct) is the serde derive expansion: a visitor, a field enum and a
//! `match` per struct, type-checked and monomorphized thousands of times.
//! Here no struct derives serde:
//!
//! * Each struct carries a static field table (`TypeDesc`: wire name, base
//!   names, wire names of the fields and their sorted order, derived types)
//!   and two `match`es from field index to a `&dyn FieldValue`. Reading,
//!   writing, `Clone`, `PartialEq` and `Debug` go through that table in
//!   generic-free runtime functions (`read_object`, `write_object`,
//!   `clone_object`, `objects_equal`, `debug_object`) that are compiled
//!   once; the per-type impls are one-line calls into them. They read from
//!   and write to the runtime's object-safe `Source`/`Sink`, which stand in
//!   front of the serde deserializer/serializer (once per format): straight
//!   from the input, no `serde_json::Value` in between, and no serde
//!   visitor per type.
//! * What remains per type is small: the struct, `Clone` and `Default`
//!   written out (`Field::Absent` literals, no call per field type), and
//!   per distinct field type `FieldValue`, `Clone` and drop glue.
//!   Equality compares the JSON forms, so no `PartialEq` is instantiated
//!   per field type. The generic runtime code is written as plain loops and
//!   matches: iterator adaptors, closures and `?` would each add several
//!   instantiations for every one of the ~2,000 field types of beta.
//! * Enums are read and written through the derive's string API
//!   (`as_str`, `from_wire`), not through serde_json.
//! * Operation descriptors are unit structs with associated consts and
//!   types only: no derives, no code.
//! * Each version is several crates: enums (which never refer to each
//!   other, split into crates of about 300), types, the `properties` and
//!   `derived` enums of the types (a crate each), and operations (split
//!   into crates of about 1,200). Cargo builds them in parallel and
//!   pipelined (the types start once the enums' metadata is ready, the
//!   rest once the types' is), no single rustc holds a whole version (peak
//!   memory), and a user who needs one version builds only that one. The
//!   structs of a version refer to each other in cycles, so they stay one
//!   crate; it is the critical path of the build and the largest process.
//!   The per-type enums were in it at first: moved out, its rustc went from
//!   12.5 to 10.0 s CPU and 1.00 to 0.78 GB peak for v1.0 (beta: 36.4 to
//!   22.5 s, 2.16 to 1.63 GB), and one operations crate of beta (2.08 GB)
//!   became five of at most 1.06 GB (per-rustc figures, `cargo build -j1`).
//!   A derived-types enum's crate cannot implement a trait for the base
//!   type, so `Poly::into_derived` takes the enum the `match` names.
//! * Debug info is of little use for generated data types and costs about a
//!   third of their build, and incremental compilation only adds overhead to
//!   code that is regenerated, not edited: with
//!   `Options::standalone_workspace` the facade turns both off for the
//!   generated crates. Cargo reads profiles only from the root of the
//!   workspace being built, so a crate that depends on the model does not
//!   get them: the README gives the `[profile.dev.package."<crate>"]`
//!   snippet to copy into it ([`GeneratedCrate::model_packages`] lists the
//!   crates).
//! * Only v1.0 is a default feature: beta is as large again, and opt-in.
//! * No date/time, UUID or base64 crate is pulled in (see below).
//! * Documentation: the glob re-exports (enums into the types crate, types
//!   into the version crate) are `#[doc(no_inline)]`, else rustdoc renders
//!   every item again in each crate that re-exports it, and the model
//!   crates skip source pages (`html_no_source`): tens of megabytes of
//!   highlighted generated code nobody reads in a browser.
//! * The generated crates declare no tests (`test = false`), so
//!   `cargo clippy --all-targets` checks each of them once, not twice.
//!
//! Measured on the 2-core machine for the model generated from the real
//! docs (v1.0 and beta: 3,358 structs, 1,111 enums, 7,114 operations), a
//! consumer built cold in the dev profile with the README's snippet
//! (`cargo xtask bench-model`): v1.0 0.80 GB peak memory, 41 s CPU (load
//! average 11; 33.7 s CPU and 22.4 s wall on an idle machine before the
//! split above); v1.0 and beta 1.65 GB, 116 s CPU under the same load.
//! The largest crate, beta's structs, is the critical path and the largest
//! process. `cargo xtask model-check` (CI) builds that output with
//! clippy and documents it with rustdoc, warnings denied.
//!
//! The simplest setup is the output in its own standalone workspace
//! (`Options::standalone_workspace`), excluded from the surrounding one.
//!
//! # Edm types
//!
//! | Edm | Rust | why |
//! |---|---|---|
//! | `String` | `String` | |
//! | `Boolean`, `Byte`, `SByte`, `Int16`, `Int32` | `bool`, `u8`, `i8`, `i16`, `i32` | |
//! | `Int64` | `i64` | read from a number or a string (`IEEE754Compatible`); the smaller integers from numbers only |
//! | `Single`, `Double` | `f64`, `f64` | `NaN`, `INF`, `-INF` read and written as OData strings, other strings refused; `Single` is not `f32`, which would round the digits a payload carries |
//! | `Decimal` | `serde_json::Number` | an `f64` would round; read from a number or a string (`IEEE754Compatible`) |
//! | `DateTimeOffset` | `runtime::DateTimeOffset` | text kept, validated; accessors, `unix_timestamp()` |
//! | `Date` | `runtime::Date` | text kept, validated; `year()`, `month()`, `day()` |
//! | `TimeOfDay` | `runtime::TimeOfDay` | text kept, validated; accessors |
//! | `Duration` | `runtime::Duration` | ISO 8601 text kept, validated; `to_std()` |
//! | `Guid` | `runtime::Guid` | text kept (case too), validated; `to_u128()` |
//! | `Binary` | `runtime::Base64` | text kept, validated; `decode()`, `encode()` |
//! | other (`Stream`, `Geography…`) and unknown types | `serde_json::Value` | |
//!
//! Timestamps such as `2016-12-31T23:57:57.2481234-08:00` carry 100 ns
//! precision and an offset; `chrono` and `time` keep both only with care,
//! and re-format (`.2481234` back as `.248123400`, `+00:00` as `Z`), so a
//! sample payload would not come back byte for byte. A validated newtype
//! around the text round-trips exactly, costs no extra dependency or compile
//! time, and its accessors give the parts; convert to a date-time crate
//! where arithmetic is needed. The same reasoning holds for GUIDs (case)
//! and base64 (padding, alphabet).

mod docs;
mod emit;
mod figures;
mod fingerprint;
mod layout;
// The runtime's name hash, so that the tables are laid out where the
// runtime looks.
#[path = "../runtime/name_hash.rs"]
mod name_hash;
use layout::*;
mod naming;
mod operation_names;
mod package;
mod path_params;
mod plan;
mod properties;
mod query;
pub mod regenerate;
mod request_body;
/// The registry entries of code generation's diagnostic codes (GD08xx).
pub use plan::CODES;
mod write;

#[doc(hidden)]
pub use emit::field_slots;
#[doc(hidden)]
pub use figures::{operation_figures, OperationFigures};
/// One file written atomically (graphdoc-docs holds it: every command writes through it).
pub use graphdoc_docs::write_file_atomically;
pub use naming::{pascal_case, snake_case};
pub use package::{inside_a_workspace, DocsRevision, CODE_LICENSE, DOCS_LICENSE};
pub use write::{check, write, FileChange, StaleReport, WriteReport};
/// The fault-injection seam of [`write()`], for its fault tests only.
#[doc(hidden)]
pub use write::{write_with_faults, Step};

use emit::{by_letter, format_tokens, Ctx};
use graphdoc_schema::{Diagnostic, Schema};
use naming::NameAllocator;
use package::Manifests;
use plan::{EnumPlan, OperationPlan, StructPlan, VersionPlan};
use quote::quote;
use rayon::prelude::*;
use std::path::Path;

/// The hand-written runtime crate, copied into the output: its files under
/// `src/` and their text.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("lib.rs", include_str!("../runtime/lib.rs")),
    ("client.rs", include_str!("../runtime/client.rs")),
    (
        "client/batch.rs",
        include_str!("../runtime/client/batch.rs"),
    ),
    (
        "client/pages.rs",
        include_str!("../runtime/client/pages.rs"),
    ),
    (
        "client/retry.rs",
        include_str!("../runtime/client/retry.rs"),
    ),
    ("edm.rs", include_str!("../runtime/edm.rs")),
    ("error.rs", include_str!("../runtime/error.rs")),
    ("field.rs", include_str!("../runtime/field.rs")),
    ("link.rs", include_str!("../runtime/link.rs")),
    (
        "formats.rs",
        include_str!("../../graphdoc-schema/src/edm/formats.rs"),
    ),
    ("name_hash.rs", include_str!("../runtime/name_hash.rs")),
    ("nav.rs", include_str!("../runtime/nav.rs")),
    ("object.rs", include_str!("../runtime/object.rs")),
    ("odata_error.rs", include_str!("../runtime/odata_error.rs")),
    ("operation.rs", include_str!("../runtime/operation.rs")),
    ("pager.rs", include_str!("../runtime/pager.rs")),
    ("query.rs", include_str!("../runtime/query.rs")),
    ("request.rs", include_str!("../runtime/request.rs")),
    ("serde_io.rs", include_str!("../runtime/serde_io.rs")),
    ("wire.rs", include_str!("../runtime/wire.rs")),
];

/// Where the runtime finds the Edm formats in this repository.
const FORMATS_PATH: &str = "#[path = \"../../graphdoc-schema/src/edm/formats.rs\"]\n";

/// The marker every generated file starts with; [`write()`] only removes
/// files that carry it.
pub const GENERATED_MARKER: &str = "@generated by graphdoc-codegen";

/// Where the generated crates find `graphdoc-enum-derive`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependency {
    /// A copy in the output (`<out>/derive`, package `<name>-derive`), as
    /// the runtime is: the output builds with nothing outside it.
    Vendored,
    /// A path relative to the output directory (or absolute).
    Path(String),
    /// A crates.io version requirement.
    Version(String),
}

/// How to generate: names, versions, provenance and how the crates find each other.
#[derive(Clone, Debug)]
pub struct Options {
    /// The package name of the facade crate; the others are
    /// `<name>-runtime`, `<name>-derive` and `<name>-<version module>`.
    pub crate_name: String,
    /// What the model was generated from, for the file headers and the
    /// README (no local path: the output is read on other machines).
    pub source: String,
    /// The version of every generated crate
    /// ([`DocsRevision::crate_version`] says how it follows the docs).
    pub version: String,
    /// The docs commit, for the headers and the README.
    pub docs_revision: Option<DocsRevision>,
    /// The `repository` of every generated manifest.
    pub repository: Option<String>,
    /// Where the generated crates find `graphdoc-enum-derive`.
    pub enum_derive: Dependency,
    /// Adds a `[workspace]` to the facade so that the output builds on its
    /// own outside any workspace.
    pub standalone_workspace: bool,
    /// Further members of that standalone workspace, relative to the output
    /// directory (a test harness beside the model shares its lock file,
    /// profile and build).
    pub workspace_members: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "graph-model".into(),
            source: "the Microsoft Graph API reference docs".into(),
            version: "0.1.0".into(),
            docs_revision: None,
            repository: None,
            enum_derive: Dependency::Vendored,
            standalone_workspace: false,
            workspace_members: Vec::new(),
        }
    }
}

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the output directory, `/`-separated.
    pub path: String,
    /// The file's text; its first line carries [`GENERATED_MARKER`].
    pub contents: String,
}

/// The whole output, files in a stable order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeneratedCrate {
    /// Every file of the output, in a stable order.
    pub files: Vec<GeneratedFile>,
    /// Things in the schemas that could not be generated as written.
    pub diagnostics: Vec<Diagnostic>,
    /// Package names of the generated model crates (all but the runtime,
    /// the derive and the facade): the ones to build without debug info or
    /// incremental compilation.
    pub model_packages: Vec<String>,
    /// `(API version, module)` pairs: `("v1.0", "v1_0")` is
    /// `graph_model::v1_0` in the facade.
    pub version_modules: Vec<(String, String)>,
    /// The facade's default feature (`v1_0` when there is one).
    pub default_module: String,
    /// Every generated operation descriptor, by version and schema operation.
    pub operations: Vec<GeneratedOperation>,
}

/// Where the descriptor of one schema operation is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedOperation {
    /// API version (`v1.0`).
    pub version: String,
    /// The schema operation's title; with `source`, it identifies the operation.
    pub title: String,
    /// The page's `file:line` the operation was read from.
    pub source: String,
    /// Its path in the facade crate: `v1_0::operations::ListUsers`.
    pub path: String,
    /// The version's module (`v1_0`).
    pub module: String,
    /// The descriptor's name (`ListUsers`).
    pub rust_name: String,
    /// The HTTP method as the plan spells it (`Get`).
    pub method: &'static str,
    /// Its path templates, as `PATHS` has them (placeholders named).
    pub paths: Vec<String>,
}

impl GeneratedCrate {
    /// The contents of the file at `path` (relative to the output), if generated.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }

    fn push(&mut self, path: impl Into<String>, contents: String) {
        self.files.push(GeneratedFile {
            path: path.into(),
            contents,
        });
    }
}

/// The facade's root file, which names the generator that made the output.
const FACADE_LIB: &str = "src/lib.rs";

/// A file whose contents are made in parallel with the others.
enum Pending<'a> {
    Ready(String),
    Enums(&'a [&'a EnumPlan]),
    Structs(&'a [&'a StructPlan]),
    /// The `properties` or `derived` enums of these structs, which refer
    /// to them in the types crate of this library name.
    PerType(PerType, String, &'a [&'a StructPlan]),
    Operations(&'a [&'a OperationPlan]),
}

/// Names and headers shared by every file of one generation.
struct Names<'a> {
    manifests: Manifests<'a>,
    rs_header: String,
    runtime_package: String,
    runtime_lib: String,
}

/// Generates the model crates for `schemas` (one per API version).
pub fn generate(schemas: &[Schema], options: &Options) -> GeneratedCrate {
    generate_with(schemas, options, &|_| None)
}

/// [`generate`], taking the formatted text of the files already in
/// `out_dir` where the tokens they were formatted from did not change
/// (their fingerprint line says so): regenerating an output costs little
/// more than planning it. The result is the same bytes as [`generate`]'s.
pub fn generate_reusing(schemas: &[Schema], options: &Options, out_dir: &Path) -> GeneratedCrate {
    generate_with(schemas, options, &|path| {
        std::fs::read_to_string(out_dir.join(path)).ok()
    })
}

/// A file of the previous output by its relative path, if there is one.
type Previous<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

fn generate_with(schemas: &[Schema], options: &Options, previous: Previous) -> GeneratedCrate {
    let mut out = GeneratedCrate::default();
    let source = one_line(&options.source);
    let api_versions: Vec<String> = schemas.iter().map(|s| one_line(&s.version)).collect();
    let provenance = package::provenance(&api_versions, options.docs_revision.as_ref());
    let package = package_name(&options.crate_name);
    let runtime_package = format!("{package}-runtime");
    let names = Names {
        rs_header: format!("// {GENERATED_MARKER} from {source} ({provenance}). Do not edit.\n"),
        manifests: Manifests {
            options,
            package: package.clone(),
            toml_header: format!(
                "# {GENERATED_MARKER} from {source} ({provenance}). Do not edit.\n"
            ),
        },
        runtime_lib: runtime_package.replace('-', "_"),
        runtime_package,
    };
    let versions = plan_versions(schemas, &mut out.diagnostics);

    let mut pending: Vec<(String, Pending)> = Vec::new();
    let m = &names.manifests;
    let client_deps: Vec<String> = package::CLIENT_DEPENDENCIES
        .iter()
        .map(|d| d.to_string())
        .collect();
    let runtime_manifest = m
        .cargo_toml(
            &names.runtime_package,
            "Runtime of the generated Microsoft Graph model: fields, polymorphic values, pages, Edm types, operations, an optional client.",
            CODE_LICENSE,
            &client_deps,
        )
        .replace(
            "\n[dependencies]\n",
            &format!("\n[features]\n{}\n[dependencies]\n", package::CLIENT_FEATURES),
        );
    pending.push((
        "runtime/Cargo.toml".into(),
        Pending::Ready(runtime_manifest),
    ));
    for (file, text) in RUNTIME_FILES {
        // In the output `formats.rs` sits beside `lib.rs`.
        let text = text.replace(FORMATS_PATH, "");
        pending.push((
            format!("runtime/src/{file}"),
            Pending::Ready(format!("{}{text}", names.rs_header)),
        ));
    }
    for (path, contents) in m.derive_files(&names.rs_header) {
        pending.push((path, Pending::Ready(contents)));
    }
    // Borrowed by the pending files until they are made.
    let grouped: Vec<Groups> = versions.iter().map(Groups::new).collect();
    for (plan, groups) in versions.iter().zip(&grouped) {
        let packages = version_files(&names, plan, groups, &mut pending);
        out.model_packages.extend(packages);
    }
    out.version_modules = versions
        .iter()
        .map(|v| (v.version.clone(), v.module.clone()))
        .collect();
    out.operations = versions
        .iter()
        .flat_map(|v| {
            v.operations.iter().map(|o| GeneratedOperation {
                version: v.version.clone(),
                title: o.title.clone(),
                source: o.schema_source.clone(),
                path: format!("{}::operations::{}", v.module, o.rust_name),
                module: v.module.clone(),
                rust_name: o.rust_name.clone(),
                method: o.method,
                paths: o.paths.clone(),
            })
        })
        .collect();
    out.default_module = versions
        .iter()
        .find(|v| v.version == "v1.0")
        .or(versions.first())
        .map(|v| v.module.clone())
        .unwrap_or_default();

    // Another generator's output may be laid out differently for the same
    // plan: only this generator's is reused.
    let reuse = previous(FACADE_LIB).is_some_and(|f| fingerprint::made_by_this_generator(&f));
    let files: Vec<GeneratedFile> = pending
        .into_par_iter()
        .map_init(
            || Ctx::new(&names.runtime_lib),
            |ctx, (path, body)| {
                let old = if reuse { previous(&path) } else { None };
                let rt = &names.runtime_lib;
                let contents = match body {
                    Pending::Ready(text) => text,
                    Pending::Enums(items) => {
                        planned_file(&names, &("enums", rt, items), old, || {
                            let items = items.iter().map(|e| ctx.enum_item(e));
                            quote!(#(#items)*)
                        })
                    }
                    Pending::Structs(items) => {
                        planned_file(&names, &("structs", rt, items), old, || {
                            let items = items.iter().map(|s| ctx.struct_item(s));
                            quote!(#(#items)*)
                        })
                    }
                    Pending::PerType(kind, types, items) => {
                        let make = match kind {
                            PerType::Properties => properties::properties_item,
                            PerType::Derived => properties::derived_item,
                        };
                        let types = emit::ident(&types);
                        let types = quote!(::#types);
                        let items = items.iter().map(|s| make(ctx, &types, s));
                        tokens_file(&names, quote!(#(#items)*), old)
                    }
                    Pending::Operations(items) => {
                        planned_file(&names, &("operations", rt, items), old, || {
                            let items = items.iter().map(|o| ctx.operation_item(o));
                            quote!(#(#items)*)
                        })
                    }
                };
                GeneratedFile { path, contents }
            },
        )
        .collect();
    out.files = files;
    facade_files(&names, &versions, &mut out);
    drop(grouped);
    graphdoc_docs::free_in_background(versions);
    out
}

fn rust_file(names: &Names, tokens: proc_macro2::TokenStream) -> String {
    tokens_file(names, tokens, None)
}

/// A Rust file formatted from `tokens`: `previous` when it was formatted
/// from the same tokens by the same generator (see [`fingerprint`]), else
/// the tokens formatted.
fn tokens_file(
    names: &Names,
    tokens: proc_macro2::TokenStream,
    previous: Option<String>,
) -> String {
    let input = fingerprint::of_tokens(&tokens);
    previous
        .and_then(|p| fingerprint::reuse(p, &names.rs_header, &input))
        .unwrap_or_else(|| with_fingerprint(names, &input, format_tokens(tokens)))
}

/// A Rust file made from `plan` by `tokens`: `previous` when it was made
/// from the same plan by the same generator (see [`fingerprint`]), else the
/// tokens formatted.
fn planned_file(
    names: &Names,
    plan: &dyn std::fmt::Debug,
    previous: Option<String>,
    tokens: impl FnOnce() -> proc_macro2::TokenStream,
) -> String {
    let input = fingerprint::of_plan(plan);
    previous
        .and_then(|p| fingerprint::reuse(p, &names.rs_header, &input))
        .unwrap_or_else(|| with_fingerprint(names, &input, format_tokens(tokens())))
}

/// The header, the fingerprint line, then `body`.
fn with_fingerprint(names: &Names, input: &str, body: String) -> String {
    format!(
        "{}{}{body}",
        names.rs_header,
        fingerprint::line(input, &body)
    )
}

/// Plans every version (in parallel) and gives each a distinct module name.
fn plan_versions(schemas: &[Schema], diagnostics: &mut Vec<Diagnostic>) -> Vec<VersionPlan> {
    let planned: Vec<(VersionPlan, Vec<Diagnostic>)> = schemas
        .par_iter()
        .map(|schema| {
            let mut found = Vec::new();
            let mut plan = plan::plan_version(schema, &mut found);
            link_sources(&mut plan);
            (plan, found)
        })
        .collect();
    let mut modules = NameAllocator::new();
    for reserved in ["runtime", "src", "target", "derive"] {
        modules.reserve(reserved);
    }
    let mut versions = Vec::new();
    for (mut plan, found) in planned {
        diagnostics.extend(found);
        plan.module = modules.allocate(&plan.module, "_");
        versions.push(plan);
    }
    versions
}

/// Replaces each item's `file:line` by its page of the public reference and
/// the docs-relative `file:line`, which is what the docs say it is at.
fn link_sources(plan: &mut VersionPlan) {
    for s in &mut plan.structs {
        s.source = docs::reference(&s.source);
    }
    for e in &mut plan.enums {
        e.source = docs::reference(&e.source);
    }
    for o in &mut plan.operations {
        o.source = docs::reference(&o.source);
        // A request-body struct is documented at its operation's page.
        if let Some(body) = &mut o.body {
            body.source = docs::reference(&body.source);
        }
    }
}
