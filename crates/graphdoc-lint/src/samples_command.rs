//! The `samples` command: every JSON example of a docs tree checked
//! (`graphdoc_samples`), in pull-request mode when asked, rendered in any
//! format through the one renderer ([`crate::render`]), or as the
//! per-sample report `graphdoc_samples` writes.

use crate::render::{self, Format, RenderOptions};
use graphdoc_docs::gate::PrMode;
use std::collections::HashMap;
use std::path::PathBuf;

/// What `samples` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SamplesFormat {
    /// The findings, as every command renders them.
    Findings(Format),
    /// Every sample with what was found about it, as JSON
    /// (`graphdoc_samples::VersionReport`s).
    Report,
}

/// What `graphdoc samples` was asked to do.
#[derive(Clone, Debug)]
pub struct SamplesOptions {
    /// The folder that holds `api-reference/`.
    pub docs: PathBuf,
    /// `v1.0`, `beta` or `all`.
    pub version: String,
    /// What is printed.
    pub format: SamplesFormat,
    /// See [`crate::LintOptions::link_base`].
    pub link_base: String,
    /// Markdown output: at most this many characters.
    pub max_chars: Option<usize>,
    /// Pull-request mode: which findings are new, and the deny level.
    pub pr: PrMode,
    /// The bounds pages are read within.
    pub limits: graphdoc_docs::Limits,
}

/// The rendered output and the exit status: 1 for an unreadable or
/// broken block, a finding or a page not read (in pull-request mode: a new
/// one at or above the deny level).
pub fn run(opts: &SamplesOptions) -> Result<(String, u8), String> {
    let versions = [opts.version.as_str()];
    let (reports, exit_code) =
        graphdoc_samples::pr::gated(&opts.docs, &versions, &opts.limits, &opts.pr)
            .map_err(|e| e.to_string())?;
    let exit_code = u8::try_from(exit_code).unwrap_or(1);
    let format = match opts.format {
        SamplesFormat::Report => {
            let outcome = graphdoc_samples::render(reports, graphdoc_samples::Format::Json, 0);
            return Ok((outcome.rendered, exit_code));
        }
        SamplesFormat::Findings(format) => format,
    };
    let mut findings = graphdoc_samples::pr::findings(&opts.docs, &reports);
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.code, &b.message))
            .then_with(|| a.cmp(b))
    });
    let mut summary: Vec<String> = Vec::new();
    if opts.pr.filters() {
        // The version lines below count the whole tree; say what was shown.
        summary.push(format!(
            "graphdoc-samples: {} ({}); the whole tree's counts:",
            render::plural(findings.len(), "new finding"),
            render::Counts::of(&findings)
        ));
    }
    summary.extend(
        reports
            .iter()
            .map(|r| r.summary.render().trim_end().to_string()),
    );
    let render_opts = RenderOptions {
        tool: "graphdoc-samples".into(),
        link_base: opts.link_base.clone(),
        max_chars: opts.max_chars,
        summary: Some(summary.join("\n")),
        outside_docs: Vec::new(),
    };
    // The lines under the human output's findings: the pages they are on,
    // read again as the walk read them (inside the root, within the limits).
    let mut texts: HashMap<String, String> = HashMap::new();
    if format == Format::Human {
        for f in &findings {
            if !texts.contains_key(&f.file) {
                if let Some(text) =
                    graphdoc_docs::tree::page_text(&opts.docs, &f.file, &opts.limits)
                {
                    texts.insert(f.file.clone(), text);
                }
            }
        }
    }
    let source = |f: &graphdoc_schema::Finding| texts.get(&f.file).map(String::as_str);
    let rendered = render::render(&findings, format, &render_opts, &source);
    Ok((rendered, exit_code))
}
