//! The crate family's layout: which crates a version becomes (enums split into
//! crates, types, property names, derived types, operations), their
//! manifests and docs, the facade and the README.

use super::*;

/// A version's items grouped by first letter, enums split into crates.
pub(super) struct Groups<'a> {
    enum_groups: std::collections::BTreeMap<String, Vec<&'a EnumPlan>>,
    structs: std::collections::BTreeMap<String, Vec<&'a StructPlan>>,
    /// The structs with derived types.
    derived: std::collections::BTreeMap<String, Vec<&'a StructPlan>>,
    operations: std::collections::BTreeMap<String, Vec<&'a OperationPlan>>,
}

impl<'a> Groups<'a> {
    pub(super) fn new(plan: &'a VersionPlan) -> Groups<'a> {
        Groups {
            enum_groups: by_letter(&plan.enums, |e| &e.rust_name),
            structs: by_letter(&plan.structs, |s| &s.rust_name),
            derived: by_letter(&plan.structs, |s| &s.rust_name)
                .into_iter()
                .map(|(letter, items)| {
                    let with_derived = items.into_iter().filter(|s| !s.derived.is_empty());
                    (letter, with_derived.collect::<Vec<_>>())
                })
                .filter(|(_, items)| !items.is_empty())
                .collect(),
            operations: by_letter(&plan.operations, |o| &o.rust_name),
        }
    }

    /// Enums: they never refer to each other, so they are split into
    /// crates of about ENUMS_PER_CRATE that compile in parallel. No enums,
    /// no enum crate (its glob re-export would be unused).
    fn enum_parts(&'a self) -> Vec<Vec<(&'a str, &'a [&'a EnumPlan])>> {
        if self.enum_groups.is_empty() {
            Vec::new()
        } else {
            split_groups(&self.enum_groups, ENUMS_PER_CRATE)
        }
    }
}

/// The kinds of crates of one version, so that they compile in parallel
/// and no single rustc holds a whole version: enums (no dependencies on the
/// rest), types (structs; re-exports the enums), the `properties` and
/// `derived` enums of the types (each a crate on the types), operations
/// (split into crates on the types and properties) and the version crate,
/// which re-exports them all. Returns the model packages.
pub(super) fn version_files<'a>(
    names: &Names,
    plan: &'a VersionPlan,
    groups: &'a Groups<'a>,
    pending: &mut Vec<(String, Pending<'a>)>,
) -> Vec<String> {
    let version_package = format!("{}-{}", names.manifests.package, plan.module);
    let types_package = format!("{version_package}-types");
    let enums = enums_crates(names, plan, groups, pending, &version_package);
    let mut model_packages = enums.packages;
    model_packages.push(types_package.clone());
    let per_type: Vec<String> = [PerType::Properties, PerType::Derived]
        .into_iter()
        .map(|kind| per_type_crate(names, plan, groups, pending, kind, &version_package))
        .collect();
    model_packages.extend(per_type.iter().cloned());
    let operations = operations_crates(names, plan, groups, pending, &version_package);
    model_packages.extend(operations.iter().cloned());
    model_packages.push(version_package.clone());
    types_crate(
        names,
        plan,
        groups,
        pending,
        &types_package,
        &enums.types_deps,
        &enums.libs,
    );
    version_crate(
        names,
        plan,
        pending,
        &version_package,
        &types_package,
        &per_type,
        &operations,
    );
    model_packages
}

/// The enums made per struct, each kind a crate on the types crate.
#[derive(Clone, Copy)]
pub(super) enum PerType {
    /// `properties::<Type>`, for every struct.
    Properties,
    /// `derived::<Type>`, for the structs with derived types.
    Derived,
}

impl PerType {
    /// The module of the version crate, and the crate's directory and
    /// package suffix.
    pub(super) fn module(self) -> &'static str {
        match self {
            PerType::Properties => "properties",
            PerType::Derived => "derived",
        }
    }

    fn doc(self) -> &'static str {
        match self {
            PerType::Properties => {
                "property names of each type, for $select, $expand and $orderby"
            }
            PerType::Derived => {
                "enums of the derived types of each type that has some, to match a polymorphic value on"
            }
        }
    }
}

