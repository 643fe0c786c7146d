//! Drift between a schema and CSDL metadata: what `compare` reports and how it scores.

use graphdoc_lint::drift::{compare, DriftKind, DriftReport, Mean, Ratio};
use graphdoc_schema::{
    csdl, BaseTypeFrom, EnumDef, EnumMember, Property, PropertyKind, Schema, Severity, Source,
    TypeDef, TypeKind, TypeRef,
};

const META: &str = "meta.xml";

fn prop(name: &str, ty: &str, kind: PropertyKind, file: &str, line: u32) -> Property {
    let (name_only, collection) = match ty
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
    {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    Property {
        name: name.to_string(),
        ty: TypeRef::new(name_only, collection),
        kind,
        description: String::new(),
        read_only: false,
        nullable: None,
        possible_values: Vec::new(),
        query_options: Vec::new(),
        required_on_create: false,
        source: Source::new(file, line),
    }
}

fn structural(name: &str, ty: &str, file: &str, line: u32) -> Property {
    prop(name, ty, PropertyKind::Structural, file, line)
}

fn navigation(name: &str, ty: &str, file: &str, line: u32) -> Property {
    prop(name, ty, PropertyKind::Navigation, file, line)
}

fn add_type(
    schema: &mut Schema,
    qualified: &str,
    kind: TypeKind,
    base: Option<&str>,
    properties: Vec<Property>,
    file: &str,
    line: u32,
) {
    let (namespace, name) = graphdoc_schema::split_qualified(qualified);
    schema.types.insert(
        qualified.to_string(),
        TypeDef {
            base_type: base.map(str::to_string),
            properties,
            ..TypeDef::new(name, namespace, kind, Source::new(file, line))
        },
    );
}

fn add_enum(
    schema: &mut Schema,
    qualified: &str,
    members: &[(&str, Option<i64>, u32)],
    file: &str,
    line: u32,
) {
    let (namespace, name) = graphdoc_schema::split_qualified(qualified);
    schema.enums.insert(
        qualified.to_string(),
        EnumDef {
            name: name.to_string(),
            namespace: namespace.to_string(),
            is_flags: false,
            description: String::new(),
            members: members
                .iter()
                .map(|&(name, value, line)| EnumMember {
                    name: name.to_string(),
                    value,
                    description: String::new(),
                    source: Source::new(file, line),
                })
                .collect(),
            source: Source::new(file, line),
        },
    );
}

/// A metadata schema and a docs schema that disagree in every way the
/// report knows, once each.
fn disagreeing() -> (Schema, Schema) {
    let mut meta = Schema::default();
    add_type(
        &mut meta,
        "t.base",
        TypeKind::Entity,
        None,
        vec![structural("id", "Edm.String", META, 2)],
        META,
        1,
    );
    add_type(
        &mut meta,
        "t.thing",
        TypeKind::Entity,
        Some("t.base"),
        vec![
            structural("name", "Edm.String", META, 11),
            structural("count", "Edm.Int32", META, 12),
            structural("tags", "Collection(Edm.String)", META, 13),
            structural("note", "Edm.String", META, 14),
            navigation("owner", "t.person", META, 15),
        ],
        META,
        10,
    );
    add_type(
        &mut meta,
        "t.person",
        TypeKind::Complex,
        None,
        vec![structural("alias", "Edm.String", META, 21)],
        META,
        20,
    );
    add_type(
        &mut meta,
        "t.gone",
        TypeKind::Complex,
        None,
        vec![],
        META,
        30,
    );
    add_type(
        &mut meta,
        "t.Mixed",
        TypeKind::Complex,
        None,
        vec![structural("v", "Edm.Int32", META, 41)],
        META,
        40,
    );
    add_enum(
        &mut meta,
        "t.color",
        &[
            ("red", Some(0), 51),
            ("green", Some(1), 52),
            ("blue", Some(2), 53),
            ("yellow", Some(3), 54),
        ],
        META,
        50,
    );
    add_enum(&mut meta, "t.shape", &[("round", Some(0), 61)], META, 60);

    let mut docs = Schema::default();
    add_type(
        &mut docs,
        "t.base",
        TypeKind::Entity,
        None,
        vec![structural("id", "Edm.String", "base.md", 5)],
        "base.md",
        1,
    );
    add_type(
        &mut docs,
        "t.thing",
        TypeKind::Entity,
        Some("t.base"),
        vec![
            structural("name", "edm.string", "thing.md", 11),
            structural("count", "Edm.String", "thing.md", 12),
            structural("tags", "Edm.String", "thing.md", 13),
            structural("owner", "t.person", "thing.md", 14),
            structural("extra", "Edm.Boolean", "thing.md", 15),
        ],
        "thing.md",
        1,
    );
    add_type(
        &mut docs,
        "t.person",
        TypeKind::Entity,
        Some("t.base"),
        vec![structural("alias", "Edm.String", "person.md", 9)],
        "person.md",
        1,
    );
    add_type(
        &mut docs,
        "t.docsOnly",
        TypeKind::Complex,
        None,
        vec![],
        "only.md",
        3,
    );
    add_type(
        &mut docs,
        "t.mixed",
        TypeKind::Complex,
        None,
        vec![structural("v", "Edm.Int32", "mixed.md", 8)],
        "mixed.md",
        2,
    );
    add_enum(
        &mut docs,
        "t.color",
        &[
            ("red", Some(0), 11),
            ("green", Some(5), 12),
            ("Blue", None, 13),
            ("purple", None, 14),
        ],
        "color.md",
        10,
    );
    add_enum(&mut docs, "t.docsEnum", &[("a", None, 4)], "enum.md", 3);
    (docs, meta)
}

fn found(report: &DriftReport) -> Vec<(String, u32, DriftKind, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.file.clone(), f.line, f.kind, f.item.clone()))
        .collect()
}

