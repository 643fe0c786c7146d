//! The real docs (../shared/graph-docs), both versions: nothing panics,
//! every block is accounted for, every unreadable block, forgiven construct
//! and finding points at a line inside its file, and the report does not
//! depend on page order or thread count. One schema load per version keeps
//! this within a CI budget (about 15 s of CPU in debug).

use graphdoc_samples::validate::FindingKind;
use graphdoc_samples::{check_pages, read_pages, ReadStatus, VersionReport};
use graphdoc_schema::Severity;
use std::collections::{BTreeMap, HashSet};

fn assert_lines_inside_files(r: &VersionReport, pages: &[(String, String)]) {
    let line_counts: BTreeMap<&str, u32> = pages
        .iter()
        .map(|(file, text)| (file.as_str(), text.lines().count() as u32))
        .collect();
    let version = &r.summary.version;
    for sample in &r.samples {
        let n = line_counts[sample.file.as_str()];
        let inside = |line: u32| line >= sample.line && line <= n;
        assert!(
            sample.line >= 1 && sample.line <= n,
            "{}:{} outside its {n} lines",
            sample.file,
            sample.line
        );
        match (&sample.read, &sample.unreadable) {
            (ReadStatus::Unreadable, Some(d)) => {
                assert_eq!(d.file, sample.file);
                assert!(inside(d.line), "{d} outside {}'s {n} lines", sample.file);
                assert!(d.column.is_some_and(|c| c >= 1), "{d}");
                assert_eq!(d.severity, Severity::Error, "{d}");
            }
            (ReadStatus::Unreadable, None) => panic!(
                "{}:{} unreadable without a diagnostic",
                sample.file, sample.line
            ),
            (_, Some(d)) => panic!("a readable sample has an unreadable diagnostic: {d}"),
            (_, None) => {}
        }
        assert_eq!(
            sample.read == ReadStatus::Tolerant,
            !sample.forgiven.is_empty(),
            "{version}: tolerant exactly when something was forgiven: {}",
            sample.render()
        );
        for d in &sample.forgiven {
            assert!(inside(d.line), "{d} outside {}'s lines", sample.file);
            let convention = d.code == graphdoc_samples::codes::FORGIVEN;
            let expected = if convention {
                Severity::Note
            } else {
                Severity::Error
            };
            assert_eq!(
                d.severity, expected,
                "a convention is a note, broken JSON an error: {d}"
            );
        }
        for f in &sample.findings {
            assert_eq!(f.file, sample.file);
            assert!(
                inside(f.line) && f.column >= 1,
                "{}:{}:{} outside {n} lines: {}",
                f.file,
                f.line,
                f.column,
                f.message
            );
            assert!(
                f.pointer.is_empty() || f.pointer.starts_with('/'),
                "{}",
                f.pointer
            );
        }
        // Only an annotation naming an undefined type is a finding about
        // a sample checked against nothing.
        if sample.checked_as.is_none() {
            assert!(
                sample
                    .findings
                    .iter()
                    .all(|f| f.kind == FindingKind::UnknownType),
                "{}",
                sample.render()
            );
        }
    }
}

#[test]
fn corpus_samples_are_read_or_diagnosed_deterministically_with_lines_inside_their_files() {
    let Some(root) = graphdoc_testdata::graph_docs() else {
        return;
    };
    for version in ["v1.0", "beta"] {
        let schema = graphdoc_docs::load(&root, version)
            .expect("corpus loads")
            .schema;
        let pages = read_pages(&root, version).expect("pages read");
        let r = check_pages(&schema, version, &pages);
        let s = &r.summary;
        assert!(s.blocks > 1000, "{version}: only {} blocks", s.blocks);
        assert_eq!(s.blocks, r.samples.len());
        assert_eq!(s.strict + s.tolerant + s.unreadable, s.blocks);
        assert!(s.strict > s.tolerant && s.tolerant > 0, "{version}: {s:?}");
        assert!(s.validated > s.blocks / 2, "{version}: {s:?}");
        assert!(s.clean <= s.validated);
        let total: usize = r.samples.iter().map(|x| x.findings.len()).sum();
        assert_eq!(s.findings.values().sum::<usize>(), total);
        assert_lines_inside_files(&r, &pages);

        // Every 5th page, in reverse order, on one thread: the same samples.
        let subset: Vec<(String, String)> = pages.iter().step_by(5).rev().cloned().collect();
        let files: HashSet<&str> = subset.iter().map(|(f, _)| f.as_str()).collect();
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("thread pool");
        let again = one_thread.install(|| check_pages(&schema, version, &subset));
        let expected: Vec<_> = r
            .samples
            .iter()
            .filter(|x| files.contains(x.file.as_str()))
            .collect();
        assert_eq!(again.samples.len(), expected.len(), "{version}");
        for (a, b) in again.samples.iter().zip(expected) {
            assert_eq!(
                a, b,
                "{version}: {} differs by page order or threads",
                a.file
            );
        }
    }
}
