//! Reads or writes the benchmark's page `count` times through one model:
//! `serde-ops <generated|derive|value> <read|write> <count>`. Run under
//! `valgrind --tool=callgrind` with two counts, the difference of the
//! instruction counts is the cost of the extra operations alone, which the
//! load of the machine does not change (unlike a wall-clock time).

use graph_model::runtime::Page;
use graph_model::v1_0::User;
use graph_model_bench::{derive_model, USERS};
use serde_json::Value;
use std::hint::black_box;

fn run<T: serde::Serialize + serde::de::DeserializeOwned>(write: bool, count: usize) {
    if write {
        let value: T = serde_json::from_str(USERS).expect("reads");
        for _ in 0..count {
            drop(black_box(serde_json::to_string(black_box(&value)).expect("writes")));
        }
    } else {
        for _ in 0..count {
            drop(black_box(serde_json::from_str::<T>(black_box(USERS)).expect("reads")));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, direction, count] = args.as_slice() else {
        eprintln!("usage: serde-ops <generated|derive|value> <read|write> <count>");
        std::process::exit(2);
    };
    let write = direction == "write";
    let count: usize = count.parse().expect("a count");
    match model.as_str() {
        "generated" => run::<Page<User>>(write, count),
        "derive" => run::<derive_model::Page>(write, count),
        _ => run::<Value>(write, count),
    }
}
