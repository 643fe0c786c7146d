//! Doc comment text from doc descriptions.
//!
//! The text goes into `#[doc = "..."]` string literals, so nothing in it can
//! end the comment or inject code; what remains is keeping rustdoc quiet and
//! the rendering faithful: markdown that would turn into doctests, code
//! blocks, intra-doc links or HTML is escaped, bare URLs are wrapped in `<>`.

/// The lines of a doc comment for `text`, each to be written as
/// `#[doc = " line"]`. Empty when `text` has nothing printable.
pub fn doc_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = escape_line(raw);
        if line.is_empty() {
            // Paragraph breaks survive, runs of blank lines do not.
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
        } else {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// One line, trimmed (indentation would make a code block, hence a doctest),
/// with control characters dropped and markdown specials escaped.
fn escape_line(raw: &str) -> String {
    let cleaned: String = raw.chars().filter(|c| !c.is_control()).collect();
    let trimmed = cleaned.trim();
    let mut out = String::with_capacity(trimmed.len() + 8);
    let mut rest = trimmed;
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let c = rest.chars().next().expect("non-empty");
        match c {
            // Escaped so that no pair forms a link, code span, fence or tag.
            '\\' | '[' | ']' | '`' | '*' | '_' | '~' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of an `http(s)://` URL starting `s`, if one does, without
/// trailing punctuation and characters that would end an autolink.
fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || "<>\"'`[](){}|\\^".contains(c))
        .unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_', '~']);
    let scheme_len = if url.starts_with("https://") { 8 } else { 7 };
    (url.len() > scheme_len).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_and_blank_runs_go() {
        assert_eq!(
            doc_lines("    let x = 1;\n\n\n  b  \n\n"),
            vec!["let x = 1;", "", "b"]
        );
        assert!(doc_lines("").is_empty());
        assert!(doc_lines("\n \t\n").is_empty());
    }

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            doc_lines("see [user](x) and `code`"),
            vec![r"see \[user\](x) and \`code\`"]
        );
        assert_eq!(doc_lines("```rust"), vec![r"\`\`\`rust"]);
        assert_eq!(
            doc_lines("<b>bold</b> & Vec<T>"),
            vec!["&lt;b&gt;bold&lt;/b&gt; &amp; Vec&lt;T&gt;"]
        );
        assert_eq!(doc_lines(r"a\b"), vec![r"a\\b"]);
        assert_eq!(doc_lines("# Heading"), vec![r"\# Heading"]);
    }

    #[test]
    fn urls_are_wrapped() {
        assert_eq!(
            doc_lines("See https://learn.microsoft.com/graph/x?a=1. Then"),
            vec!["See <https://learn.microsoft.com/graph/x?a=1>. Then"]
        );
        assert_eq!(doc_lines("(https://a.b/c)"), vec![r"(<https://a.b/c>)"]);
        assert_eq!(doc_lines("https:// alone"), vec!["https:// alone"]);
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(doc_lines("a\u{0}b\u{7}c"), vec!["abc"]);
    }
}
