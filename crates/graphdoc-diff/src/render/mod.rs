//! The three renderers, and the wording they share.

pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod text;

use crate::Change;

/// `+` for an addition, `-` for a removal, `~` for a change of value.
pub(crate) fn marker(change: &Change) -> char {
    if change.kind.is_addition() {
        '+'
    } else if change.kind.is_removal() {
        '-'
    } else {
        '~'
    }
}

/// What the values say, without the member: `Edm.String → Edm.Int32`,
/// `Collection(microsoft.graph.x)`, or nothing. Long values (descriptions)
/// are shortened to `limit` characters each.
pub(crate) fn values(change: &Change, limit: usize) -> Option<String> {
    let short = |s: &String| shorten(s, limit);
    match (&change.before, &change.after) {
        (Some(b), Some(a)) => Some(format!("{} → {}", short(b), short(a))),
        (Some(v), None) | (None, Some(v)) => Some(short(v)),
        (None, None) => None,
    }
}

fn shorten(s: &str, limit: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        return flat;
    }
    let mut cut: String = flat.chars().take(limit.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The heading of a group of changes.
pub(crate) fn subject_title(subject: &str) -> &str {
    if subject == crate::OPERATIONS_SUBJECT {
        "Operations"
    } else {
        subject
    }
}

/// `N changes: B breaking, A additive`.
pub(crate) fn headline(diff: &crate::SchemaDiff) -> String {
    let counts = diff.counts();
    let n = counts.total.total();
    format!(
        "{n} change{}: {} breaking, {} additive",
        if n == 1 { "" } else { "s" },
        counts.total.breaking,
        counts.total.additive
    )
}
