//! Counts the operations of the real docs (`../shared/graph-docs`) that
//! repeat a placeholder name, end in a counter, or take an untyped body:
//! `cargo run -p graphdoc-codegen --example operation_figures [-- --list]`
//! (`--list`: every operation's name, title, first path and page).

fn main() {
    let Some(docs) = graphdoc_testdata::shared("graph-docs") else {
        return;
    };
    let versions = ["v1.0", "beta"];
    let loaded = graphdoc_docs::load_versions(&docs, &versions).expect("the docs load");
    for (version, loaded) in versions.iter().zip(&loaded) {
        let f = graphdoc_codegen::operation_figures(&loaded.schema);
        if std::env::args().any(|a| a == "--list") {
            for line in &f.listing {
                println!("{version}\t{line}");
            }
        }
        let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
        println!(
            "{version}: {} operations, {} with a repeated placeholder, {} names ending in a counter ({:.1}%), {} of {} writes untyped ({:.1}%)",
            f.operations,
            f.repeated_placeholder,
            f.counter_names,
            pct(f.counter_names, f.operations),
            f.untyped_writes,
            f.writes,
            pct(f.untyped_writes, f.writes),
        );
    }
}
