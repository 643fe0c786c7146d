//! Accepted findings and pull-request mode: [`graphdoc_schema::baseline`],
//! where every command finds it.

pub use graphdoc_schema::baseline::{new_findings, read, retain_new, write};
