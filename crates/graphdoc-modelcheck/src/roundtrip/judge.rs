//! Judging what the harness wrote back against the samples it was given.

use super::reason::{reason_of, Blame, Reason};
use super::samples::RoundTripSample;
use crate::compare::{excerpt, first_difference, DifferenceKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What the harness wrote for one payload.
#[derive(Clone, Debug, Deserialize)]
pub struct HarnessResult {
    /// Index into the samples file.
    pub sample: usize,
    /// Pointer of the payload inside the sample (`/value/3`, or empty).
    pub pointer: String,
    /// The type the model read the payload as (its `@odata.type` may pick a derived one).
    #[serde(default)]
    pub read_as: Option<String>,
    /// What the model wrote back, when it read the payload.
    #[serde(default)]
    pub written: Option<Value>,
    /// Why the model could not read the payload, when it could not.
    #[serde(default)]
    pub error: Option<HarnessError>,
    /// Top-level properties the model does not know (kept, written back).
    #[serde(default)]
    pub unknown: Vec<String>,
}

/// Why the model refused a payload, as the harness reports it.
#[derive(Clone, Debug, Deserialize)]
pub struct HarnessError {
    /// `runtime::ErrorKind` in `Debug` form, `unknown_type` or `panic`.
    pub kind: String,
    /// The JSON path of the refused value (property names and indexes).
    pub path: Vec<String>,
    /// The runtime's message.
    pub message: String,
}

#[derive(Deserialize)]
struct HarnessResults {
    results: Vec<HarnessResult>,
}

/// Parses the harness's results file.
pub fn parse_results(text: &str) -> Result<Vec<HarnessResult>, String> {
    serde_json::from_str::<HarnessResults>(text)
        .map(|r| r.results)
        .map_err(|e| format!("the harness wrote no valid results: {e}"))
}

/// One payload that did not come back equal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    /// `v1.0` or `beta`.
    pub version: String,
    /// The page, relative to the docs root.
    pub file: String,
    /// Line of the sample's first JSON line.
    pub line: u32,
    /// JSON pointer of the offending value inside the sample.
    pub pointer: String,
    /// The type the sample was read as.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Why it failed.
    pub reason: Reason,
    /// Who must fix it, from the reason.
    pub blame: Blame,
    /// What the harness or the comparison said.
    pub message: String,
    /// The validator's finding at the same place, if any: a second opinion
    /// that the value, not the model, is wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
}

impl Failure {
    /// `file:line: roundtrip[reason] (blame): message [pointer] as type`
    pub fn render(&self) -> String {
        let mut out = format!(
            "{}:{}: roundtrip[{}] ({}): {} [{}] reading {}",
            self.file,
            self.line,
            self.reason.code(),
            self.blame.code(),
            self.message,
            if self.pointer.is_empty() {
                "/"
            } else {
                &self.pointer
            },
            self.type_name
        );
        if let Some(v) = &self.validator {
            out.push_str(&format!(" (validator: {v})"));
        }
        out
    }
}

/// Counts for one version.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Samples handed to the harness.
    pub samples: usize,
    /// Samples whose every payload came back equal.
    pub samples_ok: usize,
    /// Objects read and written (collection items count one each).
    pub payloads: usize,
    /// Payloads that came back equal.
    pub payloads_ok: usize,
    /// Payloads read with top-level properties the model does not know:
    /// they round-trip (kept as additional properties) but are not typed.
    pub payloads_with_unknown: usize,
    /// Failing payloads by reason code.
    pub failures: BTreeMap<&'static str, usize>,
    /// Failing payloads blamed on the docs.
    pub docs_failures: usize,
    /// Failing payloads blamed on graphdoc.
    pub graphdoc_failures: usize,
}

impl Summary {
    /// The summary line model-check prints for the version.
    pub fn render(&self) -> String {
        let by = |blame: Blame| -> String {
            let mut parts = Vec::new();
            for (code, n) in &self.failures {
                if reason_of(code).map(Reason::blame) == Some(blame) {
                    parts.push(format!("{code} {n}"));
                }
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", parts.join(", "))
            }
        };
        format!(
            "{}: {} samples, {} round-trip clean; {} payloads, {} equal ({} with properties the model does not know), {} failed: {} docs{}, {} graphdoc{}\n",
            self.version,
            self.samples,
            self.samples_ok,
            self.payloads,
            self.payloads_ok,
            self.payloads_with_unknown,
            self.payloads - self.payloads_ok,
            self.docs_failures,
            by(Blame::Docs),
            self.graphdoc_failures,
            by(Blame::Graphdoc),
        )
    }
}

