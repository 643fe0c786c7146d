use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "vppTokenAccountType")]
pub enum VppTokenAccountType {
    #[graph_enum(rename = "business", value = 0)]
    Business,
    #[graph_enum(rename = "education")]
    Education,
}

fn main() {}
