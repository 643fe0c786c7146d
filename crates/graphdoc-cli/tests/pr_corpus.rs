//! Pull-request mode on a PR-like edit of a copy of the real corpus's v1.0
//! (`../shared/graph-docs`; the base is the corpus itself, read only, and
//! the copy holds v1.0 and the beta resource pages v1.0 reads bases from): a
//! paragraph inserted at the top of a page that already has findings
//! (application.md: its lines move), a new property row, a changed type cell
//! on a property that already has a drift finding, a removed enum member, a
//! missing comma and a new page. `lint`, `samples` and `drift` with `--since`
//! the corpus report exactly the findings the edit caused, in every format,
//! and a baseline written from the corpus gives the same output.

mod common;

use common::{copy_tree, graphdoc, run_in, Run};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const V1: &str = "api-reference/v1.0";
const MOVED: &str = "api-reference/v1.0/resources/application.md";
const RETYPED: &str = "api-reference/v1.0/resources/agreementacceptance.md";
const NEW_ROW: &str = "api-reference/v1.0/resources/callroute.md";
const ENUMS: &str = "api-reference/v1.0/resources/enums.md";
const COMMA: &str = "api-reference/v1.0/api/group-update.md";
const NEW_PAGE: &str = "api-reference/v1.0/resources/newthing.md";

fn edit(root: &Path, page: &str, from: &str, to: &str) {
    let path = root.join(page);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{page}: no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// `(corpus, temp root)`: the temp root holds `head`, the edited copy of
/// the corpus's v1.0, and is where baselines are written. `None` (skip)
/// when the corpus is missing outside CI.
fn setup() -> Option<&'static (PathBuf, PathBuf)> {
    static TREES: OnceLock<Option<(PathBuf, PathBuf)>> = OnceLock::new();
    TREES
        .get_or_init(|| {
            let corpus = graphdoc_testdata::graph_docs()?;
            let corpus = fs::canonicalize(corpus).unwrap();
            // A static is never dropped, so a Scratch here would stay in the
            // system's temp folder: the 36 MB copy lives under the target
            // directory instead, replaced by each run.
            let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pr-corpus");
            let _ = fs::remove_dir_all(&root);
            fs::create_dir_all(&root).unwrap();
            let head = root.join("head");
            copy_tree(&corpus.join(V1), &head.join(V1));
            // What reading v1.0 also reads: a type's page in the other
            // version, for a base v1.0's page does not state.
            let beta_resources = "api-reference/beta/resources";
            copy_tree(&corpus.join(beta_resources), &head.join(beta_resources));
            edit(
                &head,
                MOVED,
                "Namespace: microsoft.graph\n",
                "Namespace: microsoft.graph\n\nA paragraph inserted at the top.\n\nAnd another one.\n",
            );
            // The type cell of a property drift already reports (the
            // metadata's type is an enum): another wrong type is new.
            edit(
                &head,
                RETYPED,
                "|state|string| The state",
                "|state|Int32| The state",
            );
            edit(
                &head,
                NEW_ROW,
                "| original            |",
                "| newSetting          | Boolean                       | A new setting. |\n| original            |",
            );
            edit(&head, ENUMS, "|plane|\n", "");
            edit(
                &head,
                COMMA,
                "\"description\": \"Library Assist\",",
                "\"description\": \"Library Assist\"",
            );
            fs::write(
                head.join(NEW_PAGE),
                "# newThing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n\
|size|Int32|The size.|\n",
            )
            .unwrap();
            Some((corpus, root))
        })
        .as_ref()
}

fn run(root: &Path, args: &[&str]) -> Run {
    run_in(&graphdoc(), root, args)
}

/// `code file:line` of each JSON line, in output order.
fn heads(json_lines: &str) -> Vec<String> {
    json_lines
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            format!(
                "{} {}:{}",
                v["code"].as_str().unwrap(),
                v["file"].as_str().unwrap(),
                v["line"]
            )
        })
        .collect()
}

/// The five samples of the timeOff reasons that give the removed member.
fn plane_samples(code: &str) -> Vec<String> {
    [
        "schedule-list-timeoffreasons.md:109",
        "schedule-post-timeoffreasons.md:111",
        "timeoffreason-get.md:110",
        "timeoffreason-put.md:72",
        "timeoffreason-put.md:118",
    ]
    .iter()
    .map(|at| format!("{code} {V1}/api/{at}"))
    .collect()
}

/// The number of findings in each format's output: human `severity[code]`
/// heads, SARIF results, annotations, markdown items.
fn counts_per_format(output: &[(&str, Run)]) -> Vec<(String, usize)> {
    output
        .iter()
        .map(|(format, run)| {
            let n = match *format {
                "human" => run
                    .stdout
                    .lines()
                    .filter(|l| l.starts_with("api-reference/") && l.contains("]: "))
                    .count(),
                "sarif" => {
                    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
                    v["runs"][0]["results"].as_array().unwrap().len()
                }
                "github" => run.stdout.lines().filter(|l| l.starts_with("::")).count(),
                "markdown" => run.stdout.lines().filter(|l| l.starts_with("- **")).count(),
                _ => run.stdout.lines().count(),
            };
            (format.to_string(), n)
        })
        .collect()
}

