use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenState")]
pub struct VppTokenState {
    state: String,
}

fn main() {}