/// The crate of one kind of per-struct enums (`<version>/properties`,
/// `<version>/derived`), on the runtime and the types crate. Returns its
/// package.
fn per_type_crate<'a>(
    names: &Names,
    plan: &'a VersionPlan,
    groups: &'a Groups<'a>,
    pending: &mut Vec<(String, Pending<'a>)>,
    kind: PerType,
    version_package: &str,
) -> String {
    let m = &names.manifests;
    let dir = format!("{}/{}", plan.module, kind.module());
    let package = format!("{version_package}-{}", kind.module());
    let types_package = format!("{version_package}-types");
    pending.push((
        format!("{dir}/Cargo.toml"),
        Pending::Ready(m.cargo_toml(
            &package,
            &format!(
                "Microsoft Graph {} model, {}, generated.",
                plan.version,
                kind.doc()
            ),
            DOCS_LICENSE,
            &[
                runtime_dep(names, "../../"),
                m.sibling(&types_package, "../types"),
            ],
        )),
    ));
    let letters = match kind {
        PerType::Properties => &groups.structs,
        PerType::Derived => &groups.derived,
    };
    let doc = crate_docs(names, plan, kind.doc());
    let mods = emit::module_list(&letters.keys().cloned().collect::<Vec<_>>());
    let lib_rs = quote! {
        #( #![doc = #doc] )*
        #![doc(html_no_source)]
        #![allow(clippy::enum_variant_names)]
        // `Object` bounds on the types: see the types crate.
        #![recursion_limit = "1024"]
        #mods
    };
    pending.push((
        format!("{dir}/src/lib.rs"),
        Pending::Ready(rust_file(names, lib_rs)),
    ));
    let types_lib = types_package.replace('-', "_");
    for (letter, items) in letters {
        let file = format!("{dir}/src/{letter}.rs");
        pending.push((file, Pending::PerType(kind, types_lib.clone(), items)));
    }
    package
}

/// The runtime as a dependency of a crate `up` below the output root.
pub(super) fn runtime_dep(names: &Names, up: &str) -> String {
    names
        .manifests
        .sibling(&names.runtime_package, &format!("{up}runtime"))
}

/// The crate-level doc lines of one of a version's crates.
pub(super) fn crate_docs(names: &Names, plan: &VersionPlan, what: &str) -> Vec<String> {
    let text = format!(
        "Microsoft Graph {} model, {what}; generated by graphdoc-codegen from {}.",
        plan.version,
        one_line(&names.manifests.options.source)
    );
    docs::doc_lines(&text)
        .into_iter()
        .map(|l| format!(" {l}"))
        .collect()
}

/// What the enums crates of a version give the types crate.
pub(super) struct EnumsCrates {
    packages: Vec<String>,
    /// The runtime and every enums crate.
    types_deps: Vec<String>,
    libs: Vec<proc_macro2::Ident>,
}

