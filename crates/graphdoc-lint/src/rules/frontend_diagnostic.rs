//! GL001: what the markdown front-end reported, severities kept.

use super::{Finding, Rule};
use graphdoc_schema::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    code: "GL001",
    name: "frontend-diagnostic",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "the docs front-end could not read something as written",
    explain: "GL001 frontend-diagnostic\n\n\
The markdown front-end (graphdoc-docs) reports what it had to forgive or could\n\
not read: ragged table rows, type cells it cannot parse, types (base types\n\
included) no page defines (GD0009), properties only the JSON representation\n\
shows (GD0020) and so on. Each finding keeps the front-end's severity and its\n\
GDxxxx code, shown first in the message; `--explain GDxxxx` tells what one\n\
means. A suppression may name GL001 (all front-end diagnostics) or one GDxxxx\n\
code.\n",
};

/// The front-end's diagnostics as findings, each keeping its severity,
/// column and GDxxxx code (as the subcode).
pub fn check(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    diagnostics
        .iter()
        .map(|d| {
            let mut f = Finding::new(
                RULE.code,
                &d.file,
                d.line,
                format!("{}: {}", d.code, d.message),
            );
            f.severity = d.severity;
            f.subcode = Some(d.code.clone());
            f.column = d.column.unwrap_or(0);
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_code_severity_and_column() {
        let source = graphdoc_schema::Source::new("p.md", 4);
        let d = Diagnostic::new(&source, Severity::Note, "GD0009", "no page defines `x`");
        let f = &check(&[d.with_column(7)])[0];
        assert_eq!(f.rule, "GL001");
        assert_eq!(f.message, "GD0009: no page defines `x`");
        assert_eq!(f.subcode.as_deref(), Some("GD0009"));
        assert_eq!((f.severity, f.line, f.column), (Severity::Note, 4, 7));
    }
}
