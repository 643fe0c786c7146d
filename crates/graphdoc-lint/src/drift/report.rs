//! What [`compare`](super::compare) reports: the findings, each with its
//! kind, and the scores, with their human and JSON renderings.

use graphdoc_schema::{Severity, Source};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftKind {
    /// A metadata entity or complex type the docs do not describe.
    TypeMissingInDocs,
    /// A docs type the metadata does not have.
    TypeOnlyInDocs,
    /// Entity on one side, complex type on the other.
    TypeKindDiffers,
    /// The base types differ (or one side has none).
    BaseTypeDiffers,
    /// A metadata property the docs type lacks (own or inherited).
    MissingProperty,
    /// A docs property the metadata type lacks (own or inherited).
    ExtraProperty,
    /// Different type name or collection flag.
    PropertyTypeDiffers,
    /// Navigation on one side, structural on the other.
    PropertyKindDiffers,
    /// A metadata enum the docs do not describe.
    EnumMissingInDocs,
    /// A docs enum the metadata does not have.
    EnumOnlyInDocs,
    /// A metadata enum member the docs enum lacks.
    EnumMemberMissing,
    /// A docs enum member the metadata enum lacks.
    EnumMemberExtra,
    /// A member's integer value differs.
    EnumValueDiffers,
    /// Names that agree only ignoring case; counted as a match.
    CaseDiffers,
}

impl DriftKind {
    /// The kind as JSON and the human output spell it (`missing-property`).
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::TypeMissingInDocs => "type-missing-in-docs",
            DriftKind::TypeOnlyInDocs => "type-only-in-docs",
            DriftKind::TypeKindDiffers => "type-kind-differs",
            DriftKind::BaseTypeDiffers => "base-type-differs",
            DriftKind::MissingProperty => "missing-property",
            DriftKind::ExtraProperty => "extra-property",
            DriftKind::PropertyTypeDiffers => "property-type-differs",
            DriftKind::PropertyKindDiffers => "property-kind-differs",
            DriftKind::EnumMissingInDocs => "enum-missing-in-docs",
            DriftKind::EnumOnlyInDocs => "enum-only-in-docs",
            DriftKind::EnumMemberMissing => "enum-member-missing",
            DriftKind::EnumMemberExtra => "enum-member-extra",
            DriftKind::EnumValueDiffers => "enum-value-differs",
            DriftKind::CaseDiffers => "case-differs",
        }
    }

    /// Case differences are notes; every other disagreement a warning.
    pub fn severity(self) -> Severity {
        match self {
            DriftKind::CaseDiffers => Severity::Note,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for DriftKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One disagreement between the docs and the metadata.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DriftFinding {
    /// Where to fix it: a docs file, or the metadata file when the docs have
    /// nothing to point at.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// What disagrees.
    pub kind: DriftKind,
    /// The qualified name of the type or enum, followed by `/member` for a
    /// property or enum member finding, as the metadata spells it when
    /// there is a metadata counterpart.
    pub item: String,
    /// One sentence naming both sides' view.
    pub message: String,
    /// From the kind ([`DriftKind::severity`]).
    pub severity: Severity,
    /// What the docs say about the item where the finding is a
    /// disagreement (a type, a base, a value, a spelling): part of the
    /// finding's identity in pull-request mode, so that the docs changing
    /// from one wrong answer to another is a new finding.
    #[serde(skip)]
    pub docs_say: String,
}

impl DriftFinding {
    pub(super) fn new(at: &Source, kind: DriftKind, item: String, message: String) -> Self {
        DriftFinding {
            file: at.file.clone(),
            line: at.line,
            kind,
            item,
            message,
            severity: kind.severity(),
            docs_say: String::new(),
        }
    }

    /// The key of the finding's identity in pull-request mode: its kind,
    /// with what the docs say when they disagree (so a type cell changed
    /// from one wrong type to another is a new finding).
    pub fn key(&self) -> String {
        if self.docs_say.is_empty() {
            self.kind.as_str().to_string()
        } else {
            format!("{}: {}", self.kind, self.docs_say)
        }
    }

    /// The finding as every command reports it (`drift`, and `lint
    /// --metadata` as GL0013): its kind first in the message, its own
    /// severity, its item as the subject and [`DriftFinding::key`] as the
    /// key; at `file` (the finding's, made relative by the caller).
    pub fn finding(&self, file: &str) -> graphdoc_schema::Finding {
        graphdoc_schema::Finding::at_line(
            crate::rules::METADATA_DRIFT,
            self.severity,
            file,
            self.line,
            format!("{}: {}", self.kind, self.message),
        )
        .about(self.item.as_str())
        .keyed(self.key())
    }

    /// The finding with what the docs say (see [`DriftFinding::docs_say`]).
    pub(super) fn saying(mut self, docs_say: impl std::fmt::Display) -> Self {
        self.docs_say = docs_say.to_string();
        self
    }
}

impl std::fmt::Display for DriftFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.kind, self.message
        )
    }
}

