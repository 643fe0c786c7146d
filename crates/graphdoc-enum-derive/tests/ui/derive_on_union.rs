use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
pub union Bits {
    small: u32,
    large: u64,
}

fn main() {}
