//! End-to-end tests of `graphdoc_lint::run` on the docs-src tree and on the
//! broken fixture trees under tests/fixtures/.

use graphdoc_lint::{rules, run, Finding, Format, LintOptions};
use graphdoc_schema::Severity;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures").join(name)
}

fn docs_src() -> PathBuf {
    crate_dir().join("../../docs-src")
}

/// (rule, path relative to `root`'s api-reference/, line) of each finding.
fn keys(findings: &[Finding], root: &Path) -> BTreeSet<(String, String, u32)> {
    let prefix = format!("{}/", graphdoc_docs::display_path(root));
    findings
        .iter()
        .map(|f| {
            let rel = f.file.strip_prefix(&prefix).unwrap_or(&f.file);
            let rel = rel.strip_prefix("api-reference/").unwrap_or(rel);
            (rules::rule_of(&f.code).to_string(), rel.to_string(), f.line)
        })
        .collect()
}

fn expected(items: &[(&str, &str, &[u32])]) -> BTreeSet<(String, String, u32)> {
    items
        .iter()
        .flat_map(|(rule, file, lines)| {
            lines
                .iter()
                .map(move |l| (rule.to_string(), file.to_string(), *l))
        })
        .collect()
}

fn lint(root: &Path, configure: impl FnOnce(&mut LintOptions)) -> graphdoc_lint::LintOutcome {
    let mut opts = LintOptions::new(root);
    configure(&mut opts);
    run(&opts).expect("lint runs")
}

fn of_rule(findings: &[Finding], rule: &str, root: &Path) -> BTreeSet<(String, String, u32)> {
    let only: Vec<Finding> = findings
        .iter()
        .filter(|f| rules::rule_of(&f.code) == rule)
        .cloned()
        .collect();
    keys(&only, root)
}

#[test]
fn docs_src_is_clean_with_its_suppressions() {
    let out = lint(&docs_src(), |o| o.pr.deny = Some(Severity::Warning));
    assert_eq!(out.findings, Vec::new(), "{}", out.rendered);
    assert_eq!(out.exit_code, 0);
    assert_eq!(out.suppressed, 26);
}

/// Exactly the deliberate defects docs-src/README.md lists, and nothing else.
/// A duplicated description is reported once, on the copy (countryOrRegion),
/// the later of the two lines the README names.
#[test]
fn docs_src_without_suppressions_finds_exactly_the_published_defects() {
    let root = docs_src();
    let out = lint(&root, |o| {
        o.no_suppressions = true;
        o.pr.deny = Some(Severity::Warning);
    });
    let want = expected(&[
        (
            "GL0007",
            "v1.0/resources/intune-onboarding-vpptoken.md",
            &[37],
        ),
        (
            "GL0007",
            "v1.0/api/intune-onboarding-vpptoken-update.md",
            &[60],
        ),
        (
            "GL0007",
            "beta/resources/intune-onboarding-vpptoken.md",
            &[40],
        ),
        (
            "GL0007",
            "beta/api/intune-onboarding-vpptoken-update.md",
            &[63],
        ),
        (
            "GL0008",
            "v1.0/resources/intune-onboarding-vpptoken.md",
            &[28, 34, 35],
        ),
        (
            "GL0008",
            "v1.0/api/intune-onboarding-vpptoken-update.md",
            &[51, 57, 58],
        ),
        (
            "GL0008",
            "beta/resources/intune-onboarding-vpptoken.md",
            &[30, 36, 38],
        ),
        (
            "GL0008",
            "beta/api/intune-onboarding-vpptoken-update.md",
            &[53, 59, 61],
        ),
        (
            "GL0009",
            "beta/api/intune-onboarding-vpptoken-update.md",
            &[25, 27],
        ),
        (
            "GL0010",
            "beta/api/intune-onboarding-vpptoken-update.md",
            &[90, 95, 100, 105, 134, 140, 145, 150],
        ),
    ]);
    assert_eq!(keys(&out.findings, &root), want, "{}", out.rendered);
    assert_eq!(out.exit_code, 1);
    // Without --deny warnings, warnings do not fail the run.
    let lenient = lint(&root, |o| o.no_suppressions = true);
    assert_eq!(lenient.exit_code, 0);
}

