//! The localised reading applies to translations only: no page of the
//! English corpus is taken for one (so English outputs stay as they were),
//! and every page of the German and Portuguese trees is read in its language.

use graphdoc_docs::locale;

fn pages(root: &std::path::Path) -> Vec<(String, String)> {
    graphdoc_docs::VERSIONS
        .iter()
        .filter_map(|v| graphdoc_docs::list_pages(root, v).ok())
        .flatten()
        .map(|(path, _)| {
            let text = String::from_utf8_lossy(&std::fs::read(root.join(&path)).expect("readable"))
                .into_owned();
            (graphdoc_docs::display_path(&path), text)
        })
        .collect()
}

#[test]
fn no_english_page_is_read_as_a_translation() {
    for root in [
        graphdoc_testdata::graph_docs(),
        graphdoc_testdata::shared("l10n/en-US-2019-03"),
        Some(std::path::PathBuf::from("../../docs-src")),
    ]
    .into_iter()
    .flatten()
    {
        let taken: Vec<String> = pages(&root)
            .into_iter()
            .filter_map(|(path, text)| locale::detect(&text).map(|l| format!("{path}: {}", l.name)))
            .collect();
        assert!(taken.is_empty(), "{taken:#?}");
    }
}

#[test]
fn translated_trees_are_read_in_their_language() {
    for (tree, language) in [("l10n/de-DE", "de"), ("l10n/pt-BR", "pt-BR")] {
        let Some(root) = graphdoc_testdata::shared(tree) else {
            continue;
        };
        let pages = pages(&root);
        let read = pages
            .iter()
            .filter(|(_, text)| locale::detect(text).is_some_and(|l| l.name == language))
            .count();
        // A page or two has no front matter and only English headings.
        assert!(
            read + 2 >= pages.len(),
            "{tree}: {read} of {} pages",
            pages.len()
        );
    }
    let french = pages(std::path::Path::new("../../docs-src/fr-FR"));
    assert!(french
        .iter()
        .all(|(_, text)| locale::detect(text).is_some_and(|l| l.name == "fr")));
}
