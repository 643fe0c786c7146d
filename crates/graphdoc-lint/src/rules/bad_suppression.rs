//! GL0015: an inline suppression comment that cannot be read. The comments
//! are read, and these findings made, by [`crate::suppress::parse_inline`].

use super::Rule;
use graphdoc_schema::Severity;

/// The GL0015 bad-suppression rule, reported when an inline suppression comment cannot be read (no reason, unknown code).
pub const RULE: Rule = Rule {
    code: "GL0015",
    name: "bad-suppression",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "an inline suppression comment cannot be read (no reason, unknown code)",
    explain: "GL0015 bad-suppression\n\n\
An inline comment starting `<!-- graphdoc-lint` that is not\n\
`<!-- graphdoc-lint allow CODE[, CODE…]: reason -->` with known codes and a\n\
non-empty reason. It suppresses nothing. Cannot be suppressed.\n",
    aliases: &["GL015"],
};
