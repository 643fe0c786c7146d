//! Prints, in one run, the time to build both versions' schemas from the
//! full corpus and the time to merely walk, read and pulldown-cmark-parse the
//! same files, and their ratio (goal: at most 2×).
//!
//! `cargo bench -p graphdoc-docs --bench frontend [-- DOCS_DIR]`

use pulldown_cmark::{Options, Parser};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let docs = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/graph-docs"
            ))
        });
    if !docs.join("api-reference").is_dir() {
        eprintln!(
            "no corpus at {}; pass a docs tree as argument",
            docs.display()
        );
        return;
    }
    // The two are measured in alternation, so that a change in what else
    // the machine runs (a shared VM) weighs on both alike; best of each.
    // The baseline parses the pages as the GFM documents they are (tables
    // on); the front-end itself runs pulldown-cmark with tables off and
    // splits them itself, so the same parse without tables is printed too,
    // as the stricter comparison. Both versions' schemas are built the way
    // the tools build them, with `load_versions`.
    let docs = docs.as_path();
    let parse_with = |options: Options| {
        move || {
            let mut events = 0usize;
            for version in graphdoc_docs::VERSIONS {
                for (path, _) in graphdoc_docs::list_pages(docs, version).expect("docs tree") {
                    let text = String::from_utf8_lossy(
                        &std::fs::read(docs.join(&path)).expect("readable page"),
                    )
                    .into_owned();
                    events += Parser::new_ext(&text, options).count();
                }
            }
            events
        }
    };
    let parse_all = parse_with(Options::ENABLE_TABLES);
    let load_all = || {
        graphdoc_docs::load_versions(docs, &graphdoc_docs::VERSIONS)
            .expect("docs tree")
            .iter()
            .map(|l| l.schema.types.len())
            .sum::<usize>()
    };
    const ROUNDS: u32 = 7;
    let (mut baseline, mut schemas) = (Duration::MAX, Duration::MAX);
    let (mut baseline_cpu, mut schemas_cpu) = (Some(Duration::ZERO), Some(Duration::ZERO));
    for _ in 0..ROUNDS {
        let (wall, cpu) = timed(parse_all);
        baseline = baseline.min(wall);
        baseline_cpu = baseline_cpu.zip(cpu).map(|(sum, c)| sum + c);
        let (wall, cpu) = timed(load_all);
        schemas = schemas.min(wall);
        schemas_cpu = schemas_cpu.zip(cpu).map(|(sum, c)| sum + c);
    }
    let baseline_cpu = baseline_cpu.map(|d| d / ROUNDS);
    let schemas_cpu = schemas_cpu.map(|d| d / ROUNDS);
    println!(
        "walk + read + pulldown-cmark parse (both versions, 1 thread): {:>8.1} ms",
        ms(baseline)
    );
    println!(
        "build both schemas (graphdoc_docs::load_versions, all threads): {:>6.1} ms",
        ms(schemas)
    );
    println!(
        "ratio schemas / parse: {:.2} (goal ≤ 2.00; best of {ROUNDS} each, measured in alternation)",
        schemas.as_secs_f64() / baseline.as_secs_f64()
    );
    // Wall time depends on what else the machine runs; the CPU time a run
    // takes (all threads) says how much work it is.
    if let (Some(base), Some(build)) = (baseline_cpu, schemas_cpu) {
        println!(
            "CPU time per run (user + sys, all threads): parse {:.0} ms, schemas {:.0} ms (ratio {:.2})",
            ms(base),
            ms(build),
            build.as_secs_f64() / base.as_secs_f64()
        );
    }
    let no_tables = best_of(ROUNDS as usize, parse_with(Options::empty()));
    println!(
        "the same parse without GFM tables, as the front-end parses:   {:>8.1} ms (ratio {:.2})",
        ms(no_tables),
        schemas.as_secs_f64() / no_tables.as_secs_f64()
    );
    let single = best_of(3, || {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool")
            .install(load_all)
    });
    println!(
        "build both schemas on 1 thread:                               {:>8.1} ms (ratio {:.2})",
        ms(single),
        single.as_secs_f64() / baseline.as_secs_f64()
    );
}

/// Wall time and CPU time (all threads) of one run.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, Option<Duration>) {
    let cpu_start = cpu_time();
    let start = Instant::now();
    std::hint::black_box(f());
    let wall = start.elapsed();
    (
        wall,
        cpu_time().zip(cpu_start).map(|(end, start)| end - start),
    )
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .expect("at least one run")
}

/// CPU time (user + system, all threads) this process has used so far, from
/// `/proc/self/stat` (Linux; `None` elsewhere). Ticks are 1/100 s.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesized command name; utime and stime are the
    // 14th and 15th fields of the line.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
