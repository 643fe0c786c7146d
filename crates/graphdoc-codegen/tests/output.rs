//! What `generate` writes for a small schema: Rust that parses, the same bytes every time, publishable crates, items linked to their reference page.

mod common;

use graphdoc_codegen::{check, generate, generate_reusing, write, Options};

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
        // The runtime and the derive are copied verbatim and are
        // rustfmt-clean already.
        if f.path.ends_with(".rs")
            && !f.path.starts_with("runtime/")
            && !f.path.starts_with("derive/")
        {
            let mut lines = f.contents.lines().skip(1);
            if f.path == "src/lib.rs" {
                // The facade names the generator that made the output.
                let generator = lines.next().unwrap_or_default();
                assert!(generator.starts_with("// graphdoc-codegen generator: "));
            }
            let fingerprint = lines.next().unwrap_or_default();
            assert!(
                fingerprint.starts_with("// graphdoc-codegen fingerprint: input "),
                "{}: {fingerprint}",
                f.path
            );
            assert_eq!(
                lines.next(),
                Some("#![cfg_attr(rustfmt, rustfmt::skip)]"),
                "{}",
                f.path
            );
        }
    }
    // The runtime is self-contained: its Edm formats are a file beside it.
    let runtime = a.file("runtime/src/lib.rs").unwrap();
    assert!(!runtime.contains("#[path"), "{runtime}");
    assert!(runtime.contains("\nmod formats;"));
    assert!(a
        .file("runtime/src/formats.rs")
        .unwrap()
        .contains("pub fn is_date_time_offset"));
    let facade = a.file("src/lib.rs").unwrap();
    assert!(
        facade.contains("#[cfg(feature = \"v1_0\")]")
            && facade.contains("#[cfg(feature = \"beta\")]"),
        "{facade}"
    );
    let manifest = a.file("Cargo.toml").unwrap();
    assert!(manifest.contains("default = [\"v1_0\"]\n"), "{manifest}");
}

/// Reusing a previous output's formatting gives the same bytes as
/// formatting afresh, whatever the previous output holds: files of other
/// tokens, files edited by hand, or no files at all.
#[test]
fn reusing_the_previous_formatting_changes_no_byte() {
    // Removed when dropped, a failing run's too.
    let scratch = graphdoc_testdata::Scratch::new("codegen-reuse");
    let dir = scratch.join("model");
    let schemas = [common::small_schema("v1.0"), common::small_schema("beta")];
    let fresh = generate(&schemas, &Options::default());
    assert_eq!(generate_reusing(&schemas, &Options::default(), &dir), fresh);

    // An older output: in one file, another file's text with its intact
    // fingerprint line (other tokens); in another, a hand edit.
    write(&dir, &fresh).unwrap();
    // Files of structs: the properties and derived enums' files have no
    // `pub struct` for the hand edit to change.
    let structs: Vec<&str> = fresh
        .files
        .iter()
        .filter(|f| f.path.contains("/types/src/") && !f.path.ends_with("lib.rs"))
        .filter(|f| f.contents.contains("pub struct"))
        .map(|f| f.path.as_str())
        .collect();
    assert!(structs.len() >= 3, "{structs:?}");
    let other = std::fs::read_to_string(dir.join(structs[2])).unwrap();
    std::fs::write(dir.join(structs[0]), other).unwrap();
    let edited = dir.join(structs[1]);
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replacen("pub struct", "struct", 1)).unwrap();
    assert!(check(&dir, &fresh).is_err());

    let reused = generate_reusing(&schemas, &Options::default(), &dir);
    assert_eq!(reused, fresh);
    let report = write(&dir, &reused).unwrap();
    assert_eq!(report.written.len(), 2, "{report:?}");
    check(&dir, &fresh).unwrap();
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
    // The enums, types, properties, derived, one operations crate (the
    // small schema's few operations) and the version crate.
    assert_eq!(out.model_packages.len(), enum_crates.len() + 5);
    let version_lib = out.file("beta/src/lib.rs").unwrap();
    for (module, package) in [("properties", "properties"), ("derived", "derived")] {
        assert!(
            version_lib.contains(&format!(
                "pub use ::graph_model_beta_{package} as {module};"
            )),
            "{version_lib}"
        );
    }
    let operations = out.file("beta/src/operations/mod.rs").unwrap();
    assert!(
        operations.contains("pub use ::graph_model_beta_operations_1::operations::*;"),
        "{operations}"
    );
}

