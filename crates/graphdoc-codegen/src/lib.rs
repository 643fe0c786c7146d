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
//! <out>/Cargo.toml, src/lib.rs     facade: features `v1_0`, `beta` (both default)
//! <out>/runtime/                   hand-written runtime, shared by the versions
//! <out>/<version>/enums-N/src/{a..z}.rs  crates <name>-<version>-enums-N
//!                                         (about 300 enums each)
//! <out>/<version>/types/src/{a..z}.rs    crate <name>-<version>-types (structs;
//!                                         re-exports the enums)
//! <out>/<version>/src/operations/        crate <name>-<version> (operations;
//!                                         re-exports the types)
//! ```
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
//!   types); `runtime::expand_path` fills a template. There is no client.
//!
//! # Why it compiles fast
//!
//! The cost of a naive model (`#[derive(Serialize, Deserialize)]` on every
//! struct) is the serde derive expansion: a visitor, a field enum and a
//! `match` per struct, type-checked and monomorphized thousands of times.
//! Here no struct derives serde:
//!
//! * Each struct carries a static field table (`TypeDesc`: wire name, base,
//!   wire names of the fields) and two `match`es from field index to a
//!   `&dyn FieldValue`. Reading, writing, `PartialEq` and `Debug` go through
//!   that table in generic-free runtime functions (`object_to_json`,
//!   `fill_object`, `objects_equal`, `debug_object`) that are compiled once;
//!   the per-type impls are one-line calls into them. Values go through
//!   `serde_json::Value`, so no serde visitor is instantiated per type.
//! * What remains per type is small: the struct, a derived `Clone`, a
//!   `Default` written out (`Field::Absent` literals, no call per field
//!   type), and per distinct field type `FieldValue`, `Clone` and drop glue.
//!   Equality compares the JSON forms, so no `PartialEq` is instantiated
//!   per field type. The generic runtime code is written as plain loops and
//!   matches: iterator adaptors, closures and `?` would each add several
//!   instantiations for every one of the ~2,000 field types of beta.
//! * Enums are read and written through the derive's string API
//!   (`as_str`, `from_wire`), not through serde_json.
//! * Operation descriptors are unit structs with associated consts and
//!   types only: no derives, no code.
//! * Each version is several crates: enums (which never refer to each
//!   other, split into crates of about 300), types, and operations. Cargo
//!   builds them in parallel and pipelined (the types start once the enums'
//!   metadata is ready), no single rustc holds a whole version (peak
//!   memory), and a user who needs one version builds only that one. The
//!   structs of a version refer to each other in cycles, so they stay one
//!   crate; it is the critical path of the build.
//! * Debug info is of little use for generated data types and costs about a
//!   third of their build, and incremental compilation only adds overhead to
//!   code that is regenerated, not edited: with
//!   `Options::standalone_workspace` the facade turns both off for the
//!   generated crates; in another workspace, add
//!   `[profile.dev.package."<crate>"]` with `debug = false` and
//!   `incremental = false` for each to the workspace root
//!   ([`GeneratedCrate::model_packages`] lists them).
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
//! docs (v1.0 and beta: 3,356 structs, 1,120 enums, 7,116 operations, 34 MB
//! of source), cold `cargo build` in the dev profile, standalone
//! (`cargo xtask bench-model`, load average about 2): 47 s wall, 81 s CPU,
//! 1.9 GB peak memory; v1.0 alone 22 s and 0.9 GB. Without the profile
//! overrides (debug info, incremental) an earlier measurement gave 67 s
//! wall, 113 s CPU, 2.4 GB. The largest crate, beta's structs, is the
//! critical path. `cargo xtask model-check` (CI) builds that output with
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
mod naming;
mod plan;
pub mod regenerate;
/// The registry entries of code generation's diagnostic codes (GD08xx).
pub use plan::CODES;
mod write;

/// One file written atomically (graphdoc-docs holds it: every command writes through it).
pub use graphdoc_docs::write_file_atomically;
pub use naming::{pascal_case, snake_case};
pub use write::{check, write, FileChange, StaleReport, WriteReport};
/// The fault-injection seam of [`write()`], for its fault tests only.
#[doc(hidden)]
pub use write::{write_with_faults, Step};

