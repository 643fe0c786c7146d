//! Inline markdown of a table cell or paragraph: links and plain text.

/// A markdown link: `[text](target)` or the reference form `[text][]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link text, markdown left in.
    pub text: String,
    /// Empty for reference-style links.
    pub target: String,
}

/// All links of a piece of inline markdown, in order.
pub fn links(s: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = find_matching_bracket(after) else {
            break;
        };
        let text = &after[..close];
        let tail = &after[close + 1..];
        if let Some(target) = tail.strip_prefix('(') {
            if let Some(end) = target.find(')') {
                out.push(Link {
                    text: text.to_string(),
                    target: target[..end].trim().to_string(),
                });
                rest = &target[end + 1..];
                continue;
            }
        } else if let Some(reference) = tail.strip_prefix('[') {
            if let Some(end) = reference.find(']') {
                out.push(Link {
                    text: text.to_string(),
                    target: String::new(),
                });
                rest = &reference[end + 1..];
                continue;
            }
        }
        rest = tail;
    }
    out
}

/// `s` when it is one inline link and nothing else (`[text](target)`, the
/// target without blanks around it): its text and target. The same as `s`
/// having exactly one of [`links`], written back as `s` is.
pub fn whole_link(s: &str) -> Option<(&str, &str)> {
    let after = s.strip_prefix('[')?;
    let close = find_matching_bracket(after)?;
    let target = after[close + 1..].strip_prefix('(')?;
    let target = target.strip_suffix(')')?;
    let whole = !target.contains(')') && target.trim().len() == target.len();
    whole.then(|| (&after[..close], target))
}

