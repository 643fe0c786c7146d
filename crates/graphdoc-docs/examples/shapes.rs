//! Counts response shapes that disagree with their page over both versions
//! of a docs tree: `cargo run -p graphdoc-docs --example shapes -- ../shared/graph-docs [-v]`.
//! Each line of `-v` names the operation's page.

use graphdoc_docs::load;
use graphdoc_schema::{ExampleKind, Operation};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "../shared/graph-docs".into()));
    let verbose = args.any(|a| a == "-v");
    for version in ["v1.0", "beta"] {
        let loaded = match load(&root, version) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{version}: {e}");
                std::process::exit(1);
            }
        };
        let ops = &loaded.schema.operations;
        let noted: std::collections::BTreeSet<(String, u32)> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == "GD0026")
            .map(|d| (d.file.clone(), d.line))
            .collect();
        let mut counts = [0usize; 4];
        let mut excepted = [0usize; 4];
        let mut lines = Vec::new();
        for op in ops {
            let checks = [
                ("list/delta answers one", lists(op) && answers_single(op)),
                (
                    "GET NoBody with body",
                    op.method == "GET" && op.response_type.is_none() && documents_body(op),
                ),
                (
                    "keyed GET answers page",
                    keyed_get(op) && op.response_type.as_ref().is_some_and(|t| t.collection),
                ),
                ("paths address different types", addresses_several(op)),
            ];
            for (i, (what, hit)) in checks.iter().enumerate() {
                if *hit {
                    let named = noted.contains(&(op.source.file.clone(), op.source.line));
                    counts[i] += 1;
                    excepted[i] += usize::from(named);
                    let mark = if named { " [GD0026]" } else { "" };
                    lines.push(format!("  {what}: {} ({}){mark}", op.title, op.source));
                }
            }
        }
        println!(
            "{version}: {} operations; list/delta answering one {} ({} named by GD0026); GET NoBody with a documented body {} ({}); keyed GET answering a page {} ({}); paths addressing different types {} ({})",
            ops.len(), counts[0], excepted[0], counts[1], excepted[1], counts[2], excepted[2], counts[3], excepted[3]
        );
        if verbose {
            lines.sort();
            for l in lines {
                println!("{l}");
            }
        }
    }
}

fn last_segment(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or(path);
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn lists(op: &Operation) -> bool {
    let title = op.title.to_ascii_lowercase();
    title.starts_with("list ")
        || op.paths.iter().any(|p| {
            let last = last_segment(p);
            last == "delta"
                || last.starts_with("delta(")
                || last.ends_with(".delta")
                || last.ends_with(".delta()")
        })
}

fn answers_single(op: &Operation) -> bool {
    op.response_type.as_ref().is_some_and(|t| !t.collection)
}

fn documents_body(op: &Operation) -> bool {
    op.examples.iter().any(|e| {
        e.kind == ExampleKind::Response
            && (!e.body.trim().is_empty() || e.start_line.contains(" 302"))
    })
}

fn keyed_get(op: &Operation) -> bool {
    op.method == "GET"
        && !lists(op)
        && !op.paths.is_empty()
        && op.paths.iter().all(|p| is_key(last_segment(p)))
}

/// What a path addresses, roughly: its last named segment and whether a
/// key follows it.
fn addressed(path: &str) -> (String, bool) {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let keyed = segments.last().is_some_and(|s| is_key(s));
    let name = segments
        .iter()
        .rev()
        .find(|s| !is_key(s))
        .map(|s| s.split('(').next().unwrap_or(s).to_ascii_lowercase())
        .unwrap_or_default();
    (name, keyed)
}

fn addresses_several(op: &Operation) -> bool {
    let mut shapes: Vec<(String, bool)> = op.paths.iter().map(|p| addressed(p)).collect();
    shapes.sort();
    shapes.dedup();
    shapes.len() > 1
}
