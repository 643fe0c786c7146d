//! The lint rules, one module per rule (as rust-analyzer keeps one file per
//! diagnostic): each holds its [`Rule`] (stable code, default severity,
//! summary, `--explain` text), its check and its tests. This module lists
//! them in [`RULES`]. Every check produces [`Finding`]s, graphdoc's one
//! finding type.

pub use graphdoc_schema::{Code, Finding};

/// A lint rule is a [`Code`] of the registry; `enabled` says whether it
/// runs by default.
pub type Rule = Code;

pub mod bad_suppression;
pub mod beta_only_in_v1;
pub mod broken_link;
pub mod duplicate_description;
pub mod enum_sample_value;
pub mod frontend_diagnostic;
pub mod json_type_mismatch;
pub mod link_leaves_tree;
pub mod metadata_drift;
pub mod missing_in_beta;
pub mod missing_in_json;
pub mod missing_section;
pub mod not_alphabetical;
pub mod placeholder_text;
pub mod possible_values_mismatch;
pub mod repeated_sentence;
pub mod split_table;
pub mod undefined_type;
pub mod unused_suppression;
pub mod version_type_differs;

/// GL0001, the code of frontend-diagnostic findings.
pub const FRONTEND: &str = frontend_diagnostic::RULE.code;
/// GL0002, the code of missing-in-json findings.
pub const MISSING_IN_JSON: &str = missing_in_json::RULE.code;
/// GL0003, the code of json-type-mismatch findings.
pub const JSON_TYPE_MISMATCH: &str = json_type_mismatch::RULE.code;
/// GL0004, the code of possible-values-mismatch findings.
pub const POSSIBLE_VALUES: &str = possible_values_mismatch::RULE.code;
/// GL0005, the code of broken-link findings.
pub const BROKEN_LINK: &str = broken_link::RULE.code;
/// GL0006, the code of undefined-type findings.
pub const UNDEFINED_TYPE: &str = undefined_type::RULE.code;
/// GL0007, the code of duplicate-description findings.
pub const DUPLICATE_DESCRIPTION: &str = duplicate_description::RULE.code;
/// GL0008, the code of repeated-sentence findings.
pub const REPEATED_SENTENCE: &str = repeated_sentence::RULE.code;
/// GL0009, the code of placeholder-text findings.
pub const PLACEHOLDER_TEXT: &str = placeholder_text::RULE.code;
/// GL0010, the code of enum-sample-value findings.
pub const ENUM_SAMPLE: &str = enum_sample_value::RULE.code;
/// GL0011, the code of missing-in-beta findings.
pub const VERSION_MISSING: &str = missing_in_beta::RULE.code;
/// GL0012, the code of version-type-differs findings.
pub const VERSION_TYPE: &str = version_type_differs::RULE.code;
/// GL0013, the code of metadata-drift findings.
pub const METADATA_DRIFT: &str = metadata_drift::RULE.code;
/// GL0014, the code of unused-suppression findings.
pub const UNUSED_SUPPRESSION: &str = unused_suppression::RULE.code;
/// GL0015, the code of bad-suppression findings.
pub const BAD_SUPPRESSION: &str = bad_suppression::RULE.code;
/// GL0016, the code of link-leaves-tree findings.
pub const LINK_LEAVES_TREE: &str = link_leaves_tree::RULE.code;
/// GL0017, the code of properties-not-alphabetical findings.
pub const NOT_ALPHABETICAL: &str = not_alphabetical::RULE.code;
/// GL0018, the code of beta-only-in-v1.0 findings (the GA safety net).
pub const BETA_ONLY_IN_V1: &str = beta_only_in_v1::RULE.code;
/// GL0019, the code of properties-split-across-tables findings.
pub const SPLIT_TABLE: &str = split_table::RULE.code;
/// GL0020, the code of missing-required-section findings.
pub const MISSING_SECTION: &str = missing_section::RULE.code;

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
    link_leaves_tree::RULE,
    not_alphabetical::RULE,
    beta_only_in_v1::RULE,
    split_table::RULE,
    missing_section::RULE,
];

/// The lint rule `code` names (its code or a former spelling such as
/// `GL0007`, any case).
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.is(code))
}

/// The rule a finding of `code` counts under: front-end codes (`GDxxxx`)
/// under GL0001, every other code under itself.
pub fn rule_of(code: &str) -> &str {
    if code.starts_with("GD") {
        FRONTEND
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_explained() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code, format!("GL{:04}", i + 1));
            assert_eq!(r.aliases, [format!("GL{:03}", i + 1)]);
            assert!(r.explain.starts_with(&format!("{} {}\n\n", r.code, r.name)));
        }
    }
}
