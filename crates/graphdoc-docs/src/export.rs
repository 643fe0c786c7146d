//! The `schema` command: one version of a docs tree read and written out as
//! schema JSON or OData CSDL.

use crate::{locate, LoadError};
use graphdoc_schema::Severity;
use std::path::Path;

/// What `schema` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaFormat {
    /// The intermediate schema as JSON (what `diff --from-schema` reads).
    Json,
    /// OData CSDL XML, comparable with the service's `$metadata`.
    Csdl,
}

/// Reads `version` of the tree at `docs` and renders its schema. Diagnostics
/// of warning level and above go to `report`, one per call, as they are
/// sorted. `None` when some are at or above `deny` (errors when `None`: a
/// page not read): the run fails (exit status 1) and, as `regenerate` does,
/// writes nothing, since a schema without a page's types would silently
/// drop them.
pub fn export(
    docs: &Path,
    version: &str,
    limits: &crate::Limits,
    format: SchemaFormat,
    deny: Option<Severity>,
    report: &mut dyn FnMut(&str),
) -> Result<Option<String>, LoadError> {
    locate::select_versions(docs, version).map_err(LoadError::Tree)?;
    let loaded = crate::load_within(limits, docs, version)?;
    for d in &loaded.diagnostics {
        if d.severity >= Severity::Warning {
            report(&d.to_string());
        }
    }
    let failing = failing(&loaded.diagnostics, deny);
    if failing > 0 {
        report(&format!("{}: no schema written", stopped_by(failing, deny)));
        return Ok(None);
    }
    Ok(Some(match format {
        SchemaFormat::Json => loaded.schema.to_json(),
        SchemaFormat::Csdl => graphdoc_schema::csdl::write(&loaded.schema),
    }))
}

/// How many of the docs' `diagnostics` fail the run at `deny` (every
/// command's policy, [`Severity::fails`]). A command whose output is built
/// from the docs (`schema`, `regenerate`) writes nothing when any does.
pub fn failing(diagnostics: &[graphdoc_schema::Diagnostic], deny: Option<Severity>) -> usize {
    diagnostics
        .iter()
        .filter(|d| Severity::fails(deny, [d.severity]))
        .count()
}

/// Why a run that [`failing`] findings stopped wrote nothing, for its last
/// line: `3 findings of the docs at or above the deny level (error; see above)`.
pub fn stopped_by(failing: usize, deny: Option<Severity>) -> String {
    let level = deny.unwrap_or(Severity::Error);
    let findings = if failing == 1 { "finding" } else { "findings" };
    format!("{failing} {findings} of the docs at or above the deny level ({level}; see above)")
}
