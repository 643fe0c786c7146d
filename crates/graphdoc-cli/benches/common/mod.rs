//! What the benchmarks of the release CLI share: running it as a child
//! process and reading the child's wall and CPU time.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The CPU seconds (user + system) of this process's children that have
/// been waited for (Linux: /proc/self/stat, in clock ticks of 1/100 s);
/// `None` elsewhere.
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // cutime and cstime are fields 16 and 17 of the line, 13 and 14 here.
    Some((ticks(13)? + ticks(14)?) / 100.0)
}

/// (wall seconds, CPU seconds) of one run of `graphdoc ARGS`.
pub fn run(binary: &str, args: &[&str]) -> (f64, f64) {
    let cpu = children_cpu_seconds().unwrap_or(0.0);
    let wall = Instant::now();
    let status = Command::new(binary)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("graphdoc runs");
    let wall = wall.elapsed().as_secs_f64();
    // lint exits 1 when it has findings; 2 is a usage or I/O error.
    assert!(
        status.code().is_some_and(|c| c < 2),
        "graphdoc {args:?}: {status}"
    );
    (wall, children_cpu_seconds().unwrap_or(0.0) - cpu)
}

/// What both benches start from: the corpus (`None`, with a message, when
/// ../shared/graph-docs is missing), the number of rounds (the first
/// numeric argument, 5 by default) and the release binary.
pub fn setup() -> Option<(PathBuf, usize, &'static str)> {
    let root = graphdoc_testdata::graph_docs()?;
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    Some((root, rounds, env!("CARGO_BIN_EXE_graphdoc")))
}
