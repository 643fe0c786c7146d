//! Usage errors: one message per situation, the same from every command,
//! and inputs checked before the docs are read.

mod common;

use common::{docs_copy, graphdoc, run_in, temp_root, Run};
use std::path::Path;

/// Every command that reads a docs tree, with what else it needs.
fn commands(metadata: &str, out: &str) -> Vec<Vec<String>> {
    let with = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        with(&["schema"]),
        with(&["drift", "--metadata", metadata]),
        with(&["diff"]),
        with(&["lint"]),
        with(&["samples"]),
        with(&["regenerate", "--out", out]),
    ]
}

fn run(dir: &Path, command: &[String], extra: &[&str]) -> Run {
    let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
    args.extend(extra);
    run_in(&graphdoc(), dir, &args)
}

#[test]
fn docs_inside_a_tree_point_at_the_folder_that_holds_api_reference() {
    let (root, docs) = docs_copy("inside");
    let metadata = root.join("metadata.xml");
    std::fs::write(&metadata, include_str!("fixtures/tiny.csdl.xml")).unwrap();
    let out = root.join("model");
    for inner in ["docs/api-reference", "docs/api-reference/v1.0"] {
        let expected = format!(
            "error: no docs at {inner}: that is inside a docs tree; point at the folder that holds api-reference/ (here: docs)\n"
        );
        for command in commands(metadata.to_str().unwrap(), out.to_str().unwrap()) {
            let result = run(&root, &command, &["--docs", inner]);
            assert_eq!(result.code, 2, "{command:?}: {}", result.stderr);
            assert_eq!(result.stderr, expected, "{command:?}");
        }
    }
    assert!(docs.is_dir());
}