pub(super) fn enums_crates<'a>(
    names: &Names,
    plan: &'a VersionPlan,
    groups: &'a Groups<'a>,
    pending: &mut Vec<(String, Pending<'a>)>,
    version_package: &str,
) -> EnumsCrates {
    let m = &names.manifests;
    let dir = &plan.module;
    let enum_parts = groups.enum_parts();
    let mut crates = EnumsCrates {
        packages: Vec::new(),
        types_deps: vec![runtime_dep(names, "../../")],
        libs: Vec::new(),
    };
    for (i, part) in enum_parts.iter().enumerate() {
        let n = i + 1;
        let enums_package = format!("{version_package}-enums-{n}");
        pending.push((
            format!("{dir}/enums-{n}/Cargo.toml"),
            Pending::Ready(m.cargo_toml(
                &enums_package,
                &format!(
                    "Microsoft Graph {} enums (part {n}), generated.",
                    plan.version
                ),
                DOCS_LICENSE,
                &[runtime_dep(names, "../../"), m.derive_dependency("../../")],
            )),
        ));
        let count: usize = part.iter().map(|(_, items)| items.len()).sum();
        let doc = crate_docs(
            names,
            plan,
            &format!("{count} enums (part {n} of {})", enum_parts.len()),
        );
        let mods = emit::module_list(&part.iter().map(|(l, _)| l.to_string()).collect::<Vec<_>>());
        let lib_rs = quote! {
            #( #![doc = #doc] )*
            #![doc(html_no_source)]
            #![allow(clippy::enum_variant_names)]
            #mods
        };
        pending.push((
            format!("{dir}/enums-{n}/src/lib.rs"),
            Pending::Ready(rust_file(names, lib_rs)),
        ));
        for &(letter, items) in part {
            pending.push((
                format!("{dir}/enums-{n}/src/{letter}.rs"),
                Pending::Enums(items),
            ));
        }
        crates
            .types_deps
            .push(m.sibling(&enums_package, &format!("../enums-{n}")));
        crates
            .libs
            .push(emit::ident(&enums_package.replace('-', "_")));
        crates.packages.push(enums_package);
    }
    crates
}

/// The types crate: the structs, and the enums re-exported.
pub(super) fn types_crate<'a>(
    names: &Names,
    plan: &'a VersionPlan,
    groups: &'a Groups<'a>,
    pending: &mut Vec<(String, Pending<'a>)>,
    types_package: &str,
    types_deps: &[String],
    enums_libs: &[proc_macro2::Ident],
) {
    let m = &names.manifests;
    let dir = &plan.module;
    pending.push((
        format!("{dir}/types/Cargo.toml"),
        Pending::Ready(m.cargo_toml(
            types_package,
            &format!(
                "Microsoft Graph {} structured types, generated.",
                plan.version
            ),
            DOCS_LICENSE,
            types_deps,
        )),
    ));
    let doc = crate_docs(
        names,
        plan,
        &format!("{} structured types and the enums", plan.structs.len()),
    );
    let mods = emit::module_list(&groups.structs.keys().cloned().collect::<Vec<_>>());
    let lookup = emit::lookup_fn(&Ctx::new(&names.runtime_lib), plan);
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
    pending.push((
        format!("{dir}/types/src/lib.rs"),
        Pending::Ready(rust_file(names, lib_rs)),
    ));
    for (letter, items) in &groups.structs {
        pending.push((
            format!("{dir}/types/src/{letter}.rs"),
            Pending::Structs(items),
        ));
    }
}

/// The operations, split into crates of about OPERATIONS_PER_CRATE on the
/// types and property names (`<version>/operations-N`), each laid out as
/// the version crate re-exports it: the types and `properties` in scope at
/// its root (so an operation names `crate::User`), the descriptors in
/// `operations`. Returns their packages.
fn operations_crates<'a>(
    names: &Names,
    plan: &'a VersionPlan,
    groups: &'a Groups<'a>,
    pending: &mut Vec<(String, Pending<'a>)>,
    version_package: &str,
) -> Vec<String> {
    if groups.operations.is_empty() {
        return Vec::new();
    }
    let m = &names.manifests;
    let lib = |package: &str| emit::ident(&package.replace('-', "_"));
    let types_package = format!("{version_package}-types");
    let properties_package = format!("{version_package}-{}", PerType::Properties.module());
    let (types_lib, properties_lib) = (lib(&types_package), lib(&properties_package));
    let parts = split_groups(&groups.operations, OPERATIONS_PER_CRATE);
    let mut packages = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let n = i + 1;
        let package = format!("{version_package}-operations-{n}");
        let dir = format!("{}/operations-{n}", plan.module);
        pending.push((
            format!("{dir}/Cargo.toml"),
            Pending::Ready(m.cargo_toml(
                &package,
                &format!(
                    "Microsoft Graph {} operations (part {n}), generated.",
                    plan.version
                ),
                DOCS_LICENSE,
                &[
                    runtime_dep(names, "../../"),
                    m.sibling(&types_package, "../types"),
                    m.sibling(&properties_package, "../properties"),
                ],
            )),
        ));
        let count: usize = part.iter().map(|(_, items)| items.len()).sum();
        let doc = crate_docs(
            names,
            plan,
            &format!("{count} operations (part {n} of {})", parts.len()),
        );
        let lib_rs = quote! {
            #( #![doc = #doc] )*
            #![doc(html_no_source)]
            // `Object` bounds on the types: see the types crate.
            #![recursion_limit = "1024"]
            #[allow(unused_imports)]
            use ::#types_lib::*;
            #[allow(unused_imports)]
            use ::#properties_lib as properties;
            pub mod operations;
        };
        pending.push((
            format!("{dir}/src/lib.rs"),
            Pending::Ready(rust_file(names, lib_rs)),
        ));
        let letters: Vec<String> = part.iter().map(|(l, _)| l.to_string()).collect();
        pending.push((
            format!("{dir}/src/operations/mod.rs"),
            Pending::Ready(rust_file(
                names,
                emit::module_index(&letters, OPERATIONS_DOC),
            )),
        ));
        for &(letter, items) in part {
            pending.push((
                format!("{dir}/src/operations/{letter}.rs"),
                Pending::Operations(items),
            ));
        }
        packages.push(package);
    }
    packages
}

