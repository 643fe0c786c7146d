//! Drift between the docs and the service metadata.
//!
//! [`compare`] takes the schema the docs describe and the schema the service
//! metadata (CSDL, read with `graphdoc_schema::csdl::read`) describes, and
//! reports every disagreement as a [`DriftFinding`] and the overall
//! agreement as [`DriftScores`].
//!
//! # Matching
//!
//! Types, enums, properties and enum members are paired by name: exact
//! spellings first, then, among what is left, names equal ignoring ASCII
//! case. A pair matched only ignoring case counts as a match everywhere and
//! is also reported as a low-severity `case-differs` finding. Type names
//! inside type references and base types are compared ignoring case too.
//! No type or page is treated specially.
//!
//! # Findings
//!
//! Each finding points at a docs line: the property's line for property
//! findings, the type's (or enum's) line for type-level findings and for a
//! property or member the docs lack. Items with no docs counterpart at all
//! (`type-missing-in-docs`, `enum-missing-in-docs`) point at the metadata.
//!
//! Properties are compared flattened (own plus inherited), so a property
//! declared on a base type would be reported again for every derived type.
//! Findings are therefore reported once per declaring type: a missing
//! property once per (metadata type declaring it, name), at the docs type
//! nearest to the declaring type in the metadata hierarchy (the message says
//! how many other types lack it too); an extra property or a property that
//! differs once per (docs type declaring it, name). Scores are not
//! deduplicated: they count every type.
//!
//! # Scores
//!
//! Each score is a [`Ratio`] whose numerator and denominator are shown; its
//! value is `None` (`n/a`) when the denominator is 0.
//! - type coverage: metadata entity and complex types matched by a docs
//!   type / metadata entity and complex types;
//! - property precision, recall and F1, over the types in both, counting the
//!   flattened properties of each type (`Schema::flattened_properties`):
//!   precision = matched / docs properties, recall = matched / metadata
//!   properties, F1 = 2 × matched / (docs + metadata properties), which is
//!   the harmonic mean of the two;
//! - type accuracy: matched properties whose type names agree ignoring case
//!   and whose collection flags agree / matched properties;
//! - kind accuracy: matched properties that are structural on both sides or
//!   navigation on both sides / matched properties;
//! - base-type accuracy: types in both whose base types agree (ignoring case;
//!   no base on both sides agrees) / types in both;
//! - enum coverage: metadata enums matched by a docs enum / metadata enums;
//! - enum-member precision, recall and F1 over the enums in both, computed
//!   like the property scores (micro-averaged: one long enum weighs as much
//!   as all its members);
//! - enum-member F1, macro-averaged: the mean over the enums in both (with
//!   at least one member on either side) of each enum's own F1, so that one
//!   enum whose docs list hundreds of members the metadata lacks counts as
//!   one enum, not as hundreds of members.

use graphdoc_schema::{
    EnumDef, Property, PropertyKind, Schema, Severity, Source, TypeDef, TypeKind,
};
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
    fn new(at: &Source, kind: DriftKind, item: String, message: String) -> Self {
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
    fn saying(mut self, docs_say: impl std::fmt::Display) -> Self {
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

/// Pairs of indices whose names are equal, exactly or else ignoring ASCII
/// case, and the indices left unpaired on each side. Deterministic: each
/// right-hand name, in order, takes the first free left-hand name.
struct Pairing {
    pairs: Vec<(usize, usize)>,
    left_only: Vec<usize>,
    right_only: Vec<usize>,
}

fn pair_names(left: &[&str], right: &[&str]) -> Pairing {
    let mut left_taken = vec![false; left.len()];
    let mut right_partner: Vec<Option<usize>> = vec![None; right.len()];
    let mut exact: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, name) in left.iter().enumerate() {
        exact.entry(name).or_default().push(i);
    }
    for (j, name) in right.iter().enumerate() {
        if let Some(&i) = exact
            .get(name)
            .and_then(|c| c.iter().find(|&&i| !left_taken[i]))
        {
            left_taken[i] = true;
            right_partner[j] = Some(i);
        }
    }
    let mut folded: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, name) in left.iter().enumerate() {
        if !left_taken[i] {
            folded.entry(name.to_ascii_lowercase()).or_default().push(i);
        }
    }
    for (j, name) in right.iter().enumerate() {
        if right_partner[j].is_some() {
            continue;
        }
        let candidates = folded.get(&name.to_ascii_lowercase());
        if let Some(&i) = candidates.and_then(|c| c.iter().find(|&&i| !left_taken[i])) {
            left_taken[i] = true;
            right_partner[j] = Some(i);
        }
    }
    Pairing {
        pairs: right_partner
            .iter()
            .enumerate()
            .filter_map(|(j, i)| i.map(|i| (i, j)))
            .collect(),
        left_only: (0..left.len()).filter(|&i| !left_taken[i]).collect(),
        right_only: (0..right.len())
            .filter(|&j| right_partner[j].is_none())
            .collect(),
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn kind_word(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity type",
        TypeKind::Complex => "complex type",
    }
}

fn with_article(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "an entity type",
        TypeKind::Complex => "a complex type",
    }
}

