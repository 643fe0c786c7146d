//! Pull-request mode of `lint`: the findings a change introduced, against
//! `--since DIR` and/or `--baseline FILE` (see [`graphdoc_docs::gate`]).

use crate::{run, Finding, LintError, LintOptions};
use graphdoc_docs::gate;
use std::path::Path;

/// Writes the baseline when asked, then keeps only the findings that are
/// not accepted. `findings` have paths relative to the docs root.
pub(crate) fn gate(opts: &LintOptions, findings: Vec<Finding>) -> Result<Vec<Finding>, LintError> {
    opts.pr.write(&findings).map_err(LintError::Io)?;
    let base = |since: &Path| -> Result<Vec<Finding>, String> {
        let base = LintOptions {
            docs: since.to_path_buf(),
            format: crate::Format::Json,
            pr: gate::PrMode::default(),
            ..opts.clone()
        };
        Ok(run(&base).map_err(|e| e.to_string())?.findings)
    };
    match opts.pr.accepted(base).map_err(LintError::Io)? {
        Some(accepted) => Ok(graphdoc_schema::baseline::new_findings(
            &findings, &accepted,
        )),
        None => Ok(findings),
    }
}
