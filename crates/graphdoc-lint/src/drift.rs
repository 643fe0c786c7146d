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

use graphdoc_schema::{EnumDef, Property, PropertyKind, Schema, TypeDef, TypeKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;

mod report;
pub use report::{DriftFinding, DriftKind, DriftReport, DriftScores, Mean, Ratio};

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
