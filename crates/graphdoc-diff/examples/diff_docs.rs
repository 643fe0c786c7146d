//! Diffs two versions of a docs tree and prints the result:
//! `cargo run --release -p graphdoc-diff --example diff_docs -- ROOT [FROM] [TO] [text|markdown|json]`
//! (defaults: v1.0, beta, text). The real command line is `graphdoc diff`;
//! this is for trying the library by hand.

use graphdoc_diff::{diff, DiffOptions};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first() else {
        eprintln!("usage: diff_docs ROOT [FROM] [TO] [text|markdown|json]");
        std::process::exit(2);
    };
    let from_version = args.get(1).map_or("v1.0", String::as_str);
    let to_version = args.get(2).map_or("beta", String::as_str);
    let load = |version: &str| match graphdoc_docs::load(Path::new(root), version) {
        Ok(loaded) => loaded.schema,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let (from, to) = (load(from_version), load(to_version));
    let start = std::time::Instant::now();
    let result = diff(&from, &to, &DiffOptions::default());
    eprintln!("diffed in {:?}", start.elapsed());
    let out = match args.get(3).map_or("text", String::as_str) {
        "markdown" => result.to_markdown(),
        "json" => result.to_json(),
        _ => result.to_text(false),
    };
    print!("{out}");
}
