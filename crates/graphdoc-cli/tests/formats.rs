//! `drift` and `l10n` print their findings in the one finding format, in
//! every output `lint` and `samples` have: `severity[code]` lines, JSON,
//! SARIF, GitHub annotations titled by code, markdown within `--max-chars`.

mod common;

use common::{docs_src, graphdoc, run_in, Run};
use std::path::Path;

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "markdown"];

fn workspace() -> std::path::PathBuf {
    docs_src().join("..")
}

/// `drift` of docs-src against the tiny metadata, with `more` arguments.
fn drift(more: &[&str]) -> Run {
    let metadata = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.csdl.xml");
    let mut args = vec![
        "drift",
        "--metadata",
        metadata.to_str().unwrap(),
        "--docs",
        "docs-src",
    ];
    args.extend(more);
    run_in(&graphdoc(), &workspace(), &args)
}

/// `l10n` of docs-src's French pages, with `more` arguments.
fn l10n(more: &[&str]) -> Run {
    let mut args = vec![
        "l10n",
        "--docs",
        "docs-src",
        "--localized",
        "docs-src/fr-FR",
        "--no-history",
    ];
    args.extend(more);
    run_in(&graphdoc(), &workspace(), &args)
}

/// Checks what every format of one command's findings must hold; `code`
/// is a code each output must carry as the finding's code.
fn check_every_format(command: &dyn Fn(&[&str]) -> Run, code: &str) {
    let machine = workspace().canonicalize().unwrap().display().to_string();
    for format in FORMATS {
        let out = command(&["--format", format, "--link-base", "docs"]);
        assert!(out.code <= 1, "{format}: {}", out.stderr);
        assert!(!out.stdout.contains(&machine), "{format} names {machine}");
        match format {
            "human" => {
                let line = out
                    .stdout
                    .lines()
                    .find(|l| l.contains(&format!("[{code}]")))
                    .expect("a finding");
                let (place, rest) = line.split_once(": ").unwrap();
                let (file, line_number) = place.rsplit_once(':').unwrap();
                assert!(file.starts_with("api-reference/v1.0/"), "{line}");
                assert!(line_number.parse::<u32>().is_ok(), "{line}");
                assert!(rest.starts_with(&format!("warning[{code}]: ")), "{line}");
            }
            "json" => {
                let text = &out.stdout;
                let first = text.lines().next().unwrap();
                // drift's JSON is one document with the scores; l10n's one
                // finding a line.
                let finding: serde_json::Value = if first == "{" {
                    serde_json::from_str::<serde_json::Value>(text).unwrap()["findings"][0].clone()
                } else {
                    serde_json::from_str(first).unwrap()
                };
                assert_eq!(finding["code"].as_str().unwrap().get(..2), code.get(..2));
                for field in ["file", "line", "severity", "message", "name", "identity"] {
                    assert!(!finding[field].is_null(), "{field} in {finding}");
                }
            }
            "sarif" => {
                let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
                let results = log["runs"][0]["results"].as_array().unwrap();
                assert!(results.iter().any(|r| r["ruleId"] == code), "{code}");
                let uri =
                    &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
                assert!(
                    uri.as_str().unwrap().starts_with("docs/api-reference/"),
                    "{uri}"
                );
            }
            "github" => {
                assert!(
                    out.stdout.lines().all(|l| l.starts_with("::")),
                    "{}",
                    out.stdout
                );
                assert!(
                    out.stdout.contains(&format!(",title={code}::")),
                    "{}",
                    out.stdout
                );
                assert!(out.stdout.contains("file=docs/api-reference/"));
            }
            _ => {
                assert!(out.stdout.contains(&format!("`{code}`")), "{}", out.stdout);
                let within = command(&["--format", format, "--max-chars", "600"]);
                assert!(within.stdout.chars().count() <= 600, "{}", within.stdout);
                assert!(
                    within.stdout.contains(" more not shown"),
                    "{}",
                    within.stdout
                );
            }
        }
    }
}

#[test]
fn drift_renders_its_findings_in_every_format() {
    check_every_format(&drift, "GL0013");
}

#[test]
fn l10n_renders_its_findings_in_every_format() {
    check_every_format(&l10n, "GT0008");
}