#[test]
fn human_output_points_at_the_offending_text() {
    let out = lint(&docs_src(), |o| {
        o.no_suppressions = true;
        o.version = "beta".into();
    });
    let block = out
        .rendered
        .split("\n\n")
        .find(|b| b.contains("GL0010") && b.contains(":95:"))
        .expect("the state sample finding");
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines[0], "api-reference/beta/api/intune-onboarding-vpptoken-update.md:95:12: warning[GL0010]: \"String\" is not a member of microsoft.graph.vppTokenState (unknown, valid, expired, invalid, assignedToExternalMDM, duplicateLocationId)");
    assert_eq!(lines[1], "   |");
    assert_eq!(lines[2], "95 |   \"state\": \"String\",");
    assert_eq!(lines[3], "   |            ^^^^^^^^");
    assert_eq!(lines[4], "   = note: at `/state` of the sample", "{block}");
}

fn broken() -> (PathBuf, Vec<Finding>) {
    let root = fixture("broken");
    let out = lint(&root, |_| {});
    (root, out.findings)
}

const WIDGET: &str = "v1.0/resources/widget.md";
const UPDATE: &str = "v1.0/api/widget-update.md";
const LIST: &str = "v1.0/api/widget-list.md";

#[test]
fn gl002_table_property_missing_from_json() {
    let (root, f) = broken();
    assert_eq!(
        of_rule(&f, rules::MISSING_IN_JSON, &root),
        expected(&[("GL0002", WIDGET, &[21])])
    );
}

#[test]
fn gl003_placeholder_type_disagrees_with_table() {
    let (root, f) = broken();
    // size: "Int64" vs Int32; label: "String (timestamp)" vs String.
    assert_eq!(
        of_rule(&f, rules::JSON_TYPE_MISMATCH, &root),
        expected(&[("GL0003", WIDGET, &[39, 41])])
    );
    let size = f
        .iter()
        .find(|x| x.code == rules::JSON_TYPE_MISMATCH && x.line == 39)
        .unwrap();
    assert!(
        size.message.contains(
            "the representation says \"Int64\" (Edm.Int64), the property table says Edm.Int32"
        ),
        "{}",
        size.message
    );
}

#[test]
fn gl004_possible_value_not_a_member() {
    let (root, f) = broken();
    assert_eq!(
        of_rule(&f, rules::POSSIBLE_VALUES, &root),
        expected(&[("GL0004", WIDGET, &[19])])
    );
    let x = f.iter().find(|x| x.code == rules::POSSIBLE_VALUES).unwrap();
    assert!(x.message.contains("`purple`"), "{}", x.message);
}

#[test]
fn gl005_link_to_missing_page() {
    let (root, f) = broken();
    // gadget.md is missing; widgetcolor.md exists; ../../concepts is outside the checked folders.
    assert_eq!(
        of_rule(&f, rules::BROKEN_LINK, &root),
        expected(&[("GL0005", WIDGET, &[10])])
    );
}

#[test]
fn gl006_odata_type_of_no_page() {
    let (root, f) = broken();
    assert_eq!(
        of_rule(&f, rules::UNDEFINED_TYPE, &root),
        expected(&[("GL0006", UPDATE, &[59])])
    );
}

#[test]
fn gl007_identical_descriptions() {
    let (root, f) = broken();
    assert_eq!(
        of_rule(&f, rules::DUPLICATE_DESCRIPTION, &root),
        expected(&[("GL0007", WIDGET, &[22])])
    );
}

#[test]
fn gl008_repeated_sentence() {
    let (root, f) = broken();
    assert_eq!(
        of_rule(&f, rules::REPEATED_SENTENCE, &root),
        expected(&[("GL0008", WIDGET, &[23])])
    );
}

#[test]
fn gl009_todo_in_permissions() {
    let (root, f) = broken();
    assert_eq!(
        of_rule(&f, rules::PLACEHOLDER_TEXT, &root),
        expected(&[("GL0009", UPDATE, &[15])])
    );
}

