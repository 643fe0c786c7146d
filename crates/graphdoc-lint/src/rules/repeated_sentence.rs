//! GL0008: a description saying a sentence twice, or several "Possible
//! values" sentences.

use super::{Finding, Rule};
use crate::pages::{find_pair, place, property_tables, Pages};
use graphdoc_docs::cells;
use graphdoc_schema::{Schema, Severity};
use std::collections::HashSet;

/// The GL0008 repeated-sentence rule, reported when a description repeats a sentence, or has more than one "Possible values" sentence.
pub const RULE: Rule = Rule {
    code: "GL0008",
    name: "repeated-sentence",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a description repeats a sentence, or has more than one \"Possible values\" sentence",
    explain: "GL0008 repeated-sentence\n\n\
A property description says the same sentence twice, or says \"Possible\n\
values are: …\" twice (even with different lists; tools read only the first).\n\
The caret marks the second occurrence.\n",
    aliases: &["GL008"],
};

/// A sentence said twice in one description, or several "Possible values"
/// sentences.
pub fn check(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in property_tables(schema) {
        for p in table {
            // Both findings need two sentences.
            if find_pair(&p.description, *b". ").is_none() {
                continue;
            }
            let sentences_starting = possible_values_sentence_starts(&p.description);
            if sentences_starting > 1 {
                let f = RULE
                    .finding(
                        &p.source.file,
                        p.source.line,
                        format!(
                            "description of `{}` has {} \"Possible values\" sentences",
                            p.name, sentences_starting
                        ),
                    )
                    .note(
                        "tools read only the first list; keep one sentence with the complete list",
                    );
                out.push(place(f, pages, "possible values", 1));
                continue;
            }
            let mut seen = HashSet::new();
            for s in &sentences(&p.description) {
                if s.split_whitespace().count() >= 3 && !seen.insert(s) {
                    let f = RULE
                        .finding(
                            &p.source.file,
                            p.source.line,
                            format!("description of `{}` repeats a sentence", p.name),
                        )
                        .note(format!("repeated: \"{s}\""));
                    out.push(place(f, pages, s, 1));
                    break;
                }
            }
        }
    }
    out
}

/// Sentences of a description, split at `. ` (plain text).
fn sentences(text: &str) -> Vec<String> {
    text.split(". ")
        .map(|s| {
            let mut sentence = cells::collapse_whitespace(s.trim().trim_end_matches('.'));
            sentence.make_ascii_lowercase();
            sentence
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// How many sentences of a description start with "Possible values".
/// `facts::facts` also counts the marker inside a sentence, as in "For a
/// B2B scenario, possible values: …. For a B2C scenario, possible values:
/// …", two lists for two cases rather than a repetition.
fn possible_values_sentence_starts(description: &str) -> usize {
    description
        .split(". ")
        .filter(|s| {
            let marker = b"possible values";
            s.trim_start()
                .as_bytes()
                .get(..marker.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(marker))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_counted_only_at_sentence_start() {
        assert_eq!(
            possible_values_sentence_starts(
                "For B2B, possible values: `a`. For B2C, possible values: `b`."
            ),
            0
        );
        assert_eq!(
            possible_values_sentence_starts(
                "X. Possible values are: `a`. Possible values are: `a`."
            ),
            2
        );
    }

    #[test]
    fn sentences_are_normalized() {
        assert_eq!(sentences("The  Name. the name."), ["the name", "the name"]);
    }
}
