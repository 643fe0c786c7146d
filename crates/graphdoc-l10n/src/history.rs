//! When the English page last changed, against the translation's
//! `ms.lasthandoff`.

use crate::compare::Pages;
use crate::finding::{Finding, Kind};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// The date (`YYYY-MM-DD`) of the last commit that touched each page under
/// `root/api-reference`, keyed by path relative to `root`; `None` when
/// `root` is not in a git checkout.
pub fn last_changes(root: &Path) -> Option<BTreeMap<String, String>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "--format=@%cs",
            "--name-only",
            "--relative",
            "--",
            "api-reference",
        ])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut dates = BTreeMap::new();
    let mut date = "";
    for line in text.lines() {
        if let Some(d) = line.strip_prefix('@') {
            date = d;
        } else if !line.is_empty() {
            // Newest first: the first date seen for a path is its last change.
            dates
                .entry(line.to_string())
                .or_insert_with(|| date.to_string());
        }
    }
    (!dates.is_empty()).then_some(dates)
}

/// `ms.lasthandoff: 03/05/2019` as `2019-03-05`, with its line.
fn handoff(text: &str) -> Option<(String, u32)> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return None;
        }
        let Some(value) = line.strip_prefix("ms.lasthandoff:") else {
            continue;
        };
        let parts: Vec<&str> = value.trim().trim_matches('"').split('/').collect();
        if let [month, day, year] = parts.as_slice() {
            return Some((format!("{year}-{month:0>2}-{day:0>2}"), i as u32 + 2));
        }
    }
    None
}

pub fn stale(
    p: &Pages,
    text: &str,
    english_changed: Option<&str>,
    findings: &[Finding],
) -> Option<Finding> {
    let (handed_off, line) = handoff(text)?;
    if let Some(changed) = english_changed {
        return (changed > handed_off.as_str()).then(|| {
            Finding::new(
                Kind::Stale,
                p.file,
                line,
                format!(
                    "the English page changed on {changed}, after the hand-off of {handed_off}"
                ),
            )
            .english(p.english_file, 1, "")
        });
    }
    let grown = findings
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                Kind::SectionMissing | Kind::RowMissing | Kind::CodeBlockMissing
            )
        })
        .count();
    (grown > 0).then(|| {
        Finding::new(
            Kind::Stale,
            p.file,
            line,
            format!("the English page has {grown} rows, sections or examples the translation of {handed_off} lacks"),
        )
        .english(p.english_file, 1, "")
    })
}