fn property_kind_word(kind: PropertyKind) -> &'static str {
    match kind {
        PropertyKind::Structural => "structural",
        PropertyKind::Navigation => "navigation",
    }
}

/// A flattened property with the type that declares it and how many levels
/// up the hierarchy that type is (0: the type itself).
struct Inherited<'a> {
    property: &'a Property,
    owner: &'a TypeDef,
    depth: usize,
}

fn flattened<'a>(schema: &'a Schema, qualified: &str) -> Vec<Inherited<'a>> {
    let ancestry = schema.ancestry(qualified);
    schema
        .flattened_properties(qualified)
        .into_iter()
        .filter_map(|property| {
            let (depth, owner) = ancestry
                .iter()
                .enumerate()
                .find(|(_, t)| t.properties.iter().any(|p| std::ptr::eq(p, property)))?;
            Some(Inherited {
                property,
                owner,
                depth,
            })
        })
        .collect()
}

/// A finding that may be reported by several types; the one with the
/// smallest rank is kept and the others are counted.
struct Candidate {
    rank: (usize, String),
    finding: DriftFinding,
    others: usize,
}

#[derive(Default)]
struct Deduplicated {
    by_key: BTreeMap<(DriftKind, String, String), Candidate>,
}

impl Deduplicated {
    fn offer(
        &mut self,
        key: (DriftKind, String, String),
        rank: (usize, String),
        finding: DriftFinding,
    ) {
        match self.by_key.get_mut(&key) {
            None => {
                self.by_key.insert(
                    key,
                    Candidate {
                        rank,
                        finding,
                        others: 0,
                    },
                );
            }
            Some(kept) => {
                kept.others += 1;
                if rank < kept.rank {
                    kept.rank = rank;
                    kept.finding = finding;
                }
            }
        }
    }

    fn into_findings(self) -> impl Iterator<Item = DriftFinding> {
        self.by_key.into_values().map(|c| {
            let mut finding = c.finding;
            if c.others > 0 {
                let _ = write!(finding.message, " (and {} more derived type(s))", c.others);
            }
            finding
        })
    }
}

#[derive(Default)]
struct Counts {
    matched: usize,
    docs: usize,
    metadata: usize,
}

impl Counts {
    fn precision(&self) -> Ratio {
        Ratio::new(self.matched, self.docs)
    }
    fn recall(&self) -> Ratio {
        Ratio::new(self.matched, self.metadata)
    }
    fn f1(&self) -> Ratio {
        Ratio::new(2 * self.matched, self.docs + self.metadata)
    }
}

