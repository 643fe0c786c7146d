//! The `drift` command: a version of a docs tree against the service's CSDL
//! metadata, as findings and scores.

use crate::drift::{compare, DriftReport};
use graphdoc_docs::{display_path, tree};
use graphdoc_schema::Severity;
use std::path::PathBuf;

/// How to render a drift report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriftFormat {
    Human,
    Json,
}

#[derive(Clone, Debug)]
pub struct DriftOptions {
    pub docs: PathBuf,
    pub version: String,
    /// The service's CSDL (`$metadata`) for that version.
    pub metadata: PathBuf,
    pub format: DriftFormat,
}

/// Reads the metadata first (a wrong path fails before the docs are read),
/// then the docs; their warnings go to `report`. Returns the rendered report
/// and the report itself.
pub fn run(
    opts: &DriftOptions,
    report: &mut dyn FnMut(&str),
) -> Result<(String, DriftReport), String> {
    let xml = std::fs::read_to_string(&opts.metadata)
        .map_err(|e| format!("cannot read {}: {e}", display_path(&opts.metadata)))?;
    let metadata = graphdoc_schema::csdl::read(&xml, &display_path(&opts.metadata))
        .map_err(|e| e.to_string())?;
    tree::select_versions(&opts.docs, &opts.version).map_err(|e| e.to_string())?;
    let loaded = graphdoc_docs::load(&opts.docs, &opts.version).map_err(|e| e.to_string())?;
    for d in &loaded.diagnostics {
        if d.severity >= Severity::Warning {
            report(&d.to_string());
        }
    }
    let drift = compare(&loaded.schema, &metadata);
    let rendered = match opts.format {
        DriftFormat::Human => drift.to_human(),
        DriftFormat::Json => drift.to_json(),
    };
    Ok((rendered, drift))
}