#[test]
fn gl010_enum_values_in_examples() {
    let (root, f) = broken();
    // Request: "purple" (not a member); "shade": "green" is fine and
    // "label" is not an enum. Response of the update: its @odata.type names
    // no type (an unknown_type of `samples`), so it is checked as the
    // operation's declared type, as `samples` checks it: "String" is no
    // color. List response: the items of "value", "Blue" differs in case.
    assert_eq!(
        of_rule(&f, rules::ENUM_SAMPLE, &root),
        expected(&[("GL0010", UPDATE, &[42, 60]), ("GL0010", LIST, &[50])])
    );
}

#[test]
fn gl001_front_end_diagnostics_keep_their_codes() {
    let f = lint(&fixture("suppress"), |o| o.no_suppressions = true).findings;
    let front: Vec<&Finding> = f.iter().filter(|x| x.code.starts_with("GD")).collect();
    assert!(!front.is_empty());
    for x in front {
        assert_eq!(rules::rule_of(&x.code), rules::FRONTEND);
        assert!(graphdoc_lint::registry::lookup(&x.code).is_some(), "{x:?}");
        assert!(!x.message.starts_with("GD"), "{x:?}");
    }
}

#[test]
fn gl011_gl012_version_drift() {
    let root = fixture("versions");
    // Off by default.
    let default = lint(&root, |_| {});
    assert!(!default
        .findings
        .iter()
        .any(|f| f.code == rules::VERSION_MISSING || f.code == rules::VERSION_TYPE));
    let out = lint(&root, |o| o.enable = vec!["GL0011".into(), "GL0012".into()]);
    let want = expected(&[
        ("GL0011", "beta/resources/thing.md", &[6]),
        ("GL0012", "beta/resources/thing.md", &[16]),
    ]);
    let drift: Vec<Finding> = out
        .findings
        .iter()
        .filter(|f| f.code == rules::VERSION_MISSING || f.code == rules::VERSION_TYPE)
        .cloned()
        .collect();
    assert_eq!(keys(&drift, &root), want, "{}", out.rendered);
    // One version alone: no comparison.
    let single = lint(&root, |o| {
        o.version = "beta".into();
        // The former spellings enable the same rules.
        o.enable = vec!["GL011".into(), "gl012".into()];
    });
    assert!(!single
        .findings
        .iter()
        .any(|f| f.code == rules::VERSION_MISSING || f.code == rules::VERSION_TYPE));
}

#[test]
fn gl013_metadata_drift_with_metadata_only() {
    let root = fixture("broken");
    let out = lint(&root, |o| o.metadata = Some(root.join("metadata.csdl")));
    let drift: Vec<&Finding> = out
        .findings
        .iter()
        .filter(|f| f.code == rules::METADATA_DRIFT)
        .collect();
    assert!(
        drift
            .iter()
            .any(|f| f.key.starts_with("property-type-differs: ") && f.message.contains("size")),
        "{drift:?}"
    );
    assert!(
        drift
            .iter()
            .any(|f| f.key == "missing-property" && f.message.contains("weight")),
        "{drift:?}"
    );
    assert!(drift.iter().all(|f| !f.subject.is_empty()), "{drift:?}");
    let (_, without) = broken();
    assert!(!without.iter().any(|f| f.code == rules::METADATA_DRIFT));
}

#[test]
fn suppressions_inline_and_config_with_unused_and_bad_ones() {
    let root = fixture("suppress");
    let out = lint(&root, |_| {});
    let page = "v1.0/resources/thing.md";
    let want = expected(&[
        ("GL0007", page, &[25]),
        ("GL0014", page, &[27]),
        ("GL0015", page, &[29]),
        ("GL0014", "graphdoc-lint.toml", &[6]),
    ]);
    assert_eq!(keys(&out.findings, &root), want, "{}", out.rendered);
    // GL0007 at 18 (inline), GL0008 at 19 and the two GD0016 (config).
    assert_eq!(out.suppressed, 4);
    // Off: the suppressed ones come back, the suppression findings go.
    let off = lint(&root, |o| o.no_suppressions = true);
    let want_off = expected(&[
        ("GL0007", page, &[18, 25]),
        ("GL0008", page, &[19]),
        ("GL0001", page, &[24, 25]),
    ]);
    assert_eq!(keys(&off.findings, &root), want_off, "{}", off.rendered);
}

