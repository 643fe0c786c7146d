//! GL0005: a relative link into a version's `resources/` or `api/` folder
//! naming no file there.

use super::{Finding, Rule};
use crate::pages::Pages;
use graphdoc_schema::Severity;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

/// The GL0005 broken-link rule, reported when a link to a page of the docs tree points at a file that does not exist.
pub const RULE: Rule = Rule {
    code: "GL0005",
    name: "broken-link",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a link to a page of the docs tree points at a file that does not exist",
    explain: "GL0005 broken-link\n\n\
A relative markdown link `[text](target.md)` in a resource or API page whose\n\
target, resolved against the page's folder, lies inside the same version's\n\
`resources/` or `api/` folders but names no file there. Links leaving those\n\
folders (concepts, other doc sets) cannot be checked and are ignored. A\n\
target that exists with another letter case is not reported (the published\n\
site is case-insensitive). Links inside code blocks are ignored.\n",
    aliases: &["GL005"],
};

/// Relative `.md` links inside a version's `resources/` and `api/` folders
/// whose target does not exist, and links that climb above the docs root
/// (GL0016). `version_dir` is the shown path of `api-reference/<version>`
/// (the shown docs root joined with it); `existing` the lowercased shown
/// paths of every page under it. Nothing is looked up on disk: a link is
/// resolved lexically, inside the docs root only.
pub fn check(pages: &Pages, version_dir: &str, existing: &FxHashSet<String>) -> Vec<Finding> {
    let list: Vec<(&String, &String)> = pages
        .iter()
        .filter(|(f, _)| f.starts_with(version_dir))
        .collect();
    // `<root>/api-reference/<version>`: the shown root is what precedes it.
    let root = version_dir
        .rsplitn(3, '/')
        .nth(2)
        .filter(|_| version_dir.matches('/').count() >= 2)
        .unwrap_or("");
    let version_rel = version_dir[root.len()..].trim_start_matches('/');
    let checked_dirs = [
        format!("{version_rel}/resources/"),
        format!("{version_rel}/api/"),
    ];
    let docs = Docs {
        root,
        checked_dirs: &checked_dirs,
        existing,
    };
    list.par_iter()
        .flat_map_iter(|(file, text)| page_links(file, text, &docs))
        .collect()
}

/// What a link is checked against.
struct Docs<'a> {
    /// The shown docs root (`""` when pages are shown relative to it).
    root: &'a str,
    /// Folders whose links are checked, relative to the root.
    checked_dirs: &'a [String],
    existing: &'a FxHashSet<String>,
}

impl Docs<'_> {
    /// A shown path relative to the root.
    fn relative<'p>(&self, shown: &'p str) -> &'p str {
        if self.root.is_empty() {
            return shown;
        }
        shown
            .strip_prefix(self.root)
            .map_or(shown, |r| r.trim_start_matches('/'))
    }

    /// Whether the page at `relative` exists, in any letter case; `key` is
    /// scratch space for the lower-cased shown path, reused across links.
    fn exists(&self, relative: &str, key: &mut String) -> bool {
        key.clear();
        if !self.root.is_empty() {
            key.push_str(self.root);
            key.push('/');
        }
        key.push_str(relative);
        key.make_ascii_lowercase();
        self.existing.contains(key.as_str())
    }
}

fn page_links(file: &str, text: &str, docs: &Docs) -> Vec<Finding> {
    let mut out = Vec::new();
    let dir = docs.relative(file).rsplit_once('/').map_or("", |(d, _)| d);
    let mut fence: Option<&str> = None;
    // Scratch strings reused for every link of the page: most links are
    // fine, and checking one allocates nothing.
    let (mut resolved, mut key) = (String::new(), String::new());
    for (i, line) in marked_lines(text) {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    Some(m) if m == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        if fence.is_some() || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            continue;
        }
        let mut from = 0;
        while let Some(k) = link_target_start(&line[from..]) {
            let start = from + k + 2;
            let Some(len) = line[start..].find(')') else {
                break;
            };
            from = start + len;
            let raw = line[start..start + len].trim();
            let target = first_word(raw).trim_matches(['<', '>']);
            // `#` and `?` are ASCII: no byte of another character equals them.
            let path = match target.bytes().position(|b| b == b'#' || b == b'?') {
                Some(k) => &target[..k],
                None => target,
            };
            let is_page =
                path.len() >= 3 && path.as_bytes()[path.len() - 3..].eq_ignore_ascii_case(b".md");
            if !is_page || path.contains("://") || path.starts_with('/') {
                continue;
            }
            let (column, width) = (
                || line[..start].chars().count() as u32 + 1,
                || target.chars().count() as u32,
            );
            if !join_path_into(dir, path, &mut resolved) {
                let f = super::link_leaves_tree::RULE.finding(
                    file,
                    i as u32 + 1,
                    format!("link target `{path}` leaves the docs tree; not checked"),
                );
                out.push(f.span(column(), width()));
                continue;
            }
            if !docs
                .checked_dirs
                .iter()
                .any(|d| resolved.starts_with(d.as_str()))
            {
                continue;
            }
            if docs.exists(&resolved, &mut key) {
                continue;
            }
            let f = RULE
                .finding(
                    file,
                    i as u32 + 1,
                    format!("link target `{path}` does not exist"),
                )
                .note(format!("resolved to {resolved}"));
            out.push(f.span(column(), width()));
        }
    }
    out
}

