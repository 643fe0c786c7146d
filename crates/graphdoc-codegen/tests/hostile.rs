//! Hostile names and descriptions never break the generated code: every
//! file parses, identifiers are valid and doc text stays inside doc strings
//! (a property test over random schemas), and a crate made of all of them
//! builds, passes clippy and documents without a warning (a sample).

mod common;

use common::{cargo, compile_target_dir, enum_derive_dir, enumdef, prop, typedef};
use graphdoc_codegen::{generate, write, Dependency, Options};
use graphdoc_schema::{Operation, Schema, Source, TypeRef};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;

/// Names and texts that have broken generated code somewhere: keywords
/// (strict, reserved, weak, of any edition), names of the derive's
/// associated types and of the prelude, non-identifiers, comment and
/// string terminators, markdown that rustdoc would read as code or links,
/// backslashes, backticks, control characters, unicode, the empty string.
const HOSTILE: &[&str] = &[
    "",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "async",
    "dyn",
    "gen",
    "union",
    "macro_rules",
    "_",
    "r#type",
    "@odata.type",
    "3dModel",
    "a.b-c d",
    "*/ fn evil() {} /*",
    "\"#]; fn evil() {} #[doc = \"",
    "\"## r##\"",
    "```rust\nfn main() { panic!() }\n```",
    "    indented code\n\tmore",
    "\\\\ \\\" \\n `tick` [link](x) [x] <b> <https://x> https://x.y/z",
    "``",
    "\\",
    "Ünïcödé ñame €",
    "日本語",
    "Option",
    "Result",
    "String",
    "Error",
    "Err",
    "Ok",
    "Other",
    "\u{0}\u{1b}[31m\r\n",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => "[a-zA-Z0-9_@.#-]{0,10}",
    ]
}

