//! Work per input unit on hostile pages: prints the time per row for
//! property tables of 1,000 to 300,000 rows (goal: flat), and the peak
//! memory of reading a 50 MB page (goal: a small multiple of the page).
//!
//! `cargo bench -p graphdoc-docs --bench limits`
//!
//! Instructions per row, which no load on the machine changes:
//! `valgrind --tool=callgrind --toggle-collect='graphdoc_docs::load_pages_within*'
//! target/release/deps/limits-* --once ROWS` (the page is built outside the
//! counted function).

use graphdoc_docs::{Limits, PageInput, PageKind};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("--peak-of-page") => {
            let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
            let raised = args.next().as_deref() == Some("raised");
            return peak_of_page(mb, raised);
        }
        // One load of one table, for `valgrind --tool=callgrind`:
        // instruction counts per row do not depend on the machine's load.
        Some("--peak-of-table") => {
            let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
            let input = input(rows);
            let page = input.bytes.len();
            let loaded = graphdoc_docs::load_pages_within(&raised(), "v1.0", vec![input]);
            std::hint::black_box(&loaded);
            if let Some(kb) = peak_kb() {
                let mb = kb as f64 / 1024.0;
                println!(
                    "peak RSS {mb:.0} MB ({:.1}× the page)",
                    mb * 1048576.0 / page as f64
                );
            }
            return;
        }
        Some("--once") => {
            let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
            let loaded = graphdoc_docs::load_pages_within(&raised(), "v1.0", vec![input(rows)]);
            std::hint::black_box(&loaded);
            return;
        }
        _ => {}
    }
    // One worker: the process' CPU time is then the work's, not that of
    // idle workers spinning.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the global pool is built once");
    let limits = raised();
    println!("property table of N rows, one resource page, graphdoc_docs::load_pages_within (limits raised to read it);");
    println!("best of several runs; CPU time is the figure to compare on a loaded machine, wall time is shown beside it:");
    let mut cpu_per_row = Vec::new();
    let mut cold_per_row = Vec::new();
    let mut wall_per_row = Vec::new();
    let mut evict = vec![0u8; 64 << 20];
    for rows in SIZES {
        let page = table_page(rows);
        let runs = (300_000 / rows).clamp(3, 30);
        let (mut best_cpu, mut best_wall, mut best_cold) = (f64::MAX, f64::MAX, f64::MAX);
        let mut best_kernel = (0.0, 0.0);
        for _ in 0..runs {
            let input = PageInput {
                path: PAGE.into(),
                kind: PageKind::Resource,
                bytes: page.clone().into_bytes(),
            };
            let (cpu, kernel, wall) = (cpu_ns(), kernel(), Instant::now());
            let loaded = graphdoc_docs::load_pages_within(&limits, "v1.0", vec![input]);
            let wall = wall.elapsed().as_secs_f64() * 1e9;
            let cpu = cpu_ns().map_or(wall, |after| after - cpu.unwrap_or(after));
            let kernel = match (kernel, self::kernel()) {
                (Some((ns, faults)), Some((ns_after, faults_after))) => {
                    (ns_after - ns, faults_after - faults)
                }
                _ => (0.0, 0.0),
            };
            drop(std::hint::black_box(loaded));
            if cpu < best_cpu {
                best_cpu = cpu;
                best_kernel = kernel;
            }
            best_wall = best_wall.min(wall);
            // The same run with the caches emptied first (64 MB written
            // over), as a fresh process meets them: a small table then
            // does not profit from staying cached between runs.
            evict.iter_mut().for_each(|b| *b = b.wrapping_add(1));
            std::hint::black_box(&evict);
            let input = PageInput {
                path: PAGE.into(),
                kind: PageKind::Resource,
                bytes: page.clone().into_bytes(),
            };
            let before = cpu_ns();
            let loaded = graphdoc_docs::load_pages_within(&limits, "v1.0", vec![input]);
            if let (Some(before), Some(after)) = (before, cpu_ns()) {
                best_cold = best_cold.min(after - before);
            }
            drop(std::hint::black_box(loaded));
        }
        let cold = best_cold / rows as f64;
        cold_per_row.push(cold);
        let (cpu, wall) = (best_cpu / rows as f64, best_wall / rows as f64);
        cpu_per_row.push(cpu);
        wall_per_row.push(wall);
        println!(
            "  {rows:>7} rows ({:>5.1} MB): {:>8.1} ms CPU, {cpu:>6.0} ns/row CPU (kernel {:>4.0}, {:.3} page faults/row; caches emptied first: {cold:>6.0}), {wall:>6.0} ns/row wall; {}",
            page.len() as f64 / 1e6,
            best_cpu / 1e6,
            best_kernel.0 / rows as f64,
            best_kernel.1 / rows as f64,
            peak_of_table(rows),
        );
    }
    println!(
        "  time per row, largest / smallest over 1,000..300,000 rows: {:.2}× CPU, {:.2}× CPU with caches emptied first, {:.2}× wall",
        spread(&cpu_per_row),
        spread(&cold_per_row),
        spread(&wall_per_row)
    );
    let exe = std::env::current_exe().expect("own path");
    for (what, raised) in [
        ("default limits (refused)", false),
        ("page limit raised to 64 MB (parsed)", true),
    ] {
        let out = std::process::Command::new(&exe)
            .args([
                "--peak-of-page",
                "50",
                if raised { "raised" } else { "default" },
            ])
            .output()
            .expect("bench runs itself");
        println!(
            "50 MB one-line page, {what}: {}",
            String::from_utf8_lossy(&out.stdout).trim()
        );
    }
}

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 300_000];

