//! Counts over the planned operations of one API version, for the
//! acceptance figures of issue 16 (`examples/operation_figures.rs`).

use crate::plan::{plan_version, RustType, VALUE};
use graphdoc_schema::Schema;
use std::collections::BTreeSet;

/// What the planned operations of one version look like.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperationFigures {
    /// Operations planned (one per API page).
    pub operations: usize,
    /// Operations with a path that names one placeholder twice.
    pub repeated_placeholder: usize,
    /// Operation names ending in a counter (`ListUsers4`).
    pub counter_names: usize,
    /// POST, PATCH and PUT operations.
    pub writes: usize,
    /// Writes whose request body is `serde_json::Value`.
    pub untyped_writes: usize,
    /// `name<TAB>title<TAB>first path<TAB>page` of every operation.
    pub listing: Vec<String>,
}

/// Plans `schema` and counts its operations.
pub fn operation_figures(schema: &Schema) -> OperationFigures {
    let plan = plan_version(schema, &mut Vec::new());
    let mut f = OperationFigures {
        operations: plan.operations.len(),
        ..OperationFigures::default()
    };
    for op in &plan.operations {
        f.listing.push(format!(
            "{}\t{}\t{}\t{}",
            op.rust_name,
            op.title,
            op.paths.first().map_or("", String::as_str),
            op.source
        ));
        if op.paths.iter().any(|p| repeats_a_placeholder(p)) {
            f.repeated_placeholder += 1;
        }
        let title_ends_in_digit = op.title.trim_end().ends_with(|c: char| c.is_ascii_digit());
        if op.rust_name.ends_with(|c: char| c.is_ascii_digit()) && !title_ends_in_digit {
            f.counter_names += 1;
        }
        if matches!(op.method, "Post" | "Patch" | "Put") {
            f.writes += 1;
            if op.request == RustType::Path(VALUE) {
                f.untyped_writes += 1;
            }
        }
    }
    f
}

/// Whether a path template names a placeholder more than once.
pub fn repeats_a_placeholder(path: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if !seen.insert(&rest[open + 1..close]) {
            return true;
        }
        rest = &rest[close + 1..];
    }
    false
}
