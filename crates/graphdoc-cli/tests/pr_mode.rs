//! Pull-request mode on a PR-like edit of a copy of docs-src: a paragraph
//! inserted at the top of a page that already has findings (its lines move),
//! a new property row, a changed type cell, a removed enum member, a broken
//! JSON example and a new page. `--since` the base tree and `--baseline`
//! written from it report exactly the findings the edit introduced.

mod common;

use common::{copy_tree, docs_src, graphdoc, run_in, temp_root, Run, Scratch};
use std::fs;
use std::path::Path;

const V1: &str = "api-reference/v1.0";
const RESOURCE: &str = "api-reference/v1.0/resources/intune-onboarding-vpptoken.md";
const UPDATE: &str = "api-reference/v1.0/api/intune-onboarding-vpptoken-update.md";

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// `<root>/base` (docs-src) and `<root>/head` (the edited copy).
fn trees(name: &str) -> Scratch {
    let root = temp_root(name);
    copy_tree(&docs_src(), &root.join("base"));
    copy_tree(&docs_src(), &root.join("head"));
    let head = root.join("head");
    let resource = head.join(RESOURCE);
    edit(
        &resource,
        "Namespace: microsoft.graph\n",
        "Namespace: microsoft.graph\n\nA paragraph inserted at the top.\n\nAnd another.\n",
    );
    edit(
        &resource,
        "|appleId|String|Apple ID linked to the token.|\n",
        "|appleId|String|Apple ID linked to the token.|\n|tokenOwner|String|Who uploaded the token.|\n",
    );
    edit(&resource, "|token|String|", "|token|Int32|");
    edit(
        &head
            .join(V1)
            .join("resources/intune-onboarding-vpptokenstate.md"),
        "|expired|2|The token is past its expiry date.|\n",
        "",
    );
    let update = head.join(UPDATE);
    edit(
        &update,
        "\"Organization Name value\",",
        "\"Organization Name value\"",
    );
    edit(&update, "\"state\": \"valid\"", "\"state\": \"expired\"");
    fs::write(
        head.join(V1).join("resources/newthing.md"),
        "# newThing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n|size|Int32|Size. Possible values are: `small`, `large`.|\n",
    )
    .unwrap();
    root
}

fn graphdoc_in(root: &Path, args: &[&str]) -> Run {
    run_in(&graphdoc(), root, args)
}

/// The `file:line: … [code]` heads of human lint output, without the line.
fn lint_heads(stdout: &str) -> Vec<String> {
    let mut heads: Vec<String> = stdout
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(format!("{} {}", v["code"].as_str()?, v["file"].as_str()?))
        })
        .collect();
    heads.sort();
    heads
}

#[test]
fn lint_since_and_baseline_report_exactly_the_new_findings() {
    let root = trees("lint");
    let since = graphdoc_in(
        &root,
        &[
            "lint",
            "--docs",
            "head",
            "--no-suppress",
            "--format",
            "json",
            "--since",
            "base",
        ],
    );
    assert_eq!(since.code, 0, "only warnings: {}", since.stderr);
    assert_eq!(
        lint_heads(&since.stdout),
        [
            format!("GL0002 {RESOURCE}"),
            // The changed type cell: the representation still says String.
            format!("GL0003 {RESOURCE}"),
            format!("GL0004 {UPDATE}"),
            format!("GL0004 {RESOURCE}"),
            format!("GL0010 {UPDATE}"),
            // The new page has no JSON representation (GL0020 missing-section).
            format!("GL0020 {V1}/resources/newthing.md"),
        ]
    );
    let all = graphdoc_in(
        &root,
        &[
            "lint",
            "--docs",
            "head",
            "--no-suppress",
            "--format",
            "json",
        ],
    );
    assert!(
        lint_heads(&all.stdout)
            .iter()
            .any(|h| h.starts_with("GL0007")),
        "the page whose lines moved has old findings, not reported above"
    );

    let written = graphdoc_in(
        &root,
        &[
            "lint",
            "--docs",
            "base",
            "--no-suppress",
            "--write-baseline",
            "lint.baseline",
        ],
    );
    assert_eq!(written.code, 0, "{}", written.stderr);
    let baseline = graphdoc_in(
        &root,
        &[
            "lint",
            "--docs",
            "head",
            "--no-suppress",
            "--format",
            "json",
            "--baseline",
            "lint.baseline",
        ],
    );
    assert_eq!(baseline.stdout, since.stdout);

    let denied = graphdoc_in(
        &root,
        &[
            "lint",
            "--docs",
            "head",
            "--no-suppress",
            "--since",
            "base",
            "--deny",
            "warnings",
        ],
    );
    assert_eq!(denied.code, 1, "new warnings fail under --deny warnings");
    let unchanged = graphdoc_in(
        &root,
        &[
            "lint",
            "--docs",
            "base",
            "--no-suppress",
            "--since",
            "base",
            "--deny",
            "warnings",
        ],
    );
    assert_eq!(
        unchanged.code, 0,
        "old findings never fail: {}",
        unchanged.stdout
    );
}

