//! SARIF 2.1.0: one run, every code of the registry as a rule (description,
//! explanation, default level), one result per finding with a location
//! relative to the repository (`uriBaseId` `SRCROOT`, declared in
//! `originalUriBaseIds` without a machine path) and the finding's identity
//! as a partial fingerprint, so that code scanning follows a finding when
//! lines move.

use super::{message_with_notes, RenderOptions};
use crate::registry;
use graphdoc_schema::{Finding, Severity};
use serde_json::{json, Value};

/// The JSON schema a SARIF 2.1.0 log names in `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base the locations' relative URIs are resolved against.
pub const URI_BASE_ID: &str = "SRCROOT";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative reference: characters outside the URI grammar are
/// percent-encoded, and a leading `/` is dropped (locations are relative to
/// `SRCROOT`, never absolute).
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.trim_start_matches('/').bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A SARIF log of one run: every code of the registry as a rule, one result a finding.
pub fn render(findings: &[Finding], opts: &RenderOptions) -> String {
    let codes: Vec<&graphdoc_schema::Code> = registry::codes().collect();
    let rules: Vec<Value> = codes
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explain },
                "help": { "text": r.explain },
                "defaultConfiguration": { "level": level(r.default_severity), "enabled": r.enabled },
            })
        })
        .collect();
    let results: Vec<Value> = findings.iter().map(|f| result(f, &codes, opts)).collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": opts.tool,
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "originalUriBaseIds": {
                URI_BASE_ID: {
                    "description": { "text": "The root of the repository that holds the docs." }
                }
            },
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    s.push('\n');
    s
}

fn result(f: &Finding, codes: &[&graphdoc_schema::Code], opts: &RenderOptions) -> Value {
    let mut region = json!({ "startLine": f.line.max(1) });
    if let Some(column) = f.column {
        region["startColumn"] = json!(column.max(1));
        if f.width > 0 {
            region["endColumn"] = json!(column.max(1) + f.width);
        }
    }
    // A file outside the docs tree (the metadata) is named as the finding
    // names it, not placed in the repository: code scanning wants a
    // location, but where that file is, if anywhere, is not known.
    let artifact = match opts.repository_path(&f.file) {
        Some(path) => json!({ "uri": uri(&path), "uriBaseId": URI_BASE_ID }),
        None => json!({ "uri": uri(&f.file) }),
    };
    let mut result = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": { "text": message_with_notes(f) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": region,
            }
        }],
        "partialFingerprints": { "graphdocIdentity/v1": f.identity() },
    });
    if let Some(index) = codes.iter().position(|c| c.code == f.code) {
        result["ruleIndex"] = json!(index);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(
            uri("docs/api-reference/v1.0/a b.md"),
            "docs/api-reference/v1.0/a%20b.md"
        );
        assert_eq!(uri("/abs/x:y.md"), "abs/x%3Ay.md");
    }

    #[test]
    fn a_file_outside_the_docs_is_not_under_the_link_base() {
        let (f, opts) = crate::render::tests::outside();
        let log: Value = serde_json::from_str(&render(&[f], &opts)).unwrap();
        let artifact =
            &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact, &json!({ "uri": "v1.0_metadata.xml" }));
    }
}
