//! Suppressions: a config file and inline markdown comments.
//!
//! # Config file
//!
//! `graphdoc-lint.toml` at the docs root (or the file given by `--config`):
//!
//! ```toml
//! [[allow]]
//! rule = "GL0007"           # a lint rule, or one GDxxxx/GSxxxx code
//! path = "api-reference/*/resources/intune-onboarding-vpptoken.md"
//! line = 40                 # optional: only this line
//! reason = "published defect kept on purpose (docs-src/README.md #1)"
//! ```
//!
//! `path` is a glob over paths relative to the docs root, `/`-separated;
//! `*` does not cross `/`, `**` does. `reason` is required and must not be
//! empty.
//!
//! # Inline
//!
//! `<!-- graphdoc-lint allow GL0007, GL0008: reason -->`
//! - on a line of its own, it applies to the next block: skipping blank lines
//!   and other HTML comments (such as the docs' `blockType` annotations), the
//!   whole fenced code block if one starts there, else the run of non-blank
//!   lines (a table or a paragraph). A comment inside a table would end the
//!   table, so tables are suppressed as a whole;
//! - after other text on a line, it applies to that line only.
//!
//! A suppression that suppresses nothing is itself a finding (GL0014), when
//! its rule ran and its path was linted. GL0014 and GL0015 cannot be
//! suppressed.

use crate::rules::{self, Finding};
use serde::Deserialize;

/// Which findings a suppression covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Config entry: a glob over root-relative paths, optionally one line.
    Glob {
        /// The entry's `path`, relative to the docs root.
        pattern: glob::Pattern,
        /// The entry's `line`: only findings on it.
        line: Option<u32>,
    },
    /// Inline comment: lines `from..=to` of one file (shown path).
    Lines {
        /// The page the comment is on.
        file: String,
        /// The first line covered.
        from: u32,
        /// The last line covered.
        to: u32,
    },
}

/// One suppression, from the config file or an inline comment, and how often it was used.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The code it allows (`GL0007`, or a GD/GS code).
    pub rule: String,
    /// Where it applies.
    pub scope: Scope,
    /// Why, as written (required).
    pub reason: String,
    /// Where the suppression is written (shown path, line).
    pub origin: (String, u32),
    /// Findings it suppressed; 0 makes it a GL0014 finding.
    pub used: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    allow: Vec<ConfigEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigEntry {
    rule: String,
    path: String,
    #[serde(default)]
    line: Option<u32>,
    reason: String,
}

/// The registry's spelling of `code` (`GL007` -> `GL0007`), if it is one.
fn known_code(code: &str) -> Option<&'static str> {
    crate::registry::lookup(code.trim()).map(|c| c.code)
}

fn unsuppressible(code: &str) -> bool {
    code == rules::UNUSED_SUPPRESSION || code == rules::BAD_SUPPRESSION
}

/// Reads a config file's text; `shown` is its path for messages. Errors are
/// usage errors (exit 2): a config that cannot be read must not silently
/// suppress nothing.
pub fn parse_config(text: &str, shown: &str) -> Result<Vec<Suppression>, String> {
    let config: ConfigFile = toml::from_str(text).map_err(|e| format!("{shown}: {e}"))?;
    let entry_lines: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[allow]]")
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let mut out = Vec::new();
    for (i, e) in config.allow.into_iter().enumerate() {
        let line = entry_lines.get(i).copied().unwrap_or(1);
        let Some(code) = known_code(&e.rule) else {
            return Err(format!("{shown}:{line}: unknown rule `{}`", e.rule));
        };
        if unsuppressible(code) {
            return Err(format!("{shown}:{line}: {} cannot be suppressed", e.rule));
        }
        if e.reason.trim().is_empty() {
            return Err(format!("{shown}:{line}: `reason` must not be empty"));
        }
        let pattern = glob::Pattern::new(&e.path)
            .map_err(|err| format!("{shown}:{line}: bad path glob `{}`: {err}", e.path))?;
        out.push(Suppression {
            rule: code.to_string(),
            scope: Scope::Glob {
                pattern,
                line: e.line,
            },
            reason: e.reason,
            origin: (shown.to_string(), line),
            used: 0,
        });
    }
    Ok(out)
}