use emit::{by_letter, format_tokens, Ctx};
use graphdoc_schema::{Diagnostic, Schema};
use naming::NameAllocator;
use quote::quote;

/// The hand-written runtime crate, copied into the output: its files under
/// `src/` and their text.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("lib.rs", include_str!("../runtime/lib.rs")),
    ("edm.rs", include_str!("../runtime/edm.rs")),
    ("error.rs", include_str!("../runtime/error.rs")),
    ("field.rs", include_str!("../runtime/field.rs")),
    ("formats.rs", include_str!("../runtime/formats.rs")),
    ("object.rs", include_str!("../runtime/object.rs")),
    ("odata_error.rs", include_str!("../runtime/odata_error.rs")),
    ("operation.rs", include_str!("../runtime/operation.rs")),
    ("wire.rs", include_str!("../runtime/wire.rs")),
];

/// The marker every generated file starts with; [`write()`] only removes
/// files that carry it.
pub const GENERATED_MARKER: &str = "@generated by graphdoc-codegen";

/// Where the generated crates find `graphdoc-enum-derive`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependency {
    /// A path relative to the output directory (or absolute).
    Path(String),
    /// A crates.io version requirement.
    Version(String),
}

#[derive(Clone, Debug)]
pub struct Options {
    /// The package name of the facade crate; the others are
    /// `<name>-runtime` and `<name>-<version module>`.
    pub crate_name: String,
    /// What the model was generated from, for the file headers.
    pub source: String,
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
            enum_derive: Dependency::Path("../graphdoc-enum-derive".into()),
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
    pub contents: String,
}

/// The whole output, files in a stable order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeneratedCrate {
    pub files: Vec<GeneratedFile>,
    /// Things in the schemas that could not be generated as written.
    pub diagnostics: Vec<Diagnostic>,
    /// Package names of the generated model crates (all but the runtime and
    /// the facade): the ones to build without debug info or incremental
    /// compilation.
    pub model_packages: Vec<String>,
    /// `(API version, module)` pairs: `("v1.0", "v1_0")` is
    /// `graph_model::v1_0` in the facade.
    pub version_modules: Vec<(String, String)>,
}

impl GeneratedCrate {
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }
}

