//! Issue 17's benchmark, as its acceptance states it: the release `graphdoc`
//! lints both versions of the full corpus (`graphdoc lint --version all`,
//! one run) in at most 1.5× the time `graphdoc schema` takes for both
//! (`schema --version v1.0` and `schema --version beta`, two runs).
//!
//! `cargo bench -p graphdoc-cli --bench lint_vs_schema [-- ROUNDS]` builds
//! the binary with the bench profile (release), then runs the three
//! commands in alternated rounds (default 5) as child processes, output
//! discarded, and prints from the best round of each their wall time (what
//! the issue measures; a loaded machine disturbs it) and CPU time (user +
//! system of the child, every thread: steadier when other programs share
//! the machine) and the ratios. Wall time is what a user waits for, so
//! lint's use of both cores counts for it; on a busy machine compare the
//! CPU ratio too, or the instruction counts of `valgrind --tool=callgrind`
//! over the same commands. Needs ../shared/graph-docs; skips without.
//!
//! `cargo bench -p graphdoc-lint --bench lint` times the libraries in one
//! process instead (no process start, no output), with criterion.

mod common;

use common::run;

fn main() {
    let Some((root, rounds, binary)) = common::setup() else {
        return;
    };
    let docs = root.to_str().expect("a UTF-8 path");
    let schema = |version| run(binary, &["schema", "--docs", docs, "--version", version]);
    let lint = || run(binary, &["lint", "--docs", docs, "--version", "all"]);
    let best = |a: (f64, f64), b: (f64, f64)| (a.0.min(b.0), a.1.min(b.1));
    let (mut schemas, mut linting) = ((f64::MAX, f64::MAX), (f64::MAX, f64::MAX));
    // Alternated, so that a change in what else the machine runs weighs on
    // both alike; the best of each.
    for round in 1..=rounds {
        let (v1, beta) = (schema("v1.0"), schema("beta"));
        let both = (v1.0 + beta.0, v1.1 + beta.1);
        let l = lint();
        println!(
            "round {round}: schema v1.0 + beta {:.2}s wall, {:.2}s CPU; lint --version all {:.2}s wall, {:.2}s CPU",
            both.0, both.1, l.0, l.1
        );
        schemas = best(schemas, both);
        linting = best(linting, l);
    }
    println!(
        "best: schema v1.0 + beta {:.2}s wall, {:.2}s CPU; lint --version all {:.2}s wall, {:.2}s CPU",
        schemas.0, schemas.1, linting.0, linting.1
    );
    println!(
        "lint/schema: {:.2}× wall, {:.2}× CPU (goal: at most 1.50×)",
        linting.0 / schemas.0,
        linting.1 / schemas.1
    );
}
