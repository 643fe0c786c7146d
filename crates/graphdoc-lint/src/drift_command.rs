//! The `drift` command: a version of a docs tree against the service's CSDL
//! metadata, as findings and scores.

use crate::drift::{compare, DriftFinding, DriftReport};
use graphdoc_docs::gate::{self, PrMode};
use graphdoc_docs::{display_path, locate};
use graphdoc_schema::{baseline, Finding, Schema, Severity};
use std::path::{Path, PathBuf};

/// How to render a drift report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriftFormat {
    /// `file:line: kind: message` lines, then counts and scores.
    Human,
    /// The [`DriftReport`] as JSON.
    Json,
}

/// The `drift` command's arguments.
#[derive(Clone, Debug)]
pub struct DriftOptions {
    /// The docs root.
    pub docs: PathBuf,
    /// The one version to compare (`v1.0` or `beta`).
    pub version: String,
    /// The service's CSDL (`$metadata`) for that version.
    pub metadata: PathBuf,
    /// How to print the report.
    pub format: DriftFormat,
    /// Pull-request mode: list only findings not accepted (the scores stay
    /// those of the whole tree).
    pub pr: PrMode,
    /// The bounds both trees are read within.
    pub limits: graphdoc_docs::Limits,
}

/// What `drift` prints, the report (filtered in pull-request mode) and the
/// exit status: 0, or 1 in pull-request mode for a new finding at or above
/// the deny level.
#[derive(Clone, Debug)]
pub struct DriftOutcome {
    /// The report as `format` prints it.
    pub rendered: String,
    /// The report, findings filtered in pull-request mode.
    pub report: DriftReport,
    /// 0, or 1 for a new finding at or above the deny level.
    pub exit_code: u8,
}

/// Reads the metadata first (a wrong path fails before the docs are read),
/// then the docs; their warnings go to `report`.
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
    let mut drift = drift_of(opts, &opts.docs, &metadata, report)?;
    let as_findings = |docs: &Path, findings: &[DriftFinding]| -> Vec<Finding> {
        findings.iter().map(|f| to_finding(docs, f)).collect()
    };
    opts.pr.write(&as_findings(&opts.docs, &drift.findings))?;
    let base = |since: &Path| -> Result<Vec<Finding>, String> {
        let base = drift_of(opts, since, &metadata, &mut |_| {})?;
        Ok(as_findings(since, &base.findings))
    };
    let mut exit_code = 0;
    if let Some(accepted) = opts.pr.accepted(base)? {
        drift.findings = baseline::retain_new(drift.findings, &accepted, |f| {
            to_finding(&opts.docs, f).identity()
        });
        exit_code = u8::from(opts.pr.fails(drift.findings.iter().map(|f| f.severity)));
    }
    let rendered = match opts.format {
        DriftFormat::Human => drift.to_human(),
        DriftFormat::Json => drift.to_json(),
    };
    Ok(DriftOutcome {
        rendered,
        report: drift,
        exit_code,
    })
}

/// The drift of the tree at `docs` (the checked one or the base).
fn drift_of(
    opts: &DriftOptions,
    docs: &Path,
    metadata: &Schema,
    report: &mut dyn FnMut(&str),
) -> Result<DriftReport, String> {
    let version = opts.version.as_str();
    locate::select_versions(docs, version).map_err(|e| e.to_string())?;
    let loaded =
        graphdoc_docs::load_within(&opts.limits, docs, version).map_err(|e| e.to_string())?;
    for d in &loaded.diagnostics {
        if d.severity >= Severity::Warning {
            report(&d.to_string());
        }
    }
    Ok(compare(&loaded.schema, metadata))
}

/// A drift finding as graphdoc's finding: GL0013 (as `lint --metadata`
/// reports it), the file relative to the docs root, the item as subject and
/// [`DriftFinding::key`] as key.
pub fn to_finding(docs: &Path, f: &DriftFinding) -> Finding {
    Finding::at_line(
        crate::rules::METADATA_DRIFT,
        f.severity,
        gate::relative_file(docs, &f.file),
        f.line,
        f.message.as_str(),
    )
    .about(f.item.as_str())
    .keyed(f.key())
}