const OPERATIONS_DOC: &str =
    "Operation descriptors, one per API page: see `Operation` in the runtime.";

/// The version crate: everything re-exported (the types, `properties`,
/// `derived` and `operations`).
pub(super) fn version_crate<'a>(
    names: &Names,
    plan: &'a VersionPlan,
    pending: &mut Vec<(String, Pending<'a>)>,
    version_package: &str,
    types_package: &str,
    per_type: &[String],
    operations: &[String],
) {
    let m = &names.manifests;
    let dir = &plan.module;
    let lib = |package: &str| emit::ident(&package.replace('-', "_"));
    let types_lib = lib(types_package);
    let mut deps = vec![runtime_dep(names, "../"), m.sibling(types_package, "types")];
    let mut modules = Vec::new();
    for (package, kind) in per_type.iter().zip([PerType::Properties, PerType::Derived]) {
        deps.push(m.sibling(package, kind.module()));
        let lib = lib(package);
        let module = emit::ident(kind.module());
        let doc = format!(" The {} (crate `{package}`).", kind.doc());
        modules.push(quote! {
            #[doc = #doc]
            pub use ::#lib as #module;
        });
    }
    for (i, package) in operations.iter().enumerate() {
        deps.push(m.sibling(package, &format!("operations-{}", i + 1)));
    }
    pending.push((
        format!("{dir}/Cargo.toml"),
        Pending::Ready(m.cargo_toml(
            version_package,
            &format!("Microsoft Graph {} model, generated.", plan.version),
            DOCS_LICENSE,
            &deps,
        )),
    ));
    let doc = crate_docs(
        names,
        plan,
        &format!(
            "{} types, {} enums, {} operations",
            plan.structs.len(),
            plan.enums.len(),
            plan.operations.len()
        ),
    );
    let lib_rs = quote! {
        #( #![doc = #doc] )*
        #![doc(html_no_source)]
        #[doc(no_inline)]
        pub use ::#types_lib::*;
        #(#modules)*
        pub mod operations;
    };
    pending.push((
        format!("{dir}/src/lib.rs"),
        Pending::Ready(rust_file(names, lib_rs)),
    ));
    let doc = emit::module_index(&[], OPERATIONS_DOC);
    let libs = operations.iter().map(|p| lib(p));
    let index = quote! {
        #doc
        #( #[doc(no_inline)] pub use ::#libs::operations::*; )*
    };
    pending.push((
        format!("{dir}/src/operations/mod.rs"),
        Pending::Ready(rust_file(names, index)),
    ));
}

