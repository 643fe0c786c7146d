//! Renderers: every command's findings ([`graphdoc_schema::Finding`]) in
//! every format. Paths are relative to the docs root as findings carry
//! them; [`RenderOptions::link_base`] says where the docs root is inside
//! the repository, for the formats whose paths GitHub resolves against the
//! repository (SARIF, annotations, markdown links).

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use graphdoc_schema::{Finding, Severity};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `file:line:col: severity[code]: message` with the line under it.
    Human,
    /// JSON lines, one finding each.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// A markdown pull-request comment.
    Markdown,
}

impl Format {
    /// The format names `--format` takes, for messages.
    pub const NAMES: &'static str = "human, json, sarif, github, markdown";
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            "markdown" => Ok(Format::Markdown),
            _ => Err(format!("unknown format `{s}` ({})", Format::NAMES)),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// The program named in SARIF and the summary (`graphdoc-lint`).
    pub tool: String,
    /// The docs root's path inside the repository, `/`-separated, no
    /// trailing `/` (`""` when the docs root is the repository root); for
    /// the markdown output, also a URL base (see [`is_url`]).
    pub link_base: String,
    /// Markdown only: the most characters the output may have.
    pub max_chars: Option<usize>,
    /// Human only: the last line (counts), without its newline.
    pub summary: Option<String>,
    /// Files findings name that are not in the docs tree (the service
    /// metadata, a `--config` elsewhere), as findings name them: shown as
    /// they are, never joined to `link_base` nor linked, since where they
    /// are in the repository (if at all) is not known.
    pub outside_docs: Vec<String>,
}

impl RenderOptions {
    /// Options for `tool` with paths at the repository root, no limit and no summary.
    pub fn new(tool: impl Into<String>) -> Self {
        RenderOptions {
            tool: tool.into(),
            link_base: String::new(),
            max_chars: None,
            summary: None,
            outside_docs: Vec::new(),
        }
    }

    /// `file` (relative to the docs root) as a path inside the repository;
    /// `None` for a file [`RenderOptions::outside_docs`] names.
    pub fn repository_path(&self, file: &str) -> Option<String> {
        if self.outside_docs.iter().any(|o| o == file) {
            return None;
        }
        let mut base = self.link_base.trim_end_matches('/');
        while let Some(rest) = base.strip_prefix("./").filter(|_| !is_url(base)) {
            base = rest.trim_start_matches('/');
        }
        Some(if base.is_empty() || base == "." {
            file.to_string()
        } else {
            format!("{base}/{file}")
        })
    }
}

/// Whether a link base is a URL (`https://github.com/o/r/blob/<sha>/docs`)
/// rather than a path inside the repository: markdown links then are
/// absolute, as a pull-request comment needs (GitHub resolves a comment's
/// relative links against the pull request's page, not the repository).
pub fn is_url(link_base: &str) -> bool {
    link_base.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// The text of the file a finding is in, for the snippet under it; `None`
/// when the renderer should show none (a file not read, or a finding about
/// another tree than the one whose texts are at hand).
pub type Sources<'a> = dyn Fn(&Finding) -> Option<&'a str> + 'a;

/// `findings` in `format`. `sources` gives page texts for the human
/// format's snippets.
pub fn render(
    findings: &[Finding],
    format: Format,
    opts: &RenderOptions,
    sources: &Sources<'_>,
) -> String {
    match format {
        Format::Human => human::render(findings, opts, sources),
        Format::Json => json::render(findings),
        Format::Sarif => sarif::render(findings, opts),
        Format::Github => github::render(findings, opts),
        Format::Markdown => markdown::render(findings, opts),
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity note.
    pub notes: usize,
}

impl Counts {
    /// Counts `findings` by severity.
    pub fn of(findings: &[Finding]) -> Self {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Counts {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
        }
    }
}

impl std::fmt::Display for Counts {
    /// `1 error, 2 warnings, 0 notes`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note")
        )
    }
}

/// `1 finding`, `2 findings`: `n` and `word`, with an `s` unless `n` is 1.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A finding's message with its notes, one per line (`note: …`).
pub(crate) fn message_with_notes(f: &Finding) -> String {
    let mut text = f.message.clone();
    for n in &f.notes {
        text.push_str("\nnote: ");
        text.push_str(n);
    }
    text
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A warning with a span and a note, at `api-reference/x.md:3:2`.
    pub(crate) fn finding() -> Finding {
        crate::rules::duplicate_description::RULE
            .finding("api-reference/x.md", 3, "same, 100% text")
            .span(2, 3)
            .note("earlier: a")
    }

    #[test]
    fn repository_paths_join_the_link_base() {
        let mut opts = RenderOptions::new("t");
        assert_eq!(opts.repository_path("a/b.md").unwrap(), "a/b.md");
        opts.link_base = "docs/".into();
        assert_eq!(opts.repository_path("a/b.md").unwrap(), "docs/a/b.md");
        // As a workflow may spell the docs folder: the repository's own
        // paths have no `./` (annotations would not land on the diff).
        for (base, path) in [("./docs", "docs/a/b.md"), ("./", "a/b.md"), (".", "a/b.md")] {
            opts.link_base = base.into();
            assert_eq!(opts.repository_path("a/b.md").unwrap(), path, "{base}");
        }
        // The metadata is no file of the docs tree.
        opts.outside_docs = vec!["v1.0_metadata.xml".into()];
        assert_eq!(opts.repository_path("v1.0_metadata.xml"), None);
        assert!(opts.repository_path("a/b.md").is_some());
    }

    /// A finding in a file outside the docs tree (the metadata), with the
    /// docs at `docs/` in the repository.
    pub(crate) fn outside() -> (Finding, RenderOptions) {
        let f = crate::rules::metadata_drift::RULE.finding(
            "v1.0_metadata.xml",
            213,
            "enum `x` is in the metadata but not in the docs",
        );
        let mut opts = RenderOptions::new("t");
        opts.link_base = "docs".into();
        opts.outside_docs = vec!["v1.0_metadata.xml".into()];
        (f, opts)
    }

    #[test]
    fn counts_of_one_are_singular() {
        let counts = Counts {
            errors: 1,
            warnings: 2,
            notes: 0,
        };
        assert_eq!(counts.to_string(), "1 error, 2 warnings, 0 notes");
        assert_eq!(plural(1, "finding"), "1 finding");
    }

    #[test]
    fn every_format_name_parses() {
        for name in Format::NAMES.split(", ") {
            assert!(name.parse::<Format>().is_ok(), "{name}");
        }
        assert!("xml".parse::<Format>().is_err());
    }
}