/// Runs `command` on the head tree `--since` the corpus (JSON), checks
/// that a baseline written from the corpus gives the same bytes, and that
/// every format lists as many findings; returns the JSON lines.
fn since_and_baseline(command: &str, extra: &[&str]) -> Option<String> {
    let (corpus, root) = setup()?;
    let corpus = corpus.to_str().unwrap();
    let args = |docs: &str, more: &[&str]| {
        let mut args = vec![command, "--docs", docs, "--version", "v1.0"];
        args.extend(extra);
        args.extend(more);
        args.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let go = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        run(root, &a)
    };
    let since = go(args("head", &["--since", corpus, "--format", "json"]));
    assert!(since.code <= 1, "{}", since.stderr);
    let baseline_file = format!("{command}.baseline");
    let written = go(args(corpus, &["--write-baseline", &baseline_file]));
    assert!(written.code <= 1, "{}", written.stderr);
    let formats = ["json", "human", "sarif", "github", "markdown"];
    let outputs: Vec<(&str, Run)> = formats
        .iter()
        .map(|f| {
            (
                *f,
                go(args("head", &["--baseline", &baseline_file, "--format", f])),
            )
        })
        .collect();
    assert_eq!(
        outputs[0].1.stdout, since.stdout,
        "--baseline and --since agree"
    );
    let n = since.stdout.lines().count();
    for (format, count) in counts_per_format(&outputs) {
        assert_eq!(
            count,
            n,
            "{format}: {}",
            outputs[formats.iter().position(|f| *f == format).unwrap()]
                .1
                .stdout
        );
    }
    Some(since.stdout)
}

#[test]
fn lint_reports_exactly_what_the_edit_caused() {
    let Some(json) = since_and_baseline("lint", &["--no-suppress"]) else {
        return;
    };
    let found = heads(&json);
    assert!(!found.iter().any(|h| h.contains(MOVED)), "{found:#?}");
    let mut expected = plane_samples("GL0010");
    expected.extend([
        // The representation still says "String".
        format!("GL0003 {RETYPED}:65"),
        format!("GL0002 {NEW_ROW}:21"),
        // No JSON representation (GL0020 missing-section).
        format!("GL0020 {NEW_PAGE}:1"),
    ]);
    assert_eq!(found, expected, "{json}");
}

#[test]
fn samples_reports_exactly_what_the_edit_caused() {
    let Some(json) = since_and_baseline("samples", &[]) else {
        return;
    };
    let found = heads(&json);
    assert!(!found.iter().any(|h| h.contains(MOVED)), "{found:#?}");
    let mut expected = vec![format!("GS0018 {COMMA}:86")];
    expected.extend(plane_samples("GS0005"));
    expected.extend([
        format!("GS0015 {RETYPED}:65"),
        // The representation lacks the new row.
        format!("GS0013 {NEW_ROW}:37"),
    ]);
    assert_eq!(found, expected, "{json}");
}

#[test]
fn drift_reports_exactly_what_the_edit_caused() {
    let Some((corpus, root)) = setup() else {
        return;
    };
    let metadata = corpus.join("../metadata/v1.0.csdl.xml");
    let metadata = metadata.to_str().unwrap();
    let corpus = corpus.to_str().unwrap();
    let drift = |docs: &str, more: &[&str]| {
        let mut args = vec![
            "drift",
            "--metadata",
            metadata,
            "--docs",
            docs,
            "--version",
            "v1.0",
        ];
        args.extend(more);
        run(root, &args)
    };
    let since = drift("head", &["--since", corpus, "--format", "json"]);
    assert_eq!(since.code, 0, "{}", since.stderr);
    let human = drift("head", &["--since", corpus]);
    assert_eq!(
        human
            .stdout
            .lines()
            .filter(|l| l.starts_with("api-reference/"))
            .count(),
        4,
        "{}",
        human.stdout
    );
    let report: serde_json::Value = serde_json::from_str(&since.stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            // The message starts with the kind, as lint's GL0013 says it.
            let message = f["message"].as_str().unwrap();
            assert!(message.starts_with(f["kind"].as_str().unwrap()), "{f}");
            format!("{}: {message}", f["file"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        found,
        [
            // The property already had a drift finding (the docs said
            // String); the new wrong type is a new finding.
            format!("{RETYPED}: property-type-differs: type of `microsoft.graph.agreementAcceptance/state`: docs say `Edm.Int32`, metadata says `microsoft.graph.agreementAcceptanceState`"),
            format!("{NEW_ROW}: extra-property: property `newSetting` of `microsoft.graph.callRoute` is not in the metadata type `microsoft.graph.callRoute`"),
            format!("{ENUMS}: enum-member-missing: enum `microsoft.graph.timeOffReasonIconType` lacks member `plane`"),
            format!("{NEW_PAGE}: type-only-in-docs: complex type `microsoft.graph.newThing` is in the docs but not in the metadata"),
        ],
        "{found:#?}"
    );
    assert_eq!(
        drift(corpus, &["--write-baseline", "drift.baseline"]).code,
        0
    );
    let baseline = drift(
        "head",
        &["--baseline", "drift.baseline", "--format", "json"],
    );
    assert_eq!(baseline.stdout, since.stdout);
}
