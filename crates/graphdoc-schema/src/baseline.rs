//! Pull-request mode: which findings are new.
//!
//! A [`Baseline`] is a set of accepted findings, each [`Finding::identity`]
//! with how many times it occurs; it is written by `--write-baseline`, read
//! by `--baseline`, and made on the fly from the base tree by `--since`.
//! Identities never contain a line number, so findings whose lines only
//! moved are not new.

use crate::Finding;
use std::collections::BTreeMap;

/// Accepted findings: identity → how many.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<String, usize>,
}

/// The first line of a baseline file: what it is and which format.
const HEADER: &str = "graphdoc baseline 1";

impl Baseline {
    /// The baseline that accepts exactly `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        Baseline::of_identities(findings.into_iter().map(Finding::identity))
    }

    /// How many findings it accepts.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Merges another baseline in (a finding accepted by either is accepted).
    pub fn extend(&mut self, other: &Baseline) {
        for (identity, n) in &other.counts {
            let count = self.counts.entry(identity.clone()).or_insert(0);
            *count = (*count).max(*n);
        }
    }

    /// The findings of `findings` the baseline does not account for, in the
    /// order given: of an identity accepted `n` times, the first `n` found
    /// are old, any further ones new.
    pub fn new_findings(&self, findings: &[Finding]) -> Vec<Finding> {
        self.retain_new(findings.to_vec(), Finding::identity)
    }

    /// [`Baseline::new_findings`] for any item that has a finding's
    /// identity (a command's own finding type, before it is converted).
    pub fn retain_new<T>(&self, items: Vec<T>, identity: impl Fn(&T) -> String) -> Vec<T> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        items
            .into_iter()
            .filter(|item| {
                let identity = identity(item);
                let accepted = self.counts.get(&identity).copied().unwrap_or(0);
                let n = seen.entry(identity).or_insert(0);
                *n += 1;
                *n > accepted
            })
            .collect()
    }

    /// The baseline accepting each of `identities` once per occurrence.
    pub fn of_identities(identities: impl IntoIterator<Item = String>) -> Self {
        let mut counts = BTreeMap::new();
        for identity in identities {
            *counts.entry(identity).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    /// One line per identity, `count<TAB>identity`, sorted, after a header:
    /// stable bytes that review well in a diff.
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for (identity, n) in &self.counts {
            out.push_str(&format!("{n}\t{identity}\n"));
        }
        out
    }

    /// Reads what [`Baseline::to_text`] wrote; `file` names it in errors.
    pub fn from_text(text: &str, file: &str) -> Result<Self, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, HEADER)) => {}
            _ => {
                return Err(format!(
                    "{file}:1: not a graphdoc baseline (expected `{HEADER}`)"
                ))
            }
        }
        let mut counts = BTreeMap::new();
        for (i, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let parsed = line
                .split_once('\t')
                .and_then(|(n, identity)| Some((n.parse::<usize>().ok()?, identity)));
            match parsed {
                Some((n, identity)) if !identity.is_empty() => {
                    *counts.entry(identity.to_string()).or_insert(0) += n;
                }
                _ => {
                    return Err(format!(
                        "{file}:{}: expected `count<TAB>identity`, found `{line}`",
                        i + 1
                    ))
                }
            }
        }
        Ok(Baseline { counts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn finding(line: u32, message: &str) -> Finding {
        Finding::at_line(
            "GL001",
            Severity::Warning,
            "api-reference/v1.0/resources/a.md",
            line,
            message,
        )
        .about("microsoft.graph.a/b")
    }

    #[test]
    fn moved_lines_are_not_new_and_an_extra_occurrence_is() {
        let before = [finding(10, "x"), finding(12, "x"), finding(20, "y")];
        let baseline = Baseline::of(&before);
        let after = [finding(13, "x"), finding(15, "x"), finding(23, "y")];
        assert!(baseline.new_findings(&after).is_empty());
        let more = [
            finding(13, "x"),
            finding(15, "x"),
            finding(16, "x"),
            finding(23, "z"),
        ];
        let new = baseline.new_findings(&more);
        assert_eq!(new, [finding(16, "x"), finding(23, "z")]);
    }

    #[test]
    fn the_text_form_round_trips_and_bad_lines_are_named() {
        let baseline = Baseline::of(&[finding(1, "x"), finding(2, "x"), finding(3, "y")]);
        let text = baseline.to_text();
        assert_eq!(Baseline::from_text(&text, "b.txt"), Ok(baseline.clone()));
        assert_eq!(baseline.len(), 3);
        let err = Baseline::from_text(&format!("{text}oops\n"), "b.txt").unwrap_err();
        assert_eq!(err, "b.txt:4: expected `count<TAB>identity`, found `oops`");
        assert!(Baseline::from_text("{}", "b.json").is_err());
    }
}
