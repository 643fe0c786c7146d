//! Samples of the project's own corpus (docs-src): one reviewed snapshot per
//! sample, and the defects the corpus README promises.

use graphdoc_samples::{check_version, validate::FindingKind, ReadStatus, VersionReport};
use std::path::Path;

fn docs_src() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-src"))
}

fn report(version: &str) -> VersionReport {
    let mut r = check_version(docs_src(), version).expect("docs-src loads");
    // Snapshots should not depend on where the workspace is checked out.
    let prefix = format!("{}/", docs_src().display());
    for s in &mut r.samples {
        s.file = s.file.replace(&prefix, "");
        for f in &mut s.findings {
            f.file = f.file.replace(&prefix, "");
        }
    }
    r
}

#[test]
fn every_sample_report_is_snapshotted() {
    for version in ["v1.0", "beta"] {
        let r = report(version);
        assert!(!r.samples.is_empty());
        for s in &r.samples {
            let name = format!("{version}__{}__{}", s.file.replace(['/', '.'], "_"), s.line);
            insta::assert_snapshot!(name, s.render());
        }
    }
}

#[test]
fn beta_vpp_token_samples_carry_string_where_enum_members_belong() {
    let r = report("beta");
    let update = "api-reference/beta/api/intune-onboarding-vpptoken-update.md";
    let not_members: Vec<(u32, &str)> = r
        .samples
        .iter()
        .filter(|s| s.file == update)
        .flat_map(|s| &s.findings)
        .filter(|f| f.kind == FindingKind::NotEnumMember)
        .map(|f| (f.line, f.pointer.as_str()))
        .collect();
    // The lines the corpus README lists as deliberate defects.
    assert_eq!(
        not_members,
        [
            (90, "/vppTokenAccountType"),
            (95, "/state"),
            (100, "/tokenActionResults/0/actionState"),
            (105, "/lastSyncStatus"),
            (134, "/vppTokenAccountType"),
            (140, "/state"),
            (145, "/tokenActionResults/0/actionState"),
            (150, "/lastSyncStatus"),
        ]
    );
    // The resource page's "String" placeholders are the representation's
    // normal form, not defects.
    let resource = r
        .samples
        .iter()
        .find(|s| s.file.ends_with("resources/intune-onboarding-vpptoken.md"))
        .expect("representation block");
    assert_eq!(
        resource.validated_as.as_deref(),
        Some("microsoft.graph.vppToken")
    );
    assert!(resource.findings.is_empty(), "{}", resource.render());
}

#[test]
fn v1_samples_are_strict_and_clean() {
    let r = report("v1.0");
    for s in &r.samples {
        assert_eq!(s.read, ReadStatus::Strict, "{}", s.render());
        assert!(
            s.validated_as.is_some() && s.findings.is_empty(),
            "{}",
            s.render()
        );
    }
    assert_eq!(r.summary.blocks, r.samples.len());
    assert_eq!(r.summary.clean, r.samples.len());
}

#[test]
fn run_renders_and_sets_the_exit_code() {
    let v1 = graphdoc_samples::run(docs_src(), &["v1.0"], graphdoc_samples::Format::Human).unwrap();
    assert_eq!(v1.exit_code, 0);
    assert!(v1.rendered.starts_with("v1.0: "), "{}", v1.rendered);
    let all = graphdoc_samples::run(docs_src(), &["all"], graphdoc_samples::Format::Json).unwrap();
    assert_eq!(all.exit_code, 0, "beta has warnings, no errors");
    let strict = graphdoc_docs::gate::PrMode {
        deny: Some(graphdoc_schema::Severity::Warning),
        ..Default::default()
    };
    let limits = graphdoc_docs::Limits::default();
    let format = graphdoc_samples::Format::Json;
    let denied = graphdoc_samples::pr::run(docs_src(), &["all"], &limits, format, &strict).unwrap();
    assert_eq!(denied.exit_code, 1, "under --deny warnings");
    let json: serde_json::Value = serde_json::from_str(&all.rendered).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(2));
    assert!(graphdoc_samples::run(docs_src(), &["v2"], graphdoc_samples::Format::Human).is_err());
}