/// What `cargo package` and a user outside this repository need: every
/// crate has a version, licence and links, depends on its siblings by
/// version and path inside the output, and the derive is in the output.
#[test]
fn every_crate_is_publishable_and_nothing_points_outside_the_output() {
    let schemas = [common::small_schema("v1.0"), common::small_schema("beta")];
    let options = Options {
        version: "0.20210716.0".into(),
        ..Options::default()
    };
    let out = generate(&schemas, &options);
    let manifests: Vec<_> = out
        .files
        .iter()
        .filter(|f| f.path.ends_with("Cargo.toml"))
        .collect();
    assert!(out.file("derive/Cargo.toml").is_some());
    assert!(out.file("derive/src/lib.rs").is_some());
    for m in &manifests {
        let text = &m.contents;
        for key in [
            "\nversion = \"0.20210716.0\"\n",
            "\ndescription = ",
            "\nlicense = ",
            "\ndocumentation = \"https://docs.rs/",
            "\nedition = \"2021\"\n",
        ] {
            assert!(text.contains(key), "{}: no {key:?}\n{text}", m.path);
        }
        assert!(!text.contains("publish = false"), "{}", m.path);
        assert!(!text.contains(".workspace = true"), "{}", m.path);
        for line in text.lines().filter(|l| l.contains("path = ")) {
            assert!(
                line.contains("version = \"=0.20210716.0\""),
                "{}: {line}",
                m.path
            );
            let path = line
                .split("path = \"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let depth = m.path.matches('/').count();
            assert!(
                path.matches("../").count() <= depth && !path.starts_with('/'),
                "{}: {line} leaves the output",
                m.path
            );
        }
    }
    for f in &out.files {
        assert!(!f.contents.contains("xtask"), "{}", f.path);
        assert!(!f.contents.contains("../shared"), "{}", f.path);
    }
    let readme = out.file("README.md").unwrap();
    assert!(
        readme.contains("```toml\n[profile.dev.package.\"graph-model-v1_0-")
            && readme.contains(
                "[profile.dev.package.\"graph-model-v1_0-types\"]\ndebug = false\nincremental = false\n"
            ),
        "{readme}"
    );
}

#[test]
fn items_link_their_page_of_the_public_reference() {
    let mut schema = common::small_schema("beta");
    for t in schema.types.values_mut() {
        t.source.file = format!("/home/someone/docs/api-reference/beta/{}", t.source.file);
    }
    // Operations, and the request-body structs made from their tables.
    for op in &mut schema.operations {
        op.source.file = format!("/home/someone/docs/api-reference/beta/{}", op.source.file);
    }
    let out = generate(&[schema], &Options::default());
    let all: String = out.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        all.contains("/// Documented at <https://learn.microsoft.com/graph/api/resources/fixture?view=graph-rest-beta> (api-reference/beta/resources/fixture.md:"),
        "{all}"
    );
    assert!(all.contains("pub struct ReplyToPostBody"), "{all}");
    assert!(!all.contains("/home/someone"), "{all}");
}

#[test]
fn a_property_is_said_to_be_read_only_once() {
    let mut schema = common::small_schema("v1.0");
    let user = schema
        .types
        .values_mut()
        .find(|t| !t.properties.is_empty())
        .expect("a type with properties");
    let mut said = common::prop("createdDateTime", "Edm.DateTimeOffset", false);
    said.description = "When it was made. Read-only.".into();
    said.read_only = true;
    let mut unsaid = common::prop("etag", "Edm.String", false);
    unsaid.description = "The version tag.".into();
    unsaid.read_only = true;
    user.properties.extend([said, unsaid]);
    let out = generate(&[schema], &Options::default());
    let all: String = out.files.iter().map(|f| f.contents.as_str()).collect();
    let docs_of = |field: &str| -> String {
        let at = all
            .find(&format!("pub {field}:"))
            .unwrap_or_else(|| panic!("field {field}"));
        let start = all[..at].rfind(" pub ").map_or(0, |i| i + 1);
        all[start..at].to_owned()
    };
    let created = docs_of("created_date_time");
    assert_eq!(created.matches("Read-only").count(), 1, "{created}");
    let etag = docs_of("etag");
    assert_eq!(etag.matches("Read-only.").count(), 1, "{etag}");
}

#[test]
fn the_vendored_derives_example_names_the_copy_and_has_what_it_uses() {
    // `cargo test --doc` runs it whatever `doctest = false` says.
    let out = generate(&[common::small_schema("v1.0")], &Options::default());
    let file = |path: &str| {
        out.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
            .unwrap_or_else(|| panic!("{path}"))
    };
    let lib = file("derive/src/lib.rs");
    assert!(lib.contains("//! use graph_model_derive::{"), "{lib}");
    assert!(!lib.contains("graphdoc_enum_derive"), "{lib}");
    let manifest = file("derive/Cargo.toml");
    assert!(
        manifest.contains("[dev-dependencies]\nserde = \"1\"\nserde_json = \"1\"\n"),
        "{manifest}"
    );
}