/// Compares what the docs say (`docs`) with what the service metadata says
/// (`metadata`).
pub fn compare(docs: &Schema, metadata: &Schema) -> DriftReport {
    let mut findings = Vec::new();
    let mut deduplicated = Deduplicated::default();

    let docs_types: Vec<&TypeDef> = docs.types.values().collect();
    let meta_types: Vec<&TypeDef> = metadata.types.values().collect();
    let docs_keys: Vec<&str> = docs.types.keys().map(String::as_str).collect();
    let meta_keys: Vec<&str> = metadata.types.keys().map(String::as_str).collect();
    let type_pairing = pair_names(&docs_keys, &meta_keys);

    for &j in &type_pairing.right_only {
        let m = meta_types[j];
        findings.push(DriftFinding::new(
            &m.source,
            DriftKind::TypeMissingInDocs,
            meta_keys[j].to_string(),
            format!(
                "{} `{}` is in the metadata but not in the docs",
                kind_word(m.kind),
                meta_keys[j]
            ),
        ));
    }
    for &i in &type_pairing.left_only {
        let d = docs_types[i];
        findings.push(DriftFinding::new(
            &d.source,
            DriftKind::TypeOnlyInDocs,
            docs_keys[i].to_string(),
            format!(
                "{} `{}` is in the docs but not in the metadata",
                kind_word(d.kind),
                docs_keys[i]
            ),
        ));
    }

    let mut tally = Tally::default();
    for &(i, j) in &type_pairing.pairs {
        let (d, m) = (docs_types[i], meta_types[j]);
        let (docs_key, meta_key) = (docs_keys[i], meta_keys[j]);
        compare_type_pair(d, m, docs_key, meta_key, &mut tally, &mut findings);
        let pair = TypePair {
            docs,
            metadata,
            d,
            docs_key,
            meta_key,
        };
        compare_properties(&pair, &mut tally, &mut deduplicated);
    }
    findings.extend(deduplicated.into_findings());

    let (enum_pairs, members, per_enum_f1) = compare_enums(docs, metadata, &mut findings);

    findings.sort();
    let scores = DriftScores {
        type_coverage: Ratio::new(type_pairing.pairs.len(), meta_types.len()),
        property_precision: tally.properties.precision(),
        property_recall: tally.properties.recall(),
        property_f1: tally.properties.f1(),
        type_accuracy: Ratio::new(tally.same_type, tally.properties.matched),
        kind_accuracy: Ratio::new(tally.same_kind, tally.properties.matched),
        base_type_accuracy: Ratio::new(tally.same_base, type_pairing.pairs.len()),
        base_type_unstated: tally.unstated_base,
        enum_coverage: Ratio::new(enum_pairs, metadata.enums.len()),
        enum_member_precision: members.precision(),
        enum_member_recall: members.recall(),
        enum_member_f1: members.f1(),
        enum_member_f1_macro: Mean::of(&per_enum_f1),
    };
    DriftReport { findings, scores }
}

/// What the comparison of matched types counts for the scores.
#[derive(Default)]
struct Tally {
    properties: Counts,
    same_type: usize,
    same_kind: usize,
    same_base: usize,
    unstated_base: usize,
}

/// A type found in both the docs and the metadata.
struct TypePair<'a> {
    docs: &'a Schema,
    metadata: &'a Schema,
    /// The docs' definition.
    d: &'a TypeDef,
    docs_key: &'a str,
    meta_key: &'a str,
}

/// The findings about a matched type itself: its spelling, kind and base.
fn compare_type_pair(
    d: &TypeDef,
    m: &TypeDef,
    docs_key: &str,
    meta_key: &str,
    tally: &mut Tally,
    findings: &mut Vec<DriftFinding>,
) {
    if docs_key != meta_key {
        findings.push(
            DriftFinding::new(
                &d.source,
                DriftKind::CaseDiffers,
                meta_key.to_string(),
                format!("type `{docs_key}` is spelled `{meta_key}` in the metadata"),
            )
            .saying(docs_key),
        );
    }
    if d.kind != m.kind {
        findings.push(
            DriftFinding::new(
                &d.source,
                DriftKind::TypeKindDiffers,
                meta_key.to_string(),
                format!(
                    "`{meta_key}` is {} in the docs but {} in the metadata",
                    with_article(d.kind),
                    with_article(m.kind)
                ),
            )
            .saying(with_article(d.kind)),
        );
    }
    let bases_agree = match (&d.base_type, &m.base_type) {
        (None, None) => true,
        (Some(a), Some(b)) => same_name(a, b),
        _ => false,
    };
    if bases_agree {
        tally.same_base += 1;
    } else {
        if !d.base_type_from.is_some_and(|from| from.is_stated()) {
            tally.unstated_base += 1;
        }
        let show = |b: &Option<String>| {
            b.as_ref()
                .map_or("no base type".to_string(), |b| format!("`{b}`"))
        };
        // A base the page does not state is graphdoc's reading of other
        // evidence: the fix is then to state one, not to correct one.
        let docs_side = match (&d.base_type, d.base_type_from) {
            (None, Some(_)) => "the annotation says `\"baseType\": null`".to_string(),
            (None, None) => "docs state no base type".to_string(),
            (Some(b), Some(from)) if !from.is_stated() => {
                format!(
                    "docs state no base type (graphdoc reads `{b}` {})",
                    from.describe()
                )
            }
            (Some(b), Some(from)) => format!("docs say `{b}` ({})", from.describe()),
            (Some(b), None) => format!("docs say `{b}`"),
        };
        findings.push(
            DriftFinding::new(
                &d.source,
                DriftKind::BaseTypeDiffers,
                meta_key.to_string(),
                format!(
                    "base type of `{meta_key}`: {docs_side}, metadata says {}",
                    show(&m.base_type)
                ),
            )
            .saying(docs_side),
        );
    }
}

