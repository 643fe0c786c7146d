//! Pull-request mode of `lint`: the findings a change introduced, against
//! `--since DIR` and/or `--baseline FILE` (see [`graphdoc_docs::gate`]).

use crate::{run, Finding, LintError, LintOptions};
use graphdoc_docs::gate;
use std::path::Path;

/// A lint finding's identity: its rule (for GL001 the front-end code it
/// carries, for GL013 the drift kind), its file relative to the docs root,
/// and its message without line numbers.
pub fn identity(docs: &Path, f: &Finding) -> String {
    let code = match &f.subcode {
        Some(sub) => format!("{}/{sub}", f.rule),
        None => f.rule.to_string(),
    };
    let finding = graphdoc_schema::Finding::at_line(
        &code,
        f.severity,
        gate::relative_file(docs, &f.file),
        f.line,
        f.message.as_str(),
    );
    finding.identity()
}

/// Writes the baseline when asked, then keeps only the findings that are
/// not accepted.
pub(crate) fn gate(opts: &LintOptions, findings: Vec<Finding>) -> Result<Vec<Finding>, LintError> {
    opts.pr
        .write(findings.iter().map(|f| identity(&opts.docs, f)))
        .map_err(LintError::Io)?;
    let base = |since: &Path| -> Result<Vec<String>, String> {
        let base = LintOptions {
            docs: since.to_path_buf(),
            format: crate::Format::Json,
            pr: gate::PrMode::default(),
            ..opts.clone()
        };
        let outcome = run(&base).map_err(|e| e.to_string())?;
        Ok(outcome
            .findings
            .iter()
            .map(|f| identity(since, f))
            .collect())
    };
    match opts.pr.accepted(base).map_err(LintError::Io)? {
        Some(accepted) => Ok(accepted.retain_new(findings, |f| identity(&opts.docs, f))),
        None => Ok(findings),
    }
}
