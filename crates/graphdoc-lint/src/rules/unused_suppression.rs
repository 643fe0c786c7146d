//! GL0014: a suppression that suppressed nothing.

use super::{Finding, Rule};
use crate::suppress::{Scope, Suppression};
use graphdoc_schema::Severity;
use std::collections::HashSet;

/// The GL0014 unused-suppression rule, reported when a suppression matched no finding.
pub const RULE: Rule = Rule {
    code: "GL0014",
    name: "unused-suppression",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a suppression matched no finding",
    explain: "GL0014 unused-suppression\n\n\
A `[[allow]]` entry of graphdoc-lint.toml, or an inline\n\
`<!-- graphdoc-lint allow … -->` comment, suppressed nothing: the defect was\n\
fixed or the suppression is mistyped. Remove it. Cannot be suppressed.\n",
    aliases: &["GL014"],
};

/// The suppressions that matched nothing although their rule ran (front-end
/// GDxxxx codes always run) and their path was linted. `linted` holds the
/// linted pages' paths relative to the docs root.
pub fn check(suppressions: &[Suppression], ran: &HashSet<&str>, linted: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in suppressions.iter().filter(|s| s.used == 0) {
        let rule_ran = ran.contains(s.rule.as_str()) || s.rule.starts_with("GD");
        let path_linted = match &s.scope {
            Scope::Glob { pattern, .. } => linted.iter().any(|p| {
                pattern.matches_with(
                    p,
                    glob::MatchOptions {
                        case_sensitive: true,
                        require_literal_separator: true,
                        require_literal_leading_dot: false,
                    },
                )
            }),
            Scope::Lines { .. } => true,
        };
        if rule_ran && path_linted {
            out.push(
                RULE.finding(
                    &s.origin.0,
                    s.origin.1,
                    format!("suppression of {} matched no finding", s.rule),
                )
                .note(format!("reason given: {}", s.reason)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppress::parse_config;

    #[test]
    fn reported_only_when_rule_ran_and_path_was_linted() {
        let config =
            "[[allow]]\nrule = \"GL0007\"\npath = \"api-reference/*/x.md\"\nreason = \"r\"\n";
        let sups = parse_config(config, "c.toml").unwrap();
        let linted = vec!["api-reference/v1.0/x.md".to_string()];
        let found = check(&sups, &HashSet::from(["GL0007"]), &linted);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "suppression of GL0007 matched no finding");
        assert_eq!(found[0].notes, ["reason given: r"]);
        assert!(check(&sups, &HashSet::new(), &linted).is_empty());
        assert!(check(&sups, &HashSet::from(["GL0007"]), &[]).is_empty());
    }
}