/// The findings about the properties of a matched type (own and
/// inherited), offered to `deduplicated` so that an inherited property is
/// reported once, at the nearest owner.
fn compare_properties(pair: &TypePair<'_>, tally: &mut Tally, deduplicated: &mut Deduplicated) {
    let TypePair {
        docs,
        metadata,
        d,
        docs_key,
        meta_key,
    } = *pair;
    let docs_props = flattened(docs, docs_key);
    let meta_props = flattened(metadata, meta_key);
    let docs_names: Vec<&str> = docs_props
        .iter()
        .map(|p| p.property.name.as_str())
        .collect();
    let meta_names: Vec<&str> = meta_props
        .iter()
        .map(|p| p.property.name.as_str())
        .collect();
    let pairing = pair_names(&docs_names, &meta_names);
    tally.properties.docs += docs_props.len();
    tally.properties.metadata += meta_props.len();
    tally.properties.matched += pairing.pairs.len();

    for &pj in &pairing.right_only {
        let mp = &meta_props[pj];
        let owner = mp.owner.qualified_name();
        let name = &mp.property.name;
        let inherited = if mp.depth > 0 {
            format!(" (inherited from `{owner}`)")
        } else {
            String::new()
        };
        deduplicated.offer(
            (DriftKind::MissingProperty, owner.clone(), name.clone()),
            (mp.depth, meta_key.to_string()),
            DriftFinding::new(
                &d.source,
                DriftKind::MissingProperty,
                format!("{meta_key}/{name}"),
                format!(
                    "`{meta_key}` lacks {} property `{name}` of type `{}`{inherited}",
                    property_kind_word(mp.property.kind),
                    mp.property.ty
                ),
            ),
        );
    }
    for &pi in &pairing.left_only {
        let dp = &docs_props[pi];
        let owner = dp.owner.qualified_name();
        let name = &dp.property.name;
        let described = if dp.depth > 0 {
            format!("property `{name}` of `{owner}` (inherited by `{docs_key}`)")
        } else {
            format!("property `{name}` of `{docs_key}`")
        };
        deduplicated.offer(
            (DriftKind::ExtraProperty, owner.clone(), name.clone()),
            (dp.depth, docs_key.to_string()),
            DriftFinding::new(
                &dp.property.source,
                DriftKind::ExtraProperty,
                format!("{meta_key}/{name}"),
                format!("{described} is not in the metadata type `{meta_key}`"),
            ),
        );
    }
    for &(pi, pj) in &pairing.pairs {
        let (dp, mp) = (&docs_props[pi], &meta_props[pj]);
        let (dprop, mprop) = (dp.property, mp.property);
        let item = format!("{meta_key}/{}", mprop.name);
        let owner = dp.owner.qualified_name();
        let key_name = format!("{}/{}", mp.owner.qualified_name(), mprop.name);
        let rank = (dp.depth, docs_key.to_string());
        if dprop.name != mprop.name {
            deduplicated.offer(
                (DriftKind::CaseDiffers, owner.clone(), key_name.clone()),
                rank.clone(),
                DriftFinding::new(
                    &dprop.source,
                    DriftKind::CaseDiffers,
                    item.clone(),
                    format!(
                        "property `{}` is spelled `{}` in the metadata",
                        dprop.name, mprop.name
                    ),
                )
                .saying(&dprop.name),
            );
        }
        if same_name(&dprop.ty.name, &mprop.ty.name) && dprop.ty.collection == mprop.ty.collection {
            tally.same_type += 1;
        } else {
            deduplicated.offer(
                (
                    DriftKind::PropertyTypeDiffers,
                    owner.clone(),
                    key_name.clone(),
                ),
                rank.clone(),
                DriftFinding::new(
                    &dprop.source,
                    DriftKind::PropertyTypeDiffers,
                    item.clone(),
                    format!(
                        "type of `{item}`: docs say `{}`, metadata says `{}`",
                        dprop.ty, mprop.ty
                    ),
                )
                .saying(&dprop.ty),
            );
        }
        if dprop.kind == mprop.kind {
            tally.same_kind += 1;
        } else {
            deduplicated.offer(
                (DriftKind::PropertyKindDiffers, owner, key_name),
                rank,
                DriftFinding::new(
                    &dprop.source,
                    DriftKind::PropertyKindDiffers,
                    item.clone(),
                    format!(
                        "`{item}` is a {} property in the docs but a {} property in the metadata",
                        property_kind_word(dprop.kind),
                        property_kind_word(mprop.kind)
                    ),
                )
                .saying(property_kind_word(dprop.kind)),
            );
        }
    }
}