/// The judged round trip of all versions.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Judgement {
    /// One per version, in sample order.
    pub summaries: Vec<Summary>,
    /// Sorted by version (in sample order), file, line, pointer.
    pub failures: Vec<Failure>,
}

impl Judgement {
    /// The failures that fail CI: those blamed on graphdoc.
    pub fn graphdoc_failures(&self) -> impl Iterator<Item = &Failure> {
        self.failures.iter().filter(|f| f.blame == Blame::Graphdoc)
    }

    /// `n` failures spread evenly over the sorted list (every k-th), the
    /// same ones on every run over the same docs: the sample to review by
    /// hand.
    pub fn review_sample(&self, n: usize) -> Vec<&Failure> {
        let total = self.failures.len();
        if total <= n {
            return self.failures.iter().collect();
        }
        (0..n).map(|i| &self.failures[i * total / n]).collect()
    }
}

/// Compares what the harness wrote with the samples it was given.
///
/// Results that name a sample or payload that does not exist are the
/// harness's bug and an error.
pub fn judge(samples: &[RoundTripSample], results: &[HarnessResult]) -> Result<Judgement, String> {
    let mut summaries: Vec<Summary> = Vec::new();
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    for s in samples {
        if !index_of.contains_key(s.version.as_str()) {
            index_of.insert(&s.version, summaries.len());
            summaries.push(Summary {
                version: s.version.clone(),
                ..Summary::default()
            });
        }
        summaries[index_of[s.version.as_str()]].samples += 1;
    }
    let mut failed_samples = vec![false; samples.len()];
    let mut seen: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); samples.len()];
    let mut failures = Vec::new();
    for r in results {
        let sample = samples.get(r.sample).ok_or_else(|| {
            format!(
                "harness result for sample {} of {}",
                r.sample,
                samples.len()
            )
        })?;
        let original = sample
            .payload
            .pointer(&r.pointer)
            .filter(|_| sample.items.contains(&r.pointer))
            .ok_or_else(|| {
                format!(
                    "harness result for {}:{} names payload `{}`, which is not one of its items",
                    sample.file, sample.line, r.pointer
                )
            })?;
        if !seen[r.sample].insert(&r.pointer) {
            return Err(format!(
                "two harness results for {}:{} payload `{}`",
                sample.file, sample.line, r.pointer
            ));
        }
        let summary = &mut summaries[index_of[sample.version.as_str()]];
        summary.payloads += 1;
        if !r.unknown.is_empty() {
            summary.payloads_with_unknown += 1;
        }
        let failure = match (&r.error, &r.written) {
            (Some(e), _) => Some(read_failure(&r.pointer, e)).map(|(reason, p, m)| match reason {
                Reason::WrongShape if sample.shape_disputed => (Reason::DisputedShape, p, m),
                _ => (reason, p, m),
            }),
            (None, Some(written)) => first_difference(original, written).map(|d| {
                let reason = match d.kind {
                    DifferenceKind::Dropped => Reason::Dropped,
                    DifferenceKind::Added => Reason::Added,
                    DifferenceKind::TypeChanged => Reason::TypeChanged,
                    DifferenceKind::ValueChanged => Reason::ValueChanged,
                };
                let mut message = d.describe();
                if let Some(t) = r.read_as.as_deref().filter(|t| *t != sample.type_name) {
                    message.push_str(&format!(" (read as {t})"));
                }
                (reason, format!("{}{}", r.pointer, d.pointer), message)
            }),
            (None, None) => {
                return Err(format!(
                    "harness result for {}:{} has neither JSON nor an error",
                    sample.file, sample.line
                ))
            }
        };
        let Some((reason, pointer, message)) = failure else {
            summary.payloads_ok += 1;
            continue;
        };
        *summary.failures.entry(reason.code()).or_default() += 1;
        match reason.blame() {
            Blame::Docs => summary.docs_failures += 1,
            Blame::Graphdoc => summary.graphdoc_failures += 1,
        }
        failed_samples[r.sample] = true;
        let validator = validator_opinion(&sample.findings, &pointer);
        failures.push(Failure {
            version: sample.version.clone(),
            file: sample.file.clone(),
            line: sample.line,
            pointer,
            type_name: sample.type_name.clone(),
            reason,
            blame: reason.blame(),
            message,
            validator,
        });
    }
    let missing = (0..samples.len()).find(|&i| seen[i].len() != samples[i].items.len());
    if let Some(i) = missing {
        return Err(format!(
            "the harness wrote nothing for {}:{}",
            samples[i].file, samples[i].line
        ));
    }
    for (i, s) in samples.iter().enumerate() {
        if !failed_samples[i] {
            summaries[index_of[s.version.as_str()]].samples_ok += 1;
        }
    }
    failures.sort_by(|a, b| {
        (index_of[a.version.as_str()], &a.file, a.line, &a.pointer).cmp(&(
            index_of[b.version.as_str()],
            &b.file,
            b.line,
            &b.pointer,
        ))
    });
    Ok(Judgement {
        summaries,
        failures,
    })
}

