//! The one registry of graphdoc's codes: reading the docs (GD0001…, from
//! `graphdoc_docs::codes`), generating code (GD08xx, `graphdoc_codegen`),
//! JSON samples (GSxxxx, `graphdoc_samples::codes`), translation drift
//! (GTxxxx, `graphdoc_l10n`) and the lint rules
//! (GLxxxx, [`crate::rules`]). Each entry is written beside the code that
//! emits it; this module only gathers them, for `explain` and the SARIF
//! rules. Every code has two capital letters and four digits; the lint
//! rules' former three-digit codes (`GL007`) are aliases.

use graphdoc_schema::{Code, Severity};
use std::sync::LazyLock;

/// The front-end's codes: their explanations are `(code, text)` pairs in
/// `graphdoc_docs::codes::EXPLANATIONS`; the summary is the first sentence.
static FRONTEND: LazyLock<Vec<Code>> = LazyLock::new(|| {
    graphdoc_docs::codes::EXPLANATIONS
        .iter()
        .chain(graphdoc_docs::localise::codes::EXPLANATIONS)
        // The docs walk's and the limits' codes (GD09xx).
        .chain(graphdoc_docs::tree::codes::EXPLANATIONS)
        .map(|(code, text)| Code {
            code,
            name: "frontend",
            summary: first_sentence(text),
            default_severity: Severity::Warning,
            enabled: true,
            explain: text,
            aliases: &[],
        })
        .collect()
});

fn first_sentence(text: &'static str) -> &'static str {
    match text.find(". ") {
        Some(i) => &text[..i + 1],
        None => text,
    }
}

/// Every code, front-end first, then code generation, samples and lint,
/// each in code order.
pub fn codes() -> impl Iterator<Item = &'static Code> {
    let mut front: Vec<&'static Code> = FRONTEND.iter().collect();
    front.sort_by_key(|c| c.code);
    front
        .into_iter()
        .chain(graphdoc_codegen::CODES)
        .chain(graphdoc_samples::codes::CODES)
        .chain(graphdoc_l10n::CODES.iter())
        .chain(crate::rules::RULES)
}

/// What `explain --list` prints: every code on a line of its own with its
/// one-line summary, in [`codes`] order.
pub fn list() -> String {
    let mut out = String::new();
    for c in codes() {
        let summary: Vec<&str> = c.summary.split_whitespace().collect();
        out.push_str(&format!("{}  {}\n", c.code, summary.join(" ")));
    }
    out
}

/// The entry of `code` or of a former spelling of it (any case).
pub fn lookup(code: &str) -> Option<&'static Code> {
    codes().find(|c| c.is(code))
}

/// The text `explain CODE` prints: the code and its name, then the
/// explanation wrapped at 78 columns (lint rules' texts are already
/// wrapped). A former spelling says which code it now is.
pub fn explain(code: &str) -> Option<String> {
    let entry = lookup(code)?;
    let mut out = String::new();
    if !entry.code.eq_ignore_ascii_case(code) {
        out.push_str(&format!(
            "{} is now {}.\n\n",
            code.to_ascii_uppercase(),
            entry.code
        ));
    }
    if entry.explain.starts_with(entry.code) {
        out.push_str(entry.explain);
        return Some(out);
    }
    let role = match &entry.code[..2] {
        "GD" if entry.code.starts_with("GD08") => "code generation diagnostic",
        "GD" => "front-end diagnostic (a lint finding under GL0001)",
        "GS" => "JSON sample finding",
        _ => "finding",
    };
    let heading = if entry.name == "frontend" {
        format!("{} {role}", entry.code)
    } else {
        format!("{} {} ({role})", entry.code, entry.name)
    };
    out.push_str(&heading);
    out.push_str("\n\n");
    out.push_str(&wrap(entry.explain, 78));
    Some(out)
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_well_formed_and_explained() {
        let mut seen = HashSet::new();
        for c in codes() {
            assert!(
                graphdoc_schema::finding::is_well_formed_code(c.code),
                "{}",
                c.code
            );
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(!c.summary.is_empty(), "{} has no summary", c.code);
            assert!(c.explain.len() > 40, "{} has no real explanation", c.code);
            for a in c.aliases {
                assert!(seen.insert(a), "alias {a} twice");
            }
        }
    }

    #[test]
    fn the_list_has_every_code_once_each_known_to_explain() {
        let list = list();
        let listed: Vec<&str> = list.lines().map(|l| &l[..6]).collect();
        assert_eq!(listed.len(), codes().count());
        for family in ["GD", "GS", "GT", "GL"] {
            assert!(listed.iter().any(|c| c.starts_with(family)), "{family}");
        }
        for code in listed {
            assert!(
                explain(code).is_some(),
                "{code} is listed but not explained"
            );
        }
    }

    #[test]
    fn explain_answers_every_family_and_old_spellings() {
        for code in [
            "GD0001", "GD0025", "GD0801", "GD0805", "GS0001", "GS0016", "GL0001", "GL0015",
        ] {
            let text = explain(code).unwrap_or_else(|| panic!("no explanation for {code}"));
            assert!(text.starts_with(code), "{text}");
            assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        }
        let old = explain("gl007").unwrap();
        assert!(
            old.starts_with("GL007 is now GL0007.\n\nGL0007 duplicate-description\n"),
            "{old}"
        );
        assert!(explain("GL9999").is_none());
        assert!(explain("GD0019").is_none(), "GD0019 is retired");
    }
}
