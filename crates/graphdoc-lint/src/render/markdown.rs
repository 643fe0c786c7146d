//! Markdown, for a pull-request comment or a job summary: a heading with
//! the counts and one list item per finding, its location a link relative
//! to the repository. With [`RenderOptions::max_chars`] the output never
//! exceeds that many characters: findings that do not fit are counted in a
//! last line instead.

use super::{Counts, RenderOptions};
use graphdoc_schema::Finding;

/// A pull-request comment: a heading with the counts, then one item a finding linked to its line, cut to `opts.max_chars` with a line saying how many did not fit.
pub fn render(findings: &[Finding], opts: &RenderOptions) -> String {
    let counts = Counts::of(findings);
    let header = format!("### {}: {counts}\n\n", opts.tool);
    let limit = opts.max_chars.unwrap_or(usize::MAX);
    let mut out = String::new();
    let mut used = 0;
    if !push_within(&mut out, &mut used, &header, limit) {
        return truncate(&header, limit);
    }
    for (i, f) in findings.iter().enumerate() {
        let item = item(f, opts);
        let rest = findings.len() - i - 1;
        // Room is kept for the line saying how many did not fit, unless
        // this is the last finding.
        let reserve = if rest == 0 {
            0
        } else {
            omitted(rest).chars().count()
        };
        if used + item.chars().count() + reserve <= limit {
            push_within(&mut out, &mut used, &item, limit);
        } else {
            let line = omitted(findings.len() - i);
            push_within(&mut out, &mut used, &line, limit);
            break;
        }
    }
    out
}

fn push_within(out: &mut String, used: &mut usize, text: &str, limit: usize) -> bool {
    let n = text.chars().count();
    if *used + n > limit {
        return false;
    }
    out.push_str(text);
    *used += n;
    true
}

fn truncate(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}

fn omitted(n: usize) -> String {
    format!("\n_{n} more not shown._\n")
}

fn item(f: &Finding, opts: &RenderOptions) -> String {
    let place = format!("{}:{}", escape(&f.file), f.line);
    // A file outside the docs tree (the metadata) gets no link: it is not
    // where the link base says the docs are.
    let place = match opts.repository_path(&f.file) {
        // A URL base is kept as given; only the file's part is escaped.
        Some(_) if super::is_url(&opts.link_base) => {
            let base = opts.link_base.trim_end_matches('/');
            format!("[{place}]({base}/{}#L{})", link_target(&f.file), f.line)
        }
        Some(path) => format!("[{place}]({}#L{})", link_target(&path), f.line),
        None => place,
    };
    let mut s = format!(
        "- **{}** `{}` {place}: {}\n",
        f.severity,
        f.code,
        escape(&f.message)
    );
    for n in &f.notes {
        s.push_str(&format!("  - {}\n", escape(n)));
    }
    s
}

/// A link target: spaces and parentheses would end it, a line break or
/// other control character (in a file's name) would break the list.
fn link_target(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' | ' ' | '(' | ')' | '<' | '>' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_control() => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Text that markdown would otherwise read as markup: HTML tags and
/// brackets (a message quoting a link) are escaped; backticks are kept,
/// messages use them for code.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '*' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c if c.is_control() => out.push_str(&graphdoc_schema::finding::printable(
                c.encode_utf8(&mut [0; 4]),
            )),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::finding;

    #[test]
    fn items_link_relative_to_the_repository() {
        let mut opts = RenderOptions::new("graphdoc-lint");
        opts.link_base = "docs".into();
        let out = render(&[finding()], &opts);
        assert_eq!(
            out,
            "### graphdoc-lint: 0 errors, 1 warning, 0 notes\n\n\
- **warning** `GL0007` [api-reference/x.md:3](docs/api-reference/x.md#L3): same, 100% text\n  - earlier: a\n"
        );
    }

    #[test]
    fn a_url_base_makes_links_absolute_for_a_pull_request_comment() {
        let mut opts = RenderOptions::new("graphdoc-lint");
        opts.link_base = "https://github.com/o/r/blob/0123abc/docs/".into();
        let out = render(&[finding()], &opts);
        assert!(
            out.contains("[api-reference/x.md:3](https://github.com/o/r/blob/0123abc/docs/api-reference/x.md#L3)"),
            "{out}"
        );
        // The base is taken as given: an escape in it (a branch name's
        // `%2F`) is not escaped again.
        opts.link_base = "https://github.com/o/r/blob/feature%2Fx/docs".into();
        assert!(render(&[finding()], &opts)
            .contains("](https://github.com/o/r/blob/feature%2Fx/docs/api-reference/x.md#L3)"),);
        // A file outside the docs (the metadata) is still not linked.
        opts.outside_docs = vec!["api-reference/x.md".into()];
        assert!(!render(&[finding()], &opts).contains("https://"));
        assert!(crate::render::is_url("http://host/x") && !crate::render::is_url("docs/a:b"));
    }

    #[test]
    fn max_chars_holds() {
        let findings: Vec<Finding> = (1..=40)
            .map(|i| {
                crate::rules::broken_link::RULE.finding(
                    "api-reference/v1.0/api/a <b>.md",
                    i,
                    format!("link target `x{i}.md` does not exist"),
                )
            })
            .collect();
        let mut opts = RenderOptions::new("graphdoc-lint");
        for limit in [0, 10, 60, 200, 600, 1000, 5000] {
            opts.max_chars = Some(limit);
            let out = render(&findings, &opts);
            assert!(
                out.chars().count() <= limit,
                "{limit}: {}",
                out.chars().count()
            );
            if limit >= 600 {
                assert!(out.contains("more not shown"), "{out}");
            }
        }
        opts.max_chars = None;
        let all = render(&findings, &opts);
        assert!(!all.contains("more not shown"));
        assert_eq!(all.matches("\n- ").count(), 40);
        assert!(all.contains("[api-reference/v1.0/api/a &lt;b&gt;.md:1](api-reference/v1.0/api/a%20%3Cb%3E.md#L1)"), "{all}");
    }

    #[test]
    fn a_file_outside_the_docs_is_not_linked() {
        let (f, opts) = crate::render::tests::outside();
        let out = render(&[f], &opts);
        assert!(
            out.ends_with("- **warning** `GL0013` v1.0\\_metadata.xml:213: enum `x` is in the metadata but not in the docs\n"),
            "{out}"
        );
    }

    #[test]
    fn a_line_break_in_a_file_name_stays_in_its_item() {
        let f = crate::rules::broken_link::RULE.finding("a\n- b\r.md", 1, "m");
        let out = render(&[f], &RenderOptions::new("t"));
        assert_eq!(out.lines().count(), 3, "{out}");
        assert!(out.contains("(a%0A-%20b%0D.md#L1)"), "{out}");
    }
}