/// Adds the enum findings; returns the number of enums in both, the member
/// counts over them, and each one's member F1 (enums with no member on
/// either side have none).
fn compare_enums(
    docs: &Schema,
    metadata: &Schema,
    findings: &mut Vec<DriftFinding>,
) -> (usize, Counts, Vec<f64>) {
    let docs_enums: Vec<&EnumDef> = docs.enums.values().collect();
    let meta_enums: Vec<&EnumDef> = metadata.enums.values().collect();
    let docs_keys: Vec<&str> = docs.enums.keys().map(String::as_str).collect();
    let meta_keys: Vec<&str> = metadata.enums.keys().map(String::as_str).collect();
    let pairing = pair_names(&docs_keys, &meta_keys);

    for &j in &pairing.right_only {
        findings.push(DriftFinding::new(
            &meta_enums[j].source,
            DriftKind::EnumMissingInDocs,
            meta_keys[j].to_string(),
            format!(
                "enum `{}` is in the metadata but not in the docs",
                meta_keys[j]
            ),
        ));
    }
    for &i in &pairing.left_only {
        findings.push(DriftFinding::new(
            &docs_enums[i].source,
            DriftKind::EnumOnlyInDocs,
            docs_keys[i].to_string(),
            format!(
                "enum `{}` is in the docs but not in the metadata",
                docs_keys[i]
            ),
        ));
    }

    let mut members = Counts::default();
    let mut per_enum_f1 = Vec::new();
    for &(i, j) in &pairing.pairs {
        let (d, m) = (docs_enums[i], meta_enums[j]);
        let meta_key = meta_keys[j];
        if docs_keys[i] != meta_key {
            findings.push(DriftFinding::new(
                &d.source,
                DriftKind::CaseDiffers,
                meta_key.to_string(),
                format!(
                    "enum `{}` is spelled `{meta_key}` in the metadata",
                    docs_keys[i]
                ),
            ));
        }
        let docs_names: Vec<&str> = d.members.iter().map(|m| m.name.as_str()).collect();
        let meta_names: Vec<&str> = m.members.iter().map(|m| m.name.as_str()).collect();
        let member_pairing = pair_names(&docs_names, &meta_names);
        members.docs += d.members.len();
        members.metadata += m.members.len();
        members.matched += member_pairing.pairs.len();
        let this_enum = Counts {
            matched: member_pairing.pairs.len(),
            docs: d.members.len(),
            metadata: m.members.len(),
        };
        per_enum_f1.extend(this_enum.f1().value);
        for &mj in &member_pairing.right_only {
            let name = &m.members[mj].name;
            findings.push(DriftFinding::new(
                &d.source,
                DriftKind::EnumMemberMissing,
                format!("{meta_key}/{name}"),
                format!("enum `{meta_key}` lacks member `{name}`"),
            ));
        }
        for &mi in &member_pairing.left_only {
            let member = &d.members[mi];
            findings.push(DriftFinding::new(
                &member.source,
                DriftKind::EnumMemberExtra,
                format!("{meta_key}/{}", member.name),
                format!(
                    "member `{}` of enum `{meta_key}` is not in the metadata",
                    member.name
                ),
            ));
        }
        for &(mi, mj) in &member_pairing.pairs {
            let (dm, mm) = (&d.members[mi], &m.members[mj]);
            let item = format!("{meta_key}/{}", mm.name);
            if dm.name != mm.name {
                findings.push(
                    DriftFinding::new(
                        &dm.source,
                        DriftKind::CaseDiffers,
                        item.clone(),
                        format!(
                            "enum member `{}` is spelled `{}` in the metadata",
                            dm.name, mm.name
                        ),
                    )
                    .saying(&dm.name),
                );
            }
            if let (Some(dv), Some(mv)) = (dm.value, mm.value) {
                if dv != mv {
                    findings.push(
                        DriftFinding::new(
                            &dm.source,
                            DriftKind::EnumValueDiffers,
                            item.clone(),
                            format!("value of `{item}`: docs say {dv}, metadata says {mv}"),
                        )
                        .saying(dv),
                    );
                }
            }
        }
    }
    (pairing.pairs.len(), members, per_enum_f1)
}