fn find_matching_bracket(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return Some(i),
            ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Each `[` of `s` that is closed, as (offset of `[`, offset of its `]`),
/// sorted: the same pairs as `find_matching_bracket` from each `[`, in one
/// pass.
fn matching_brackets(s: &str) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'[' => open.push(i),
            b']' => {
                if let Some(start) = open.pop() {
                    pairs.push((start, i));
                }
            }
            _ => {}
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The text a reader sees: links reduced to their text, emphasis, code
/// marks and HTML tags removed, `<br>` and runs of whitespace made one space.
pub fn plain(s: &str) -> String {
    plain_nested(s, 0)
}

/// Real links nest a level or two; past this depth a link's text is kept as
/// written, so that a cell of thousands of `[` cannot exhaust the stack.
const MAX_LINK_NESTING: usize = 32;

/// Byte offset of the first character that may start markup (`[`, `<`,
/// `&`, `*`, a backtick, `_` or `\`); everything before it is copied as it
/// stands. All are ASCII, so a byte scan finds them without decoding UTF-8.
fn find_markup(s: &str) -> Option<usize> {
    s.bytes()
        .position(|b| matches!(b, b'[' | b'<' | b'&' | b'*' | b'`' | b'_' | b'\\'))
}

fn plain_nested(s: &str, depth: usize) -> String {
    if find_markup(s).is_none() {
        return if is_collapsed(s) {
            s.to_string()
        } else {
            collapse_whitespace(s)
        };
    }
    // Matched once for the whole text: scanning ahead from every `[` is
    // quadratic in a cell of thousands of unclosed `[`.
    let closing = matching_brackets(s);
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let run = find_markup(rest).unwrap_or(rest.len());
        if run > 0 {
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '[' {
            let at = s.len() - rest.len();
            let close = closing
                .binary_search_by_key(&at, |&(open, _)| open)
                .ok()
                .map(|i| closing[i].1 - at - 1);
            if let Some(close) = close {
                let text = &rest[1..1 + close];
                let tail = &rest[close + 2..];
                let skip = if tail.starts_with('(') {
                    tail.find(')').map(|e| e + 1)
                } else if tail.starts_with('[') {
                    tail.find(']').map(|e| e + 1)
                } else {
                    Some(0)
                };
                if let Some(skip) = skip {
                    if depth < MAX_LINK_NESTING {
                        out.push_str(&plain_nested(text, depth + 1));
                    } else {
                        out.push_str(text);
                    }
                    rest = &tail[skip..];
                    continue;
                }
            }
        }
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let tag = &rest[1..end];
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if !name.is_empty() || tag.starts_with('!') {
                    if name.eq_ignore_ascii_case("br")
                        || name.eq_ignore_ascii_case("p")
                        || name.eq_ignore_ascii_case("li")
                    {
                        out.push(' ');
                    }
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        if c == '&' {
            if let Some(entity) = ["&nbsp;", "&#160;"].iter().find(|e| rest.starts_with(**e)) {
                out.push(' ');
                rest = &rest[entity.len()..];
                continue;
            }
            if let Some((entity, ch)) = [
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&amp;", '&'),
                ("&quot;", '"'),
                ("&#124;", '|'),
            ]
            .iter()
            .find(|(e, _)| rest.starts_with(*e))
            {
                out.push(*ch);
                rest = &rest[entity.len()..];
                continue;
            }
        }
        if c == '*' || c == '`' || (c == '_' && is_emphasis_underscore(&out, rest)) {
            rest = &rest[1..];
            continue;
        }
        if c == '\\' && rest.len() > 1 {
            let next = rest[1..].chars().next().unwrap_or(' ');
            if next.is_ascii_punctuation() {
                out.push(next);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if is_collapsed(&out) {
        out
    } else {
        collapse_whitespace(&out)
    }
}

/// No whitespace but single spaces between words: `collapse_whitespace`
/// would return the same text.
fn is_collapsed(s: &str) -> bool {
    // One pass: no non-ASCII byte, no whitespace but single inner spaces.
    let mut after_space = true;
    for &b in s.as_bytes() {
        if b >= 0x80 || b.is_ascii_whitespace() && (b != b' ' || after_space) {
            return false;
        }
        after_space = b == b' ';
    }
    !after_space || s.is_empty()
}

/// `_` marks emphasis only at a word boundary (`snake_case` keeps it).
/// An underscore that starts a word opens emphasis only if another one
/// follows to close it: `_id (deprecated)` is a name, `_new_` emphasis.
fn is_emphasis_underscore(before: &str, rest: &str) -> bool {
    let prev_alnum = before.chars().last().is_some_and(|c| c.is_alphanumeric());
    let next_alnum = rest[1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric());
    match (prev_alnum, next_alnum) {
        (true, true) => false,
        (false, true) => rest[1..].contains('_'),
        _ => true,
    }
}

/// The words of `s` joined by single spaces (line breaks and runs of blanks folded).
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    // What `split_whitespace` splits at, a byte at a time for ASCII (most
    // of every description passes here).
    let mut word_start = None;
    let mut i = 0;
    while let Some(&b) = s.as_bytes().get(i) {
        let (space, len) = if b.is_ascii() {
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        match (space, word_start) {
            (true, Some(start)) => {
                push_word(&s[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        push_word(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_cells() {
        assert_eq!(
            plain("[vppToken](../resources/vpptoken.md) collection"),
            "vppToken collection"
        );
        assert_eq!(
            plain("**Read-only.**<br>Not&nbsp;nullable `x`"),
            "Read-only. Not nullable x"
        );
        assert_eq!(
            plain("[identitySet][] collection"),
            "identitySet collection"
        );
        assert_eq!(plain("snake_case _emph_"), "snake_case emph");
        assert_eq!(plain("_id (deprecated)"), "_id (deprecated)");
        assert_eq!(plain("__bold__ and _it_"), "bold and it");
        assert_eq!(plain("a \\| b"), "a | b");
    }

    #[test]
    fn a_whole_link_is_one_link_written_back_as_the_text_is() {
        let written = [
            "[x](x.md)",
            "[x](x.md) collection",
            "[a [b] c](d.md)",
            "[x]( x.md)",
            "[x](x.md))",
            "[x](a)(b)",
            "[x][]",
            "[x]()",
            "[x](",
            "[[x](y)",
            "x",
            "",
        ];
        for s in written {
            let by_links = match links(s).as_slice() {
                [link] if format!("[{}]({})", link.text, link.target) == s => {
                    Some((link.text.clone(), link.target.clone()))
                }
                _ => None,
            };
            let whole = whole_link(s).map(|(t, u)| (t.to_string(), u.to_string()));
            assert_eq!(whole, by_links, "{s}");
        }
    }

    #[test]
    fn finds_links() {
        let l = links("Inherits from [entity](entity.md) and [x][]");
        assert_eq!(l.len(), 2);
        assert_eq!(
            l[0],
            Link {
                text: "entity".into(),
                target: "entity.md".into()
            }
        );
        assert_eq!(l[1].text, "x");
    }

    proptest::proptest! {
        #[test]
        fn collapse_whitespace_joins_the_words(s in "[ ab\t\n\r\u{b}\u{c}é\u{a0}\u{85}\u{2003}\u{3000}]{0,40}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(collapse_whitespace(&s), words.join(" "));
        }
    }
}
