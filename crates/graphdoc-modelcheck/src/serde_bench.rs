//! `cargo xtask bench-serde`: run time and size of the generated model
//! against a serde-derive model of the same types and `serde_json::Value`.
//!
//! Generates the v1.0 model from a docs tree into `<out>` (a standalone
//! workspace) with a bench crate beside it, `<out>/bench`, holding:
//!
//! * `users.json`: a page of [`PAGE_USERS`] users, every structural property
//!   of `microsoft.graph.user` filled with a valid value of its type
//!   (complex values nested, collections of two), see [`sample_value`];
//! * `src/derive_model.rs`: the same types as plain serde-derive structs
//!   (`Option<T>` fields, a `#[serde(flatten)]` map for unknown
//!   properties), see [`derive_model`];
//! * `benches/serde.rs`: the criterion benchmark, reading and writing the
//!   page through the generated model, the derive model and `Value`, then a
//!   table of MB/s and ratios to serde derive;
//! * two programs that read one `User` from standard input (the generated
//!   model, the derive model), whose stripped release sizes are printed.
//!
//! Then it runs the benchmark and builds and strips the two programs, all
//! linted by clippy as they compile (warnings denied). Nothing here runs in
//! CI: the release build of the model takes minutes.

use crate::{cargo::Cargo, load_schemas, standalone_options, Error};
use graphdoc_schema::{PropertyKind, Schema, TypeRef};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Users in the benchmark's page.
pub const PAGE_USERS: usize = 1000;
/// The type the benchmark reads.
pub const ROOT_TYPE: &str = "microsoft.graph.user";
const BENCH_DIR: &str = "bench";
const BENCH_MAIN: &str = include_str!("../bench/serde.rs");
const READ_USER: &str = include_str!("../bench/read_user.rs");
const SERDE_OPS: &str = include_str!("../bench/serde_ops.rs");
/// Complex values nest at most this deep (the types refer to each other).
const MAX_DEPTH: usize = 4;

/// Where `cargo xtask bench-serde` reads the docs and builds.
#[derive(Clone, Debug)]
pub struct SerdeBenchOptions {
    /// A docs tree (the folder that holds `api-reference/`).
    pub docs: PathBuf,
    /// The standalone workspace of the model and the bench crate.
    pub out: PathBuf,
    /// Run the criterion benchmark (wall-clock times); without it, only the
    /// instruction counts and the sizes.
    pub criterion: bool,
}

/// Runs the benchmark; returns what it printed and the binary sizes.
pub fn run(options: &SerdeBenchOptions) -> Result<String, Error> {
    let out = std::path::absolute(&options.out).map_err(|e| Error::Io(options.out.clone(), e))?;
    let schemas = load_schemas(&options.docs)?;
    let v1 = schemas
        .into_iter()
        .find(|s| s.version == "v1.0")
        .ok_or_else(|| Error::NoDocs(options.docs.clone()))?;
    let schemas = [v1];
    let mut generated =
        graphdoc_codegen::generate(&schemas, &standalone_options(&options.docs, &[BENCH_DIR]));
    for (path, contents) in bench_files(&schemas[0]) {
        generated.files.push(graphdoc_codegen::GeneratedFile {
            path: format!("{BENCH_DIR}/{path}"),
            contents,
        });
    }
    graphdoc_codegen::write(&out, &generated).map_err(|e| Error::Io(out.clone(), e))?;
    // Linted as it is compiled (clippy-driver as the workspace's compiler,
    // warnings denied), so one release build serves the lints, the
    // benchmark and the programs.
    let cargo = Cargo::new(&out, &out.join("target")).with_clippy();
    let mut rendered = String::new();
    if options.criterion {
        let output = cargo
            .command(&[
                "bench",
                "-p",
                "graph-model-bench",
                "--offline",
                "--bench",
                "serde",
            ])
            .output()
            .map_err(|e| Error::Step(format!("cannot run cargo bench: {e}")))?;
        crate::cargo::check_output("cargo bench", &output)?;
        rendered.push_str(&String::from_utf8_lossy(&output.stdout));
    }
    cargo.step(
        "release build of the read-one-user programs",
        &[
            "build",
            "-p",
            "graph-model-bench",
            "--release",
            "--bins",
            "--offline",
        ],
    )?;
    for bin in ["read-user-generated", "read-user-derive"] {
        let built = out.join("target/release").join(bin);
        let stripped = out.join("target/release").join(format!("{bin}.stripped"));
        let status = std::process::Command::new("strip")
            .arg("-o")
            .arg(&stripped)
            .arg(&built)
            .status()
            .map_err(|e| Error::Step(format!("cannot run strip: {e}")))?;
        if !status.success() {
            return Err(Error::Step(format!("strip {bin} failed")));
        }
        let size = std::fs::metadata(&stripped)
            .map_err(|e| Error::Io(stripped.clone(), e))?
            .len();
        let _ = writeln!(
            rendered,
            "{bin}: {:.2} MB stripped (release)",
            size as f64 / 1e6
        );
    }
    rendered.push_str(&instruction_table(&out.join("target/release/serde-ops"))?);
    Ok(rendered)
}

