//! Lints over graphdoc schemas.
//!
//! [`drift`] compares what the docs say with what the service metadata
//! (CSDL) says, finding by finding and as scores.

pub mod drift;
