//! Both trees are read as every command reads a docs tree: a page that is a
//! link out of its tree, or over a limit, is reported and not read, and is
//! then neither missing from nor extra in the other tree.

#![cfg(unix)]

use graphdoc_docs::Limits;
use graphdoc_l10n::{run_within, History, Kind};
use std::fs;
use std::path::Path;

fn page(title: &str) -> String {
    format!("# {title} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n")
}

fn tree(root: &Path, pages: &[(&str, String)]) {
    let resources = root.join("api-reference/v1.0/resources");
    fs::create_dir_all(&resources).expect("dir");
    for (name, text) in pages {
        fs::write(resources.join(name), text).expect("page");
    }
}

#[test]
fn pages_not_read_are_reported_and_not_aligned() {
    let base = graphdoc_testdata::Scratch::new("l10n-not-read");
    let (english, localised) = (base.join("en"), base.join("fr"));
    fs::create_dir_all(base.join("outside")).expect("dir");
    fs::write(
        base.join("outside/secret.md"),
        "# SECRET-l10n resource type\n",
    )
    .expect("secret");
    let mut long = page("long");
    for i in 0..20 {
        long.push_str(&format!("| p{i} | String | Row {i}. |\n"));
    }
    tree(
        &english,
        &[
            ("a.md", page("a")),
            ("b.md", page("b")),
            ("long.md", long.clone()),
        ],
    );
    tree(&localised, &[("a.md", page("a")), ("long.md", long)]);
    // The localised b.md leaves its tree.
    std::os::unix::fs::symlink(
        "../../../../outside/secret.md",
        localised.join("api-reference/v1.0/resources/b.md"),
    )
    .expect("link");
    let limits = Limits {
        table_rows: 10,
        ..Limits::default()
    };
    let report = run_within(&limits, &english, &localised, History::Off).expect("both trees");
    let not_read: Vec<String> = report
        .not_read
        .iter()
        .map(|d| format!("{d} {:?}", d.notes))
        .collect();
    assert_eq!(
        not_read,
        [
            "api-reference/v1.0/resources/b.md:1: error[GD0901]: `api-reference/v1.0/resources/b.md` is a symbolic link that leaves the docs tree; not read []",
            "api-reference/v1.0/resources/long.md:7: error[GD0905]: table has more rows than the table row limit (10); page not read []",
            "api-reference/v1.0/resources/long.md:7: error[GD0905]: table has more rows than the table row limit (10); page not read [\"in the English tree\"]",
        ]
    );
    assert!(
        !report
            .findings
            .iter()
            .any(|f| matches!(f.kind, Kind::PageMissing | Kind::PageExtra)),
        "{:#?}",
        report.findings
    );
    assert_eq!(report.aligned, 1);
    let opts = graphdoc_lint::RenderOptions::new("graphdoc-l10n");
    let render = |format| graphdoc_lint::l10n_command::render(&report, format, &opts);
    let rendered = [
        render(graphdoc_lint::Format::Human),
        render(graphdoc_lint::Format::Json),
    ]
    .concat();
    assert!(!rendered.contains("SECRET-l10n"));
    assert!(!rendered.contains(&base.display().to_string()));
    assert!(rendered.contains(
        r#""code":"GD0901","message":"`api-reference/v1.0/resources/b.md` is a symbolic link"#
    ));
}
