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
