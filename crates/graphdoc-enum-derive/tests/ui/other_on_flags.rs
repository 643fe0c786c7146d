use graphdoc_enum_derive::GraphEnum;

#[derive(GraphEnum)]
#[graph_enum(name = "weekDays", flags)]
pub enum WeekDays {
    #[graph_enum(rename = "monday")]
    Monday,
    #[graph_enum(other)]
    Other(String),
}

fn main() {}
