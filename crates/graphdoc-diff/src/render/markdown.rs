use super::{headline, marker, subject_title, values};
use crate::{Change, ChangeKind, Compatibility, SchemaDiff, OPERATIONS_SUBJECT};
use std::fmt::Write;

/// Room kept at the end of a limited comment for the note that says what
/// was left out.
const NOTE_ROOM: usize = 400;

pub(crate) fn render(diff: &SchemaDiff, limit: Option<usize>) -> String {
    let budget = limit.map(|l| l.saturating_sub(NOTE_ROOM));
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
        let shown = sections(&mut out, diff, budget);
        let left_out = diff.changes.len() - shown;
        if left_out > 0 {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "_{left_out} more change{} not shown, to keep this comment within {} characters; the text and JSON reports list them all._",
                if left_out == 1 { "" } else { "s" },
                limit.unwrap_or_default()
            );
        }
    }
    let mut block = String::new();
    missing(&mut block, diff);
    let room = limit.map_or(usize::MAX, |l| l.saturating_sub(out.len()));
    if block.len() <= room {
        out.push_str(&block);
    } else if !diff.missing_in_to.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "_{} {} of `{}` {} missing in `{}` (not listed here)._",
            diff.missing_in_to.len(),
            if diff.missing_in_to.len() == 1 {
                "property"
            } else {
                "properties"
            },
            code(&diff.from),
            if diff.missing_in_to.len() == 1 {
                "is"
            } else {
                "are"
            },
            code(&diff.to)
        );
    }
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

/// Writes the sections, stopping before the row that would pass `budget`;
/// returns how many changes it wrote.
fn sections(out: &mut String, diff: &SchemaDiff, budget: Option<usize>) -> usize {
    let mut shown = 0;
    let mut groups = diff.by_subject();
    // Stable sorts: subjects with breaking changes first, and within a
    // subject its breaking changes first, each keeping the diff's order.
    groups.sort_by_key(|(_, changes)| !changes.iter().any(|c| c.is_breaking()));
    for (subject, mut changes) in groups {
        changes.sort_by_key(|c| c.compatibility);
        let mut heading = String::from("\n");
        if subject == OPERATIONS_SUBJECT {
            let _ = writeln!(heading, "### {}", subject_title(subject));
        } else {
            let _ = writeln!(heading, "### `{}`", code(subject));
        }
        let _ = writeln!(heading);
        let _ = writeln!(heading, "| | Change | Detail | Why | Source |");
        let _ = writeln!(heading, "|---|---|---|---|---|");
        let mut heading = Some(heading);
        for change in changes {
            let row = row(change);
            let needed = heading.as_ref().map_or(0, String::len) + row.len();
            if budget.is_some_and(|b| out.len() + needed > b) {
                return shown;
            }
            if let Some(h) = heading.take() {
                out.push_str(&h);
            }
            out.push_str(&row);
            shown += 1;
        }
    }
    shown
}

fn row(change: &Change) -> String {
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
    format!(
        "| {class} | {} {} | {detail} | {} | `{}` |\n",
        marker(change),
        change.kind.label(),
        cell(&change.reason),
        code(&change.source.to_string())
    )
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