fn row(file: &str, line: u32, kind: DriftKind, item: &str) -> (String, u32, DriftKind, String) {
    (file.to_string(), line, kind, item.to_string())
}

#[test]
fn each_disagreement_is_one_finding_at_the_docs_line() {
    let (docs, meta) = disagreeing();
    let report = compare(&docs, &meta);
    let expected = vec![
        row("base.md", 5, DriftKind::ExtraProperty, "t.person/id"),
        row(
            "color.md",
            10,
            DriftKind::EnumMemberMissing,
            "t.color/yellow",
        ),
        row("color.md", 12, DriftKind::EnumValueDiffers, "t.color/green"),
        row("color.md", 13, DriftKind::CaseDiffers, "t.color/blue"),
        row("color.md", 14, DriftKind::EnumMemberExtra, "t.color/purple"),
        row("enum.md", 3, DriftKind::EnumOnlyInDocs, "t.docsEnum"),
        row("meta.xml", 30, DriftKind::TypeMissingInDocs, "t.gone"),
        row("meta.xml", 60, DriftKind::EnumMissingInDocs, "t.shape"),
        row("mixed.md", 2, DriftKind::CaseDiffers, "t.Mixed"),
        row("only.md", 3, DriftKind::TypeOnlyInDocs, "t.docsOnly"),
        row("person.md", 1, DriftKind::TypeKindDiffers, "t.person"),
        row("person.md", 1, DriftKind::BaseTypeDiffers, "t.person"),
        row("thing.md", 1, DriftKind::MissingProperty, "t.thing/note"),
        row(
            "thing.md",
            12,
            DriftKind::PropertyTypeDiffers,
            "t.thing/count",
        ),
        row(
            "thing.md",
            13,
            DriftKind::PropertyTypeDiffers,
            "t.thing/tags",
        ),
        row(
            "thing.md",
            14,
            DriftKind::PropertyKindDiffers,
            "t.thing/owner",
        ),
        row("thing.md", 15, DriftKind::ExtraProperty, "t.thing/extra"),
    ];
    assert_eq!(found(&report), expected, "{}", report.to_human());

    let severities: Vec<Severity> = report.findings.iter().map(|f| f.severity).collect();
    for (f, s) in report.findings.iter().zip(severities) {
        let expected = if f.kind == DriftKind::CaseDiffers {
            Severity::Note
        } else {
            Severity::Warning
        };
        assert_eq!(s, expected, "{f}");
    }

    let message = |kind: DriftKind, item: &str| {
        report
            .findings
            .iter()
            .find(|f| f.kind == kind && f.item == item)
            .unwrap()
            .message
            .clone()
    };
    assert!(message(DriftKind::PropertyTypeDiffers, "t.thing/tags")
        .contains("`Collection(Edm.String)`"));
    assert!(message(DriftKind::BaseTypeDiffers, "t.person").contains("no base type"));
    assert_eq!(
        message(DriftKind::TypeKindDiffers, "t.person"),
        "`t.person` is an entity type in the docs but a complex type in the metadata"
    );
    assert_eq!(
        message(DriftKind::MissingProperty, "t.thing/note"),
        "`t.thing` lacks structural property `note` of type `Edm.String`"
    );
    assert!(message(DriftKind::ExtraProperty, "t.person/id").contains("inherited by `t.person`"));
    assert!(message(DriftKind::EnumValueDiffers, "t.color/green")
        .contains("docs say 5, metadata says 1"));
}

