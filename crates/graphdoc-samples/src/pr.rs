//! Pull-request mode of `samples`: the findings a change introduced, against
//! `--since DIR` and/or `--baseline FILE` (see [`graphdoc_docs::gate`]).

use crate::{check_versions, render, Error, Format, SampleReport, SamplesOutcome, VersionReport};
use graphdoc_docs::gate::{self, PrMode};
use graphdoc_schema::{baseline, Diagnostic, Severity};
use std::path::Path;

/// `graphdoc samples` with pull-request mode: only the unreadable blocks,
/// forgiven constructs and findings not accepted are listed (the counts stay
/// those of the whole tree); exit status 1 only when one listed is at or
/// above `pr.deny`.
pub fn run(
    docs: &Path,
    versions: &[&str],
    limits: &graphdoc_docs::Limits,
    format: Format,
    pr: &PrMode,
) -> Result<SamplesOutcome, Error> {
    let (reports, exit_code) = gated(docs, versions, limits, pr)?;
    Ok(render(reports, format, exit_code))
}

/// The reports of `versions` with only what `pr` does not accept (all of
/// it outside pull-request mode), and the exit status: what [`run`]
/// renders, for renderers of other formats.
pub fn gated(
    docs: &Path,
    versions: &[&str],
    limits: &graphdoc_docs::Limits,
    pr: &PrMode,
) -> Result<(Vec<VersionReport>, i32), Error> {
    let mut reports = check_versions(limits, docs, versions)?;
    pr.write(&findings(docs, &reports)).map_err(Error::Gate)?;
    let base = |since: &Path| -> Result<Vec<Diagnostic>, String> {
        let base = check_versions(limits, since, versions).map_err(|e| e.to_string())?;
        Ok(findings(since, &base))
    };
    let all = findings(docs, &reports);
    let Some(accepted) = pr.accepted(base).map_err(Error::Gate)? else {
        let exit_code = i32::from(pr.fails(all.iter().map(|f| f.severity)));
        return Ok((reports, exit_code));
    };
    let new: Vec<bool> = {
        let indices =
            baseline::retain_new((0..all.len()).collect(), &accepted, |i| all[*i].identity());
        let mut new = vec![false; all.len()];
        for i in indices {
            new[i] = true;
        }
        new
    };
    let mut next = 0;
    let mut severities = Vec::new();
    for report in &mut reports {
        for sample in &mut report.samples {
            keep_new(sample, &new, &mut next, &mut severities);
        }
        report
            .samples
            .retain(|s| s.unreadable.is_some() || !s.forgiven.is_empty() || !s.findings.is_empty());
    }
    // Pages not read (out of the tree, over a limit) come after every
    // sample's findings in `all`: a new one fails the run like a finding.
    for report in &mut reports {
        let not_read = std::mem::take(&mut report.pages_not_read);
        for d in not_read {
            if new.get(next).copied().unwrap_or(true) {
                severities.push(d.severity);
                report.pages_not_read.push(d);
            }
            next += 1;
        }
    }
    let exit_code = i32::from(pr.fails(severities));
    Ok((reports, exit_code))
}

/// Every finding of the reports, in report order, then the pages not read,
/// files relative to `docs`.
pub fn findings(docs: &Path, reports: &[VersionReport]) -> Vec<Diagnostic> {
    let samples = reports
        .iter()
        .flat_map(|r| &r.samples)
        .flat_map(SampleReport::all_findings);
    let not_read = reports
        .iter()
        .flat_map(|r| r.pages_not_read.iter().cloned());
    samples
        .chain(not_read)
        .map(|f| gate::relative(docs, &f))
        .collect()
}

/// Drops from `sample` what `new` (indexed in `all_findings` order from
/// `next`) says is old; records the severities of what is kept.
fn keep_new(sample: &mut SampleReport, new: &[bool], next: &mut usize, kept: &mut Vec<Severity>) {
    let mut take = |severity: Severity| {
        let is_new = new.get(*next).copied().unwrap_or(true);
        *next += 1;
        if is_new {
            kept.push(severity);
        }
        is_new
    };
    let keep_diagnostic = |d: &Diagnostic, take: &mut dyn FnMut(Severity) -> bool| take(d.severity);
    if let Some(d) = &sample.unreadable {
        if !keep_diagnostic(d, &mut take) {
            sample.unreadable = None;
        }
    }
    sample.forgiven.retain(|d| keep_diagnostic(d, &mut take));
    sample.findings.retain(|f| take(f.to_finding().severity));
}
