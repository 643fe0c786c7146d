use graphdoc_enum_derive::{graph_enum_literal, GraphEnum};

#[derive(Debug, GraphEnum)]
#[graph_enum(name = "vppTokenState")]
pub enum VppTokenState {
    #[graph_enum(rename = "unknown", value = 0)]
    Unknown,
    #[graph_enum(rename = "valid", value = 1)]
    Valid,
    #[graph_enum(rename = "expired", value = 2)]
    Expired,
    #[graph_enum(rename = "invalid", value = 3)]
    Invalid,
    #[graph_enum(rename = "assignedToExternalMDM", value = 4)]
    AssignedToExternalMdm,
}

fn main() {
    let ok = graph_enum_literal!(VppTokenState, "valid");
    let wrong_case = graph_enum_literal!(VppTokenState, "Valid");
    println!("{ok:?} {wrong_case:?}");
}
