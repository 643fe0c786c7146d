//! Smaller mistakes, one enum each: every derive reports its own error.
use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
pub enum DuplicateValue {
    #[graph_enum(value = 1)]
    First,
    #[graph_enum(value = 1)]
    Second,
}

#[derive(GraphEnum)]
pub enum ValueNotAnInteger {
    #[graph_enum(value = "1")]
    First,
}

#[derive(GraphEnum)]
#[graph_enum(rename_all = "camelcase")]
pub enum UnknownRenameRule {
    First,
}

#[derive(GraphEnum)]
pub enum OtherWithoutString {
    First,
    #[graph_enum(other)]
    Other,
}

#[derive(GraphEnum)]
pub enum OtherWithRename {
    First,
    #[graph_enum(other, rename = "other")]
    Other(String),
}

#[derive(GraphEnum)]
pub enum Generic<T> {
    First,
    Second(T),
}

#[derive(GraphEnum)]
pub enum Empty {}

#[derive(GraphEnum)]
#[graph_enum(name = "a", name = "b")]
pub enum DuplicateKey {
    First,
}

fn main() {}
