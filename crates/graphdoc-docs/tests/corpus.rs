//! The whole real corpus: both versions read without panics, every
//! diagnostic points inside its file (paths relative to the docs root), and
//! output does not depend on the number of threads.

use graphdoc_docs::{load, load_pages, PageInput};
use std::collections::HashMap;

#[test]
fn both_versions_read_and_diagnostics_point_inside_files() {
    let Some(corpus) = graphdoc_testdata::graph_docs() else {
        return;
    };
    for version in graphdoc_docs::VERSIONS {
        let loaded = load(&corpus, version).unwrap();
        assert!(
            loaded.schema.types.len() > 500,
            "{version}: only {} types",
            loaded.schema.types.len()
        );
        assert!(
            loaded.schema.enums.len() > 100,
            "{version}: only {} enums",
            loaded.schema.enums.len()
        );
        let mut line_counts: HashMap<&str, usize> = HashMap::new();
        for d in &loaded.diagnostics {
            let lines = *line_counts.entry(&d.file).or_insert_with(|| {
                std::fs::read(corpus.join(&d.file))
                    .map(|b| b.split(|&c| c == b'\n').count())
                    .unwrap_or(0)
            });
            assert!(
                d.line >= 1 && d.line as usize <= lines,
                "{d} is outside its file ({lines} lines)"
            );
            assert!(
                graphdoc_docs::codes::explain(&d.code).is_some(),
                "{} has no --explain text",
                d.code
            );
        }
        for t in loaded.schema.types.values() {
            for p in &t.properties {
                assert!(
                    !p.name.is_empty() && !p.ty.name.is_empty(),
                    "{}: empty name or type",
                    p.source
                );
            }
        }
    }
}

#[test]
fn output_does_not_depend_on_threads_or_page_order() {
    let Some(corpus) = graphdoc_testdata::graph_docs() else {
        return;
    };
    let pages: Vec<PageInput> = graphdoc_docs::list_pages(&corpus, "v1.0")
        .unwrap()
        .into_iter()
        .map(|(path, kind)| PageInput {
            path: graphdoc_docs::display_path(&path),
            kind,
            bytes: std::fs::read(corpus.join(&path)).unwrap(),
        })
        .collect();
    let parallel = load_pages("v1.0", pages.clone());
    let mut reversed = pages;
    reversed.reverse();
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| load_pages("v1.0", reversed));
    assert_eq!(parallel.schema.to_json(), single.schema.to_json());
    assert_eq!(parallel.diagnostics, single.diagnostics);
}

/// A property documented only by a GET path (GD0023) comes from a page that
/// really has that path, and the real corpus has the best known case.
#[test]
fn properties_read_from_paths_come_from_pages_that_have_the_path() {
    let Some(corpus) = graphdoc_testdata::graph_docs() else {
        return;
    };
    let loaded = load(&corpus, "v1.0").unwrap();
    let joined = loaded.schema.types["microsoft.graph.user"]
        .properties
        .iter()
        .find(|p| p.name == "joinedTeams")
        .expect("user.joinedTeams, documented by api/user-list-joinedteams.md");
    assert!(joined.source.file.ends_with("api/user-list-joinedteams.md"));
    assert_eq!(joined.kind, graphdoc_schema::PropertyKind::Navigation);
    assert!(joined.ty.collection);

    let notes: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "GD0023")
        .collect();
    assert!(notes.len() >= 10, "only {} GD0023 notes", notes.len());
    for note in notes {
        // "… but `GET /me/joinedTeams` (<file>:<line>) reads it; …"
        let (_, rest) = note.message.split_once("`GET ").unwrap();
        let (path, rest) = rest.split_once("` (").unwrap();
        let (place, _) = rest.split_once(") ").unwrap();
        let (file, _) = place.rsplit_once(':').unwrap();
        let page: String = std::fs::read_to_string(corpus.join(file))
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(page.contains(path), "{file} has no `{path}` ({note})");
    }
}
