//! What an API page says about a request beyond its path and body: the
//! system query options its "Optional query parameters" section names and
//! the rows of its "Request headers" table.

use crate::cells::plain;
use crate::markdown::Table;
use graphdoc_schema::{RequestHeader, RequestOptions};

/// The level-2 section (lower case) that documents query options.
pub(super) fn is_query_section(section: &str) -> bool {
    section.starts_with("optional query parameters") || section == "query parameters"
}

/// The level-2 section (lower case) that lists request headers.
pub(super) fn is_headers_section(section: &str) -> bool {
    section.starts_with("request header")
}

/// Reads a paragraph (or list item) of the query options section: the
/// `$options` each sentence names as supported, and whether the section
/// says the operation supports the OData query parameters in general.
/// A sentence that says "not" names what is not supported.
pub(super) fn read_query_text(text: &str, out: &mut RequestOptions) {
    for sentence in sentences(text) {
        let lower = sentence.to_ascii_lowercase();
        let negated = lower.contains("not support")
            || lower.contains("n't support")
            || lower.contains("**not** support")
            || lower.contains("not supported")
            || lower.starts_with("not ");
        if negated {
            continue;
        }
        let named = options(sentence);
        let general = lower.contains("supports the")
            && lower.contains("odata query parameter")
            && (named.is_empty() || lower.contains("including"));
        out.general_query_options |= general;
        for option in named {
            push_option(out, option);
        }
    }
}

/// Reads a table of the query options section: its rows' first cells that
/// are options (`$select`).
pub(super) fn read_query_table(table: &Table, out: &mut RequestOptions) {
    for row in &table.rows {
        if let Some(first) = row.cells.first() {
            let name = plain(first);
            if let [option] = options(&name)[..] {
                if name.trim() == option {
                    push_option(out, option);
                }
            }
        }
    }
}

/// Reads the "Request headers" table: a row per header (`Name | Value`,
/// or `Prefer: return=minimal | …` with the value in the name).
pub(super) fn read_header_table(table: &Table, out: &mut RequestOptions) {
    for row in &table.rows {
        let mut cells = row.cells.iter().map(|c| plain(c).trim().to_owned());
        let Some(first) = cells.next().filter(|c| !c.is_empty()) else {
            continue;
        };
        let rest = cells.next().unwrap_or_default();
        let (name, value) = match first.split_once(':') {
            Some((name, given)) => (name.trim().to_owned(), join(given.trim(), &rest)),
            None => (first, rest),
        };
        let is_name = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if is_name && out.header(&name).is_none() {
            out.headers.push(RequestHeader { name, value });
        }
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_owned(),
        (true, false) => b.to_owned(),
        (false, false) => format!("{a}. {b}"),
    }
}

fn push_option(out: &mut RequestOptions, option: &str) {
    if !out.names_query_option(option) {
        out.query_options.push(option.to_owned());
    }
}

/// Sentences of a paragraph: split after `. ` (a period inside a code
/// span or a link target does not end one, as neither is followed by a
/// space there).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(". ").filter(|s| !s.trim().is_empty())
}

/// The system query options a text names: `$` and letters, a known
/// option name (so `$value` or `$ref` in a path is not one).
fn options(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('$') {
        let rest = &text[at + 1..];
        let len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let option = &text[at..at + 1 + len];
        if is_system_query_option(option) && !out.contains(&option) {
            out.push(option);
        }
    }
    out
}

/// The OData system query options Graph documents.
pub fn is_system_query_option(option: &str) -> bool {
    const KNOWN: [&str; 11] = [
        "$select",
        "$expand",
        "$filter",
        "$orderby",
        "$top",
        "$skip",
        "$count",
        "$search",
        "$skiptoken",
        "$format",
        "$deltatoken",
    ];
    KNOWN.iter().any(|k| k.eq_ignore_ascii_case(option))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(texts: &[&str]) -> RequestOptions {
        let mut out = RequestOptions::default();
        for t in texts {
            read_query_text(t, &mut out);
        }
        out
    }

    #[test]
    fn a_general_statement_with_a_non_exhaustive_list_is_both() {
        let o = read(&["This method supports the [OData query parameters](/graph/query-parameters) to help customize the response, including `$search`, `$count`, `$filter`, and `$select`. You can use `$search` on the **displayName** property."]);
        assert!(o.general_query_options);
        assert_eq!(o.query_options, ["$search", "$count", "$filter", "$select"]);
    }

    #[test]
    fn a_list_alone_is_only_what_it_names() {
        let o = read(&["This method supports the `$select` and `$expand` [OData query parameters](/graph/query-parameters) to help customize the response."]);
        assert!(!o.general_query_options);
        assert_eq!(o.query_options, ["$select", "$expand"]);
        let o = read(&["This method supports the [OData Query Parameters](/graph/query-parameters) to help customize the response."]);
        assert!(o.general_query_options && o.query_options.is_empty());
    }

    #[test]
    fn what_a_sentence_says_is_not_supported_is_left_out() {
        let o = read(&["This method does not support the [OData query parameters](/graph/query-parameters) to customize the response."]);
        assert!(o.is_empty());
        let o = read(&["This method supports the `$select` query parameter. The `$expand` parameter is not supported."]);
        assert_eq!(o.query_options, ["$select"]);
        let o = read(&["GET /users/{id}/photo/$value returns the bytes."]);
        assert!(o.is_empty());
    }
}
