//! Annotation comments (`<!-- { "blockType": … } -->`), with the common slips forgiven.

use super::{codes, Ctx};
use graphdoc_schema::{Diagnostic, Severity};
use serde_json::Value;

pub(super) fn annotation(ctx: &mut Ctx, text: &str, line: u32) -> Option<Value> {
    let t = text.trim();
    if !t.starts_with('{') {
        return None;
    }
    match serde_json::from_str::<Value>(t) {
        Ok(v) => Some(v),
        Err(e) => {
            // Trailing commas and line breaks inside strings (a long
            // suppression wrapped over two lines) are the common slips, and
            // the docs' own tools read both: forgive them, but say so.
            let unbroken = escape_controls_in_strings(t);
            let repairs = [
                (remove_trailing_commas(t), "a trailing comma"),
                (unbroken.clone(), "a line break inside a string"),
                (
                    remove_trailing_commas(&unbroken),
                    "a trailing comma and a line break inside a string",
                ),
            ];
            for (repaired, slip) in repairs {
                if let Ok(v) = serde_json::from_str::<Value>(&repaired) {
                    ctx.diag(
                        line,
                        Severity::Note,
                        codes::BAD_ANNOTATION,
                        format!("annotation comment has {slip} (read anyway)"),
                    );
                    return Some(v);
                }
            }
            ctx.out.diagnostics.push(
                Diagnostic::new(
                    &ctx.src(line + e.line().saturating_sub(1) as u32),
                    Severity::Warning,
                    codes::BAD_ANNOTATION,
                    format!("annotation comment is not valid JSON: {e}"),
                )
                .with_column(e.column().max(1) as u32),
            );
            None
        }
    }
}

/// `s` with the control characters inside its JSON strings escaped (a raw
/// line break becomes `\n`), so that strict JSON reads them.
fn escape_controls_in_strings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in s.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '\n' if in_string => {
                out.push_str("\\n");
                continue;
            }
            '\r' if in_string => {
                out.push_str("\\r");
                continue;
            }
            '\t' if in_string => {
                out.push_str("\\t");
                continue;
            }
            c if in_string && (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn remove_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut in_string = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' && (i == 0 || chars[i - 1] != '\\') {
            in_string = !in_string;
        }
        if c == ',' && !in_string {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Annotations read with each slip: tests/pages/resources/annotation-*.md.
    #[test]
    fn control_characters_inside_strings_are_escaped_and_others_kept() {
        assert_eq!(
            escape_controls_in_strings("{\"a\": \"x\\\"\ny\tz\"}\n"),
            "{\"a\": \"x\\\"\\ny\\tz\"}\n"
        );
        assert_eq!(
            remove_trailing_commas("{\"a\": [1, 2,], \"b\": \",}\",\n}"),
            "{\"a\": [1, 2], \"b\": \",}\"\n}"
        );
    }
}
