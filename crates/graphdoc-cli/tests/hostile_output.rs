//! What a hostile docs tree cannot do to the output, a terminal or a CI
//! log: a page whose file name holds a line break and a workflow command
//! (`::error …`, which GitHub Actions would run), escape sequences and
//! bidirectional overrides in a page, and one long line with thousands of
//! findings (each printed with the whole line under it, the output would
//! grow as their product). Every command and human format is run over it.

#![cfg(unix)]

mod common;

use common::{graphdoc, run_in, temp_root};
use std::fs;
use std::path::Path;

const EVIL: &str = "x\n::error file=evil::pwned.md";
const LINKS: usize = 2_000;

fn page(title: &str, rows: &str) -> String {
    format!("# {title} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n{rows}")
}

/// The English tree at `docs`, a translation of it at `loc` (a type cell
/// translated, a row added), and a metadata file.
fn trees(base: &Path) {
    for (tree, rows) in [
        ("docs", "| state | Strng | \u{1b}[2J\u{1b}[31mcleared\u{202e} |\n"),
        (
            "loc",
            "| state | Zeichenfolge | \u{1b}[2J\u{1b}[31mcleared\u{202e} |\n| extra | Int32 | More. |\n",
        ),
    ] {
        let resources = base.join(tree).join("api-reference/v1.0/resources");
        fs::create_dir_all(&resources).unwrap();
        fs::write(resources.join(EVIL), page("evil", rows)).unwrap();
        let long = format!("{}\n{}\n", page("long", ""), "[a](x.md)".repeat(LINKS));
        fs::write(resources.join("long.md"), long).unwrap();
    }
    fs::write(
        base.join("metadata.xml"),
        fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.csdl.xml"),
        )
        .unwrap(),
    )
    .unwrap();
}

#[test]
fn a_hostile_tree_cannot_write_commands_escapes_or_floods_into_the_output() {
    let base = temp_root("hostile-output");
    trees(&base);
    let runs: Vec<Vec<&str>> = vec![
        vec!["lint", "--docs", "docs"],
        vec!["lint", "--docs", "docs", "--format", "github"],
        vec!["lint", "--docs", "docs", "--format", "markdown"],
        vec!["drift", "--docs", "docs", "--metadata", "metadata.xml"],
        vec![
            "l10n",
            "--docs",
            "docs",
            "--localized",
            "loc",
            "--no-history",
        ],
        vec![
            "diff",
            "--from-docs",
            "docs",
            "--to-docs",
            "loc",
            "--color",
            "never",
        ],
        vec!["samples", "--docs", "docs"],
        vec!["schema", "--docs", "docs"],
    ];
    for args in &runs {
        let out = run_in(&graphdoc(), &base, args);
        assert!(matches!(out.code, 0 | 1), "{args:?}: {}", out.stderr);
        let github = args.contains(&"github");
        // (The schema is data, JSON with the descriptions as written; its
        // messages go to standard error.)
        let texts = if args[0] == "schema" {
            vec![&out.stderr]
        } else {
            vec![&out.stdout, &out.stderr]
        };
        for text in texts {
            for line in text.lines() {
                // Annotations, each at a page of the tree, are the github
                // format's lines; nothing else starts a workflow command.
                let annotation = ["::error ", "::warning ", "::notice "].iter().any(|c| {
                    line.strip_prefix(c)
                        .is_some_and(|rest| rest.starts_with("file=api-reference/"))
                });
                assert!(
                    !line.starts_with("::") || github && annotation,
                    "{args:?} printed a workflow command: {line}"
                );
                assert!(
                    !line.contains(['\u{1b}', '\u{202e}']),
                    "{args:?} printed a control character: {line:?}"
                );
            }
        }
        // Linear in the findings: a line is never printed whole under each
        // of its 2,000 findings (18 kB each: 36 MB).
        let size = out.stdout.len() + out.stderr.len();
        assert!(size < LINKS * 1_000, "{args:?}: {size} bytes");
    }
    // The page is still named, its line break shown.
    let lint = run_in(&graphdoc(), &base, &["lint", "--docs", "docs"]);
    assert!(
        lint.stdout
            .contains("api-reference/v1.0/resources/x␊::error file=evil::pwned.md:"),
        "{}",
        lint.stdout
    );
}
