//! The real docs (../shared/graph-docs), both versions: every block is
//! accounted for, nothing panics, and every unreadable block and every
//! finding points at a line inside its file.

use graphdoc_samples::{check_version, ReadStatus};
use std::collections::HashMap;
use std::path::Path;

fn corpus() -> Option<&'static Path> {
    let root = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/graph-docs"
    ));
    if root.join("api-reference").is_dir() {
        return Some(root);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the docs corpus is missing at {}", root.display());
    }
    eprintln!("skipping: no docs corpus at {}", root.display());
    None
}

#[test]
fn corpus_samples_are_read_or_diagnosed_with_lines_inside_their_files() {
    let Some(root) = corpus() else { return };
    for version in ["v1.0", "beta"] {
        let r = check_version(root, version).expect("corpus loads");
        let s = &r.summary;
        assert!(s.blocks > 1000, "{version}: only {} blocks", s.blocks);
        assert_eq!(s.strict + s.tolerant + s.unreadable, s.blocks);
        assert!(s.strict > s.tolerant && s.tolerant > 0, "{version}: {s:?}");
        assert!(s.validated > s.blocks / 2, "{version}: {s:?}");
        let mut line_counts: HashMap<String, u32> = HashMap::new();
        let mut lines_of = |file: &str| -> u32 {
            *line_counts.entry(file.to_string()).or_insert_with(|| {
                std::fs::read_to_string(file)
                    .map(|t| t.lines().count() as u32)
                    .unwrap_or(0)
            })
        };
        for sample in &r.samples {
            let n = lines_of(&sample.file);
            assert!(
                sample.line >= 1 && sample.line <= n,
                "{}:{} outside its {n} lines",
                sample.file,
                sample.line
            );
            match (&sample.read, &sample.unreadable) {
                (ReadStatus::Unreadable, Some(d)) => {
                    assert_eq!(d.file, sample.file);
                    assert!(
                        d.line >= sample.line && d.line <= n,
                        "{d} outside {}'s {n} lines",
                        sample.file
                    );
                    assert!(d.column.is_some_and(|c| c >= 1), "{d}");
                }
                (ReadStatus::Unreadable, None) => panic!(
                    "{}:{} unreadable without a diagnostic",
                    sample.file, sample.line
                ),
                (_, Some(d)) => panic!("a readable sample has an unreadable diagnostic: {d}"),
                (_, None) => {}
            }
            for f in &sample.findings {
                assert!(
                    f.line >= sample.line && f.line <= n,
                    "{}:{} outside {n} lines: {}",
                    f.file,
                    f.line,
                    f.message
                );
            }
        }
    }
}
