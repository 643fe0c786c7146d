use super::{headline, marker, subject_title, values};
use crate::{Change, Compatibility, SchemaDiff};
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// A line of bold text.
    fn heading(&self, out: &mut String, text: &str) {
        let _ = writeln!(out, "{}", self.paint(BOLD, text));
    }

    fn compatibility(&self, c: Compatibility) -> &'static str {
        match c {
            Compatibility::Breaking => RED,
            Compatibility::Additive => GREEN,
        }
    }
}

pub(crate) fn render(diff: &SchemaDiff, color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    style.heading(
        &mut out,
        &format!(
            "Schema diff {} → {}: {}",
            diff.from,
            diff.to,
            headline(diff)
        ),
    );
    for (subject, changes) in diff.by_subject() {
        let _ = writeln!(out);
        style.heading(&mut out, subject_title(subject));
        for change in changes {
            write_change(&mut out, change, &style);
        }
    }
    if !diff.missing_in_to.is_empty() {
        let _ = writeln!(out);
        style.heading(
            &mut out,
            &format!(
                "Properties in {} missing in {} ({}):",
                diff.from,
                diff.to,
                diff.missing_in_to.len()
            ),
        );
        for missing in &diff.missing_in_to {
            let _ = writeln!(
                out,
                "  {}.{}  {}",
                missing.type_name,
                missing.property,
                style.paint(DIM, &missing.source.to_string())
            );
        }
    }
    out
}

fn write_change(out: &mut String, change: &Change, style: &Style) {
    let colour = style.compatibility(change.compatibility);
    let mut head = format!("{} {}", marker(change), change.kind.label());
    if let Some(member) = &change.member {
        let _ = write!(head, " {member}");
    }
    let values = values(change, 80)
        .map(|v| format!(": {v}"))
        .unwrap_or_default();
    let _ = writeln!(out, "  {}{values}", style.paint(colour, &head));
    let _ = writeln!(
        out,
        "      {}: {} {}",
        style.paint(colour, change.compatibility.as_str()),
        change.reason,
        style.paint(DIM, &format!("({})", change.source))
    );
}