#[test]
fn drift_human_ends_with_counts_by_kind_and_the_scores() {
    let out = drift(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let summary = out.stdout.split("\n\n").last().unwrap();
    assert!(
        summary.starts_with("7 findings (type-only-in-docs: 4, enum-only-in-docs: 3)\n"),
        "{summary}"
    );
    assert!(summary.contains("\nproperty F1: "), "{summary}");
}

#[test]
fn drift_json_keeps_the_report_fields_and_adds_the_common_ones() {
    let out = drift(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let first = &report["findings"][0];
    assert_eq!(first["kind"], "type-only-in-docs");
    assert_eq!(first["item"], "microsoft.graph.directoryObject");
    assert_eq!(first["code"], "GL0013");
    assert_eq!(first["key"], "type-only-in-docs");
    assert_eq!(
        first["identity"],
        "GL0013|api-reference/v1.0/resources/directoryobject.md|microsoft.graph.directoryObject|type-only-in-docs"
    );
    assert!(
        report["scores"]["property_f1"].is_object(),
        "{}",
        report["scores"]
    );
}

#[test]
fn l10n_annotations_are_titled_by_code_with_the_english_line_as_note() {
    let out = l10n(&["--format", "github"]);
    assert_eq!(out.code, 0, "warnings only: {}", out.stderr);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("title=GT0008::"))
        .expect("a name-and-type-lost annotation");
    assert!(
        line.starts_with("::warning file=api-reference/v1.0/"),
        "{line}"
    );
    assert!(
        line.contains("%0Anote: English api-reference/v1.0/"),
        "{line}"
    );
    assert!(!out.stdout.contains("title=name-and-type-lost"));
    // A translated type cell is pointed at where the line shows it
    // (`|automaticallyUpdateApps|Booléen|…`).
    let type_cell = out
        .stdout
        .lines()
        .find(|l| l.contains("title=GT0009::"))
        .expect("a type-translated annotation");
    assert!(type_cell.contains(",col=26,endColumn=32,"), "{type_cell}");
}

#[test]
fn summaries_say_one_finding_not_one_findings() {
    let out = l10n(&[]);
    let summary = out.stdout.lines().last().unwrap();
    assert!(summary.starts_with("l10n: 6 pages aligned, "), "{summary}");
    assert!(!summary.contains(" 1 findings") && !summary.contains(" 1 pages"));
    let markdown = l10n(&["--format", "markdown"]);
    assert!(
        markdown
            .stdout
            .starts_with("### graphdoc-l10n: 0 errors, 14 warnings, 8 notes\n"),
        "{}",
        markdown.stdout
    );
}

/// The English tree against itself has no translation drift: the English
/// pages' own defects (a doubled possible-values sentence, a copied
/// description) are notes, and the run passes.
#[test]
fn l10n_english_defects_are_notes_and_do_not_fail() {
    let out = run_in(
        &graphdoc(),
        &workspace(),
        &[
            "l10n",
            "--docs",
            "docs-src",
            "--localized",
            "docs-src",
            "--no-history",
        ],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("warning["), "{}", out.stdout);
    assert!(out.stdout.contains(": note[GT0019]: "), "{}", out.stdout);
    // In the French tree they are notes too, beside the warnings of the
    // translation's own drift, which fail the run under --deny warnings.
    let french = l10n(&["--format", "json", "--deny", "warnings"]);
    assert_eq!(french.code, 1);
    for line in french.stdout.lines() {
        let finding: serde_json::Value = serde_json::from_str(line).unwrap();
        let carried = matches!(finding["code"].as_str(), Some("GT0018" | "GT0019"));
        assert_eq!(finding["severity"] == "note", carried, "{line}");
    }
}

/// The human output's first finding of `code` on a page, and the line
/// printed under it (`N | text`) as (N, text).
fn first_snippet(stdout: &str, code: &str) -> (String, u32, String) {
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("api-reference/") && l.contains(&format!("[{code}]")))
        .unwrap_or_else(|| panic!("a {code} finding on a page in:\n{stdout}"));
    let (place, _) = lines[at].split_once(": ").unwrap();
    let mut parts = place.split(':');
    let file = parts.next().unwrap().to_string();
    let line: u32 = parts.next().unwrap().parse().unwrap();
    assert_eq!(lines[at + 1].trim(), "|", "{}", lines[at + 1]);
    let (number, text) = lines[at + 2].split_once(" | ").expect("a snippet line");
    assert_eq!(number.trim().parse::<u32>().unwrap(), line);
    (file, line, text.to_string())
}

