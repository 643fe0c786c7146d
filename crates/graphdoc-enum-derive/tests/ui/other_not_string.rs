//! The `other` variant keeps the wire string: its field must be a `String`.
use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
pub enum OtherHoldsANumber {
    First,
    #[graph_enum(other)]
    Other(u32),
}

fn main() {}