/// The lines of `text` (as [`str::lines`] splits them) holding a `` ` ``,
/// `~` or `]`, with their 0-based index: only those can open or close a
/// code block or hold a link, and most lines hold none. Found with the
/// `memchr` crate's vectorised search instead of visiting every line.
fn marked_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    // The first byte after the last line yielded, and how many lines
    // precede `counted` (the start of a line).
    let (mut next, mut counted, mut index) = (0, 0, 0);
    memchr::memchr3_iter(b'`', b'~', b']', bytes).filter_map(move |at| {
        if at < next {
            return None;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |k| k + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k);
        index += memchr::memchr_iter(b'\n', &bytes[counted..start]).count();
        counted = start;
        next = end + 1;
        // `lines` drops the `\r` of a `\r\n` ending.
        let line = &text[start..end];
        let line = match line.strip_suffix('\r') {
            Some(l) if end < bytes.len() => l,
            _ => line,
        };
        Some((index, line))
    })
}

/// `s.split_whitespace().next()` of an `s` without leading whitespace
/// (a trimmed text; `""` if empty), found byte by byte while the text is
/// ASCII, as a link target nearly always is.
fn first_word(s: &str) -> &str {
    match s
        .bytes()
        .position(|b| matches!(b, b' ' | b'\t'..=b'\r') || !b.is_ascii())
    {
        None => s,
        Some(k) if s.as_bytes()[k].is_ascii() => &s[..k],
        Some(_) => s.split_whitespace().next().unwrap_or(""),
    }
}

/// Where `](` is in `s` (a link's target follows it), found by its `]`,
/// which most lines do not have.
fn link_target_start(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = s[from..].find(']') {
        let at = from + k;
        if s.as_bytes().get(at + 1) == Some(&b'(') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Joins `relative` onto the folder `dir` (both `/`-separated), resolving
/// `.` and `..`; `None` if it climbs above the start.
#[cfg(test)]
fn join_path(dir: &str, relative: &str) -> Option<String> {
    let mut joined = String::new();
    join_path_into(dir, relative, &mut joined).then_some(joined)
}

/// Joins `relative` onto `dir` like `join_path`, into `out` (cleared first), reusing its buffer; false if
/// the path climbs above the start (`out` is then unspecified).
fn join_path_into(dir: &str, relative: &str, out: &mut String) -> bool {
    out.clear();
    let absolute = dir.starts_with('/');
    if absolute {
        out.push('/');
    }
    // `out[base..]` holds the non-empty segments, `/`-separated.
    let base = out.len();
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        if out.len() > base {
            out.push('/');
        }
        out.push_str(seg);
    }
    for seg in relative.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.len() == base {
                    return false;
                }
                let cut = out[base..].rfind('/').map_or(base, |k| base + k);
                out.truncate(cut);
            }
            s => {
                if out.len() > base {
                    out.push('/');
                }
                out.push_str(s);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_path_resolves_dots() {
        assert_eq!(
            join_path("a/v1.0/api", "../resources/x.md").as_deref(),
            Some("a/v1.0/resources/x.md")
        );
        assert_eq!(
            join_path("/r/api", "./x.md").as_deref(),
            Some("/r/api/x.md")
        );
        assert_eq!(join_path("a", "../../x.md"), None);
    }

    #[test]
    fn marked_lines_are_the_lines_holding_a_marker() {
        for text in [
            "",
            "plain\n",
            "a ]\r\nb\n\n`c` ~ ]\r\n\nno\r\n~~~\r",
            "]\n]\n\n x](y.md) `z`\n\u{e9}]\nlast ~",
            "\r\n\r\n]\r",
        ] {
            let expected: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains(['`', '~', ']']))
                .collect();
            assert_eq!(marked_lines(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn first_word_is_what_split_whitespace_gives_first() {
        for s in [
            "",
            "a.md",
            "a.md \"t\"",
            "a\u{b}b",
            "é.md x",
            "a\u{a0}b c",
            "x\u{2003}y",
        ] {
            assert_eq!(
                first_word(s),
                s.split_whitespace().next().unwrap_or(""),
                "{s:?}"
            );
        }
    }

    #[test]
    fn missing_targets_outside_code_blocks_are_reported() {
        let mut pages = Pages::new();
        pages.insert(
            "d/v1.0/api/a.md".into(),
            "[ok](../resources/b.md) [gone](../resources/c.md#x)\n```\n[in code](c.md)\n```\n"
                .into(),
        );
        let existing = FxHashSet::from_iter(["d/v1.0/resources/b.md".to_string()]);
        let found = check(&pages, "d/v1.0", &existing);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "link target `../resources/c.md` does not exist"
        );
        assert_eq!((found[0].line, found[0].column), (1, Some(32)));
    }

    #[test]
    fn links_resolve_inside_the_root_and_notes_never_show_the_root() {
        let root = "/home/ci/work/docs";
        let mut pages = Pages::new();
        pages.insert(
            format!("{root}/api-reference/v1.0/api/a.md"),
            "[gone](../resources/c.md) [up](../../../../../etc/secret.md) [concept](../../../concepts/x.md)\n"
                .into(),
        );
        let found = check(
            &pages,
            &format!("{root}/api-reference/v1.0"),
            &FxHashSet::default(),
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].code, RULE.code);
        assert_eq!(
            found[0].notes,
            vec!["resolved to api-reference/v1.0/resources/c.md"]
        );
        assert_eq!(found[1].code, super::super::link_leaves_tree::RULE.code);
        assert_eq!(
            found[1].message,
            "link target `../../../../../etc/secret.md` leaves the docs tree; not checked"
        );
        // Pages shown relative to the root: the same findings.
        let mut relative = Pages::new();
        relative.insert(
            "api-reference/v1.0/api/a.md".into(),
            pages.values().next().unwrap().clone(),
        );
        let again = check(&relative, "api-reference/v1.0", &FxHashSet::default());
        assert_eq!(again.len(), 2, "{again:?}");
        assert_eq!(again[0].notes, found[0].notes);
    }
}
