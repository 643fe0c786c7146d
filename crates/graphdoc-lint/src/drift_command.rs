//! The `drift` command: a version of a docs tree against the service's CSDL
//! metadata, as findings and scores.

use crate::drift::{compare, DriftFinding, DriftReport};
use crate::render::{self, Format, RenderOptions};
use graphdoc_docs::gate::{self, PrMode};
use graphdoc_docs::{display_path, locate};
use graphdoc_schema::{baseline, Finding, Schema, Severity};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The `drift` command's arguments.
#[derive(Clone, Debug)]
pub struct DriftOptions {
    /// The docs root.
    pub docs: PathBuf,
    /// The one version to compare (`v1.0` or `beta`).
    pub version: String,
    /// The service's CSDL (`$metadata`) for that version.
    pub metadata: PathBuf,
    /// How to print the findings: as every command renders them, the JSON
    /// being the whole report (findings and scores, each finding in the
    /// common format plus its drift `kind` and `item`).
    pub format: Format,
    /// See [`crate::LintOptions::link_base`].
    pub link_base: String,
    /// Markdown output: at most this many characters.
    pub max_chars: Option<usize>,
    /// Pull-request mode: list only findings not accepted (the scores stay
    /// those of the whole tree).
    pub pr: PrMode,
    /// The bounds both trees are read within.
    pub limits: graphdoc_docs::Limits,
}

/// What `drift` prints, the report (filtered in pull-request mode) and the
/// exit status: 0, or 1 for a finding (drift, or the docs' own: a page not
/// read) at or above the deny level (in pull-request mode: a new one).
#[derive(Clone, Debug)]
pub struct DriftOutcome {
    /// The report as `format` prints it.
    pub rendered: String,
    /// The report, findings filtered in pull-request mode.
    pub report: DriftReport,
    /// 0, or 1 for a finding (a new one in pull-request mode) at or above
    /// the deny level.
    pub exit_code: u8,
}

/// Reads the metadata first (a wrong path fails before the docs are read),
/// then the docs; their warnings go to `report` (in pull-request mode, only
/// those the base tree or the baseline does not have).
pub fn run(opts: &DriftOptions, report: &mut dyn FnMut(&str)) -> Result<DriftOutcome, String> {
    let xml = std::fs::read_to_string(&opts.metadata)
        .map_err(|e| format!("cannot read {}: {e}", display_path(&opts.metadata)))?;
    // Findings in the metadata name the file only, as lint's GL0013 do:
    // its path is not in the docs tree and may be one of the machine's.
    let name = opts.metadata.file_name().map_or_else(
        || display_path(&opts.metadata),
        |n| n.to_string_lossy().into_owned(),
    );
    let metadata = graphdoc_schema::csdl::read(&xml, &name).map_err(|e| e.to_string())?;
    let (mut drift, warnings, pages) = drift_of(opts, &opts.docs, &metadata)?;
    let as_findings = |docs: &Path, findings: &[DriftFinding]| -> Vec<Finding> {
        findings.iter().map(|f| to_finding(docs, f)).collect()
    };
    opts.pr.write(&as_findings(&opts.docs, &drift.findings))?;
    let mut base_warnings = Vec::new();
    let base = |since: &Path| -> Result<Vec<Finding>, String> {
        let (base, warnings, _) = drift_of(opts, since, &metadata)?;
        base_warnings = warnings;
        Ok(as_findings(since, &base.findings))
    };
    let accepted = opts.pr.accepted(base)?;
    let warnings = match &accepted {
        // Front-end warnings are files relative to their root already, so
        // the base tree's have the same identities.
        Some(accepted) => {
            let old = [accepted.as_slice(), &base_warnings].concat();
            baseline::retain_new(warnings, &old, Finding::identity)
        }
        None => warnings,
    };
    for warning in &warnings {
        report(&warning.to_string());
    }
    if let Some(accepted) = accepted {
        drift.findings = baseline::retain_new(drift.findings, &accepted, |f| {
            to_finding(&opts.docs, f).identity()
        });
    }
    let reported = drift.findings.iter().map(|f| f.severity);
    let exit_code = u8::from(
        opts.pr
            .fails(reported.chain(warnings.iter().map(|w| w.severity))),
    );
    let rendered = render_report(opts, &drift, (&name, &xml), &pages);
    Ok(DriftOutcome {
        rendered,
        report: drift,
        exit_code,
    })
}

