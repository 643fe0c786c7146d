//! The Rust examples of the workspace `README.md`, run as doctests by
//! `cargo test --workspace` (or `cargo test -p graphdoc-readme --doc`), so
//! that the README cannot show code that does not build or run. The
//! examples use the model crate in `generated/`.
//!
//! ---
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/readme-examples.md"))]
