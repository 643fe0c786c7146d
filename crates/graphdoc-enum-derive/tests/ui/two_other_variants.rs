use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenState")]
pub enum VppTokenState {
    #[graph_enum(rename = "valid")]
    Valid,
    #[graph_enum(other)]
    Other(String),
    #[graph_enum(other)]
    Unrecognized(String),
}

fn main() {}