#[test]
fn samples_since_and_baseline_report_exactly_the_new_findings() {
    let root = trees("samples");
    let since = graphdoc_in(&root, &["samples", "--docs", "head", "--since", "base"]);
    let listed: Vec<&str> = since
        .stdout
        .lines()
        .filter(|l| l.starts_with("api-reference/"))
        .collect();
    let expected = [
        format!("{UPDATE}:82:3: error[GS0018]: not valid JSON: missing comma"),
        format!("{UPDATE}:86:12: warning[GS0004]: expected an integer (Edm.Int32), found a string"),
        format!("{UPDATE}:87:12: warning[GS0005]: \"expired\" is not a member of microsoft.graph.vppTokenState (unknown, valid, invalid, assignedToExternalMDM); the property's description lists it"),
        format!("{UPDATE}:114:12: warning[GS0004]: expected an integer (Edm.Int32), found a string"),
        format!("{RESOURCE}:56:1: warning[GS0013]: microsoft.graph.vppToken without tokenOwner, and the sample is not marked `truncated`"),
        format!("{RESOURCE}:64:12: warning[GS0015]: the representation says \"String\" (Edm.String), the property table says Edm.Int32"),
    ];
    assert_eq!(listed, expected, "{}", since.stdout);
    // The summary says what was shown before the whole tree's counts.
    assert!(
        since.stdout.contains(
            "\ngraphdoc-samples: 6 new findings (1 error, 5 warnings, 0 notes); the whole tree's counts:\nv1.0: "
        ),
        "{}",
        since.stdout
    );
    assert_eq!(since.code, 1, "the broken JSON is a new error");
    let denied = graphdoc_in(
        &root,
        &[
            "samples", "--docs", "head", "--since", "base", "--deny", "warnings",
        ],
    );
    assert_eq!(denied.code, 1);

    let written = graphdoc_in(
        &root,
        &[
            "samples",
            "--docs",
            "base",
            "--write-baseline",
            "samples.baseline",
        ],
    );
    assert_eq!(written.code, 0, "docs-src's samples have warnings only");
    let baseline = graphdoc_in(
        &root,
        &[
            "samples",
            "--docs",
            "head",
            "--baseline",
            "samples.baseline",
        ],
    );
    assert_eq!(baseline.stdout, since.stdout);
    let unchanged = graphdoc_in(
        &root,
        &[
            "samples", "--docs", "base", "--since", "base", "--deny", "warnings",
        ],
    );
    assert_eq!(unchanged.code, 0, "{}", unchanged.stdout);
}

#[test]
fn drift_since_and_baseline_report_exactly_the_new_findings() {
    let root = trees("drift");
    fs::write(
        root.join("metadata.xml"),
        include_str!("fixtures/tiny.csdl.xml"),
    )
    .unwrap();
    let drift = |docs: &str, extra: &[&str]| {
        let mut args = vec!["drift", "--metadata", "metadata.xml", "--docs", docs];
        args.extend(extra);
        graphdoc_in(&root, &args)
    };
    let since = drift("head", &["--since", "base", "--format", "json"]);
    assert_eq!(since.code, 0, "{}", since.stderr);
    let report: serde_json::Value = serde_json::from_str(&since.stdout).unwrap();
    let findings: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["kind"].as_str().unwrap(),
                f["item"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(findings, ["type-only-in-docs microsoft.graph.newThing"]);
    assert_eq!(
        drift("head", &["--since", "base", "--deny", "warnings"]).code,
        1
    );

    assert_eq!(
        drift("base", &["--write-baseline", "drift.baseline"]).code,
        0
    );
    let baseline = drift(
        "head",
        &["--baseline", "drift.baseline", "--format", "json"],
    );
    assert_eq!(baseline.stdout, since.stdout);
}

/// A page whose type cell names no type: a front-end warning (GD0009).
fn page_with_a_warning(name: &str) -> String {
    format!(
        "# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n\
         |colour|Strng|The colour.|\n"
    )
}

#[test]
fn drift_since_prints_only_the_new_warnings_of_reading_the_docs() {
    let root = trees("drift-warnings");
    fs::write(
        root.join("metadata.xml"),
        include_str!("fixtures/tiny.csdl.xml"),
    )
    .unwrap();
    for tree in ["base", "head"] {
        let page = root.join(tree).join(V1).join("resources/oldwidget.md");
        fs::write(page, page_with_a_warning("oldWidget")).unwrap();
    }
    let new_page = root.join("head").join(V1).join("resources/newwidget.md");
    fs::write(new_page, page_with_a_warning("newWidget")).unwrap();
    let drift = |extra: &[&str]| {
        let mut args = vec!["drift", "--metadata", "metadata.xml", "--docs", "head"];
        args.extend(extra);
        graphdoc_in(&root, &args)
    };
    let warned = |run: &Run, page: &str| {
        run.stderr
            .contains(&format!("{V1}/resources/{page}.md:9: warning[GD0009]"))
    };
    let all = drift(&[]);
    assert!(
        warned(&all, "oldwidget") && warned(&all, "newwidget"),
        "{}",
        all.stderr
    );
    let since = drift(&["--since", "base"]);
    assert_eq!(since.code, 0, "{}", since.stderr);
    assert!(warned(&since, "newwidget"), "{}", since.stderr);
    assert!(!warned(&since, "oldwidget"), "{}", since.stderr);
}

#[test]
fn a_baseline_that_is_not_one_is_a_usage_error() {
    let root = trees("bad-baseline");
    fs::write(root.join("bad.baseline"), "{}\n").unwrap();
    let result = graphdoc_in(
        &root,
        &["lint", "--docs", "head", "--baseline", "bad.baseline"],
    );
    assert_eq!(result.code, 2);
    assert_eq!(
        result.stderr,
        "error: bad.baseline: line 1: not a finding: missing field `file` at line 1 column 2\n"
    );
}