#[test]
fn scores_count_what_the_module_docs_say() {
    let (docs, meta) = disagreeing();
    let s = compare(&docs, &meta).scores;
    // Metadata types base, thing, person, gone, Mixed; all but gone are in the docs.
    assert_eq!(s.type_coverage, Ratio::new(4, 5));
    // Flattened properties, docs / metadata / matched:
    //   base 1/1/1, thing 6/6/5 (extra vs note), person 2/1/1 (inherited id), Mixed 1/1/1.
    assert_eq!(s.property_precision, Ratio::new(8, 10));
    assert_eq!(s.property_recall, Ratio::new(8, 9));
    assert_eq!(s.property_f1, Ratio::new(16, 19));
    let (p, r) = (0.8, 8.0 / 9.0);
    assert!((s.property_f1.value.unwrap() - 2.0 * p * r / (p + r)).abs() < 1e-12);
    // count and tags differ in type; `edm.string` equals `Edm.String` ignoring case.
    assert_eq!(s.type_accuracy, Ratio::new(6, 8));
    // owner is structural in the docs, navigation in the metadata.
    assert_eq!(s.kind_accuracy, Ratio::new(7, 8));
    // person has a base only in the docs; base and Mixed have none on both sides.
    assert_eq!(s.base_type_accuracy, Ratio::new(3, 4));
    assert_eq!(s.enum_coverage, Ratio::new(1, 2));
    // color: red, green, Blue~blue matched; purple extra; yellow missing.
    assert_eq!(s.enum_member_precision, Ratio::new(3, 4));
    assert_eq!(s.enum_member_recall, Ratio::new(3, 4));
    assert_eq!(s.enum_member_f1, Ratio::new(6, 8));
    assert_eq!(
        s.enum_member_f1_macro,
        Mean {
            count: 1,
            value: Some(0.75)
        }
    );
}

#[test]
fn base_type_disagreements_tell_unstated_bases_from_stated_ones() {
    let mut meta = Schema::default();
    let mut docs = Schema::default();
    for name in ["t.root", "t.other"] {
        add_type(&mut meta, name, TypeKind::Entity, None, vec![], META, 1);
        add_type(&mut docs, name, TypeKind::Entity, None, vec![], "x.md", 1);
    }
    let cases = [
        ("t.silent", None, None),
        ("t.nulled", None, Some(BaseTypeFrom::Annotation)),
        (
            "t.inferred",
            Some("t.other"),
            Some(BaseTypeFrom::Addressable),
        ),
        ("t.written", Some("t.other"), Some(BaseTypeFrom::Prose)),
    ];
    for (name, base, from) in cases {
        add_type(
            &mut meta,
            name,
            TypeKind::Entity,
            Some("t.root"),
            vec![],
            META,
            1,
        );
        add_type(&mut docs, name, TypeKind::Entity, base, vec![], "x.md", 1);
        docs.types.get_mut(name).unwrap().base_type_from = from;
    }
    let report = compare(&docs, &meta);
    assert_eq!(report.scores.base_type_accuracy, Ratio::new(2, 6));
    // The page says nothing, or graphdoc inferred the base: silent, inferred.
    assert_eq!(report.scores.base_type_unstated, 2);
    assert!(report
        .to_human()
        .contains("base-type disagreements where the page states no base: 2 of 4"));
    let message = |item: &str| {
        let f = report.findings.iter().find(|f| f.item == item).unwrap();
        f.message.clone()
    };
    assert!(message("t.nulled").contains("`\"baseType\": null`"));
    assert!(message("t.silent").contains("docs state no base type,"));
    assert!(message("t.inferred").contains("docs state no base type (graphdoc reads `t.other`"));
    assert!(message("t.written").contains("docs say `t.other` (stated in the text)"));
}

