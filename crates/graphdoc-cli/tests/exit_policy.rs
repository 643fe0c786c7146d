//! One exit policy for every command: 1 only for findings at or above
//! `--deny` (errors by default), whatever the command.

mod common;

use common::{docs_copy, graphdoc, run_in};

const METADATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny.csdl.xml");

/// Each command that reads docs, run over `docs` (relative to the folder
/// the test runs in), writing `schema.json` and `model/` where it writes.
fn commands(docs: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["schema", "--docs", docs, "--out", "schema.json"],
        vec!["lint", "--docs", docs],
        vec!["samples", "--docs", docs],
        vec!["drift", "--docs", docs, "--metadata", METADATA],
        vec!["diff", "--docs", docs],
        vec!["regenerate", "--docs", docs, "--out", "model"],
        vec!["l10n", "--docs", docs, "--localized", docs, "--no-history"],
    ]
}

/// docs-src has warnings (samples, drift against a tiny metadata, the
/// French translation's drift) and no errors: every command passes by
/// default, and `--deny warnings` fails the ones with warnings.
#[test]
fn warnings_fail_only_under_deny_warnings() {
    let (root, _docs) = docs_copy("exit-warnings");
    for args in commands("docs") {
        let run = run_in(&graphdoc(), &root, &args);
        assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
    }
    for args in [
        vec!["samples", "--docs", "docs"],
        vec!["drift", "--docs", "docs", "--metadata", METADATA],
        vec![
            "l10n",
            "--docs",
            "docs",
            "--localized",
            "docs/fr-FR",
            "--no-history",
        ],
    ] {
        let default = run_in(&graphdoc(), &root, &args);
        assert_eq!(default.code, 0, "{args:?}: {}", default.stderr);
        let strict = [args.as_slice(), &["--deny", "warnings"]].concat();
        let strict = run_in(&graphdoc(), &root, &strict);
        assert_eq!(
            strict.code, 1,
            "{args:?} --deny warnings: {}",
            strict.stderr
        );
        let explicit = [args.as_slice(), &["--deny", "errors"]].concat();
        assert_eq!(run_in(&graphdoc(), &root, &explicit).code, 0, "{args:?}");
    }
}

/// A page not read (GD0903: over the page size limit) is an error: every
/// command fails, and `schema` writes nothing, as `regenerate` does.
#[test]
fn a_page_not_read_fails_every_command() {
    let (root, docs) = docs_copy("exit-errors");
    let big = docs.join("api-reference/v1.0/resources/big.md");
    std::fs::write(
        &big,
        format!("# big resource type\n\n{}\n", "x ".repeat(10_000)),
    )
    .unwrap();
    for args in commands("docs") {
        let limited = [args.as_slice(), &["--max-page-size", "16K"]].concat();
        let run = run_in(&graphdoc(), &root, &limited);
        assert_eq!(run.code, 1, "{limited:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("GD0903") || run.stderr.contains("GD0903"),
            "{limited:?}: {}{}",
            run.stdout,
            run.stderr
        );
    }
    for written in ["schema.json", "model"] {
        assert!(!root.join(written).exists(), "{written} written");
    }
    let schema = run_in(
        &graphdoc(),
        &root,
        &["schema", "--docs", "docs", "--max-page-size", "16K"],
    );
    assert_eq!(schema.code, 1);
    assert_eq!(schema.stdout, "", "no schema without the page's types");
    assert!(
        schema
            .stderr
            .ends_with("1 finding of the docs at or above the deny level (error; see above): no schema written\n"),
        "{}",
        schema.stderr
    );
}