/// Peak memory of reading one table of `rows` rows, in a process of its own.
fn peak_of_table(rows: usize) -> String {
    let exe = std::env::current_exe().expect("own path");
    let out = std::process::Command::new(exe)
        .args(["--peak-of-table", &rows.to_string()])
        .output()
        .expect("bench runs itself");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// CPU time of every thread of this process so far, in ns: unlike wall
/// time, not stretched by other processes on a loaded machine.
#[cfg(unix)]
fn cpu_ns() -> Option<f64> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec to write into.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    (status == 0).then_some(now.tv_sec as f64 * 1e9 + now.tv_nsec as f64)
}

#[cfg(not(unix))]
fn cpu_ns() -> Option<f64> {
    None
}

/// System (kernel) time in ns and minor page faults of this process so
/// far: what fresh memory costs, apart from the work itself.
#[cfg(unix)]
fn kernel() -> Option<(f64, f64)> {
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage to write into.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let ns = usage.ru_stime.tv_sec as f64 * 1e9 + usage.ru_stime.tv_usec as f64 * 1e3;
    (status == 0).then_some((ns, usage.ru_minflt as f64))
}

#[cfg(not(unix))]
fn kernel() -> Option<(f64, f64)> {
    None
}

/// Largest over smallest.
fn spread(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::MIN, f64::max);
    let min = values.iter().copied().fold(f64::MAX, f64::min);
    max / min
}

const PAGE: &str = "api-reference/v1.0/resources/big.md";

/// The tables are read within limits raised above them: the bench is about
/// the work on a page that is read, not about refusing one.
fn raised() -> Limits {
    Limits {
        page_bytes: 64 << 20,
        table_rows: 1_000_000,
        ..Limits::default()
    }
}

fn input(rows: usize) -> PageInput {
    PageInput {
        path: PAGE.into(),
        kind: PageKind::Resource,
        bytes: table_page(rows).into_bytes(),
    }
}

/// A resource page whose Properties table has `rows` rows.
fn table_page(rows: usize) -> String {
    let mut page = String::with_capacity(rows * 60);
    page.push_str("# big resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n");
    page.push_str("| Property | Type | Description |\n|:--|:--|:--|\n");
    for i in 0..rows {
        page.push_str(&format!(
            "| property{i} | String | The {i}th property. Read-only. |\n"
        ));
    }
    page.push_str("\n## JSON representation\n\n```json\n{\"property0\": \"String\"}\n```\n");
    page
}

/// Parses one page of `mb` MB on a single line and prints the process'
/// peak resident memory.
fn peak_of_page(mb: usize, raised: bool) {
    let dir = std::env::temp_dir().join(format!("graphdoc-limits-bench-{}", std::process::id()));
    let resources = dir.join("api-reference/v1.0/resources");
    std::fs::create_dir_all(&resources).expect("temp dir");
    let mut page = String::with_capacity(mb << 20);
    page.push_str("# huge\n\n");
    while page.len() < mb << 20 {
        page.push_str("All work and no play makes a page a dull page. ");
    }
    std::fs::write(resources.join("huge.md"), &page).expect("write page");
    drop(page);
    let before = peak_kb();
    let mut limits = Limits::default();
    if raised {
        limits.page_bytes = 64 << 20;
        limits.line_bytes = 64 << 20;
    }
    let start = Instant::now();
    let loaded = graphdoc_docs::load_within(&limits, &dir, "v1.0").expect("tree");
    let took = start.elapsed();
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
    let _ = std::fs::remove_dir_all(&dir);
    match (before, peak_kb()) {
        (Some(b), Some(p)) => println!(
            "peak RSS {:.0} MB ({:.1}× the page; {:.0} MB before reading), {:.0} ms, findings {codes:?}",
            p as f64 / 1024.0,
            p as f64 / 1024.0 / mb as f64,
            b as f64 / 1024.0,
            ms(took)
        ),
        _ => println!("peak memory unknown (no /proc), {:.0} ms", ms(took)),
    }
}

/// Peak resident set size of this process in kB (Linux).
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
