//! Work per input unit on hostile pages: prints the time per row for
//! property tables of 1,000 to 300,000 rows (goal: flat), and the peak
//! memory of reading a 50 MB page (goal: a small multiple of the page).
//!
//! `cargo bench -p graphdoc-docs --bench limits`

use graphdoc_docs::{Limits, PageInput, PageKind};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    if let Some("--peak-of-page") = args.next().as_deref() {
        let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
        let raised = args.next().as_deref() == Some("raised");
        return peak_of_page(mb, raised);
    }
    // The tables are timed within limits raised above them: the bench is
    // about the work on a page that is read, not about refusing one.
    let limits = Limits {
        page_bytes: 64 << 20,
        table_rows: 1_000_000,
        ..Limits::default()
    };
    println!("property table of N rows, one resource page, graphdoc_docs::load_pages_within (limits raised to read it):");
    let mut first = None;
    for rows in [1_000usize, 10_000, 100_000, 300_000] {
        let page = table_page(rows);
        let best = (0..3)
            .map(|_| {
                let input = PageInput {
                    path: "api-reference/v1.0/resources/big.md".into(),
                    kind: PageKind::Resource,
                    bytes: page.clone().into_bytes(),
                };
                let start = Instant::now();
                let loaded = graphdoc_docs::load_pages_within(&limits, "v1.0", vec![input]);
                std::hint::black_box(&loaded);
                start.elapsed()
            })
            .min()
            .expect("runs");
        let per_row = best.as_secs_f64() * 1e9 / rows as f64;
        let base = *first.get_or_insert(per_row);
        println!(
            "  {rows:>7} rows ({:>5.1} MB): {:>8.1} ms, {per_row:>7.0} ns/row ({:.2}× the 1,000-row figure)",
            page.len() as f64 / 1e6,
            ms(best),
            per_row / base
        );
    }
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
