//! Prints the time per page to build the schema of a localised tree and of
//! its English source, and their ratio (goal: at most 1.2×): reading a
//! translation (vocabulary, anchors, a second read of enum pages) must cost
//! little more than reading English.
//!
//! `cargo bench -p graphdoc-docs --bench localised [-- LOCALISED_DIR ENGLISH_DIR]`

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/l10n");
    let localised = args
        .first()
        .map_or_else(|| PathBuf::from(shared).join("de-DE"), PathBuf::from);
    let english = args.get(1).map_or_else(
        || PathBuf::from(shared).join("en-US-2019-03"),
        PathBuf::from,
    );
    if !localised.join("api-reference").is_dir() || !english.join("api-reference").is_dir() {
        eprintln!(
            "no localised trees at {}; pass LOCALISED_DIR ENGLISH_DIR",
            localised.display()
        );
        return;
    }
    let pages = |root: &PathBuf| graphdoc_docs::list_pages(root, "v1.0").map_or(0, |p| p.len());
    let load = |root: &PathBuf| {
        let start = Instant::now();
        let loaded = graphdoc_docs::load(root, "v1.0").expect("docs tree");
        std::hint::black_box(loaded.schema.types.len());
        start.elapsed()
    };
    // Alternated, so that a change in what else the machine runs weighs on
    // both alike; best of each.
    const ROUNDS: u32 = 5;
    let (mut best_en, mut best_loc) = (Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        best_en = best_en.min(load(&english));
        best_loc = best_loc.min(load(&localised));
    }
    let per_page = |d: Duration, n: usize| d.as_secs_f64() * 1e6 / n.max(1) as f64;
    let (en_pages, loc_pages) = (pages(&english), pages(&localised));
    let (en, loc) = (per_page(best_en, en_pages), per_page(best_loc, loc_pages));
    println!("English   ({en_pages} pages): {en:>8.1} µs per page");
    println!("localised ({loc_pages} pages): {loc:>8.1} µs per page");
    println!(
        "ratio localised / English: {:.2}× (goal: at most 1.2×)",
        loc / en
    );
}