/// Instructions one read or write of the page takes through each model,
/// counted by callgrind (repeatable on a loaded machine): the difference
/// between runs of 3 and 1 operations, halved, so that start-up and set-up
/// cancel out. Empty when valgrind is not installed.
fn instruction_table(serde_ops: &std::path::Path) -> Result<String, Error> {
    if std::process::Command::new("valgrind")
        .arg("--version")
        .output()
        .is_err()
    {
        return Ok("valgrind not found: no instruction counts\n".into());
    }
    let mut table = format!(
        "\ninstructions per operation (callgrind), page of {PAGE_USERS} users\n{:<12} {:<10} {:>15} {:>16}\n",
        "direction", "model", "instructions", "vs serde derive"
    );
    for direction in ["read", "write"] {
        let mut counts = Vec::new();
        for model in ["generated", "derive", "value"] {
            let one = callgrind_instructions(serde_ops, &[model, direction, "1"])?;
            let three = callgrind_instructions(serde_ops, &[model, direction, "3"])?;
            counts.push((model, three.saturating_sub(one) / 2));
        }
        let derive = counts[1].1.max(1);
        for (model, n) in counts {
            let _ = writeln!(
                table,
                "{direction:<12} {model:<10} {n:>15} {:>15.2}x",
                n as f64 / derive as f64
            );
        }
    }
    Ok(table)
}

/// The instructions a run of `program` with `args` executes.
fn callgrind_instructions(program: &std::path::Path, args: &[&str]) -> Result<u64, Error> {
    let out_file = std::env::temp_dir().join(format!("graphdoc-callgrind-{}", std::process::id()));
    let output = std::process::Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(program)
        .args(args)
        .output()
        .map_err(|e| Error::Step(format!("cannot run valgrind: {e}")))?;
    let _ = std::fs::remove_file(&out_file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // "==123== Collected : 123456789"
    stderr
        .lines()
        .find_map(|l| {
            l.split_once("Collected :")
                .map(|(_, n)| n.trim().to_owned())
        })
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Error::Step(format!("callgrind gave no count: {stderr}")))
}

/// The bench crate's files, relative to its directory.
pub fn bench_files(schema: &Schema) -> Vec<(String, String)> {
    let header = format!(
        "// {} (serde benchmark of graphdoc-modelcheck). Do not edit.\n",
        graphdoc_codegen::GENERATED_MARKER
    );
    let cargo_toml = format!(
        "# {} (serde benchmark of graphdoc-modelcheck). Do not edit.\n\
         [package]\nname = \"graph-model-bench\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ngraph-model = {{ path = \"..\", default-features = false, features = [\"v1_0\"] }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n\n\
         [dev-dependencies]\ncriterion = {{ version = \"0.5\", default-features = false }}\n\n\
         [[bench]]\nname = \"serde\"\nharness = false\n\n\
         [[bin]]\nname = \"read-user-generated\"\npath = \"src/read_user.rs\"\n\n\
         [[bin]]\nname = \"read-user-derive\"\npath = \"src/read_user_derive.rs\"\n\n\
         [[bin]]\nname = \"serde-ops\"\npath = \"src/serde_ops.rs\"\n",
        graphdoc_codegen::GENERATED_MARKER
    );
    let page = sample_page(schema, PAGE_USERS);
    let lib = format!(
        "{header}//! The benchmark's serde-derive model and data.\n\n#![allow(clippy::all)]\n\npub mod derive_model;\n\n\
         /// A page of {PAGE_USERS} users, every structural property filled.\n\
         pub const USERS: &str = include_str!(\"../users.json\");\n"
    );
    let read_derive = READ_USER
        .replace(
            "graph_model::v1_0::User",
            "graph_model_bench::derive_model::User",
        )
        .replace("user.display_name.value()", "user.f_display_name.as_ref()");
    vec![
        ("Cargo.toml".into(), cargo_toml),
        (
            "users.json".into(),
            serde_json::to_string(&page).expect("JSON"),
        ),
        ("src/lib.rs".into(), lib),
        (
            "src/derive_model.rs".into(),
            format!("{header}{}", derive_model(schema)),
        ),
        ("src/read_user.rs".into(), format!("{header}{READ_USER}")),
        (
            "src/read_user_derive.rs".into(),
            format!("{header}{read_derive}"),
        ),
        ("src/serde_ops.rs".into(), format!("{header}{SERDE_OPS}")),
        ("benches/serde.rs".into(), format!("{header}{BENCH_MAIN}")),
    ]
}

