//! Acceptance of the model as a user gets it (issue 15): the model of the
//! whole docs generated into a directory outside this repository, packaged
//! with `cargo package --workspace --no-verify`, built offline together with
//! a consumer crate (default features, the README's profile snippet) that
//! reads a `Page<User>` and an `ODataError` and writes a PATCH body, with
//! the README's quick start as a second program, and no generated file
//! naming a path of this machine. A cold build of v1.0 takes a minute or two.

use std::path::{Path, PathBuf};

#[test]
fn the_full_model_builds_and_packages_outside_the_repository() {
    let Some(docs) = graphdoc_testdata::graph_docs() else {
        return;
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository");
    let work = std::env::temp_dir().join("graphdoc-consumer-check");
    assert!(
        !std::path::absolute(&work).unwrap().starts_with(&repo),
        "{} is inside the repository",
        work.display()
    );
    let mut machine_paths: Vec<PathBuf> = vec![repo.clone(), docs.canonicalize().unwrap()];
    // `/root` alone would also match Graph paths such as `/drive/root/…`.
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if home.components().count() > 2 {
            machine_paths.push(home);
        }
    }
    let report = graphdoc_modelcheck::consumer::check(&docs, &work, &machine_paths)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.local_paths, Vec::<(String, String)>::new());
    // The consumer, then the README's quick start (which prints the error).
    assert_eq!(
        report.consumer_output,
        "ok\nRequest_ResourceNotFound: Resource '1' does not exist.\n"
    );
}