/// A score with the counts it is made of.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ratio {
    /// What agreed.
    pub numerator: usize,
    /// Out of how many.
    pub denominator: usize,
    /// `numerator / denominator`, `None` when the denominator is 0.
    pub value: Option<f64>,
}

impl Ratio {
    /// `numerator / denominator`, with no value for a denominator of 0.
    pub fn new(numerator: usize, denominator: usize) -> Self {
        let value = (denominator > 0).then(|| numerator as f64 / denominator as f64);
        Ratio {
            numerator,
            denominator,
            value,
        }
    }
}

/// The mean of several scores, with how many were averaged.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Mean {
    /// How many scores were averaged.
    pub count: usize,
    /// `None` when nothing was averaged.
    pub value: Option<f64>,
}

impl Mean {
    /// The mean of `values`, with no value for none.
    pub fn of(values: &[f64]) -> Self {
        Mean {
            count: values.len(),
            value: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
        }
    }
}

impl std::fmt::Display for Mean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            Some(v) => write!(f, "{v:.4} (mean over {})", self.count),
            None => write!(f, "n/a (mean over 0)"),
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            Some(v) => write!(f, "{v:.4} ({}/{})", self.numerator, self.denominator),
            None => write!(f, "n/a ({}/{})", self.numerator, self.denominator),
        }
    }
}

/// How far the docs agree with the metadata; see the module docs for the
/// exact rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DriftScores {
    /// Metadata entity and complex types the docs describe.
    pub type_coverage: Ratio,
    /// Docs properties the metadata has too.
    pub property_precision: Ratio,
    /// Metadata properties the docs have too.
    pub property_recall: Ratio,
    /// The harmonic mean of property precision and recall.
    pub property_f1: Ratio,
    /// Matched properties whose types agree (ignoring case), collection flag included.
    pub type_accuracy: Ratio,
    /// Matched properties that are structural on both sides or navigation on both.
    pub kind_accuracy: Ratio,
    /// Types in both whose base types agree.
    pub base_type_accuracy: Ratio,
    /// Of the types whose base types disagree, those whose page states no
    /// base (neither annotation nor text): the docs' fix is to state one.
    pub base_type_unstated: usize,
    /// Metadata enums the docs describe.
    pub enum_coverage: Ratio,
    /// Docs enum members the metadata has too (over all enums in both).
    pub enum_member_precision: Ratio,
    /// Metadata enum members the docs have too (over all enums in both).
    pub enum_member_recall: Ratio,
    /// The harmonic mean of enum-member precision and recall.
    pub enum_member_f1: Ratio,
    /// Mean of each enum's member F1 (see the module docs).
    pub enum_member_f1_macro: Mean,
}

impl DriftScores {
    /// Label and score, in report order.
    pub fn entries(&self) -> [(&'static str, Ratio); 11] {
        [
            ("type coverage", self.type_coverage),
            ("property precision", self.property_precision),
            ("property recall", self.property_recall),
            ("property F1", self.property_f1),
            ("type accuracy", self.type_accuracy),
            ("kind accuracy", self.kind_accuracy),
            ("base-type accuracy", self.base_type_accuracy),
            ("enum coverage", self.enum_coverage),
            ("enum-member precision", self.enum_member_precision),
            ("enum-member recall", self.enum_member_recall),
            ("enum-member F1", self.enum_member_f1),
        ]
    }
}

/// Everything `drift` found: the findings and the scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DriftReport {
    /// Sorted by file, line, kind, item, message.
    pub findings: Vec<DriftFinding>,
    /// How far the docs agree with the metadata, over the whole version.
    pub scores: DriftScores,
}

impl DriftReport {
    /// `file:line: kind: message`, one finding a line, then the number of
    /// findings of each kind and the scores.
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let _ = writeln!(out, "{f}");
        }
        out.push('\n');
        out.push_str(&self.summary());
        out
    }

    /// The number of findings of each kind and the scores, one a line: what
    /// `drift` prints after its findings in every human rendering.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let mut per_kind: BTreeMap<DriftKind, usize> = BTreeMap::new();
        for f in &self.findings {
            *per_kind.entry(f.kind).or_default() += 1;
        }
        let _ = write!(
            out,
            "{}",
            crate::render::plural(self.findings.len(), "finding")
        );
        if !per_kind.is_empty() {
            let parts: Vec<String> = per_kind.iter().map(|(k, n)| format!("{k}: {n}")).collect();
            let _ = write!(out, " ({})", parts.join(", "));
        }
        out.push('\n');
        for (label, ratio) in self.scores.entries() {
            let _ = writeln!(out, "{label}: {ratio}");
        }
        let base = self.scores.base_type_accuracy;
        let base_misses = base.denominator - base.numerator;
        let _ = writeln!(
            out,
            "base-type disagreements where the page states no base: {} of {base_misses}",
            self.scores.base_type_unstated
        );
        let _ = writeln!(
            out,
            "enum-member F1, macro (mean of per-enum F1): {}",
            self.scores.enum_member_f1_macro
        );
        out
    }

    /// Pretty JSON with a final newline (`drift --format json`).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a drift report serializes");
        s.push('\n');
        s
    }
}
