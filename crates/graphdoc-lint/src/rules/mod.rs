//! The lint rules, one module per rule (as rust-analyzer keeps one file per
//! diagnostic): each holds its [`Rule`] (stable code, default severity,
//! summary, `--explain` text), its check and its tests. This module lists
//! them in [`RULES`] and defines the [`Finding`] every check produces.

use graphdoc_schema::Severity;
use serde::Serialize;

/// One rule of the linter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code (`GL001`…), used in output, suppressions and SARIF.
    pub code: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    /// The severity of the rule's findings; front-end (GL001) and metadata
    /// (GL013) findings keep the severity their source gave them.
    pub default_severity: Severity,
    /// Whether the rule runs by default; `--enable CODE` turns on one that
    /// does not.
    pub enabled: bool,
    pub summary: &'static str,
    pub explain: &'static str,
}

pub mod bad_suppression;
pub mod broken_link;
pub mod duplicate_description;
pub mod enum_sample_value;
pub mod frontend_diagnostic;
pub mod json_type_mismatch;
pub mod metadata_drift;
pub mod missing_in_beta;
pub mod missing_in_json;
pub mod placeholder_text;
pub mod possible_values_mismatch;
pub mod repeated_sentence;
pub mod undefined_type;
pub mod unused_suppression;
pub mod version_type_differs;

pub const FRONTEND: &str = frontend_diagnostic::RULE.code;
pub const MISSING_IN_JSON: &str = missing_in_json::RULE.code;
pub const JSON_TYPE_MISMATCH: &str = json_type_mismatch::RULE.code;
pub const POSSIBLE_VALUES: &str = possible_values_mismatch::RULE.code;
pub const BROKEN_LINK: &str = broken_link::RULE.code;
pub const UNDEFINED_TYPE: &str = undefined_type::RULE.code;
pub const DUPLICATE_DESCRIPTION: &str = duplicate_description::RULE.code;
pub const REPEATED_SENTENCE: &str = repeated_sentence::RULE.code;
pub const PLACEHOLDER_TEXT: &str = placeholder_text::RULE.code;
pub const ENUM_SAMPLE: &str = enum_sample_value::RULE.code;
pub const VERSION_MISSING: &str = missing_in_beta::RULE.code;
pub const VERSION_TYPE: &str = version_type_differs::RULE.code;
pub const METADATA_DRIFT: &str = metadata_drift::RULE.code;
pub const UNUSED_SUPPRESSION: &str = unused_suppression::RULE.code;
pub const BAD_SUPPRESSION: &str = bad_suppression::RULE.code;

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    frontend_diagnostic::RULE,
    missing_in_json::RULE,
    json_type_mismatch::RULE,
    possible_values_mismatch::RULE,
    broken_link::RULE,
    undefined_type::RULE,
    duplicate_description::RULE,
    repeated_sentence::RULE,
    placeholder_text::RULE,
    enum_sample_value::RULE,
    missing_in_beta::RULE,
    version_type_differs::RULE,
    metadata_drift::RULE,
    unused_suppression::RULE,
    bad_suppression::RULE,
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The `--explain` text of a rule code (`GL003`) or of a front-end code
/// (`GD0023`, reported under GL001), or `None` if unknown.
pub fn explain(code: &str) -> Option<String> {
    if let Some(r) = rule(code) {
        return Some(r.explain.to_string());
    }
    let text = graphdoc_docs::codes::explain(code)?;
    let mut out = format!(
        "{} front-end diagnostic (reported under {FRONTEND})\n\n",
        code.to_ascii_uppercase()
    );
    let mut line_len = 0;
    for word in text.split_whitespace() {
        if line_len > 0 && line_len + 1 + word.len() > 78 {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out.push('\n');
    Some(out)
}

/// One lint finding at a doc position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// As the front-end shows paths: the docs root joined with the relative
    /// path, `/`-separated.
    pub file: String,
    pub line: u32,
    /// 1-based column in characters; 0 when the finding is about the line.
    pub column: u32,
    /// Characters the caret underlines; 0 for none.
    #[serde(skip)]
    pub width: u32,
    pub rule: &'static str,
    /// For GL001 the front-end's GDxxxx code, for GL013 the drift kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcode: Option<String>,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Finding {
            file: file.to_string(),
            line,
            column: 0,
            width: 0,
            rule,
            subcode: None,
            severity: self::rule(rule).map_or(Severity::Warning, |r| r.default_severity),
            message: message.into(),
            note: None,
        }
    }

    pub fn at(mut self, column: u32, width: u32) -> Self {
        self.column = column;
        self.width = width;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_explained() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code, format!("GL{:03}", i + 1));
            assert!(r.explain.starts_with(&format!("{} {}\n\n", r.code, r.name)));
        }
    }
}
