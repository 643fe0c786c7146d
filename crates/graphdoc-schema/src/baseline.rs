//! Accepted findings and pull-request mode: which findings are new.
//!
//! A finding is matched by its [`Finding::identity`] (code, file, subject,
//! key or message without line numbers), never by its line, so a finding
//! whose lines only moved is not new. Identities are counted: when a page
//! had two findings of one identity and now has three, one is new (the
//! last, in output order).
//!
//! A baseline file is JSON lines of the accepted findings, as `--format
//! json` prints them ([`write()`]); [`read`] takes any such output back. It
//! lives here, beside [`Finding`], so that every command (lint, samples,
//! drift, diff) gates its findings the same way.

use crate::Finding;
use std::collections::HashMap;

/// The findings of `current` that `accepted` does not account for, in
/// `current`'s order.
pub fn new_findings(current: &[Finding], accepted: &[Finding]) -> Vec<Finding> {
    retain_new(current.to_vec(), accepted, Finding::identity)
}

/// [`new_findings`] for items that are not (yet) [`Finding`]s: `identity`
/// gives each item's finding identity.
pub fn retain_new<T>(
    current: Vec<T>,
    accepted: &[Finding],
    identity: impl Fn(&T) -> String,
) -> Vec<T> {
    let mut left: HashMap<String, usize> = HashMap::new();
    for f in accepted {
        *left.entry(f.identity()).or_default() += 1;
    }
    current
        .into_iter()
        .filter(|item| match left.get_mut(&identity(item)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// Reads a baseline: JSON lines of findings (blank lines skipped). The
/// error names the line that is not a finding.
pub fn read(text: &str) -> Result<Vec<Finding>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("line {}: not a finding: {e}", i + 1))
        })
        .collect()
}

/// The baseline text of `findings` (what `--write-baseline` writes): one
/// finding a line, with its identity.
pub fn write(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let mut v = serde_json::to_value(f).expect("a finding serializes");
        if let Some(o) = v.as_object_mut() {
            o.insert("identity".into(), f.identity().into());
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn f(line: u32, message: &str) -> Finding {
        Finding::at_line("GL0007", Severity::Warning, "a.md", line, message)
    }

    #[test]
    fn moved_findings_are_not_new_and_counts_matter() {
        let before = vec![f(3, "x"), f(9, "y"), f(10, "y")];
        let after = vec![f(5, "x"), f(11, "y"), f(12, "y"), f(13, "y"), f(20, "z")];
        let new = new_findings(&after, &before);
        assert_eq!(new, vec![f(13, "y"), f(20, "z")]);
        assert!(new_findings(&before, &before).is_empty());
    }

    #[test]
    fn a_baseline_round_trips() {
        let findings = vec![f(3, "x").span(2, 4).note("n"), f(9, "y").about("p")];
        let back = read(&write(&findings)).unwrap();
        assert!(new_findings(&findings, &back).is_empty());
        assert_eq!(back[0].notes, ["n"]);
        assert!(read("{\"file\": 1}\n").unwrap_err().starts_with("line 1:"));
    }
}
