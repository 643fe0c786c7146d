use super::{headline, marker, subject_title, values};
use crate::{ChangeKind, Compatibility, SchemaDiff, OPERATIONS_SUBJECT};
use std::fmt::Write;

pub(crate) fn render(diff: &SchemaDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Schema diff: `{}` → `{}`",
        code(&diff.from),
        code(&diff.to)
    );
    let _ = writeln!(out);
    if diff.is_empty() {
        let _ = writeln!(out, "No differences.");
    } else {
        let _ = writeln!(out, "{}.", headline(diff));
        let _ = writeln!(out);
        summary_table(&mut out, diff);
        sections(&mut out, diff);
    }
    missing(&mut out, diff);
    out
}

fn summary_table(out: &mut String, diff: &SchemaDiff) {
    let counts = diff.counts();
    let _ = writeln!(out, "| Change | Breaking | Additive |");
    let _ = writeln!(out, "|---|---:|---:|");
    for kind in ChangeKind::ALL {
        if let Some(tally) = counts.by_kind.get(&kind) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                kind.label(),
                tally.breaking,
                tally.additive
            );
        }
    }
    let _ = writeln!(
        out,
        "| **total** | **{}** | **{}** |",
        counts.total.breaking, counts.total.additive
    );
}

fn sections(out: &mut String, diff: &SchemaDiff) {
    let mut groups = diff.by_subject();
    // Stable sorts: subjects with breaking changes first, and within a
    // subject its breaking changes first, each keeping the diff's order.
    groups.sort_by_key(|(_, changes)| !changes.iter().any(|c| c.is_breaking()));
    for (subject, mut changes) in groups {
        changes.sort_by_key(|c| c.compatibility);
        let _ = writeln!(out);
        if subject == OPERATIONS_SUBJECT {
            let _ = writeln!(out, "### {}", subject_title(subject));
        } else {
            let _ = writeln!(out, "### `{}`", code(subject));
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "| | Change | Detail | Why | Source |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for change in changes {
            let class = match change.compatibility {
                Compatibility::Breaking => "**breaking**",
                Compatibility::Additive => "additive",
            };
            let mut detail = String::new();
            if let Some(member) = &change.member {
                let _ = write!(detail, "`{}`", code(member));
            }
            if let Some(v) = values(change, 120) {
                if !detail.is_empty() {
                    detail.push_str(": ");
                }
                detail.push_str(&cell(&v));
            }
            let _ = writeln!(
                out,
                "| {class} | {} {} | {detail} | {} | `{}` |",
                marker(change),
                change.kind.label(),
                cell(&change.reason),
                code(&change.source.to_string())
            );
        }
    }
}

fn missing(out: &mut String, diff: &SchemaDiff) {
    if diff.missing_in_to.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "<details><summary>Properties in <code>{}</code> missing in <code>{}</code> ({})</summary>",
        html(&diff.from),
        html(&diff.to),
        diff.missing_in_to.len()
    );
    let _ = writeln!(out);
    for m in &diff.missing_in_to {
        let _ = writeln!(
            out,
            "- `{}.{}` ({})",
            code(&m.type_name),
            code(&m.property),
            cell(&m.source.to_string())
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "</details>");
}

/// Text that goes inside a table cell: no pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Text that goes inside backticks (in a cell too).
fn code(s: &str) -> String {
    cell(&s.replace('`', "'"))
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
