//! GL0001: what the markdown front-end reported, severities kept.

use super::{Finding, Rule};
use graphdoc_schema::{Diagnostic, Severity};

/// The GL0001 frontend-diagnostic rule, reported when the docs front-end could not read something as written.
pub const RULE: Rule = Rule {
    code: "GL0001",
    name: "frontend-diagnostic",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "the docs front-end could not read something as written",
    explain: "GL0001 frontend-diagnostic\n\n\
The markdown front-end (graphdoc-docs) reports what it had to forgive or could\n\
not read: ragged table rows, type cells it cannot parse, types (base types\n\
included) no page defines (GD0009), properties only the JSON representation\n\
shows (GD0020) and so on. Each finding keeps the front-end's GDxxxx code and\n\
severity; `--explain GDxxxx` tells what one means. GL0001 names them all: a\n\
suppression may name GL0001 (all front-end diagnostics) or one GDxxxx code.\n",
    aliases: &["GL001"],
};

/// The front-end's diagnostics, as they are: each keeps its GDxxxx code,
/// severity and column.
pub fn check(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    diagnostics.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_code_severity_and_column() {
        let source = graphdoc_schema::Source::new("p.md", 4);
        let d = Diagnostic::new(&source, Severity::Note, "GD0009", "no page defines `x`");
        let f = &check(&[d.with_column(7)])[0];
        assert_eq!(f.code, "GD0009");
        assert_eq!(f.message, "no page defines `x`");
        assert_eq!((f.severity, f.line, f.column), (Severity::Note, 4, Some(7)));
    }
}