/// As lint does, drift, samples and l10n show the page's line under each
/// finding on a page.
#[test]
fn drift_samples_and_l10n_show_the_line_under_each_finding() {
    // The line as written, or its start where it is too long to show.
    let shows = |root: &Path, (file, line, text): (String, u32, String)| {
        let page = std::fs::read_to_string(root.join(&file)).unwrap();
        let written = page.lines().nth(line as usize - 1).unwrap();
        match text.strip_suffix('…') {
            Some(start) => assert!(written.starts_with(start), "{written}\n{text}"),
            None => assert_eq!(written, text),
        }
    };
    let out = drift(&[]);
    shows(&docs_src(), first_snippet(&out.stdout, "GL0013"));
    let out = run_in(
        &graphdoc(),
        &workspace(),
        &["samples", "--docs", "docs-src"],
    );
    shows(&docs_src(), first_snippet(&out.stdout, "GS0005"));
    let out = l10n(&[]);
    shows(
        &docs_src().join("fr-FR"),
        first_snippet(&out.stdout, "GT0008"),
    );
}

/// Findings in the metadata are about a file that is not in the docs
/// repository: no output joins it to --link-base or links it; the docs
/// pages' findings still are.
#[test]
fn drift_findings_in_the_metadata_are_not_linked_as_docs_pages() {
    let scratch = common::temp_root("drift-outside");
    let tiny = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.csdl.xml"),
    )
    .unwrap();
    let metadata = scratch.join("v1.0_metadata.xml");
    std::fs::write(
        &metadata,
        tiny.replace(
            "    </Schema>",
            "      <EntityType Name=\"gadget\" BaseType=\"microsoft.graph.entity\"/>\n    </Schema>",
        ),
    )
    .unwrap();
    let run = |format: &str| {
        run_in(
            &graphdoc(),
            &workspace(),
            &[
                "drift",
                "--metadata",
                metadata.to_str().unwrap(),
                "--docs",
                "docs-src",
                "--link-base",
                "docs",
                "--format",
                format,
            ],
        )
        .stdout
    };
    // The metadata's line is under its finding, as a page's is under a
    // page's finding.
    let lint = run_in(
        &graphdoc(),
        &workspace(),
        &[
            "lint",
            "--docs",
            "docs-src",
            "--metadata",
            metadata.to_str().unwrap(),
            "--version",
            "v1.0",
        ],
    )
    .stdout;
    for human in [run("human"), lint] {
        let at = human
            .find("v1.0_metadata.xml:")
            .expect("a finding in the metadata");
        let mut block = human[at..].lines();
        assert!(block.next().unwrap().contains("microsoft.graph.gadget"));
        assert!(
            block.nth(1).unwrap().ends_with(
                "|       <EntityType Name=\"gadget\" BaseType=\"microsoft.graph.entity\"/>"
            ),
            "{human}"
        );
    }

    let markdown = run("markdown");
    let item = markdown
        .lines()
        .find(|l| l.contains("microsoft.graph.gadget"))
        .expect("the metadata's type");
    assert!(item.contains(" v1.0\\_metadata.xml:"), "{item}");
    assert!(!item.contains("]("), "{item}");
    assert!(
        markdown.contains("](docs/api-reference/v1.0/"),
        "{markdown}"
    );

    let github = run("github");
    let annotation = github
        .lines()
        .find(|l| l.contains("microsoft.graph.gadget"))
        .expect("the metadata's type");
    assert!(
        annotation.starts_with("::warning title=GL0013::v1.0_metadata.xml:"),
        "{annotation}"
    );
    assert!(
        github.contains("::warning file=docs/api-reference/v1.0/"),
        "{github}"
    );

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let location =
        |r: &serde_json::Value| r["locations"][0]["physicalLocation"]["artifactLocation"].clone();
    let gadget = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("gadget"))
        .expect("the metadata's type");
    assert_eq!(
        location(gadget),
        serde_json::json!({ "uri": "v1.0_metadata.xml" })
    );
    assert!(results.iter().any(|r| location(r)["uri"]
        .as_str()
        .unwrap()
        .starts_with("docs/api-reference/")));
}

/// `lint --metadata` reports drift as GL0013 findings: the same findings as
/// `drift`, worded the same (one message from one home).
#[test]
fn lint_and_drift_word_a_drift_finding_the_same() {
    let metadata = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.csdl.xml");
    let lint = run_in(
        &graphdoc(),
        &workspace(),
        &[
            "lint",
            "--docs",
            "docs-src",
            "--version",
            "v1.0",
            "--metadata",
            metadata.to_str().unwrap(),
            "--no-suppress",
            "--format",
            "json",
        ],
    );
    let mut from_lint: Vec<String> = lint
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["code"] == "GL0013")
        .map(|f| format!("{}:{} {}", f["file"], f["line"], f["message"]))
        .collect();
    let drift = drift(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&drift.stdout).unwrap();
    let mut from_drift: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{} {}", f["file"], f["line"], f["message"]))
        .collect();
    from_lint.sort();
    from_drift.sort();
    assert!(!from_drift.is_empty());
    assert_eq!(from_lint, from_drift);
}
