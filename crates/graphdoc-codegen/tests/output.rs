mod common;

use graphdoc_codegen::{generate, Options};

#[test]
fn every_rust_file_parses() {
    let out = generate(
        &[common::small_schema("v1.0"), common::small_schema("beta")],
        &Options::default(),
    );
    for f in out.files.iter().filter(|f| f.path.ends_with(".rs")) {
        if let Err(e) = syn::parse_file(&f.contents) {
            panic!("{} does not parse: {e}\n{}", f.path, f.contents);
        }
    }
}

#[test]
fn output_is_deterministic_and_every_file_is_marked() {
    let schemas = [common::small_schema("v1.0"), common::small_schema("beta")];
    let a = generate(&schemas, &Options::default());
    let b = generate(&schemas, &Options::default());
    assert_eq!(a, b);
    for f in &a.files {
        let first = f.contents.lines().next().unwrap_or_default();
        assert!(
            first.contains(graphdoc_codegen::GENERATED_MARKER),
            "{}: {first}",
            f.path
        );
        // prettyplease's layout is not rustfmt's: `cargo fmt --all` must
        // leave the files alone, or `regenerate --check` would fail after it.
        // The runtime is copied verbatim and is rustfmt-clean already.
        if f.path.ends_with(".rs") && !f.path.starts_with("runtime/") {
            assert_eq!(
                f.contents.lines().nth(1),
                Some("#![cfg_attr(rustfmt, rustfmt::skip)]"),
                "{}",
                f.path
            );
        }
    }
    let facade = a.file("src/lib.rs").unwrap();
    assert!(
        facade.contains("#[cfg(feature = \"v1_0\")]")
            && facade.contains("#[cfg(feature = \"beta\")]"),
        "{facade}"
    );
    let manifest = a.file("Cargo.toml").unwrap();
    assert!(
        manifest.contains("default = [\"v1_0\", \"beta\"]"),
        "{manifest}"
    );
}

#[test]
fn enums_are_split_into_crates_that_the_types_crate_re_exports() {
    let mut schema = common::small_schema("beta");
    for i in 0..650 {
        let letter = char::from(b'a' + (i % 26) as u8);
        let e = common::enumdef(
            &format!("{letter}Kind{i}"),
            i % 7 == 0,
            &[("one", None), ("two", None)],
        );
        schema.enums.insert(e.qualified_name(), e);
    }
    let total = schema.enums.len();
    let options = Options {
        standalone_workspace: true,
        ..Options::default()
    };
    let out = generate(&[schema], &options);
    let enum_crates: Vec<&str> = out
        .files
        .iter()
        .filter(|f| f.path.starts_with("beta/enums-") && f.path.ends_with("/Cargo.toml"))
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(enum_crates.len(), total.div_ceil(300), "{enum_crates:?}");
    let defined = out
        .files
        .iter()
        .filter(|f| f.path.starts_with("beta/enums-"))
        .map(|f| f.contents.matches("\npub enum ").count())
        .sum::<usize>();
    assert_eq!(defined, total);
    let types_lib = out.file("beta/types/src/lib.rs").unwrap();
    for n in 1..=enum_crates.len() {
        assert!(
            types_lib.contains(&format!("pub use ::graph_model_beta_enums_{n}::*;")),
            "{types_lib}"
        );
    }
    let manifest = out.file("Cargo.toml").unwrap();
    for p in &out.model_packages {
        assert!(
            manifest.contains(&format!(
                "[profile.dev.package.\"{p}\"]\ndebug = false\nincremental = false"
            )),
            "{p}"
        );
    }
    assert_eq!(out.model_packages.len(), enum_crates.len() + 2);
}
