use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenState")]
pub enum VppTokenState {
    #[graph_enum(rename = "valid")]
    Valid,
    #[graph_enum(rename = "expired")]
    Expired { since: String },
}

fn main() {}
