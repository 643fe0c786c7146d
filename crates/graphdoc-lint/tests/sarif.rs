//! The SARIF output validates against the official SARIF 2.1.0 JSON schema
//! (OASIS, `sarif-schema-2.1.0.json`, committed next to this test; taken
//! unchanged from the `serde-sarif` 0.8.0 crate, which ships the OASIS file),
//! and carries what GitHub code scanning reads.

use graphdoc_lint::{run, Format, LintOptions};
use serde_json::Value;
use std::path::PathBuf;

fn sarif_of(root: PathBuf) -> Value {
    let mut opts = LintOptions::new(root);
    opts.format = Format::Sarif;
    opts.no_suppressions = true;
    let out = run(&opts).expect("lint runs");
    serde_json::from_str(&out.rendered).expect("SARIF output is JSON")
}

fn validator() -> jsonschema::Validator {
    let text = include_str!("sarif-schema-2.1.0.json");
    // The official file's `run.language` pattern has a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which the meta-schema's
    // `format: regex` rejects; it is replaced in memory by the pattern it
    // means. Our output never sets `language`.
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(
        text.contains(broken),
        "the known defect of the schema file moved"
    );
    let text = text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let v = validator();
    for root in [
        "../../docs-src",
        "tests/fixtures/broken",
        "tests/fixtures/suppress",
    ] {
        let log = sarif_of(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(root));
        let errors: Vec<String> = v
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{root}: {errors:#?}");
    }
}

#[test]
fn the_validator_rejects_what_github_would_reject() {
    let v = validator();
    let mut log = sarif_of(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs-src"));
    assert!(v.is_valid(&log));
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!v.is_valid(&log), "startLine must be >= 1");
    let mut log2 = sarif_of(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs-src"));
    log2["version"] = "2.0.0".into();
    assert!(!v.is_valid(&log2));
}

#[test]
fn sarif_has_the_fields_github_code_scanning_reads() {
    let log = sarif_of(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs-src"));
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .ends_with("sarif-2.1.0.json"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "graphdoc-lint");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), graphdoc_lint::registry::codes().count());
    assert!(
        run["originalUriBaseIds"]["SRCROOT"]["uri"].is_null(),
        "no machine path"
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 26);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id);
        assert!(!r["partialFingerprints"]["graphdocIdentity/v1"]
            .as_str()
            .unwrap()
            .is_empty());
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("api-reference/") && uri.ends_with(".md"),
            "relative to the docs root: {uri}"
        );
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

/// The findings of the samples check of docs-src, as every command gives
/// them to the renderers: relative to the docs root.
fn sample_findings() -> Vec<graphdoc_lint::Finding> {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs-src");
    let report = graphdoc_samples::check_version(&docs, "beta").expect("samples check runs");
    let root = graphdoc_lint::Root::new(&docs);
    let mut findings: Vec<_> = report
        .samples
        .iter()
        .flat_map(|s| s.all_findings())
        .collect();
    for f in &mut findings {
        root.relativize(f);
    }
    findings
}

#[test]
fn sample_findings_render_in_every_format_without_machine_paths() {
    let findings = sample_findings();
    assert!(findings.iter().any(|f| f.code.starts_with("GS")));
    let machine = env!("CARGO_MANIFEST_DIR");
    let opts = graphdoc_lint::RenderOptions::new("graphdoc-samples");
    for format in [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
    ] {
        let out = graphdoc_lint::render::render(&findings, format, &opts, &|_| None);
        assert!(!out.contains(machine), "{format:?} names {machine}");
        assert!(!out.contains("docs-src/"), "{format:?} is not relative");
    }
    let log: Value = serde_json::from_str(&graphdoc_lint::render::sarif::render(&findings, &opts))
        .expect("SARIF is JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for r in log["runs"][0]["results"].as_array().unwrap() {
        assert!(
            r["ruleIndex"].is_u64(),
            "every code is a rule: {}",
            r["ruleId"]
        );
    }
}

/// `log` has no schema error and every result names a rule of the run.
fn assert_valid_with_rules(log: &Value, what: &str) {
    let errors: Vec<String> = validator()
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{what}: no results");
    for r in results {
        assert!(r["ruleIndex"].is_u64(), "{what}: {} is a rule", r["ruleId"]);
    }
}

#[test]
fn drift_sarif_is_valid_sarif_with_its_code_as_rule() {
    use graphdoc_lint::drift_command::{run, DriftOptions};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let opts = DriftOptions {
        docs: root.clone(),
        version: "v1.0".into(),
        metadata: root.join("metadata.csdl"),
        format: Format::Sarif,
        link_base: "docs".into(),
        max_chars: None,
        pr: graphdoc_docs::gate::PrMode::default(),
        limits: graphdoc_docs::Limits::default(),
    };
    let out = run(&opts, &mut |_| {}).expect("drift runs");
    let log: Value = serde_json::from_str(&out.rendered).expect("SARIF is JSON");
    assert_valid_with_rules(&log, "drift");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "GL0013");
    let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert!(uri.as_str().unwrap().starts_with("docs/"), "{uri}");
    assert!(!out.rendered.contains(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn l10n_sarif_is_valid_sarif_with_gt_codes_as_rules() {
    let english = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs-src");
    let report = graphdoc_l10n::run(
        &english,
        &english.join("fr-FR"),
        graphdoc_l10n::History::Off,
    )
    .expect("both trees load");
    let opts = graphdoc_lint::RenderOptions::new("graphdoc-l10n");
    let rendered = graphdoc_lint::l10n_command::render(&report, Format::Sarif, &opts);
    let log: Value = serde_json::from_str(&rendered).expect("SARIF is JSON");
    assert_valid_with_rules(&log, "l10n");
    let ids: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(ids.iter().all(|id| id.starts_with("GT")), "{ids:?}");
    assert!(ids.contains(&"GT0008"), "{ids:?}");
    assert!(!rendered.contains(env!("CARGO_MANIFEST_DIR")));
}
