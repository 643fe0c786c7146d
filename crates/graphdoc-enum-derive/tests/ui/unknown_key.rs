use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenState", namespace = "microsoft.graph")]
pub enum VppTokenState {
    Valid,
}

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenSyncStatus")]
pub enum VppTokenSyncStatus {
    #[graph_enum(rename = "none", default)]
    None,
}

fn main() {}
