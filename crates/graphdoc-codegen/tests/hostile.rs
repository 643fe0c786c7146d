//! Hostile names and descriptions never break the generated code: every
//! file parses, identifiers are valid and doc text stays inside doc strings.

mod common;

use common::{enumdef, prop, typedef};
use graphdoc_codegen::{generate, Options};
use graphdoc_schema::{Operation, Schema, Source, TypeRef};
use proptest::prelude::*;

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("type".to_string()),
        Just("self".to_string()),
        Just("Self".to_string()),
        Just("super".to_string()),
        Just("crate".to_string()),
        Just("_".to_string()),
        Just("r#type".to_string()),
        Just("@odata.type".to_string()),
        Just("3dModel".to_string()),
        Just("a.b-c d".to_string()),
        Just("*/ fn evil() {} /*".to_string()),
        Just("\"#]; fn evil() {} #[doc = \"".to_string()),
        Just("```rust\nfn main() { panic!() }\n```".to_string()),
        Just("    indented code\n\tmore".to_string()),
        Just("\\\\ \\\" \\n `tick` [link](x) [x] <b> <https://x> https://x.y/z".to_string()),
        Just("Ünïcödé ñame €".to_string()),
        Just("Option".to_string()),
        Just("Result".to_string()),
        Just("String".to_string()),
        Just("Other".to_string()),
        Just("\u{0}\u{1b}[31m\r\n".to_string()),
        "\\PC{0,12}",
        "[a-zA-Z0-9_@.#-]{0,10}",
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
            let generated_items = if f.path.starts_with("runtime/") { Vec::new() } else { parsed.unwrap().items };
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
