//! SARIF 2.1.0 output, in the subset GitHub code scanning reads: one run,
//! the tool's rules with descriptions and default levels, and one result a
//! finding with a physical location.

use crate::rules::{Finding, RULES};
use graphdoc_schema::Severity;
use serde_json::{json, Value};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Relative paths are kept (GitHub resolves them against the repository
/// root); absolute ones become `file://` URIs. Characters outside the URI
/// grammar are percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(findings: &[Finding]) -> String {
    let rules: Vec<Value> = RULES
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
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut region = json!({ "startLine": f.line.max(1) });
            if f.column > 0 {
                region["startColumn"] = json!(f.column);
                if f.width > 0 {
                    region["endColumn"] = json!(f.column + f.width);
                }
            }
            let mut text = f.message.clone();
            if let Some(n) = &f.note {
                text.push_str("\nnote: ");
                text.push_str(n);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": RULES.iter().position(|r| r.code == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.file) },
                        "region": region,
                    }
                }],
            });
            if let Some(sub) = &f.subcode {
                result["properties"] = json!({ "subcode": sub });
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "graphdoc-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_or_file_and_encoded() {
        assert_eq!(
            uri("docs-src/api-reference/v1.0/a b.md"),
            "docs-src/api-reference/v1.0/a%20b.md"
        );
        assert_eq!(uri("/abs/x.md"), "file:///abs/x.md");
    }
}