#[test]
fn macro_enum_member_f1_weighs_each_enum_once() {
    const DOCS: &str = "enums.md";
    let mut docs = Schema::default();
    let mut meta = Schema::default();
    // `small` agrees; `long` has 2 members in the metadata, and the docs add
    // 98 more.
    add_enum(
        &mut meta,
        "t.small",
        &[("a", None, 1), ("b", None, 2)],
        META,
        1,
    );
    add_enum(
        &mut docs,
        "t.small",
        &[("a", None, 1), ("b", None, 2)],
        DOCS,
        1,
    );
    add_enum(
        &mut meta,
        "t.long",
        &[("x", None, 3), ("y", None, 4)],
        META,
        3,
    );
    let names: Vec<String> = (0..98).map(|i| format!("extra{i}")).collect();
    let mut long: Vec<(&str, Option<i64>, u32)> = vec![("x", None, 10), ("y", None, 11)];
    long.extend(names.iter().map(|n| (n.as_str(), None, 12)));
    add_enum(&mut docs, "t.long", &long, DOCS, 10);
    // An enum with no members on either side has no F1 and is not averaged.
    add_enum(&mut meta, "t.empty", &[], META, 5);
    add_enum(&mut docs, "t.empty", &[], DOCS, 20);

    let report = compare(&docs, &meta);
    let s = &report.scores;
    // Micro: 4 matched of 102 docs and 4 metadata members.
    assert_eq!(s.enum_member_f1, Ratio::new(8, 106));
    // Macro: small 1.0, long 2*2/(100+2); mean of the two.
    let long_f1 = 4.0 / 102.0;
    assert_eq!(s.enum_member_f1_macro.count, 2);
    assert!((s.enum_member_f1_macro.value.unwrap() - (1.0 + long_f1) / 2.0).abs() < 1e-12);
    assert!(report
        .to_human()
        .contains("enum-member F1, macro (mean of per-enum F1): 0.5196 (mean over 2)"));
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["scores"]["enum_member_f1_macro"]["count"], 2);
}

#[test]
fn an_inherited_missing_property_is_reported_once_at_the_declaring_type() {
    let mut meta = Schema::default();
    add_type(
        &mut meta,
        "t.a",
        TypeKind::Entity,
        None,
        vec![structural("p", "Edm.String", META, 2)],
        META,
        1,
    );
    add_type(
        &mut meta,
        "t.b",
        TypeKind::Entity,
        Some("t.a"),
        vec![],
        META,
        5,
    );
    add_type(
        &mut meta,
        "t.c",
        TypeKind::Entity,
        Some("t.b"),
        vec![],
        META,
        8,
    );
    let mut docs = Schema::default();
    add_type(&mut docs, "t.a", TypeKind::Entity, None, vec![], "a.md", 1);
    add_type(
        &mut docs,
        "t.b",
        TypeKind::Entity,
        Some("t.a"),
        vec![],
        "b.md",
        1,
    );
    add_type(
        &mut docs,
        "t.c",
        TypeKind::Entity,
        Some("t.b"),
        vec![],
        "c.md",
        1,
    );

    let report = compare(&docs, &meta);
    assert_eq!(
        found(&report),
        vec![row("a.md", 1, DriftKind::MissingProperty, "t.a/p")]
    );
    assert!(
        report.findings[0]
            .message
            .ends_with("(and 2 more derived type(s))"),
        "{}",
        report.findings[0]
    );
    // Scores still count the property once per type.
    assert_eq!(report.scores.property_recall, Ratio::new(0, 3));
    assert_eq!(report.scores.property_precision, Ratio::new(0, 0));
    assert_eq!(report.scores.property_precision.value, None);

    // When the docs lack the declaring type, the nearest derived type reports it.
    docs.types.remove("t.a");
    docs.types.get_mut("t.b").unwrap().base_type = None;
    let report = compare(&docs, &meta);
    let missing: Vec<_> = found(&report)
        .into_iter()
        .filter(|f| f.2 == DriftKind::MissingProperty)
        .collect();
    assert_eq!(
        missing,
        vec![row("b.md", 1, DriftKind::MissingProperty, "t.b/p")]
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.kind == DriftKind::TypeMissingInDocs && f.item == "t.a"));
}