/// `{"value": [user, …], "@odata.nextLink": …}` with `count` users.
pub fn sample_page(schema: &Schema, count: usize) -> Value {
    let users: Vec<Value> = (0..count)
        .map(|i| {
            let mut user = sample_object(schema, ROOT_TYPE, i, &mut Vec::new());
            if let Value::Object(map) = &mut user {
                map.insert(
                    "id".into(),
                    json!(format!("{i:08x}-2f92-9ceb-922f-eb9c922feb9c")),
                );
            }
            user
        })
        .collect();
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "value": users,
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X"
    })
}

/// Every structural property of `qualified` (own and inherited), filled.
fn sample_object(schema: &Schema, qualified: &str, seed: usize, stack: &mut Vec<String>) -> Value {
    let mut map = Map::new();
    stack.push(qualified.to_owned());
    for p in structural(schema, qualified) {
        if let Some(v) = sample_value(schema, &p.ty, seed, stack) {
            map.insert(p.name.clone(), v);
        }
    }
    stack.pop();
    Value::Object(map)
}

fn structural<'a>(schema: &'a Schema, qualified: &str) -> Vec<&'a graphdoc_schema::Property> {
    schema
        .flattened_properties(qualified)
        .into_iter()
        .filter(|p| p.kind == PropertyKind::Structural)
        .collect()
}

/// A valid value of a type; `None` for a complex type already being
/// filled further up (a cycle) or nested too deep, and for unknown types.
pub fn sample_value(
    schema: &Schema,
    ty: &TypeRef,
    seed: usize,
    stack: &mut Vec<String>,
) -> Option<Value> {
    let single = |stack: &mut Vec<String>| -> Option<Value> {
        let name = ty.name.as_str();
        Some(match name {
            "Edm.String" => json!(format!("text {seed} of {name}")),
            "Edm.Boolean" => json!(seed.is_multiple_of(2)),
            "Edm.Byte" | "Edm.SByte" | "Edm.Int16" => json!(7),
            "Edm.Int32" => json!(42 + seed as i64),
            "Edm.Int64" => json!(1_234_567_890_123_i64 + seed as i64),
            "Edm.Single" | "Edm.Double" => json!(1.5),
            "Edm.Decimal" => json!(12.25),
            "Edm.DateTimeOffset" => json!("2024-01-02T03:04:05.1234567Z"),
            "Edm.Date" => json!("2024-01-02"),
            "Edm.TimeOfDay" => json!("11:00:00.0000000"),
            "Edm.Duration" => json!("PT1H30M"),
            "Edm.Guid" => json!("9ceb2f92-2f92-9ceb-922f-eb9c922feb9c"),
            "Edm.Binary" => json!("aGVsbG8="),
            n if n.starts_with("Edm.") => json!("other"),
            n => {
                if let Some(e) = schema.enums.get(n) {
                    let member = e.members.iter().find(|m| !m.name.is_empty())?;
                    json!(member.name)
                } else if schema.types.contains_key(n) {
                    if stack.iter().any(|s| s == n) || stack.len() >= MAX_DEPTH {
                        return None;
                    }
                    sample_object(schema, n, seed, stack)
                } else {
                    return None;
                }
            }
        })
    };
    if ty.collection {
        let first = single(stack)?;
        let second = single(stack)?;
        Some(Value::Array(vec![first, second]))
    } else {
        single(stack)
    }
}

