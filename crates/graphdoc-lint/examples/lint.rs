//! `cargo run -p graphdoc-lint --example lint -- [lint arguments]`: the lint
//! command without the xtask, for trying it out.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, code) = graphdoc_lint::cli(&args, std::path::Path::new("docs-src"));
    if code == 2 {
        eprint!("{out}");
    } else {
        print!("{out}");
    }
    std::process::exit(i32::from(code));
}
