//! Renderers: human (like rustc), JSON lines, GitHub Actions commands.
//! SARIF is in [`crate::sarif`].

use crate::rules::{self, Finding};
use graphdoc_schema::Severity;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Counts shown in the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub suppressed: usize,
}

impl Summary {
    pub fn of(findings: &[Finding], suppressed: usize) -> Self {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            suppressed,
        }
    }
}

/// `text` lines by shown path, for the snippet under each finding.
pub type Sources<'a> = dyn Fn(&str) -> Option<&'a str> + 'a;

pub fn human(findings: &[Finding], summary: &Summary, source: &Sources<'_>) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{}[{}]: {}", f.severity, f.rule, f.message);
        let gutter = f.line.to_string().len();
        let pad = " ".repeat(gutter);
        if f.column > 0 {
            let _ = writeln!(out, "{pad}--> {}:{}:{}", f.file, f.line, f.column);
        } else {
            let _ = writeln!(out, "{pad}--> {}:{}", f.file, f.line);
        }
        let doc_line =
            source(&f.file).and_then(|t| t.lines().nth(f.line.saturating_sub(1) as usize));
        if let Some(l) = doc_line {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", f.line, l);
            if f.column > 0 && f.width > 0 {
                // Tabs keep their width in the caret line so the caret lines up.
                let lead: String = l
                    .chars()
                    .take(f.column as usize - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(f.width as usize));
            }
        }
        if let Some(n) = &f.note {
            let _ = writeln!(out, "{pad} = note: {n}");
        }
        out.push('\n');
    }
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *per_rule.entry(f.rule).or_default() += 1;
    }
    let parts: Vec<String> = per_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
    let _ = write!(
        out,
        "graphdoc-lint: {} errors, {} warnings, {} notes, {} suppressed",
        summary.errors, summary.warnings, summary.notes, summary.suppressed
    );
    if !parts.is_empty() {
        let _ = write!(out, " ({})", parts.join(", "));
    }
    out.push('\n');
    out
}

/// One JSON object per line, one line per finding.
pub fn json_lines(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let mut v = serde_json::to_value(f).expect("a finding serializes");
        if let Some(o) = v.as_object_mut() {
            let name = rules::rule(f.rule).map_or("", |r| r.name);
            o.insert("name".into(), name.into());
        }
        let _ = writeln!(out, "{v}");
    }
    out
}

/// GitHub Actions workflow commands (`::warning file=…,line=…::message`).
pub fn github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = format!("file={},line={}", escape_property(&f.file), f.line);
        if f.column > 0 {
            let _ = write!(props, ",col={}", f.column);
            if f.width > 0 {
                let _ = write!(props, ",endColumn={}", f.column + f.width - 1);
            }
        }
        let _ = write!(props, ",title={}", escape_property(f.rule));
        let mut message = f.message.clone();
        if let Some(n) = &f.note {
            message.push_str("\nnote: ");
            message.push_str(n);
        }
        let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
    }
    out
}

/// Escaping GitHub's runner applies to command data.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for command properties, which also end at `,` and `:`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Finding {
        Finding::new(rules::DUPLICATE_DESCRIPTION, "d/x.md", 3, "same, 100% text")
            .at(2, 3)
            .note("earlier: a")
    }

    #[test]
    fn human_has_location_snippet_caret_and_note() {
        let text = "one\ntwo\n|abcdef|\n";
        let out = human(&[finding()], &Summary::of(&[finding()], 0), &|_| Some(text));
        let expected = "warning[GL007]: same, 100% text\n --> d/x.md:3:2\n  |\n3 | |abcdef|\n  |  ^^^\n  = note: earlier: a\n\n";
        assert!(out.starts_with(expected), "{out}");
        assert!(
            out.ends_with("0 errors, 1 warnings, 0 notes, 0 suppressed (GL007: 1)\n"),
            "{out}"
        );
    }

    #[test]
    fn github_escapes_data_and_properties() {
        let out = github(&[finding()]);
        assert_eq!(out, "::warning file=d/x.md,line=3,col=2,endColumn=4,title=GL007::same, 100%25 text%0Anote%3A earlier: a\n".replace("%0Anote%3A", "%0Anote:"));
    }

    #[test]
    fn json_lines_are_one_object_each() {
        let out = json_lines(&[finding(), finding()]);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["rule"], "GL007");
        assert_eq!(lines[0]["name"], "duplicate-description");
        assert_eq!(lines[0]["line"], 3);
        assert_eq!(lines[0]["severity"], "warning");
    }
}