fn read_failure(item_pointer: &str, e: &HarnessError) -> (Reason, String, String) {
    let mut pointer = item_pointer.to_string();
    for segment in &e.path {
        pointer.push('/');
        pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    let reason = match e.kind.as_str() {
        // The payload itself is not an object: the harness reads objects only.
        "WrongType" if e.path.is_empty() => Reason::NotAnObject,
        "WrongType" => Reason::WrongJsonType,
        "Invalid" => Reason::InvalidValue,
        "OutOfRange" => Reason::OutOfRange,
        "NotAMember" => Reason::NotAFlagsMember,
        // The model chose the shape (page, one object, no body).
        "WrongShape" => Reason::WrongShape,
        "unknown_type" => Reason::UnknownType,
        "panic" => Reason::Panic,
        _ => Reason::ReadError,
    };
    (reason, pointer, one_line(&e.message))
}

/// The validator's finding at `pointer`, or at a value inside it or around it.
fn validator_opinion(findings: &[(String, String)], pointer: &str) -> Option<String> {
    let exact = findings.iter().find(|(p, _)| p == pointer);
    let near = || {
        findings.iter().find(|(p, _)| {
            let within = |outer: &str, inner: &str| {
                inner.starts_with(outer) && inner[outer.len()..].starts_with('/')
            };
            within(pointer, p) || (!p.is_empty() && within(p, pointer))
        })
    };
    exact.or_else(near).map(|(p, code)| {
        if p == pointer {
            code.clone()
        } else {
            format!("{code} at {p}")
        }
    })
}

fn one_line(s: &str) -> String {
    let line = s.replace(['\n', '\r'], " ");
    if line.chars().count() > 200 {
        excerpt(&Value::String(line))
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::super::reason::ALL_REASONS;
    use super::super::samples::items;
    use super::*;
    use graphdoc_schema::Schema;
    use serde_json::json;

    fn sample(version: &str, payload: Value, collection: bool) -> RoundTripSample {
        RoundTripSample {
            version: version.into(),
            type_name: "microsoft.graph.user".into(),
            collection,
            file: format!("{version}/api/user-get.md"),
            line: 10,
            kind: "response".into(),
            findings: vec![("/value/1/accountEnabled".into(), "wrong_json_type".into())],
            items: items(
                &Schema::default(),
                "microsoft.graph.user",
                collection,
                &payload,
            ),
            payload,
            operation: None,
            shape_disputed: false,
        }
    }

    fn result(
        sample: usize,
        pointer: &str,
        written: Option<Value>,
        error: Option<(&str, &[&str])>,
    ) -> HarnessResult {
        HarnessResult {
            sample,
            pointer: pointer.into(),
            read_as: Some("microsoft.graph.user".into()),
            written,
            unknown: Vec::new(),
            error: error.map(|(kind, path)| HarnessError {
                kind: kind.into(),
                path: path.iter().map(|s| s.to_string()).collect(),
                message: "expected a boolean, found a string".into(),
            }),
        }
    }

    #[test]
    fn failures_are_classified_counted_and_located() {
        let samples = vec![
            sample(
                "v1.0",
                json!({"value": [{"id": "1"}, {"accountEnabled": "yes"}, {"n": 1.5}]}),
                true,
            ),
            sample("beta", json!({"id": "2"}), false),
            sample("beta", json!("text"), false),
        ];
        let results = vec![
            result(0, "/value/0", Some(json!({"id": "1"})), None),
            result(
                0,
                "/value/1",
                None,
                Some(("WrongType", &["accountEnabled"])),
            ),
            result(0, "/value/2", Some(json!({"n": 2})), None),
            result(1, "", Some(json!({"id": "2"})), None),
            result(2, "", None, Some(("WrongType", &[]))),
        ];
        let j = judge(&samples, &results).unwrap();
        let codes: Vec<(&str, &str, &str)> = j
            .failures
            .iter()
            .map(|f| (f.reason.code(), f.blame.code(), f.pointer.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("wrong_json_type", "docs", "/value/1/accountEnabled"),
                ("value_changed", "graphdoc", "/value/2/n"),
                ("not_an_object", "docs", ""),
            ]
        );
        assert_eq!(j.failures[0].validator.as_deref(), Some("wrong_json_type"));
        assert_eq!(j.failures[1].validator, None);
        let v1 = &j.summaries[0];
        assert_eq!(
            (v1.samples, v1.samples_ok, v1.payloads, v1.payloads_ok),
            (1, 0, 3, 1)
        );
        assert_eq!((v1.docs_failures, v1.graphdoc_failures), (1, 1));
        let beta = &j.summaries[1];
        assert_eq!(
            (
                beta.samples,
                beta.samples_ok,
                beta.payloads,
                beta.payloads_ok
            ),
            (2, 1, 2, 1)
        );
        assert_eq!(j.graphdoc_failures().count(), 1);
        assert!(
            v1.render()
                .contains("1 docs (wrong_json_type 1), 1 graphdoc (value_changed 1)"),
            "{}",
            v1.render()
        );
        assert!(j.failures[0]
            .render()
            .starts_with("v1.0/api/user-get.md:10: roundtrip[wrong_json_type] (docs): "));
    }

    #[test]
    fn a_harness_that_skips_or_invents_payloads_is_an_error() {
        let samples = vec![sample("v1.0", json!({"id": "1"}), false)];
        assert!(judge(&samples, &[]).is_err());
        assert!(judge(&samples, &[result(1, "", Some(json!({})), None)]).is_err());
        assert!(judge(&samples, &[result(0, "/value/0", Some(json!({})), None)]).is_err());
        assert!(judge(&samples, &[result(0, "", None, None)]).is_err());
        let twice = [
            result(0, "", Some(json!({"id": "1"})), None),
            result(0, "", Some(json!({"id": "1"})), None),
        ];
        assert!(judge(&samples, &twice).is_err());
        let empty = vec![sample("v1.0", json!({"value": []}), true)];
        let j = judge(&empty, &[]).unwrap();
        assert_eq!(
            (
                j.summaries[0].samples,
                j.summaries[0].samples_ok,
                j.summaries[0].payloads
            ),
            (1, 1, 0)
        );
    }

    #[test]
    fn a_response_of_the_wrong_shape_is_blamed_on_graphdoc() {
        let e = HarnessError {
            kind: "WrongShape".into(),
            path: Vec::new(),
            message: "expected one `microsoft.graph.user`, found a collection response".into(),
        };
        let (reason, pointer, _) = read_failure("", &e);
        assert_eq!(
            (reason, reason.blame(), pointer.as_str()),
            (Reason::WrongShape, Blame::Graphdoc, "")
        );
        assert_eq!(reason_of("wrong_shape"), Some(Reason::WrongShape));
    }

    #[test]
    fn unknown_error_kinds_are_blamed_on_graphdoc() {
        let e = HarnessError {
            kind: "SomethingNew".into(),
            path: vec!["a/b".into()],
            message: "x\ny".into(),
        };
        let (reason, pointer, message) = read_failure("/value/0", &e);
        assert_eq!(
            (reason.blame(), pointer.as_str(), message.as_str()),
            (Blame::Graphdoc, "/value/0/a~1b", "x y")
        );
        for r in ALL_REASONS {
            assert_eq!(reason_of(r.code()), Some(r));
        }
    }

    #[test]
    fn the_review_sample_is_spread_and_stable() {
        let failures: Vec<Failure> = (0..100)
            .map(|i| Failure {
                version: "v1.0".into(),
                file: format!("f{i:03}.md"),
                line: 1,
                pointer: String::new(),
                type_name: "t".into(),
                reason: Reason::WrongJsonType,
                blame: Blame::Docs,
                message: String::new(),
                validator: None,
            })
            .collect();
        let j = Judgement {
            summaries: Vec::new(),
            failures,
        };
        let picked: Vec<&str> = j
            .review_sample(40)
            .iter()
            .map(|f| f.file.as_str())
            .collect();
        assert_eq!(picked.len(), 40);
        assert_eq!(
            (picked[0], picked[1], picked[39]),
            ("f000.md", "f002.md", "f097.md")
        );
        assert_eq!(j.review_sample(200).len(), 100);
    }
}