/// Serde-derive structs for the root type and every complex type its
/// structural properties reach: `Option<T>` fields renamed to the wire
/// name, unknown properties in a flattened map. Enums and the Edm text
/// types are `String`s. `User` and `Page` name the root and the page.
pub fn derive_model(schema: &Schema) -> String {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = vec![ROOT_TYPE.to_owned()];
    let mut out = String::from(
        "//! `microsoft.graph.user` and the types it holds, as serde derive writes them.\n\n\
         use serde::{Deserialize, Serialize};\nuse serde_json::{Map, Value};\n\n",
    );
    while let Some(q) = queue.pop() {
        if names.contains_key(&q) {
            continue;
        }
        let name = format!("T{}", names.len());
        names.insert(q.clone(), name.clone());
        let _ = writeln!(out, "/// `{q}`");
        out.push_str("#[derive(Clone, Debug, Default, Serialize, Deserialize)]\n");
        let _ = writeln!(out, "pub struct {name} {{");
        for (i, p) in structural(schema, &q).into_iter().enumerate() {
            let rust = derive_type(schema, &p.ty, &mut queue);
            let field = if p.name == "displayName" {
                "f_display_name".to_owned()
            } else {
                format!("f{i}_{}", graphdoc_codegen::snake_case(&p.name))
            };
            let _ = writeln!(
                out,
                "    #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]\n    pub {}: Option<{rust}>,",
                p.name,
                sanitize(&field)
            );
        }
        out.push_str(
            "    #[serde(flatten)]\n    pub additional_properties: Map<String, Value>,\n}\n\n",
        );
    }
    let root = &names[ROOT_TYPE];
    let _ = writeln!(out, "pub type User = {root};\n");
    out.push_str(
        "#[derive(Clone, Debug, Default, Serialize, Deserialize)]\npub struct Page {\n    pub value: Vec<User>,\n    #[serde(flatten)]\n    pub additional_properties: Map<String, Value>,\n}\n",
    );
    // Complex types are named in discovery order: replace the qualified
    // placeholders now that every one has a name.
    for (q, n) in &names {
        out = out.replace(&format!("<<{q}>>"), n);
    }
    out
}

fn sanitize(field: &str) -> String {
    let cleaned: String = field
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    cleaned
}

fn derive_type(schema: &Schema, ty: &TypeRef, queue: &mut Vec<String>) -> String {
    let single = match ty.name.as_str() {
        "Edm.Boolean" => "bool".to_owned(),
        "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64" => "i64".to_owned(),
        "Edm.Single" | "Edm.Double" => "f64".to_owned(),
        "Edm.Decimal" => "serde_json::Number".to_owned(),
        n if n.starts_with("Edm.") => "String".to_owned(),
        n if schema.enums.contains_key(n) => "String".to_owned(),
        n if schema.types.contains_key(n) => {
            queue.push(n.to_owned());
            format!("Box<<<{n}>>>")
        }
        _ => "Value".to_owned(),
    };
    if ty.collection {
        format!("Vec<{single}>")
    } else {
        single
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::{Property, Source, TypeDef, TypeKind};

    fn prop(name: &str, ty: &str, collection: bool) -> Property {
        Property {
            name: name.into(),
            ty: TypeRef::new(ty.to_owned(), collection),
            kind: PropertyKind::Structural,
            description: String::new(),
            read_only: false,
            nullable: None,
            possible_values: Vec::new(),
            query_options: Vec::new(),
            required_on_create: false,
            source: Source::new("x.md", 1),
        }
    }

    fn schema() -> Schema {
        let mut s = Schema::default();
        let mut user = TypeDef::new(
            "user",
            "microsoft.graph",
            TypeKind::Entity,
            Source::new("u.md", 1),
        );
        user.properties = vec![
            prop("displayName", "Edm.String", false),
            prop("when", "Edm.DateTimeOffset", false),
            prop("identities", "microsoft.graph.objectIdentity", true),
        ];
        let mut identity = TypeDef::new(
            "objectIdentity",
            "microsoft.graph",
            TypeKind::Complex,
            Source::new("o.md", 1),
        );
        identity.properties = vec![
            prop("issuer", "Edm.String", false),
            prop("self", "microsoft.graph.objectIdentity", false),
        ];
        for t in [user, identity] {
            s.types.insert(t.qualified_name(), t);
        }
        s
    }

    #[test]
    fn users_have_every_structural_property_and_cycles_stop() {
        let page = sample_page(&schema(), 2);
        let users = page["value"].as_array().unwrap();
        assert_eq!(users.len(), 2);
        let user = &users[1];
        assert_eq!(user["displayName"], "text 1 of Edm.String");
        assert_eq!(user["when"], "2024-01-02T03:04:05.1234567Z");
        let identities = user["identities"].as_array().unwrap();
        assert_eq!(identities.len(), 2);
        assert_eq!(identities[0]["issuer"], "text 1 of Edm.String");
        assert!(identities[0].get("self").is_none());
    }

    #[test]
    fn the_derive_model_names_every_reached_type() {
        let model = derive_model(&schema());
        assert!(model.contains("pub struct T0 {"), "{model}");
        assert!(model.contains("pub struct T1 {"), "{model}");
        assert!(model.contains("Option<Vec<Box<T1>>>"), "{model}");
        assert!(model.contains("pub type User = T0;"), "{model}");
        assert!(!model.contains("<<"), "{model}");
    }
}
