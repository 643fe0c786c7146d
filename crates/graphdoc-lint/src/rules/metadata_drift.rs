//! GL0013: the drift comparison with the service metadata, as findings.

use super::{Finding, Rule};
use crate::drift::DriftReport;
use graphdoc_schema::Severity;

/// The GL0013 metadata-drift rule, reported when the docs disagree with the service metadata (CSDL).
pub const RULE: Rule = Rule {
    code: "GL0013",
    name: "metadata-drift",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "the docs disagree with the service metadata (CSDL)",
    explain: "GL0013 metadata-drift\n\n\
Only with `--metadata FILE.csdl`: every finding of the drift comparison\n\
(graphdoc_lint::drift::compare) between the docs of the metadata's version and\n\
the CSDL, with its kind first in the message (missing-property,\n\
property-type-differs, …) and its own severity (case-differs is a note).\n",
    aliases: &["GL013"],
};

/// The drift report's findings, as `drift` reports them
/// ([`crate::drift::DriftFinding::finding`]).
pub fn check(report: &DriftReport) -> Vec<Finding> {
    report.findings.iter().map(|d| d.finding(&d.file)).collect()
}
