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
/// sorted.
pub fn export(
    docs: &Path,
    version: &str,
    limits: &crate::Limits,
    format: SchemaFormat,
    report: &mut dyn FnMut(&str),
) -> Result<String, LoadError> {
    locate::select_versions(docs, version).map_err(LoadError::Tree)?;
    let loaded = crate::load_within(limits, docs, version)?;
    for d in &loaded.diagnostics {
        if d.severity >= Severity::Warning {
            report(&d.to_string());
        }
    }
    Ok(match format {
        SchemaFormat::Json => loaded.schema.to_json(),
        SchemaFormat::Csdl => graphdoc_schema::csdl::write(&loaded.schema),
    })
}
