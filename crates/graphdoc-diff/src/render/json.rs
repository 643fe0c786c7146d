use crate::{Change, Counts, MissingProperty, SchemaDiff};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report<'a> {
    from: &'a str,
    to: &'a str,
    has_breaking: bool,
    counts: Counts,
    changes: &'a [Change],
    missing_in_to: &'a [MissingProperty],
}

pub(crate) fn render(diff: &SchemaDiff) -> String {
    let report = Report {
        from: &diff.from,
        to: &diff.to,
        has_breaking: diff.has_breaking(),
        counts: diff.counts(),
        changes: &diff.changes,
        missing_in_to: &diff.missing_in_to,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("diff report serializes");
    s.push('\n');
    s
}