/// The facade: manifest (features, the standalone workspace), README and
/// `src/lib.rs`, which re-exports the runtime and each version.
pub(super) fn facade_files(names: &Names, versions: &[VersionPlan], out: &mut GeneratedCrate) {
    let m = &names.manifests;
    let options = m.options;
    let package = &m.package;
    let mut facade = m.cargo_toml(
        package,
        "Microsoft Graph model types, generated from the API reference docs.",
        CODE_LICENSE,
        &[],
    );
    facade = facade.replace(
        "edition = \"2021\"\n",
        "edition = \"2021\"\nreadme = \"README.md\"\n",
    );
    let runtime = &names.runtime_package;
    let mut features = format!(
        "default = [\"{}\"]\n# The HTTP client, `runtime::client` (TLS: the consumer's own reqwest).\n\
         client = [\"{runtime}/client\"]\n",
        out.default_module
    );
    let mut deps = m.sibling(&names.runtime_package, "runtime");
    deps.push('\n');
    for v in versions {
        features.push_str(&format!("{m} = [\"dep:{package}-{m}\"]\n", m = v.module));
        let line = m.sibling(&format!("{package}-{}", v.module), &v.module);
        deps.push_str(&line.replace(" }", ", optional = true }"));
        deps.push('\n');
    }
    facade = facade.replace(
        "\n[dependencies]\n",
        &format!("\n[features]\n{features}\n[dependencies]\n"),
    );
    facade.push_str(&deps);
    if options.standalone_workspace {
        facade.push_str("\n[workspace]\n");
        if !options.workspace_members.is_empty() {
            let members: Vec<String> = options
                .workspace_members
                .iter()
                .map(|m| package::toml_str(m))
                .collect();
            facade.push_str(&format!("members = [{}]\n", members.join(", ")));
        }
        // Debug info for tens of thousands of generated items costs a third
        // of the build and is of little use; see "Why it compiles fast".
        let packages: Vec<&str> = out.model_packages.iter().map(String::as_str).collect();
        facade.push('\n');
        facade.push_str(&package::profile_snippet(&packages));
    }
    out.push("Cargo.toml", facade);
    out.push("README.md", readme(names, versions, out));

    let runtime_ident = emit::ident(&names.runtime_lib);
    let lib = package.replace('-', "_");
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
    let facade_rs = quote! {
        #![doc = include_str!("../README.md")]
        pub use ::#runtime_ident as runtime;
        #(#version_items)*
    };
    let facade = rust_file(names, facade_rs);
    // The header, then the generator that made the output (see
    // `fingerprint`), then the rest.
    let rest = facade.strip_prefix(&names.rs_header).unwrap_or(&facade);
    out.push(
        FACADE_LIB,
        format!("{}{}{rest}", names.rs_header, fingerprint::generator_line()),
    );
}

pub(super) fn readme(names: &Names, versions: &[VersionPlan], out: &GeneratedCrate) -> String {
    let m = &names.manifests;
    let facts = package::ReadmeFacts {
        package: &m.package,
        versions: versions
            .iter()
            .map(|v| {
                let prefix = format!("{}-{}", m.package, v.module);
                let packages = out
                    .model_packages
                    .iter()
                    .filter(|p| *p == &prefix || p.starts_with(&format!("{prefix}-")))
                    .map(String::as_str)
                    .collect();
                (v.version.as_str(), v.module.as_str(), packages)
            })
            .collect(),
        default_module: &out.default_module,
        quick_start: versions
            .iter()
            .find(|v| v.module == out.default_module)
            .and_then(|v| package::quick_start(&m.package.replace('-', "_"), v)),
    };
    package::readme(m.options, &facts)
}

/// About this many enums go into one crate (see "Why it compiles fast").
const ENUMS_PER_CRATE: usize = 300;

/// About this many operations go into one crate (see "Why it compiles
/// fast"): v1.0 has two such crates, beta five.
const OPERATIONS_PER_CRATE: usize = 1_200;

/// Splits letter groups into contiguous parts of about `per_part` items.
pub(super) fn split_groups<'a, T>(
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
pub(super) fn package_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    match cleaned.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => cleaned,
        _ => "graph-model".to_owned(),
    }
}

pub(super) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