#[test]
fn a_property_differing_only_in_case_is_a_matched_note() {
    let mut meta = Schema::default();
    add_type(
        &mut meta,
        "t.a",
        TypeKind::Complex,
        None,
        vec![structural("displayName", "Edm.String", META, 2)],
        META,
        1,
    );
    let mut docs = Schema::default();
    add_type(
        &mut docs,
        "T.A",
        TypeKind::Complex,
        None,
        vec![structural("DisplayName", "Edm.String", "a.md", 7)],
        "a.md",
        1,
    );

    let report = compare(&docs, &meta);
    assert_eq!(
        found(&report),
        vec![
            row("a.md", 1, DriftKind::CaseDiffers, "t.a"),
            row("a.md", 7, DriftKind::CaseDiffers, "t.a/displayName")
        ]
    );
    assert!(report.findings.iter().all(|f| f.severity == Severity::Note));
    assert_eq!(report.scores.type_coverage, Ratio::new(1, 1));
    assert_eq!(report.scores.property_f1, Ratio::new(2, 2));

    // An exact spelling wins over a case-insensitive one.
    add_type(
        &mut docs,
        "t.a",
        TypeKind::Complex,
        None,
        vec![structural("displayName", "Edm.String", "a2.md", 7)],
        "a2.md",
        1,
    );
    let report = compare(&docs, &meta);
    assert_eq!(
        found(&report),
        vec![row("a.md", 1, DriftKind::TypeOnlyInDocs, "T.A")]
    );
}

#[test]
fn human_and_json_forms() {
    let (docs, meta) = disagreeing();
    let report = compare(&docs, &meta);
    let human = report.to_human();
    let lines: Vec<&str> = human.lines().collect();
    assert_eq!(
        lines[0],
        format!("base.md:5: extra-property: {}", report.findings[0].message)
    );
    for (line, finding) in lines.iter().zip(&report.findings) {
        assert!(
            line.starts_with(&format!(
                "{}:{}: {}: ",
                finding.file, finding.line, finding.kind
            )),
            "{line}"
        );
    }
    assert!(
        human.contains("\n17 findings (type-missing-in-docs: 1, "),
        "{human}"
    );
    assert!(human.contains("\ntype coverage: 0.8000 (4/5)\n"), "{human}");
    assert!(human.contains("\nproperty F1: 0.8421 (16/19)\n"), "{human}");

    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 17);
    assert_eq!(json["findings"][0]["kind"], "extra-property");
    assert_eq!(json["findings"][0]["severity"], "warning");
    assert_eq!(json["scores"]["type_coverage"]["numerator"], 4);
    assert_eq!(json["scores"]["type_coverage"]["denominator"], 5);
    assert_eq!(json["scores"]["type_coverage"]["value"], 0.8);

    // Nothing to compare: every score is n/a, not a division by zero.
    let empty = compare(&Schema::default(), &Schema::default());
    assert!(empty.findings.is_empty());
    assert!(empty.to_human().contains("\ntype coverage: n/a (0/0)\n"));
    assert!(empty.to_json().contains("\"value\": null"));
}

#[test]
fn real_metadata_agrees_with_itself() {
    let Some(path) = graphdoc_testdata::shared("metadata/v1.0.csdl.xml") else {
        return;
    };
    let xml = std::fs::read_to_string(&path).expect("the metadata reads");
    let metadata = csdl::read(&xml, "metadata/v1.0.csdl.xml").unwrap();
    let report = compare(&metadata, &metadata);
    assert!(report.findings.is_empty(), "{}", report.to_human());
    for (label, ratio) in report.scores.entries() {
        assert!(ratio.denominator > 0, "{label}");
        assert_eq!(ratio.value, Some(1.0), "{label}: {ratio}");
    }
    assert_eq!(
        report.scores.type_coverage.denominator,
        metadata.types.len()
    );

    // Dropping one type is seen as exactly that type missing.
    let mut docs = metadata.clone();
    let dropped = docs
        .types
        .keys()
        .find(|k| {
            !metadata
                .types
                .values()
                .any(|t| t.base_type.as_ref() == Some(*k))
        })
        .cloned()
        .unwrap();
    docs.types.remove(&dropped);
    let report = compare(&docs, &metadata);
    assert_eq!(
        found(&report)
            .into_iter()
            .map(|f| (f.2, f.3))
            .collect::<Vec<_>>(),
        vec![(DriftKind::TypeMissingInDocs, dropped)]
    );
    assert_eq!(
        report.scores.type_coverage,
        Ratio::new(metadata.types.len() - 1, metadata.types.len())
    );
}

