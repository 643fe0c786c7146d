//! Human output: `file:line:col: severity[code]: message`, the line of the
//! page with a caret under what the finding is about, and the notes.

use super::{RenderOptions, Sources};
use graphdoc_schema::Finding;
use std::fmt::Write as _;

/// `file:line:col: severity[code]: message`, the line's text with a caret under the column when `source` has the page, the notes, and `opts.summary` last.
pub fn render(findings: &[Finding], opts: &RenderOptions, source: &Sources<'_>) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{f}");
        let gutter = f.line.to_string().len();
        let pad = " ".repeat(gutter);
        let doc_line =
            source(&f.file).and_then(|t| t.lines().nth(f.line.saturating_sub(1) as usize));
        if let Some(l) = doc_line {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", f.line, l);
            if let (Some(column), true) = (f.column, f.width > 0) {
                // Tabs keep their width in the caret line so the caret lines up.
                let lead: String = l
                    .chars()
                    .take(column.saturating_sub(1) as usize)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(f.width as usize));
            }
        }
        for n in &f.notes {
            let _ = writeln!(out, "{pad} = note: {n}");
        }
        if doc_line.is_some() || !f.notes.is_empty() {
            out.push('\n');
        }
    }
    if let Some(summary) = &opts.summary {
        let _ = writeln!(out, "{summary}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::finding;

    #[test]
    fn location_snippet_caret_and_note() {
        let text = "one\ntwo\n|abcdef|\n";
        let mut opts = RenderOptions::new("t");
        opts.summary = Some("t: 1 warning".into());
        let out = render(&[finding()], &opts, &|_| Some(text));
        let expected = "api-reference/x.md:3:2: warning[GL0007]: same, 100% text\n  |\n3 | |abcdef|\n  |  ^^^\n  = note: earlier: a\n\nt: 1 warning\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn without_source_or_notes_one_line_each() {
        let f = crate::rules::placeholder_text::RULE.finding("a.md", 7, "m");
        let out = render(&[f.clone(), f], &RenderOptions::new("t"), &|_| None);
        assert_eq!(
            out,
            "a.md:7: warning[GL0009]: m\na.md:7: warning[GL0009]: m\n"
        );
    }
}
