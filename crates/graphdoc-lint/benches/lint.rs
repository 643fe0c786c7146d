//! Lint time for the full docs corpus (both versions, no metadata) against
//! the time to build the schemas alone (`graphdoc_docs::load` of each
//! version); the lint must stay within 3× the schema build.
//!
//! `cargo bench -p graphdoc-lint --bench lint` prints
//! `lint/schema ratio: R (limit 3.00)` from a best-of-3 timing of each, then
//! runs the criterion benchmarks. Needs ../shared/graph-docs; skips without.

// `criterion_group!` defines a public function it gives no doc comment.
#![allow(missing_docs)]

use criterion::{criterion_group, Criterion};
use graphdoc_lint::{run, LintOptions};
use std::path::Path;
use std::time::{Duration, Instant};

fn build_schemas(root: &Path) {
    for v in graphdoc_docs::VERSIONS {
        let loaded = graphdoc_docs::load(root, v).expect("corpus loads");
        std::hint::black_box(loaded);
    }
}

fn lint(root: &Path) {
    let opts = LintOptions::new(root);
    let out = run(&opts).expect("lint runs");
    std::hint::black_box(out);
}

fn best_of(n: usize, f: impl Fn()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let Some(root) = graphdoc_testdata::graph_docs() else {
        return;
    };
    let mut g = c.benchmark_group("full-corpus");
    g.sample_size(10);
    g.bench_function("schema-build", |b| b.iter(|| build_schemas(&root)));
    g.bench_function("lint", |b| b.iter(|| lint(&root)));
    g.finish();
}

criterion_group!(group, benches);

fn main() {
    let Some(root) = graphdoc_testdata::graph_docs() else {
        return;
    };
    let schema = best_of(3, || build_schemas(&root));
    let linting = best_of(3, || lint(&root));
    let ratio = linting.as_secs_f64() / schema.as_secs_f64();
    println!(
        "schema build: {:.3}s, lint: {:.3}s, lint/schema ratio: {ratio:.2} (limit 3.00)",
        schema.as_secs_f64(),
        linting.as_secs_f64()
    );
    if std::env::args().any(|a| a == "--ratio-only") {
        return;
    }
    group();
    Criterion::default().configure_from_args().final_summary();
}
