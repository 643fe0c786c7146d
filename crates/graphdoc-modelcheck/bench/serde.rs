//! Reading and writing a page of users through the generated model, a
//! serde-derive model of the same types and `serde_json::Value`; after
//! criterion's figures, a table of MB/s and ratios to serde derive.

use criterion::{black_box, criterion_group, Criterion, Throughput};
use graph_model::runtime::Page;
use graph_model::v1_0::User;
use graph_model_bench::{derive_model, USERS};
use serde_json::Value;
use std::time::{Duration, Instant};

type Generated = Page<User>;
type Derived = derive_model::Page;

fn check_inputs() {
    let generated: Generated = serde_json::from_str(USERS).expect("the generated model reads the page");
    let derived: Derived = serde_json::from_str(USERS).expect("the derive model reads the page");
    let original: Value = serde_json::from_str(USERS).expect("JSON");
    // Same data in all three: each writes back what it read.
    assert_eq!(serde_json::to_value(&generated).expect("writes"), original);
    assert_eq!(serde_json::to_value(&derived).expect("writes"), original);
    for user in &generated.value {
        let unknown: Vec<&String> = user.additional_properties.keys().collect();
        assert!(unknown.is_empty(), "the generated model does not know {unknown:?}");
    }
}

fn bench(c: &mut Criterion) {
    check_inputs();
    let generated: Generated = serde_json::from_str(USERS).expect("reads");
    let derived: Derived = serde_json::from_str(USERS).expect("reads");
    let value: Value = serde_json::from_str(USERS).expect("reads");
    let mut group = c.benchmark_group("deserialize");
    group.throughput(Throughput::Bytes(USERS.len() as u64));
    group.sample_size(20);
    group.bench_function("generated", |b| b.iter(|| serde_json::from_str::<Generated>(black_box(USERS)).unwrap()));
    group.bench_function("serde derive", |b| b.iter(|| serde_json::from_str::<Derived>(black_box(USERS)).unwrap()));
    group.bench_function("Value", |b| b.iter(|| serde_json::from_str::<Value>(black_box(USERS)).unwrap()));
    group.finish();
    let mut group = c.benchmark_group("serialize");
    group.throughput(Throughput::Bytes(USERS.len() as u64));
    group.sample_size(20);
    group.bench_function("generated", |b| b.iter(|| serde_json::to_string(black_box(&generated)).unwrap()));
    group.bench_function("serde derive", |b| b.iter(|| serde_json::to_string(black_box(&derived)).unwrap()));
    group.bench_function("Value", |b| b.iter(|| serde_json::to_string(black_box(&value)).unwrap()));
    group.finish();
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn table() {
    let generated: Generated = serde_json::from_str(USERS).expect("reads");
    let derived: Derived = serde_json::from_str(USERS).expect("reads");
    let value: Value = serde_json::from_str(USERS).expect("reads");
    let runs = 15;
    let rows = [
        ("deserialize", "generated", median(runs, || drop(black_box(serde_json::from_str::<Generated>(USERS).unwrap())))),
        ("deserialize", "serde derive", median(runs, || drop(black_box(serde_json::from_str::<Derived>(USERS).unwrap())))),
        ("deserialize", "Value", median(runs, || drop(black_box(serde_json::from_str::<Value>(USERS).unwrap())))),
        ("serialize", "generated", median(runs, || drop(black_box(serde_json::to_string(&generated).unwrap())))),
        ("serialize", "serde derive", median(runs, || drop(black_box(serde_json::to_string(&derived).unwrap())))),
        ("serialize", "Value", median(runs, || drop(black_box(serde_json::to_string(&value).unwrap())))),
    ];
    let mb = USERS.len() as f64 / 1e6;
    println!("\npage of {} users, {mb:.1} MB; median of {runs} runs", generated.value.len());
    println!("{:<12} {:<13} {:>9} {:>9} {:>15}", "direction", "model", "ms", "MB/s", "vs serde derive");
    for (direction, model, took) in rows {
        let derive = rows.iter().find(|r| r.0 == direction && r.1 == "serde derive").map(|r| r.2).unwrap_or(took);
        let ms = took.as_secs_f64() * 1e3;
        println!(
            "{direction:<12} {model:<13} {ms:>9.1} {:>9.0} {:>14.2}x",
            mb / took.as_secs_f64(),
            took.as_secs_f64() / derive.as_secs_f64()
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    table();
}
