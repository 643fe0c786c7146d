//! Human output: `file:line:col: severity[code]: message`, the line of the
//! page with a caret under what the finding is about, and the notes.
//!
//! What comes from the docs tree (file names, messages quoting it, the
//! page's line) is printed [`printable`]: the tree may come from a pull
//! request and the output goes to a terminal or a CI log. A long line is
//! shown as a window around the caret, so that the output grows with the
//! findings, not with findings times line length.

use super::{RenderOptions, Sources};
use graphdoc_schema::finding::printable;
use graphdoc_schema::Finding;
use std::fmt::Write as _;

/// The most characters of a page's line a snippet shows.
pub const SNIPPET_CHARS: usize = 160;

/// `file:line:col: severity[code]: message`, the line's text with a caret under the column when `source` has the page, the notes, and `opts.summary` last.
pub fn render(findings: &[Finding], opts: &RenderOptions, source: &Sources<'_>) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{f}");
        let gutter = f.line.to_string().len();
        let pad = " ".repeat(gutter);
        let doc_line = source(f).and_then(|t| t.lines().nth(f.line.saturating_sub(1) as usize));
        if let Some(l) = doc_line {
            let span = f.column.filter(|_| f.width > 0).map(|column| {
                let start = column.saturating_sub(1) as usize;
                (start, start + f.width as usize)
            });
            let snippet = Snippet::of(l, span);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", f.line, snippet.text);
            if let Some((lead, width)) = snippet.caret {
                let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(width));
            }
        }
        for n in &f.notes {
            let _ = writeln!(out, "{pad} = note: {}", printable(n));
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

/// A page's line as shown under a finding, and the caret line's lead and
/// width.
struct Snippet {
    text: String,
    caret: Option<(String, usize)>,
}

impl Snippet {
    /// `line` cut to a window of [`SNIPPET_CHARS`] characters around the
    /// `span` (character offsets), `…` where it was cut.
    fn of(line: &str, span: Option<(usize, usize)>) -> Snippet {
        let chars: Vec<char> = line.chars().collect();
        let (from, to) = window(chars.len(), span);
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        let shown: String = chars[from..to].iter().collect();
        text.push_str(&printable(&shown));
        if to < chars.len() {
            text.push('…');
        }
        let caret = span.filter(|&(start, _)| start <= to).map(|(start, end)| {
            let start = start.max(from);
            let end = end.min(to).max(start + 1);
            // The caret stands under the printed characters: the `…`, and a
            // tab kept as a tab; a control character is shown as one
            // character, and `<U+202E>` as eight.
            let mut lead = String::from(if from > 0 { " " } else { "" });
            for &c in &chars[from..start] {
                match c {
                    '\t' => lead.push('\t'),
                    c => lead.push_str(
                        &" ".repeat(printable(c.encode_utf8(&mut [0; 4])).chars().count()),
                    ),
                }
            }
            (lead, end - start)
        });
        Snippet { text, caret }
    }
}

/// The character range of a line of `len` characters that a snippet
/// shows: all of it when it fits, else [`SNIPPET_CHARS`] from a little
/// before the span (the start of the line without one).
fn window(len: usize, span: Option<(usize, usize)>) -> (usize, usize) {
    if len <= SNIPPET_CHARS {
        return (0, len);
    }
    let from = match span {
        Some((start, _)) => start
            .saturating_sub(SNIPPET_CHARS / 4)
            .min(len - SNIPPET_CHARS),
        None => 0,
    };
    (from, from + SNIPPET_CHARS)
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

    /// A 1 MB line with a finding every few characters printed whole under
    /// each would make the output grow as their product.
    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_caret() {
        let line = format!("{}[a](x.md){}", "y".repeat(5000), "z".repeat(5000));
        let f = crate::rules::broken_link::RULE
            .finding("a.md", 1, "gone")
            .span(5005, 4);
        let out = render(&[f], &RenderOptions::new("t"), &|_| Some(line.as_str()));
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines[2].strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), SNIPPET_CHARS + 2);
        // The caret is under `x.md`.
        let caret = lines[3].strip_prefix("  | ").unwrap();
        let at = caret.find('^').unwrap();
        let under: String = shown.chars().skip(at).take(4).collect();
        assert_eq!(under, "x.md", "{out}");
        assert_eq!(caret.trim_start(), "^^^^");
    }

    #[test]
    fn control_characters_of_the_page_are_shown_not_obeyed() {
        let line = "|a\u{1b}[2J|Strng|\u{202e}d|";
        let f = crate::rules::placeholder_text::RULE
            .finding("x\n::error file=a::b.md", 1, "type `Strng`")
            .span(8, 5)
            .note("row \u{1b}[2J");
        let out = render(&[f], &RenderOptions::new("t"), &|_| Some(line));
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out:?}"
        );
        assert!(!out.lines().any(|l| l.starts_with("::")), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "x␊::error file=a::b.md:1:8: warning[GL0009]: type `Strng`"
        );
        assert_eq!(lines[2], "1 | |a␛[2J|Strng|<U+202E>d|");
        assert_eq!(lines[3], "  |        ^^^^^");
        assert_eq!(lines[4], "  = note: row ␛[2J");
    }
}