fn hostile_schema() -> impl Strategy<Value = Schema> {
    (
        prop::collection::vec((hostile_text(), hostile_text()), 1..6),
        prop::collection::vec((hostile_text(), hostile_text()), 0..6),
        prop::collection::vec(hostile_text(), 0..5),
        hostile_text(),
        any::<bool>(),
    )
        .prop_map(|(types, props, members, text, flags)| {
            let mut s = Schema {
                version: "v1.0".into(),
                ..Schema::default()
            };
            let mut names = Vec::new();
            for (i, (name, description)) in types.iter().enumerate() {
                let mut properties: Vec<_> = props
                    .iter()
                    .map(|(n, d)| {
                        let mut p = prop(n, "Edm.String", false);
                        p.description = d.clone();
                        p
                    })
                    .collect();
                if let Some(prev) = names.last() {
                    properties.push(prop(&text, &format!("microsoft.graph.{prev}"), i % 2 == 0));
                }
                let base = if i % 3 == 2 {
                    names.first().map(String::as_str)
                } else {
                    None
                };
                let mut t = typedef(name, base, properties);
                t.description = description.clone();
                if s.types.insert(t.qualified_name(), t).is_none() {
                    names.push(name.clone());
                }
            }
            let member_refs: Vec<(&str, Option<i64>)> =
                members.iter().map(|m| (m.as_str(), None)).collect();
            let mut e = enumdef(&text, flags, &member_refs);
            e.description = text.clone();
            s.enums.insert(e.qualified_name(), e);
            s.operations.push(Operation {
                title: text.clone(),
                method: "GET".into(),
                paths: vec![text.clone()],
                request_body: Vec::new(),
                request_type: None,
                response_type: Some(TypeRef::new(format!("microsoft.graph.{}", names[0]), true)),
                request_options: Default::default(),
                examples: Vec::new(),
                source: Source::new(&text, 1),
            });
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_code_always_parses(schema in hostile_schema(), source in hostile_text()) {
        let options = Options { source, ..Options::default() };
        let out = generate(std::slice::from_ref(&schema), &options);
        for f in out.files.iter().filter(|f| f.path.ends_with(".rs")) {
            let parsed = syn::parse_file(&f.contents);
            prop_assert!(parsed.is_ok(), "{} does not parse: {:?}\n{}", f.path, parsed.err(), f.contents);
            prop_assert!(!f.contents.contains("compile_error!"), "{}", f.contents);
            // Text only ever lands in doc comments and string literals: the
            // items are the ones codegen makes, nothing injected.
            let generated_items = if f.path.starts_with("runtime/") || f.path.starts_with("derive/") { Vec::new() } else { parsed.unwrap().items };
            for item in generated_items {
                let expected = match &item {
                    syn::Item::Fn(f) => f.sig.ident == "lookup_type",
                    syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Impl(_) | syn::Item::Mod(_) | syn::Item::Use(_) => true,
                    _ => false,
                };
                prop_assert!(expected, "unexpected item in {}:\n{}", f.path, f.contents);
            }
        }
    }
}

/// Every hostile text as a type name, a property name, a description, an
/// enum member and an operation title and path, in one schema.
fn all_hostile_schema(version: &str) -> Schema {
    let mut s = Schema {
        version: version.into(),
        ..Schema::default()
    };
    let mut types = Vec::new();
    for (i, name) in HOSTILE.iter().enumerate() {
        let mut properties: Vec<_> = HOSTILE
            .iter()
            .map(|p| {
                let mut p = prop(p, "Edm.String", false);
                p.description = (*name).to_string();
                p
            })
            .collect();
        if let Some(prev) = types.last() {
            properties.push(prop("link", &format!("microsoft.graph.{prev}"), i % 2 == 0));
        }
        properties.push(prop("kind", &format!("microsoft.graph.{name}Kind"), false));
        let base = types.first().filter(|_| i % 3 == 2).map(String::as_str);
        let mut t = typedef(name, base, properties);
        t.description = (*name).to_string();
        if s.types.insert(t.qualified_name(), t).is_none() {
            types.push((*name).to_string());
        }
        let members: Vec<(&str, Option<i64>)> = HOSTILE.iter().map(|m| (*m, None)).collect();
        let mut e = enumdef(&format!("{name}Kind"), i % 4 == 0, &members);
        e.description = (*name).to_string();
        s.enums.insert(e.qualified_name(), e);
        s.operations.push(Operation {
            title: (*name).to_string(),
            method: "PATCH".into(),
            paths: vec![format!("/things/{{{name}}}"), (*name).to_string()],
            request_body: Vec::new(),
            request_type: Some(TypeRef::new(format!("microsoft.graph.{}", types[0]), false)),
            response_type: Some(TypeRef::new(format!("microsoft.graph.{name}"), true)),
            request_options: Default::default(),
            examples: Vec::new(),
            source: Source::new(*name, 1),
        });
    }
    s
}

/// Parsing is not enough: a name can parse and still not compile (two
/// fields of one name, a keyword where an identifier goes), and a doc text
/// can compile and still make rustdoc warn. One crate holds every hostile
/// text in every position, plus two random schemas from a fixed seed.
#[test]
fn a_sample_of_hostile_schemas_builds_lints_and_documents() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let mut schemas = vec![all_hostile_schema("v1.0")];
    for version in ["beta", "*/ \"#"] {
        let mut s = hostile_schema()
            .new_tree(&mut runner)
            .expect("a random schema")
            .current();
        s.version = version.into();
        schemas.push(s);
    }
    let options = Options {
        source: HOSTILE.join(" "),
        enum_derive: Dependency::Path(enum_derive_dir().to_string_lossy().into_owned()),
        standalone_workspace: true,
        ..Options::default()
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("codegen-hostile/model");
    write(&out, &generate(&schemas, &options)).expect("the crate is written");
    let target = compile_target_dir();
    cargo(&out, &target, &common::CLIPPY);
    cargo(
        &out,
        &target,
        &[
            "doc",
            "--offline",
            "--workspace",
            "--all-features",
            "--no-deps",
            "--quiet",
        ],
    );
}