/// Exit codes and errors of [`run`]; the command line's own usage errors
/// (unknown flags and values) are tested in crates/graphdoc-cli.
#[test]
fn exit_codes() {
    let src = docs_src();
    let with = |edit: &dyn Fn(&mut LintOptions)| {
        let mut o = LintOptions::new(&src);
        edit(&mut o);
        run(&o)
    };
    assert_eq!(
        with(&|o| o.pr.deny = Some(Severity::Warning))
            .unwrap()
            .exit_code,
        0
    );
    let unsuppressed = with(&|o| {
        o.pr.deny = Some(Severity::Warning);
        o.no_suppressions = true;
    });
    assert_eq!(unsuppressed.unwrap().exit_code, 1);
    assert_eq!(with(&|o| o.no_suppressions = true).unwrap().exit_code, 0);
    let missing = crate_dir().join("tests/fixtures/no-such-tree");
    assert!(with(&|o| o.docs = missing.clone()).is_err());
    assert!(with(&|o| o.version = "v2".into()).is_err());
    assert!(with(&|o| o.metadata = Some("/no/such/file.csdl".into())).is_err());
    // A file that is not CSDL: where and why, not the error's Debug form.
    let not_csdl = with(&|o| o.metadata = Some(crate_dir().join("Cargo.toml")))
        .unwrap_err()
        .to_string();
    assert!(
        not_csdl.contains("cannot read metadata: ") && not_csdl.contains("Cargo.toml:1:1: "),
        "{not_csdl}"
    );
    let bad_config = fixture("broken").join("metadata.csdl");
    assert!(with(&|o| o.config = Some(bad_config.clone())).is_err());
    let text = graphdoc_lint::explain("GL0010").unwrap();
    assert!(text.starts_with("GL0010 enum-sample-value"));
    // The former three-digit spelling still answers, saying the new one.
    let text = graphdoc_lint::explain("GL010").unwrap();
    assert!(text.starts_with("GL010 is now GL0010.\n\nGL0010 enum-sample-value"));
    assert!(graphdoc_lint::explain("GL999").is_none());
    // Front-end codes, counted under GL0001, are explained too, wrapped.
    let text = graphdoc_lint::explain("gd0022").unwrap();
    assert!(text.starts_with("GD0022 front-end diagnostic (a lint finding under GL0001)\n\n"));
    assert!(text.contains("HTTP request"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(graphdoc_lint::explain("GD9999").is_none());
}

#[test]
fn every_rule_has_a_unique_code_summary_and_explanation() {
    let mut seen = BTreeSet::new();
    for r in graphdoc_lint::RULES {
        assert!(seen.insert(r.code), "duplicate {}", r.code);
        assert!(
            !r.summary.is_empty() && !r.summary.contains('\n'),
            "{}",
            r.code
        );
        let text = graphdoc_lint::explain(r.code).unwrap();
        assert!(
            text.starts_with(&format!("{} {}", r.code, r.name)),
            "{}",
            r.code
        );
    }
}

#[test]
fn github_format_lines() {
    let out = lint(&docs_src(), |o| {
        o.no_suppressions = true;
        o.format = Format::Github;
        o.version = "beta".into();
    });
    let line = out
        .rendered
        .lines()
        .find(|l| l.contains("line=25,"))
        .unwrap();
    assert!(line.starts_with("::warning file="), "{line}");
    assert!(
        line.contains("intune-onboarding-vpptoken-update.md,line=25,col=37,"),
        "{line}"
    );
    assert!(
        line.contains("title=GL0009::permissions table holds placeholder text"),
        "{line}"
    );
}

/// The versions are loaded and checked side by side and the pages in
/// parallel: every output is the same whatever the number of threads.
#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let trees = [docs_src(), docs_src().join("fr-FR"), fixture("broken")];
    let formats = [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
    ];
    let in_pool = |threads: usize, opts: &LintOptions| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| run(opts).expect("lint runs"))
    };
    for root in &trees {
        for format in formats {
            let mut opts = LintOptions::new(root);
            opts.format = format;
            opts.no_suppressions = true;
            let one = in_pool(1, &opts);
            assert!(!one.findings.is_empty(), "{}", root.display());
            for threads in [2, 5] {
                let many = in_pool(threads, &opts);
                assert_eq!(many.rendered, one.rendered, "{} {format:?}", root.display());
                assert_eq!(many.findings, one.findings);
            }
        }
    }
}
