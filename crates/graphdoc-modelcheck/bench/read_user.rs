//! Reads one `User` from standard input and prints its display name: the
//! smallest program using the model, whose size `bench-serde` prints.

use std::io::Read as _;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        std::process::exit(2);
    }
    match serde_json::from_str::<graph_model::v1_0::User>(&text) {
        Ok(user) => println!("{:?}", user.display_name.value()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