#[test]
fn a_base_the_docs_do_not_state_is_reported_as_unstated() {
    let mut meta = Schema::default();
    add_type(&mut meta, "t.base", TypeKind::Entity, None, vec![], "m", 1);
    add_type(&mut meta, "t.root", TypeKind::Entity, None, vec![], "m", 2);
    add_type(
        &mut meta,
        "t.x",
        TypeKind::Entity,
        Some("t.base"),
        vec![],
        "m",
        3,
    );
    let mut docs = Schema::default();
    add_type(
        &mut docs,
        "t.base",
        TypeKind::Entity,
        None,
        vec![],
        "base.md",
        1,
    );
    add_type(
        &mut docs,
        "t.root",
        TypeKind::Entity,
        None,
        vec![],
        "root.md",
        1,
    );
    add_type(
        &mut docs,
        "t.x",
        TypeKind::Entity,
        Some("t.root"),
        vec![],
        "x.md",
        1,
    );
    let message_with = |from: Option<graphdoc_schema::BaseTypeFrom>| {
        let mut docs = docs.clone();
        docs.types.get_mut("t.x").unwrap().base_type_from = from;
        let report = compare(&docs, &meta);
        let f = report
            .findings
            .iter()
            .find(|f| f.kind == DriftKind::BaseTypeDiffers)
            .unwrap();
        f.message.clone()
    };
    use graphdoc_schema::BaseTypeFrom;
    assert_eq!(
        message_with(Some(BaseTypeFrom::Addressable)),
        "base type of `t.x`: docs state no base type (graphdoc reads `t.root` as the base of addressable types), metadata says `t.base`"
    );
    assert_eq!(
        message_with(Some(BaseTypeFrom::Annotation)),
        "base type of `t.x`: docs say `t.root` (stated by the annotation), metadata says `t.base`"
    );
    assert_eq!(
        message_with(None),
        "base type of `t.x`: docs say `t.root`, metadata says `t.base`"
    );
}

#[test]
fn a_type_changed_from_one_wrong_type_to_another_is_a_new_finding() {
    let mut meta = Schema::default();
    add_type(
        &mut meta,
        "t.a",
        TypeKind::Complex,
        None,
        vec![structural("size", "Edm.Int64", META, 2)],
        META,
        1,
    );
    let docs_saying = |ty: &str, line: u32| {
        let mut docs = Schema::default();
        add_type(
            &mut docs,
            "t.a",
            TypeKind::Complex,
            None,
            vec![structural("size", ty, "a.md", line)],
            "a.md",
            1,
        );
        compare(&docs, &meta).findings
    };
    let identity = |f: &graphdoc_lint::drift::DriftFinding| {
        graphdoc_lint::drift_command::to_finding(std::path::Path::new(""), f).identity()
    };
    let before = docs_saying("Edm.Int32", 7);
    let moved = docs_saying("Edm.Int32", 12);
    let changed = docs_saying("Edm.String", 7);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].kind, DriftKind::PropertyTypeDiffers);
    // Lines moving keep the identity; another wrong type does not.
    assert_eq!(identity(&before[0]), identity(&moved[0]));
    assert_ne!(identity(&before[0]), identity(&changed[0]));
    assert_eq!(changed[0].key(), "property-type-differs: Edm.String");
}

#[test]
fn one_drift_finding_is_counted_in_the_singular() {
    let mut report = compare(&Schema::default(), &Schema::default());
    report.findings.push(graphdoc_lint::drift::DriftFinding {
        file: "a.md".into(),
        line: 1,
        kind: DriftKind::ExtraProperty,
        item: "t/p".into(),
        message: "m".into(),
        severity: DriftKind::ExtraProperty.severity(),
        docs_say: String::new(),
    });
    let summary = report.summary();
    assert!(
        summary.starts_with("1 finding (extra-property: 1)\n"),
        "{summary}"
    );
}