/// Generates the model crates for `schemas` (one per API version).
pub fn generate(schemas: &[Schema], options: &Options) -> GeneratedCrate {
    let mut out = GeneratedCrate::default();
    let source = one_line(&options.source);
    let package = package_name(&options.crate_name);
    let lib = package.replace('-', "_");
    let runtime_package = format!("{package}-runtime");
    let runtime_lib = runtime_package.replace('-', "_");
    let rs_header = format!(
        "// {GENERATED_MARKER} from {source}. Do not edit: run `cargo xtask regenerate`.\n"
    );
    let toml_header =
        format!("# {GENERATED_MARKER} from {source}. Do not edit: run `cargo xtask regenerate`.\n");
    let ctx = Ctx::new(&runtime_lib);

    let mut modules = NameAllocator::new();
    modules.reserve("runtime");
    modules.reserve("src");
    modules.reserve("target");
    let mut versions = Vec::new();
    // Every generated crate but the runtime and the facade.
    let mut model_packages: Vec<String> = Vec::new();
    for schema in schemas {
        let mut plan = plan::plan_version(schema, &mut out.diagnostics);
        plan.module = modules.allocate(&plan.module, "_");
        versions.push(plan);
    }

    // Runtime crate.
    out.push(
        "runtime/Cargo.toml",
        format!(
            "{toml_header}{}",
            cargo_toml(
                &runtime_package,
                "Runtime support of the generated Microsoft Graph model.",
                &[]
            )
        ),
    );
    for (file, text) in RUNTIME_FILES {
        out.push(format!("runtime/src/{file}"), format!("{rs_header}{text}"));
    }

    // Three crates per version, so that they compile in parallel and no
    // single rustc holds a whole version: enums (no dependencies on the
    // rest), types (structs; re-exports the enums) and the version crate
    // (operations; re-exports the types).
    for plan in &versions {
        let dir = &plan.module;
        let version_package = format!("{package}-{dir}");
        let types_package = format!("{version_package}-types");
        let enum_derive = match &options.enum_derive {
            Dependency::Path(p) if std::path::Path::new(p).is_absolute() => {
                format!("{{ path = {} }}", toml_str(p))
            }
            Dependency::Path(p) => format!("{{ path = {} }}", toml_str(&format!("../../{p}"))),
            Dependency::Version(v) => toml_str(v),
        };
        let runtime_dep = |up: &str| format!("{runtime_package} = {{ path = \"{up}runtime\" }}");
        let crate_docs = |what: &str| -> Vec<String> {
            let text = format!(
                "Microsoft Graph {} model, {what}; generated by graphdoc-codegen from {source}.",
                plan.version
            );
            docs::doc_lines(&text)
                .into_iter()
                .map(|l| format!(" {l}"))
                .collect()
        };

        // Enums: they never refer to each other, so they are split into
        // crates of about ENUMS_PER_CRATE that compile in parallel.
        let enum_groups = by_letter(&plan.enums, |e| &e.rust_name);
        // No enums, no enum crate (its glob re-export would be unused).
        let enum_parts = if enum_groups.is_empty() {
            Vec::new()
        } else {
            split_groups(&enum_groups, ENUMS_PER_CRATE)
        };
        let mut enum_packages = Vec::new();
        for (i, part) in enum_parts.iter().enumerate() {
            let n = i + 1;
            let enums_package = format!("{version_package}-enums-{n}");
            out.push(
                format!("{dir}/enums-{n}/Cargo.toml"),
                format!(
                    "{toml_header}{}",
                    cargo_toml(
                        &enums_package,
                        &format!(
                            "Microsoft Graph {} enums (part {n}), generated.",
                            plan.version
                        ),
                        &[
                            runtime_dep("../../"),
                            format!("graphdoc-enum-derive = {enum_derive}")
                        ]
                    )
                ),
            );
            let count: usize = part.iter().map(|(_, items)| items.len()).sum();
            let doc = crate_docs(&format!("{count} enums (part {n} of {})", enum_parts.len()));
            let mods =
                emit::module_list(&part.iter().map(|(l, _)| l.to_string()).collect::<Vec<_>>());
            let lib_rs = quote! {
                #( #![doc = #doc] )*
                #![doc(html_no_source)]
                #![allow(clippy::enum_variant_names)]
                #mods
            };
            out.push(
                format!("{dir}/enums-{n}/src/lib.rs"),
                format!("{rs_header}{}", format_tokens(lib_rs)),
            );
            for (letter, items) in part {
                let items = items.iter().map(|e| ctx.enum_item(e));
                out.push(
                    format!("{dir}/enums-{n}/src/{letter}.rs"),
                    format!("{rs_header}{}", format_tokens(quote!(#(#items)*))),
                );
            }
            model_packages.push(enums_package.clone());
            enum_packages.push((n, enums_package));
        }
        model_packages.push(types_package.clone());
        model_packages.push(version_package.clone());

        // Types.
        let enums_libs: Vec<proc_macro2::Ident> = enum_packages
            .iter()
            .map(|(_, p)| emit::ident(&p.replace('-', "_")))
            .collect();
        let mut types_deps = vec![runtime_dep("../../")];
        types_deps.extend(
            enum_packages
                .iter()
                .map(|(n, p)| format!("{p} = {{ path = \"../enums-{n}\" }}")),
        );
        out.push(
            format!("{dir}/types/Cargo.toml"),
            format!(
                "{toml_header}{}",
                cargo_toml(
                    &types_package,
                    &format!(
                        "Microsoft Graph {} structured types, generated.",
                        plan.version
                    ),
                    &types_deps
                )
            ),
        );
        let groups = by_letter(&plan.structs, |s| &s.rust_name);
        let doc = crate_docs(&format!(
            "{} structured types and the enums",
            plan.structs.len()
        ));
        let mods = emit::module_list(&groups.keys().cloned().collect::<Vec<_>>());
        let lookup = emit::lookup_fn(&ctx, plan);
        let lib_rs = quote! {
            #( #![doc = #doc] )*
            #![doc(html_no_source)]
            // Proving `Send + Sync` for `Object` walks chains of structs
            // that hold each other (a -> Box<b> -> Vec<c> ...) one level
            // per link; long chains pass the default limit of 128.
            #![recursion_limit = "1024"]
            #( #[doc(no_inline)] pub use ::#enums_libs::*; )*
            #mods
            #lookup
        };
        out.push(
            format!("{dir}/types/src/lib.rs"),
            format!("{rs_header}{}", format_tokens(lib_rs)),
        );
        for (letter, items) in &groups {
            let items = items.iter().map(|s| ctx.struct_item(s));
            out.push(
                format!("{dir}/types/src/{letter}.rs"),
                format!("{rs_header}{}", format_tokens(quote!(#(#items)*))),
            );
        }

        // The version crate: operations, and everything else re-exported.
        let types_lib = emit::ident(&types_package.replace('-', "_"));
        out.push(
            format!("{dir}/Cargo.toml"),
            format!(
                "{toml_header}{}",
                cargo_toml(
                    &version_package,
                    &format!("Microsoft Graph {} model, generated.", plan.version),
                    &[
                        runtime_dep("../"),
                        format!("{types_package} = {{ path = \"types\" }}")
                    ]
                )
            ),
        );
        let doc = crate_docs(&format!(
            "{} types, {} enums, {} operations",
            plan.structs.len(),
            plan.enums.len(),
            plan.operations.len()
        ));
        let lib_rs = quote! {
            #( #![doc = #doc] )*
            #![doc(html_no_source)]
            #[doc(no_inline)]
            pub use ::#types_lib::*;
            pub mod operations;
        };
        out.push(
            format!("{dir}/src/lib.rs"),
            format!("{rs_header}{}", format_tokens(lib_rs)),
        );
        let groups = by_letter(&plan.operations, |o| &o.rust_name);
        out.push(
            format!("{dir}/src/operations/mod.rs"),
            format!(
                "{rs_header}{}",
                format_tokens(emit::module_index(
                    &groups.keys().cloned().collect::<Vec<_>>(),
                    "Operation descriptors, one per API page: see `Operation` in the runtime."
                ))
            ),
        );
        for (letter, items) in &groups {
            let items = items.iter().map(|o| ctx.operation_item(o));
            out.push(
                format!("{dir}/src/operations/{letter}.rs"),
                format!("{rs_header}{}", format_tokens(quote!(#(#items)*))),
            );
        }
    }

    // Facade.
    let mut facade = cargo_toml(
        &package,
        "Microsoft Graph model types, generated from the API docs.",
        &[],
    );
    facade = facade.replace(
        "\n[dependencies]\n",
        "\n[features]\n__FEATURES__\n[dependencies]\n",
    );
    let feature_list: Vec<String> = versions
        .iter()
        .map(|v| format!("\"{}\"", v.module))
        .collect();
    let mut features = format!("default = [{}]\n", feature_list.join(", "));
    let mut deps = format!("{runtime_package} = {{ path = \"runtime\" }}\n");
    for v in &versions {
        features.push_str(&format!("{m} = [\"dep:{package}-{m}\"]\n", m = v.module));
        deps.push_str(&format!(
            "{package}-{m} = {{ path = \"{m}\", optional = true }}\n",
            m = v.module
        ));
    }
    facade = facade.replace("__FEATURES__\n", &features);
    facade.push_str(&deps);
    if options.standalone_workspace {
        facade.push_str("\n[workspace]\n");
        if !options.workspace_members.is_empty() {
            let members: Vec<String> = options
                .workspace_members
                .iter()
                .map(|m| toml_str(m))
                .collect();
            facade.push_str(&format!("members = [{}]\n", members.join(", ")));
        }
        // Debug info for tens of thousands of generated items costs a third
        // of the build and is of little use; see "Why it compiles fast".
        for p in &model_packages {
            facade.push_str(&format!(
                "\n[profile.dev.package.\"{p}\"]\ndebug = false\nincremental = false\n"
            ));
        }
    }
    out.model_packages = model_packages;
    out.version_modules = versions
        .iter()
        .map(|v| (v.version.clone(), v.module.clone()))
        .collect();
    out.push("Cargo.toml", format!("{toml_header}{facade}"));
    let runtime_ident = emit::ident(&runtime_lib);
    let version_items = versions.iter().map(|v| {
        let m = &v.module;
        let module = emit::ident(m);
        let krate = emit::ident(&format!("{lib}_{m}"));
        let doc = format!(
            " Microsoft Graph {} (feature `{m}`).",
            v.version.replace(['\n', '\r'], " ")
        );
        quote! {
            #[doc = #doc]
            #[cfg(feature = #m)]
            pub use ::#krate as #module;
        }
    });
    let facade_doc: Vec<String> = [
        "Microsoft Graph model types, generated by graphdoc-codegen.",
        "",
        "One module per API version, each behind a cargo feature of the same name.",
        "Every property is a `runtime::Field` (absent, null or a value); see the runtime docs.",
    ]
    .iter()
    .map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    })
    .collect();
    let facade_rs = quote! {
        #( #![doc = #facade_doc] )*
        pub use ::#runtime_ident as runtime;
        #(#version_items)*
    };
    out.push(
        "src/lib.rs",
        format!("{rs_header}{}", format_tokens(facade_rs)),
    );
    out
}

impl GeneratedCrate {
    fn push(&mut self, path: impl Into<String>, contents: String) {
        self.files.push(GeneratedFile {
            path: path.into(),
            contents,
        });
    }
}

/// About this many enums go into one crate (see "Why it compiles fast").
const ENUMS_PER_CRATE: usize = 300;

/// Splits letter groups into contiguous parts of about `per_part` items.
fn split_groups<'a, T>(
    groups: &'a std::collections::BTreeMap<String, Vec<&'a T>>,
    per_part: usize,
) -> Vec<Vec<(&'a str, &'a [&'a T])>> {
    let total: usize = groups.values().map(Vec::len).sum();
    let parts = total.div_ceil(per_part).max(1);
    let target = total.div_ceil(parts);
    let mut out: Vec<Vec<(&str, &[&T])>> = vec![Vec::new()];
    let mut filled = 0;
    for (letter, items) in groups {
        if filled >= target && out.len() < parts {
            out.push(Vec::new());
            filled = 0;
        }
        out.last_mut()
            .expect("non-empty")
            .push((letter.as_str(), items.as_slice()));
        filled += items.len();
    }
    out
}

/// A cargo package name whose `-`-to-`_` form is an identifier.
fn package_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    match cleaned.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => cleaned,
        _ => "graph-model".to_owned(),
    }
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn toml_str(s: &str) -> String {
    // A TOML basic string has JSON's escapes.
    serde_json::Value::String(s.to_owned()).to_string()
}

fn cargo_toml(name: &str, description: &str, extra_deps: &[String]) -> String {
    // Generated crates hold no tests: without `test = false`,
    // `clippy --all-targets` would check every one of them twice.
    let mut s = format!(
        "[package]\nname = {}\nversion = \"0.1.0\"\ndescription = {}\nedition = \"2021\"\nlicense = \"MIT OR Apache-2.0\"\npublish = false\n\n[lib]\ndoctest = false\ntest = false\n\n[dependencies]\n",
        toml_str(name),
        toml_str(description)
    );
    s.push_str("serde = { version = \"1\", default-features = false, features = [\"std\"] }\n");
    s.push_str("serde_json = { version = \"1\", features = [\"preserve_order\"] }\n");
    for d in extra_deps {
        s.push_str(d);
        s.push('\n');
    }
    s
}
