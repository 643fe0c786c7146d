//! The request and response samples of docs-src through the model crate
//! generated from docs-src (`generated/`, package `graph-model`): each is
//! read into its generated type, written back, and must come back as the
//! same JSON. The written-back JSON is snapshotted (reviewed), so a change
//! in what the generated types keep or drop shows up in review.

use graph_model::runtime::{self, TypeDesc};
use graphdoc_samples::{check_version, roundtrip_objects, RoundTripObject};
use serde_json::Value;
use std::path::Path;

fn docs_src() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-src"))
}

fn lookup(version: &str) -> fn(&str) -> Option<&'static TypeDesc> {
    match version {
        "v1.0" => graph_model::v1_0::lookup_type,
        "beta" => graph_model::beta::lookup_type,
        other => panic!("no generated module for {other}"),
    }
}

/// Reads `object` into its generated type and writes it back.
fn round_trip(version: &str, object: &RoundTripObject) -> Result<Value, String> {
    let desc = lookup(version)(&object.type_name)
        .ok_or_else(|| format!("no generated type `{}`", object.type_name))?;
    let read = runtime::poly_from_json(desc, object.value.clone()).map_err(|e| e.to_string())?;
    Ok(runtime::poly_to_json(desc, &*read))
}

fn objects(version: &str) -> Vec<RoundTripObject> {
    let mut objects =
        roundtrip_objects(&check_version(docs_src(), version).expect("docs-src loads"));
    let prefix = format!("{}/", docs_src().display());
    for o in &mut objects {
        o.source.file = o.source.file.replace(&prefix, "");
    }
    objects
}

#[test]
fn every_request_and_response_sample_round_trips_unchanged() {
    for version in ["v1.0", "beta"] {
        let objects = objects(version);
        let files: Vec<&str> = objects.iter().map(|o| o.source.file.as_str()).collect();
        assert!(
            files.iter().any(|f| f.contains("/api/")),
            "{version}: no request or response sample found: {files:?}"
        );
        for o in &objects {
            let back = round_trip(version, o).unwrap_or_else(|e| {
                panic!("{}:{} does not read: {e}", o.source.file, o.source.line)
            });
            // `serde_json` maps compare without regard to key order.
            assert_eq!(
                back, o.value,
                "{}:{} changed on the round trip",
                o.source.file, o.source.line
            );
            let name = format!(
                "{version}__{}__{}{}",
                o.source.file.replace(['/', '.'], "_"),
                o.source.line,
                o.item.map(|i| format!("__{i}")).unwrap_or_default()
            );
            insta::assert_snapshot!(
                name,
                serde_json::to_string_pretty(&back).expect("JSON serializes")
            );
        }
    }
}

/// The beta samples carry `"String"` where enum members belong; the
/// generated enums keep such a value (`Other`) rather than fail, so that a
/// payload from a newer service survives a round trip — and validation, not
/// deserialization, is what reports it.
#[test]
fn beta_enum_placeholders_survive_as_unknown_members() {
    let objects = objects("beta");
    let update: Vec<&RoundTripObject> = objects
        .iter()
        .filter(|o| {
            o.source
                .file
                .ends_with("api/intune-onboarding-vpptoken-update.md")
        })
        .collect();
    assert_eq!(update.len(), 2, "request and response");
    for o in update {
        assert!(o.has_value_findings, "the \"String\" values are findings");
        assert_eq!(o.value["vppTokenAccountType"], "String");
        let back = round_trip("beta", o).expect("reads");
        assert_eq!(back["vppTokenAccountType"], "String");
        assert_eq!(back["state"], "String");
    }
}

/// A value of the wrong JSON type is an error with its path, not a panic
/// and not a silent drop: the harness would report it as a failure.
#[test]
fn a_wrong_value_fails_the_round_trip_with_its_path() {
    let mut o = objects("v1.0")
        .into_iter()
        .find(|o| o.value.get("automaticallyUpdateApps").is_some())
        .expect("a vppToken sample");
    o.value["automaticallyUpdateApps"] = Value::String("yes".into());
    let e = round_trip("v1.0", &o).unwrap_err();
    assert!(e.contains("automaticallyUpdateApps"), "{e}");
}
