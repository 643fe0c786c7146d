//! The JSON samples of a version as graphdoc-samples checks them: the lint
//! rules about sample values (GL003, GL010) are views of those findings,
//! so that the linter and `samples` never disagree about a value.

use crate::pages::{Pages, Parsed};
use crate::rules::{enum_sample_value, json_type_mismatch, Finding, Rule};
use graphdoc_samples::extract::SampleKind;
use graphdoc_samples::validate::FindingKind;
use graphdoc_schema::Schema;

/// A finding about a sample value, with the kind of its sample.
pub type SampleFinding = (SampleKind, graphdoc_samples::Finding);

/// The findings of the version's JSON blocks that the rules read (what
/// `graphdoc samples` finds of them), checked against `schema`.
pub(crate) fn check(schema: &Schema, parsed: &Parsed<'_>) -> Vec<SampleFinding> {
    let pages: Vec<(&str, &[graphdoc_docs::markdown::Block<'_>])> = parsed
        .iter()
        .map(|(file, blocks)| (*file, blocks.as_slice()))
        .collect();
    let wanted = [
        json_type_mismatch::SAMPLE_FINDINGS,
        enum_sample_value::SAMPLE_FINDINGS,
    ]
    .concat();
    graphdoc_samples::value_findings(schema, &pages, &wanted)
}

/// The sample findings `wanted` names (by the sample's kind and the
/// finding's), as lint findings of `rule` at the value's line and column.
pub(crate) fn findings(
    samples: &[SampleFinding],
    pages: &Pages,
    rule: &'static Rule,
    wanted: &[(SampleKind, FindingKind)],
) -> Vec<Finding> {
    let mut out: Vec<Finding> = samples
        .iter()
        .filter(|(kind, f)| wanted.contains(&(*kind, f.kind)))
        .map(|(_, f)| {
            let width = pages
                .get(&f.file)
                .map_or(0, |text| value_width(text, f.line, f.column));
            rule.finding(&f.file, f.line, f.message.clone())
                .note(format!(
                    "at `{}` of the sample",
                    display_pointer(&f.pointer)
                ))
                .span(f.column, width)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}

/// The width in characters of the JSON value starting at `line`:`column`:
/// a string to its closing quote, anything else up to a comma or the end
/// of the line.
fn value_width(text: &str, line: u32, column: u32) -> u32 {
    let Some(l) = text.lines().nth(line.saturating_sub(1) as usize) else {
        return 0;
    };
    let mut chars = l.chars().skip(column.saturating_sub(1) as usize).peekable();
    if chars.peek() == Some(&'"') {
        let mut n = 1;
        let mut escaped = false;
        for c in chars.skip(1) {
            n += 1;
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return n,
                _ => {}
            }
        }
        return n;
    }
    chars.take_while(|c| *c != ',').count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_values() {
        let text = "{\n  \"a\": \"x, \\\"y\\\"\",\n  \"b\": 12, \"c\": 3\n}";
        assert_eq!(value_width(text, 2, 8), 10);
        assert_eq!(value_width(text, 3, 8), 2);
        assert_eq!(value_width(text, 9, 1), 0);
    }
}