/// `report` in `opts.format`: the findings through the common renderer,
/// the human output showing the page's line under each, as lint does, and
/// ending with the counts by kind and the scores. `metadata` is the name
/// findings give the metadata file, which is not in the docs tree (no link
/// leads to it), and its text. `pages` are the docs pages as read.
fn render_report(
    opts: &DriftOptions,
    report: &DriftReport,
    (metadata, xml): (&str, &str),
    pages: &[graphdoc_docs::PageInput],
) -> String {
    let metadata = gate::relative_file(&opts.docs, metadata);
    let findings: Vec<Finding> = report
        .findings
        .iter()
        .map(|f| to_finding(&opts.docs, f))
        .collect();
    if opts.format == Format::Json {
        return report_json(report, &findings);
    }
    let render_opts = RenderOptions {
        tool: "graphdoc-drift".into(),
        link_base: opts.link_base.clone(),
        max_chars: opts.max_chars,
        summary: None,
        outside_docs: vec![metadata.to_string()],
    };
    // Only the pages findings are on are decoded (the tree has thousands).
    let mut texts: HashMap<&str, String> = HashMap::new();
    if opts.format == Format::Human {
        let on: HashSet<&str> = findings.iter().map(|f| f.file.as_str()).collect();
        for page in pages.iter().filter(|p| on.contains(p.path.as_str())) {
            texts.insert(
                page.path.as_str(),
                String::from_utf8_lossy(&page.bytes).into_owned(),
            );
        }
    }
    // A finding in the metadata shows its line of the metadata.
    let source = |f: &Finding| match texts.get(f.file.as_str()) {
        Some(text) => Some(text.as_str()),
        None => (f.file == metadata).then_some(xml),
    };
    let mut out = render::render(&findings, opts.format, &render_opts, &source);
    if opts.format == Format::Human {
        // The counts and scores stand apart from the findings, which end
        // with a blank line where a snippet or a note is under the last.
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(report.summary().trim_end());
        out.push('\n');
    }
    out
}

/// The report as pretty JSON: `findings` (each in the common format, as
/// `--format json` of every command prints it, with the drift `kind` and
/// `item` it always had) and `scores`.
fn report_json(report: &DriftReport, findings: &[Finding]) -> String {
    let common = render::json::render(findings);
    let findings: Vec<serde_json::Value> = common
        .lines()
        .zip(&report.findings)
        .map(|(line, drift)| {
            let mut v: serde_json::Value =
                serde_json::from_str(line).expect("the renderer writes JSON");
            if let Some(o) = v.as_object_mut() {
                o.insert("kind".into(), drift.kind.as_str().into());
                o.insert("item".into(), drift.item.as_str().into());
            }
            v
        })
        .collect();
    let value = serde_json::json!({ "findings": findings, "scores": report.scores });
    let mut s = serde_json::to_string_pretty(&value).expect("a drift report serializes");
    s.push('\n');
    s
}

/// The drift of the tree at `docs` (the checked one or the base), the
/// warnings of reading it, and its pages as read.
fn drift_of(
    opts: &DriftOptions,
    docs: &Path,
    metadata: &Schema,
) -> Result<(DriftReport, Vec<Finding>, Vec<graphdoc_docs::PageInput>), String> {
    let version = opts.version.as_str();
    locate::select_versions(docs, version).map_err(|e| e.to_string())?;
    let (loaded, tree) =
        graphdoc_docs::load_tree(&opts.limits, docs, version).map_err(|e| e.to_string())?;
    let drift = compare(&loaded.schema, metadata);
    let warnings = loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    Ok((drift, warnings, tree.pages))
}

/// A drift finding as graphdoc's finding: GL0013 (as `lint --metadata`
/// reports it), the file relative to the docs root, the item as subject and
/// [`DriftFinding::key`] as key.
pub fn to_finding(docs: &Path, f: &DriftFinding) -> Finding {
    f.finding(gate::relative_file(docs, &f.file))
}
