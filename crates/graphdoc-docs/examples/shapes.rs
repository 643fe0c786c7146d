//! Counts response shapes that disagree with their page over both versions
//! of a docs tree: `cargo run -p graphdoc-docs --example shapes -- ../shared/graph-docs [-v]`.
//! Each line of `-v` names the operation's page.

use graphdoc_docs::load;
use graphdoc_docs::page::codes::shape_dispute;
use graphdoc_docs::response_shape::{keyed_get, lists};
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
        let mut counts = [0usize; 5];
        let mut excepted = [0usize; 5];
        let mut lines = Vec::new();
        for op in ops {
            let checks = [
                (
                    "list/delta answers one",
                    lists(op) && !split_off(ops, op) && answers_single(op),
                ),
                (
                    "GET NoBody with body",
                    op.method == "GET" && op.response_type.is_none() && documents_body(op),
                ),
                (
                    "keyed GET answers page",
                    keyed_get(op) && op.response_type.as_ref().is_some_and(|t| t.collection),
                ),
                ("split off by path", split_off(ops, op)),
                (
                    "other NoBody with body",
                    op.method != "GET" && op.response_type.is_none() && documents_body(op),
                ),
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
            "{version}: {} operations; list/delta answering one {} ({} named by GD0026); GET NoBody with a documented body {} ({}); keyed GET answering a page {} ({}); operations split off by path {} (from {} pages, {} paths); other methods' NoBody with a documented body {} ({})",
            ops.len(), counts[0], excepted[0], counts[1], excepted[1], counts[2], excepted[2], counts[3],
            split_pages(ops), ops.iter().filter(|o| split_off(ops, o)).map(|o| o.paths.len()).sum::<usize>(),
            counts[4], excepted[4]
        );
        let notes = |key: &str| {
            loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == "GD0026" && d.key == key)
                .count()
        };
        println!(
            "{version}: pages widened to a base of their items {}; single responses wrapped in value {}",
            notes(shape_dispute::ITEMS_OUTSIDE_TYPE),
            notes(shape_dispute::WRAPPED_OBJECT)
        );
        if verbose {
            for d in loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == "GD0026" && d.key == shape_dispute::ITEMS_OUTSIDE_TYPE)
            {
                println!("  widened: {d}");
            }
        }
        let complex = complex_responses(&loaded.schema);
        println!(
            "{version}: complex responses (kind, single/collection, example shape): {complex:?}"
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

fn answers_single(op: &Operation) -> bool {
    op.response_type.as_ref().is_some_and(|t| !t.collection)
}

fn documents_body(op: &Operation) -> bool {
    op.examples.iter().any(|e| {
        e.kind == ExampleKind::Response
            && (!e.body.trim().is_empty() || e.start_line.contains(" 302"))
    })
}

/// An operation split off a page's first one (same page, another title).
fn split_off(ops: &[Operation], op: &Operation) -> bool {
    ops.iter()
        .any(|o| o.source == op.source && o.title != op.title && op.title.starts_with(&o.title))
}

fn split_pages(ops: &[Operation]) -> usize {
    let mut pages: Vec<_> = ops
        .iter()
        .filter(|o| split_off(ops, o))
        .map(|o| &o.source)
        .collect();
    pages.sort();
    pages.dedup();
    pages.len()
}

/// Responses of a complex (non-entity) type, by whether the operation is a
/// function or action call, single or collection, and what its examples
/// show at the top level.
fn complex_responses(
    schema: &graphdoc_schema::Schema,
) -> std::collections::BTreeMap<(String, bool, &'static str), usize> {
    let mut out = std::collections::BTreeMap::new();
    for op in &schema.operations {
        let Some(t) = &op.response_type else { continue };
        let Some(def) = schema.types.get(&t.name) else {
            continue;
        };
        if def.kind != graphdoc_schema::TypeKind::Complex {
            continue;
        }
        let call = op.paths.iter().any(|p| {
            let last = last_segment(p);
            last.contains('(') || last.contains('.')
        }) || op.method == "POST";
        let body = op
            .examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Response)
            .map(|e| e.body.trim_start())
            .find(|b| !b.is_empty())
            .unwrap_or("");
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let compact = compact
            .split_once(',')
            .filter(|(first, _)| first.contains("@odata.context"))
            .map_or(compact.clone(), |(_, rest)| format!("{{{rest}"));
        let shown = if body.is_empty() {
            "no example"
        } else if compact.starts_with("{\"value\":[") {
            "value array"
        } else if compact.starts_with("{\"value\":{") {
            "value object"
        } else if compact.starts_with('{') {
            "object"
        } else {
            "other"
        };
        let kind = if call {
            "function/action"
        } else {
            "property/get"
        };
        *out.entry((kind.to_string(), t.collection, shown))
            .or_insert(0) += 1;
    }
    out
}