const MARKER: &str = "<!-- graphdoc-lint";

/// Inline suppressions of one page, and GL0015 findings for comments that
/// cannot be read.
pub fn parse_inline(file: &str, text: &str) -> (Vec<Suppression>, Vec<Finding>) {
    let mut sups = Vec::new();
    let mut bad = Vec::new();
    if !text.contains(MARKER) {
        return (sups, bad);
    }
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let Some(at) = l.find(MARKER) else { continue };
        let line = i as u32 + 1;
        let column = l[..at].chars().count() as u32 + 1;
        let body = &l[at + MARKER.len()..];
        let parsed = body
            .split_once("-->")
            .ok_or("the comment must end on the same line")
            .and_then(|(inner, _)| {
                inner
                    .trim()
                    .strip_prefix("allow ")
                    .ok_or("expected `allow CODE: reason`")
            })
            .and_then(|rest| rest.split_once(':').ok_or("a reason is required after `:`"))
            .and_then(|(codes, reason)| {
                let codes: Option<Vec<&str>> = codes.split(',').map(known_code).collect();
                if reason.trim().is_empty() {
                    Err("a reason is required after `:`")
                } else if let Some(codes) = codes {
                    if codes.iter().any(|c| unsuppressible(c)) {
                        Err("GL0014 and GL0015 cannot be suppressed")
                    } else {
                        Ok((codes, reason.trim().to_string()))
                    }
                } else {
                    Err("unknown rule code")
                }
            });
        match parsed {
            Err(why) => bad.push(
                rules::bad_suppression::RULE
                    .finding(
                        file,
                        line,
                        format!("inline suppression cannot be read: {why}"),
                    )
                    .span(column, MARKER.len() as u32)
                    .note("write `<!-- graphdoc-lint allow GL0007: reason -->`"),
            ),
            Ok((codes, reason)) => {
                let own_line = l[..at].trim().is_empty();
                let (from, to) = if own_line {
                    next_block(&lines, i + 1)
                } else {
                    (line, line)
                };
                for code in codes {
                    sups.push(Suppression {
                        rule: code.to_string(),
                        scope: Scope::Lines {
                            file: file.to_string(),
                            from,
                            to,
                        },
                        reason: reason.clone(),
                        origin: (file.to_string(), line),
                        used: 0,
                    });
                }
            }
        }
    }
    (sups, bad)
}

/// The 1-based line range of the block starting at or after index `i`.
fn next_block(lines: &[&str], mut i: usize) -> (u32, u32) {
    loop {
        let Some(l) = lines.get(i) else { return (0, 0) };
        let t = l.trim();
        if t.is_empty() {
            i += 1;
        } else if t.starts_with("<!--") {
            while i < lines.len() && !lines[i].contains("-->") {
                i += 1;
            }
            i += 1;
        } else {
            break;
        }
    }
    let start = i;
    let first = lines[i].trim_start();
    if let Some(fence) = ["```", "~~~"].into_iter().find(|f| first.starts_with(f)) {
        let mut j = i + 1;
        while j < lines.len() && !lines[j].trim_start().starts_with(fence) {
            j += 1;
        }
        return (start as u32 + 1, j.min(lines.len() - 1) as u32 + 1);
    }
    let mut j = i;
    while j + 1 < lines.len() && !lines[j + 1].trim().is_empty() {
        j += 1;
    }
    (start as u32 + 1, j as u32 + 1)
}

/// Drops the findings of `findings` a suppression covers, counting each
/// use in [`Suppression::used`]; returns how many were dropped.
/// `relative` gives a finding's path relative to the docs root (config
/// globs match that).
pub fn apply(
    findings: &mut Vec<Finding>,
    suppressions: &mut [Suppression],
    relative: impl Fn(&str) -> String,
) -> usize {
    let mut suppressed = 0;
    findings.retain(|f| {
        let rel = relative(&f.file);
        match suppressions.iter_mut().find(|s| s.matches(f, &rel)) {
            Some(s) => {
                s.used += 1;
                suppressed += 1;
                false
            }
            None => true,
        }
    });
    suppressed
}

