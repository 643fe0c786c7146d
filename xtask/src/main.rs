//! `cargo xtask …`: thin command-line wrappers over the graphdoc crates.

use clap::Parser;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "graphdoc tasks")]
enum Cmd {}

fn main() {
    let _ = Cmd::parse();
}
