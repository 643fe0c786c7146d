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

/// `text` on one line, as markdown that renders it as written.
pub fn markdown_text(text: &str) -> String {
    escape_line(&text.replace(['\n', '\r'], " "))
}

/// One line, trimmed (indentation would make a code block, hence a doctest),
/// with control characters dropped and markdown specials escaped.
fn escape_line(raw: &str) -> String {
    // Control characters, and the bidirectional overrides and isolates
    // rustc refuses in a doc comment (`text_direction_codepoint_in_literal`).
    let cleaned: String = raw
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
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

/// Where an item is documented, for its doc comment: its page of the public
/// reference and, as plain text for maintainers, the docs-relative
/// `file:line` it was read from. `source` is a `file:line` as the schema
/// has it, which may start with the path the docs were read from on the
/// generating machine: everything before `api-reference/` is dropped (and
/// only the file name kept when there is no `api-reference/`).
///
/// `api-reference/v1.0/resources/user.md` is
/// <https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0>,
/// an API page `api-reference/beta/api/user-get.md` is
/// <https://learn.microsoft.com/graph/api/user-get?view=graph-rest-beta>.
pub fn reference(source: &str) -> String {
    let source = source.replace('\\', "/");
    let relative = match source.rfind("api-reference/") {
        Some(start) => &source[start..],
        None => source.rsplit('/').next().unwrap_or_default(),
    };
    match reference_url(relative) {
        Some(url) => format!("{url} ({relative})"),
        None => relative.to_owned(),
    }
}

fn reference_url(relative: &str) -> Option<String> {
    let file = relative.split(':').next()?;
    let mut parts = file.strip_prefix("api-reference/")?.split('/');
    let view = match parts.next()? {
        "v1.0" => "graph-rest-1.0",
        "beta" => "graph-rest-beta",
        _ => return None,
    };
    let folder = parts.next()?;
    let name = parts.next()?.strip_suffix(".md")?;
    if parts.next().is_some()
        || name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return None;
    }
    let page = match folder {
        "resources" => format!("resources/{name}"),
        "api" => name.to_owned(),
        _ => return None,
    };
    Some(format!(
        "https://learn.microsoft.com/graph/api/{page}?view={view}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_become_public_reference_links() {
        assert_eq!(
            reference("../shared/graph-docs/api-reference/v1.0/resources/user.md:10"),
            "https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0 \
             (api-reference/v1.0/resources/user.md:10)"
        );
        assert_eq!(
            reference("/home/me/docs/api-reference/beta/api/user-get.md:3"),
            "https://learn.microsoft.com/graph/api/user-get?view=graph-rest-beta \
             (api-reference/beta/api/user-get.md:3)"
        );
        // No public page to link, and still no path of the machine.
        assert_eq!(
            reference("/home/me/docs/api-reference/v2/resources/x.md:1"),
            "api-reference/v2/resources/x.md:1"
        );
        assert_eq!(reference("/home/me/notes/x.md:1"), "x.md:1");
        assert_eq!(
            reference("C:\\docs\\api-reference\\v1.0\\resources\\user.md:2"),
            "https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0 \
             (api-reference/v1.0/resources/user.md:2)"
        );
        assert_eq!(
            doc_lines(&format!(
                "Documented at {}",
                reference("api-reference/v1.0/api/user-get.md:9")
            )),
            vec![
                r"Documented at <https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0> (api-reference/v1.0/api/user-get.md:9)"
            ]
        );
    }

    #[test]
    fn indentation_and_blank_runs_go() {
        assert_eq!(
            doc_lines("    let x = 1;\n\n\n  b  \n\n"),
            vec!["let x = 1;", "", "b"]
        );
        assert!(doc_lines("").is_empty());
        assert!(doc_lines("\n \t\n").is_empty());
        // A bidirectional override (the beta docs have one in a header
        // value) would make rustc refuse the doc comment.
        assert_eq!(
            doc_lines("bytes={start}-{end}\u{202C} and \u{2066}x\u{2069}"),
            vec!["bytes={start}-{end} and x"]
        );
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