impl Suppression {
    /// `relative` is the finding's path relative to the docs root.
    pub fn matches(&self, f: &Finding, relative: &str) -> bool {
        if unsuppressible(&f.code) {
            return false;
        }
        if self.rule != f.code && self.rule != rules::rule_of(&f.code) {
            return false;
        }
        match &self.scope {
            Scope::Glob { pattern, line } => {
                let opts = glob::MatchOptions {
                    case_sensitive: true,
                    require_literal_separator: true,
                    require_literal_leading_dot: false,
                };
                pattern.matches_with(relative, opts) && line.is_none_or(|l| l == f.line)
            }
            Scope::Lines { file, from, to } => *file == f.file && (*from..=*to).contains(&f.line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_line_comment_covers_next_table() {
        let text = "<!-- graphdoc-lint allow GL0007: copied on purpose -->\n\n|a|b|\n|-|-|\n|x|y|\n\ntail\n";
        let (s, bad) = parse_inline("p.md", text);
        assert!(bad.is_empty());
        assert!(matches!(&s[0].scope, Scope::Lines { from: 3, to: 5, .. }));
    }

    #[test]
    fn comment_covers_fenced_block_after_annotation() {
        let text = "<!-- graphdoc-lint allow GL0010: sample -->\n<!-- {\n  \"blockType\": \"request\"\n} -->\n```http\nPATCH x\n\n{}\n```\nafter\n";
        let (s, _) = parse_inline("p.md", text);
        assert!(
            matches!(&s[0].scope, Scope::Lines { from: 5, to: 9, .. }),
            "{:?}",
            s[0].scope
        );
    }

    #[test]
    fn trailing_comment_covers_its_line() {
        let (s, _) = parse_inline(
            "p.md",
            "a\ntext <!-- graphdoc-lint allow GL008, GD0009: r -->\n",
        );
        assert_eq!(s.len(), 2);
        assert!(matches!(&s[1].scope, Scope::Lines { from: 2, to: 2, .. }));
        assert_eq!(s[1].rule, "GD0009");
        assert_eq!(
            s[0].rule, "GL0008",
            "the former spelling GL008 is read as GL0008"
        );
    }

    #[test]
    fn unreadable_comments_are_findings() {
        for text in [
            "<!-- graphdoc-lint allow GL0007 -->",
            "<!-- graphdoc-lint allow GL0007: -->",
            "<!-- graphdoc-lint allow GL999: r -->",
            "<!-- graphdoc-lint deny GL0007: r -->",
            "<!-- graphdoc-lint allow GL0014: r -->",
        ] {
            let (s, bad) = parse_inline("p.md", text);
            assert!(s.is_empty(), "{text}");
            assert_eq!(bad.len(), 1, "{text}");
            assert_eq!(bad[0].code, rules::BAD_SUPPRESSION);
        }
    }

    #[test]
    fn config_requires_reason_and_known_rule() {
        let ok = "[[allow]]\nrule = \"GL0007\"\npath = \"api-reference/*/x.md\"\nreason = \"r\"\n";
        let s = parse_config(ok, "c.toml").unwrap();
        assert_eq!(s[0].origin, ("c.toml".to_string(), 1));
        let f = crate::rules::duplicate_description::RULE.finding(
            "root/api-reference/v1.0/x.md",
            3,
            "m",
        );
        assert!(s[0].matches(&f, "api-reference/v1.0/x.md"));
        assert!(!s[0].matches(&f, "api-reference/v1.0/sub/x.md"));
        assert!(parse_config("[[allow]]\nrule = \"GL0007\"\npath = \"x\"\n", "c").is_err());
        assert!(parse_config(
            "[[allow]]\nrule = \"GL0007\"\npath = \"x\"\nreason = \" \"\n",
            "c"
        )
        .is_err());
        assert!(parse_config(
            "[[allow]]\nrule = \"GL777\"\npath = \"x\"\nreason = \"r\"\n",
            "c"
        )
        .is_err());
        assert!(parse_config(
            "[[allow]]\nrule = \"GL0007\"\npath = \"x\"\nreason = \"r\"\nextra = 1\n",
            "c"
        )
        .is_err());
    }
}
