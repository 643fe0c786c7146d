use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenState")]
pub enum VppTokenState {
    #[graph_enum(rename = "valid")]
    Valid,
    #[graph_enum(rename = "valid")]
    StillValid,
}

// Without `rename`, the derived wire names collide too.
#[derive(GraphEnum)]
#[graph_enum(name = "syncStatus", rename_all = "camelCase")]
pub enum SyncStatus {
    InProgress,
    #[graph_enum(rename = "inProgress")]
    Running,
}

fn main() {}