#[test]
fn an_unknown_version_lists_the_versions_of_the_tree_in_every_command() {
    let (root, _) = docs_copy("version");
    let metadata = root.join("metadata.xml");
    std::fs::write(&metadata, include_str!("fixtures/tiny.csdl.xml")).unwrap();
    let expected = "error: no version `v2` in docs: it has v1.0, beta (or all)\n";
    let runs = [
        vec!["schema", "--version", "v2"],
        vec!["drift", "--metadata", "metadata.xml", "--version", "v2"],
        vec!["diff", "--from", "v2"],
        vec!["diff", "--to", "v2"],
        vec!["lint", "--version", "v2"],
        vec!["samples", "--version", "v2"],
    ];
    for args in runs {
        let mut args = args.clone();
        args.extend(["--docs", "docs"]);
        let result = run_in(&graphdoc(), &root, &args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert_eq!(result.stderr, expected, "{args:?}");
    }
}

#[test]
fn inputs_and_output_directories_are_checked_before_the_docs_are_read() {
    let root = temp_root("inputs");
    // No docs anywhere: a message about the docs would mean they were looked at first.
    let cases: [(&[&str], &str); 5] = [
        (
            &["drift", "--metadata", "missing.xml"],
            "error: invalid value 'missing.xml' for '--metadata <FILE>': no such file",
        ),
        (
            &["lint", "--metadata", "missing.xml"],
            "error: invalid value 'missing.xml' for '--metadata <FILE>': no such file",
        ),
        (
            &["lint", "--config", "."],
            "error: invalid value '.' for '--config <FILE>': not a file",
        ),
        (
            &["schema", "--out", "missing/schema.json"],
            "error: invalid value 'missing/schema.json' for '--out <FILE>': directory missing does not exist (create it first)",
        ),
        (
            &["regenerate", "--out", "missing/model"],
            "error: invalid value 'missing/model' for '--out <DIR>': directory missing does not exist (create it first)",
        ),
    ];
    for (args, expected) in cases {
        let result = run_in(&graphdoc(), &root, args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert_eq!(result.stderr.lines().next(), Some(expected), "{args:?}");
    }
}

#[test]
fn without_docs_outside_a_tree_the_message_says_to_pass_docs() {
    let root = temp_root("nowhere");
    for args in [&["schema"][..], &["lint"], &["samples"], &["diff"]] {
        let result = run_in(&graphdoc(), &root, args);
        assert_eq!(result.code, 2, "{args:?}");
        assert_eq!(
            result.stderr,
            "error: no docs found: neither this directory nor a parent holds api-reference/; pass --docs DIR\n"
        );
    }
}

#[test]
fn a_missing_docs_directory_is_one_message() {
    let root = temp_root("missing");
    for args in [&["schema"][..], &["lint"], &["samples"], &["diff"]] {
        let mut args = args.to_vec();
        args.extend(["--docs", "nope"]);
        let result = run_in(&graphdoc(), &root, &args);
        assert_eq!(result.code, 2, "{args:?}");
        assert_eq!(result.stderr, "error: no docs at nope: no such directory\n");
    }
}

#[test]
fn two_trees_without_versions_compare_the_same_version() {
    let (root, _) = docs_copy("two-trees");
    let same = run_in(
        &graphdoc(),
        &root,
        &[
            "diff",
            "--from-docs",
            "docs",
            "--to-docs",
            "docs",
            "--format",
            "json",
        ],
    );
    assert_eq!(same.code, 0, "{}", same.stderr);
    let json: serde_json::Value = serde_json::from_str(&same.stdout).unwrap();
    assert_eq!(json["from"], "docs (v1.0)");
    assert_eq!(json["to"], "docs (v1.0)");
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(0));
    let crossed = run_in(
        &graphdoc(),
        &root,
        &[
            "diff",
            "--docs",
            "docs",
            "--fail-on",
            "any",
            "--format",
            "json",
        ],
    );
    assert_eq!(crossed.code, 1, "v1.0 and beta of docs-src differ");
}

#[test]
fn explain_knows_lint_and_front_end_codes() {
    let root = temp_root("explain");
    let lint = run_in(&graphdoc(), &root, &["explain", "GL0011"]);
    assert_eq!(lint.code, 0);
    assert!(lint.stdout.contains("--enable GL0011"), "{}", lint.stdout);
    let enabled = run_in(
        &graphdoc(),
        &root,
        &["lint", "--enable", "GL0011", "--help"],
    );
    assert_eq!(enabled.code, 0, "the flag GL011's explanation names exists");
    let unknown = run_in(&graphdoc(), &root, &["explain", "GL999"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: no code `GL999` (graphdoc explain --list lists every code)\n"
    );
    // The list the error points at: every family, each code explained.
    let list = run_in(&graphdoc(), &root, &["explain", "--list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    for family in [
        "GD0001  ", "GD0801  ", "GD0901  ", "GS0001  ", "GT0001  ", "GL0001  ",
    ] {
        assert!(list.stdout.contains(family), "{family}: {}", list.stdout);
    }
    for line in list.stdout.lines() {
        let code = line.split_whitespace().next().unwrap();
        let explained = run_in(&graphdoc(), &root, &["explain", code]);
        assert_eq!(explained.code, 0, "{code} is listed but not explained");
    }
}

#[test]
fn unknown_flags_and_values_are_usage_errors() {
    let root = temp_root("flags");
    let cases: [(&[&str], &str); 4] = [
        (&["lint", "--format", "xml"], "error: invalid value 'xml' for '--format <FORMAT>'"),
        (&["lint", "--deny", "notes"], "error: invalid value 'notes' for '--deny <LEVEL>'"),
        (
            &["lint", "--enable", "GL0011,GL999"],
            "error: invalid value 'GL999' for '--enable <CODE,…>': no such rule (graphdoc lint --list-rules lists them)",
        ),
        (&["lint", "--bogus"], "error: unexpected argument '--bogus' found"),
    ];
    for (args, expected) in cases {
        let result = run_in(&graphdoc(), &root, args);
        assert_eq!(result.code, 2, "{args:?}");
        assert!(
            result.stderr.starts_with(expected),
            "{args:?}: {}",
            result.stderr
        );
    }
}

#[test]
fn l10n_names_the_tree_it_cannot_use() {
    let (root, docs) = docs_copy("l10n");
    // Inside the translation's checkout, with no --docs, the English tree
    // found from the current directory would be the translation itself.
    let inside = run_in(&graphdoc(), &docs, &["l10n", "--localized", "."]);
    assert_eq!(inside.code, 2, "{}", inside.stdout);
    assert_eq!(
        inside.stderr,
        "error: the English tree found from the current directory is --localized . itself; pass the English tree with --docs DIR\n"
    );
    let cases = [
        (
            vec!["l10n", "--docs", "docs", "--localized", "nowhere"],
            "error: --localized: no docs at nowhere: no such directory\n",
        ),
        (
            vec!["l10n", "--docs", "nowhere", "--localized", "docs"],
            "error: no docs at nowhere: no such directory\n",
        ),
        (
            vec!["l10n", "--docs", "docs", "--localized", "docs/api-reference"],
            "error: --localized: no docs at docs/api-reference: that is inside a docs tree; point at the folder that holds api-reference/ (here: docs)\n",
        ),
    ];
    for (args, expected) in cases {
        let result = run_in(&graphdoc(), &root, &args);
        assert_eq!(result.code, 2, "{args:?}");
        assert_eq!(result.stderr, expected, "{args:?}");
    }
    // Given explicitly, the English tree is the one asked for.
    let fr = run_in(
        &graphdoc(),
        &docs,
        &[
            "l10n",
            "--docs",
            ".",
            "--localized",
            "fr-FR",
            "--no-history",
        ],
    );
    assert_eq!(fr.code, 0, "translation drift is warnings: {}", fr.stderr);
    assert!(
        fr.stdout
            .contains("identifier `token` is translated as `jeton`"),
        "{}",
        fr.stdout
    );
}

#[test]
fn regenerate_does_not_overwrite_a_file_it_did_not_generate() {
    let (root, _) = docs_copy("own-crate");
    // `--out` names the user's own crate: its manifest is where the
    // generated facade's would go.
    let own = root.join("mine");
    std::fs::create_dir_all(own.join("src")).unwrap();
    let manifest = "[package]\nname = \"mine\"\nversion = \"0.1.0\"\n";
    std::fs::write(own.join("Cargo.toml"), manifest).unwrap();
    let refused = run_in(
        &graphdoc(),
        &root,
        &["regenerate", "--docs", "docs", "--out", "mine"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        refused.stderr,
        "error: mine/Cargo.toml is not a file graphdoc generated (no `@generated by graphdoc-codegen` \
         on its first line): nothing written; give --out a new folder or a previous output\n"
    );
    assert_eq!(
        std::fs::read_to_string(own.join("Cargo.toml")).unwrap(),
        manifest
    );
    assert!(!own.join("src/lib.rs").exists());
    // A new folder, then the same folder again: a previous output is ours.
    for run in ["first", "again"] {
        let written = run_in(
            &graphdoc(),
            &root,
            &["regenerate", "--docs", "docs", "--out", "model"],
        );
        assert_eq!(written.code, 0, "{run}: {}", written.stderr);
    }
}

#[test]
fn all_is_refused_by_the_commands_that_read_one_version() {
    let (root, _) = docs_copy("all-for-one");
    let metadata = root.join("metadata.xml");
    std::fs::write(&metadata, include_str!("fixtures/tiny.csdl.xml")).unwrap();
    // Not "no version `all` … (or all)", which contradicted itself.
    let expected = "error: `all` is every version, and this command reads one: give v1.0 or beta\n";
    let runs = [
        vec!["schema", "--version", "all"],
        vec!["drift", "--metadata", "metadata.xml", "--version", "all"],
        vec!["diff", "--from", "all"],
        vec!["diff", "--to", "all"],
    ];
    for args in runs {
        let mut args = args.clone();
        args.extend(["--docs", "docs"]);
        let result = run_in(&graphdoc(), &root, &args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert_eq!(result.stderr, expected, "{args:?}");
    }
    let lint = run_in(
        &graphdoc(),
        &root,
        &["lint", "--docs", "docs", "--version", "all"],
    );
    assert_ne!(lint.code, 2, "lint reads every version: {}", lint.stderr);
}

/// `--max-chars` holds for the markdown output; with a format it cannot
/// hold for (SARIF and JSON must stay whole documents) it is a usage error,
/// not silently ignored.
#[test]
fn max_chars_is_refused_where_it_cannot_hold() {
    let (root, _docs) = docs_copy("max-chars");
    let metadata = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny.csdl.xml");
    let commands: [(&[&str], &[&str]); 5] = [
        (
            &["lint", "--docs", "docs"],
            &["human", "json", "sarif", "github"],
        ),
        (
            &["samples", "--docs", "docs"],
            &["human", "json", "sarif", "github", "report"],
        ),
        (
            &["drift", "--docs", "docs", "--metadata", metadata],
            &["human", "json", "sarif", "github"],
        ),
        (
            &["l10n", "--docs", "docs", "--localized", "docs/fr-FR"],
            &["human", "json", "sarif", "github"],
        ),
        (&["diff", "--docs", "docs"], &["human", "json"]),
    ];
    for (args, formats) in commands {
        for format in formats {
            let refused = [args, &["--format", format, "--max-chars", "600"]].concat();
            let result = run_in(&graphdoc(), &root, &refused);
            assert_eq!(result.code, 2, "{refused:?}: {}", result.stdout);
            assert_eq!(
                result.stderr,
                "error: --max-chars holds for --format markdown only (a pull-request comment); the other formats are not cut (JSON and SARIF must stay whole documents)\n",
                "{refused:?}"
            );
        }
        let markdown = [args, &["--format", "markdown", "--max-chars", "600"]].concat();
        let result = run_in(&graphdoc(), &root, &markdown);
        assert_ne!(result.code, 2, "{markdown:?}: {}", result.stderr);
        assert!(result.stdout.chars().count() <= 600, "{markdown:?}");
    }
}

/// `--link-base` takes a URL for the markdown output (a pull-request
/// comment, whose relative links GitHub resolves against the pull
/// request's page) and refuses one where files must be named by their path
/// inside the repository (SARIF, GitHub annotations).
#[test]
fn link_base_takes_a_url_for_markdown_only() {
    let (root, docs) = docs_copy("link-base");
    // A finding to link: a property row the JSON representation lacks.
    let page = docs.join("api-reference/v1.0/resources/intune-onboarding-vpptoken.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let text = text.replacen("|token|", "|tokenAlias|String|An alias.|\n|token|", 1);
    std::fs::write(&page, text).unwrap();
    let url = "https://github.com/o/r/blob/0123abc/docs";
    let markdown = run_in(
        &graphdoc(),
        &root,
        &[
            "lint",
            "--docs",
            "docs",
            "--format",
            "markdown",
            "--link-base",
            url,
        ],
    );
    assert_ne!(markdown.code, 2, "{}", markdown.stderr);
    assert!(
        markdown
            .stdout
            .contains("](https://github.com/o/r/blob/0123abc/docs/api-reference/v1.0/resources/intune-onboarding-vpptoken.md#L"),
        "{}",
        markdown.stdout
    );
    for format in ["sarif", "github"] {
        for command in ["lint", "samples"] {
            let args = [
                command,
                "--docs",
                "docs",
                "--format",
                format,
                "--link-base",
                url,
            ];
            let refused = run_in(&graphdoc(), &root, &args);
            assert_eq!(refused.code, 2, "{args:?}");
            assert!(
                refused
                    .stderr
                    .starts_with("error: --link-base takes a URL with --format markdown only"),
                "{args:?}: {}",
                refused.stderr
            );
        }
    }
}
