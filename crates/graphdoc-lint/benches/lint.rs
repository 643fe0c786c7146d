//! Linting the full docs corpus (both versions, no metadata: every rule
//! that runs by default, the samples check included) against what `graphdoc
//! schema` does for both versions (`graphdoc_docs::export` of v1.0 and of
//! beta to JSON), as library calls in one process: where the time goes,
//! without process start or output. Issue 17's goal (at most 1.5×) is about
//! the release command line, which `cargo bench -p graphdoc-cli --bench
//! lint_vs_schema` measures.
//!
//! `cargo bench -p graphdoc-lint --bench lint` prints, from the best of 5
//! alternated rounds of each, the CPU time of the process (user + system,
//! every thread: what the machine spends, steady when other programs share
//! it) and the wall time (which they disturb), and the ratio of each, then
//! runs the criterion benchmarks (`-- --ratio-only` stops after the ratio).
//! Needs ../shared/graph-docs; skips without.

// `criterion_group!` defines a public function it gives no doc comment.
#![allow(missing_docs)]

use criterion::{criterion_group, Criterion};
use graphdoc_docs::export::{export, SchemaFormat};
use graphdoc_lint::{run, LintOptions};
use std::path::Path;
use std::time::Instant;

/// What `graphdoc schema --version V --format json` does, for both versions.
fn schemas(root: &Path) {
    for v in graphdoc_docs::VERSIONS {
        let json = export(
            root,
            v,
            &graphdoc_docs::Limits::default(),
            SchemaFormat::Json,
            None,
            &mut |_| {},
        )
        .expect("corpus loads");
        std::hint::black_box(json);
    }
}

/// What `graphdoc lint` (both versions, human output) does.
fn lint(root: &Path) {
    let opts = LintOptions::new(root);
    let out = run(&opts).expect("lint runs");
    std::hint::black_box(out);
}

/// The process's user + system CPU seconds so far (Linux: /proc/self/stat,
/// in clock ticks of 1/100 s); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// (CPU seconds, wall seconds) of one call.
fn measure(f: &dyn Fn()) -> (f64, f64) {
    let (cpu, wall) = (cpu_seconds().unwrap_or(0.0), Instant::now());
    f();
    (
        cpu_seconds().unwrap_or(0.0) - cpu,
        wall.elapsed().as_secs_f64(),
    )
}

fn benches(c: &mut Criterion) {
    let Some(root) = graphdoc_testdata::graph_docs() else {
        return;
    };
    let mut g = c.benchmark_group("full-corpus");
    g.sample_size(10);
    g.bench_function("schema-both-versions", |b| b.iter(|| schemas(&root)));
    g.bench_function("lint", |b| b.iter(|| lint(&root)));
    g.finish();
}

criterion_group!(group, benches);

fn main() {
    let Some(root) = graphdoc_testdata::graph_docs() else {
        return;
    };
    // Alternated, so that a change in what else the machine runs weighs on
    // both alike; the best of each.
    const ROUNDS: usize = 5;
    let best = |a: (f64, f64), b: (f64, f64)| (a.0.min(b.0), a.1.min(b.1));
    let (mut schema, mut linting) = ((f64::MAX, f64::MAX), (f64::MAX, f64::MAX));
    for _ in 0..ROUNDS {
        schema = best(schema, measure(&|| schemas(&root)));
        linting = best(linting, measure(&|| lint(&root)));
    }
    println!(
        "schema (v1.0 + beta): {:.2}s CPU, {:.2}s wall; lint (both versions): {:.2}s CPU, {:.2}s wall",
        schema.0, schema.1, linting.0, linting.1
    );
    println!(
        "lint/schema ratio: {:.2}× CPU, {:.2}× wall (goal: at most 1.50×)",
        linting.0 / schema.0,
        linting.1 / schema.1
    );
    if std::env::args().any(|a| a == "--ratio-only") {
        return;
    }
    group();
    Criterion::default().configure_from_args().final_summary();
}
