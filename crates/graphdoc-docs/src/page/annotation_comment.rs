//! Annotation comments (`<!-- { "blockType": … } -->`), with the common slips forgiven.

use super::{codes, Ctx};
use crate::tolerant::{self, Forgiven};
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
            if let Some((v, slip)) = read_with_slips(t) {
                ctx.diag(
                    line,
                    Severity::Note,
                    codes::BAD_ANNOTATION,
                    format!("annotation comment has {slip} (read anyway)"),
                );
                return Some(v);
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

/// `text` read by the tolerant reader when all it forgave is an extra
/// comma or a raw control character in a string, with the slip named.
fn read_with_slips(text: &str) -> Option<(Value, &'static str)> {
    let read = tolerant::read(text).ok()?;
    let forgave = |kind: Forgiven| read.forgiven.iter().any(|n| n.kind == kind);
    let (comma, broken) = (
        forgave(Forgiven::ExtraComma),
        forgave(Forgiven::LooseString),
    );
    let only_slips = read
        .forgiven
        .iter()
        .all(|n| matches!(n.kind, Forgiven::ExtraComma | Forgiven::LooseString));
    let slip = match (comma, broken) {
        _ if !only_slips => return None,
        (true, false) => "a trailing comma",
        (false, true) => "a line break inside a string",
        (true, true) => "a trailing comma and a line break inside a string",
        (false, false) => return None,
    };
    Some((read.value, slip))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Annotations read with each slip: tests/pages/resources/annotation-*.md.
    #[test]
    fn slips_are_named_and_anything_else_refused() {
        let slip = |t: &str| read_with_slips(t).map(|(_, slip)| slip);
        assert_eq!(slip("{\"a\": [1, 2,],}"), Some("a trailing comma"));
        assert_eq!(
            slip("{\"a\": \"x\ny\"}"),
            Some("a line break inside a string")
        );
        assert_eq!(
            slip("{\"a\": \"x\ny\",}"),
            Some("a trailing comma and a line break inside a string")
        );
        let (v, _) = read_with_slips("{\"a\": \"x\ny\", \"b\": \",}\",}").unwrap();
        assert_eq!(v["a"], "x\ny");
        assert_eq!(v["b"], ",}");
        assert_eq!(slip("{\"a\": 1}"), None);
        assert_eq!(slip("{a: 1,}"), None);
        assert_eq!(slip("{\"a\": 1, ...}"), None);
    }
}
