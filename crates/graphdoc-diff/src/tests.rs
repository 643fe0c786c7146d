//! Unit tests on small hand-built schemas: one per kind of change and
//! classification.

use crate::*;
use graphdoc_schema::{
    EnumDef, EnumMember, Operation, Property, PropertyKind, Schema, Source, TypeDef, TypeKind,
    TypeRef,
};

fn src(file: &str, line: u32) -> Source {
    Source::new(file, line)
}

fn prop(name: &str, ty: &str) -> Property {
    Property {
        name: name.into(),
        ty: TypeRef::new(ty, false),
        kind: PropertyKind::Structural,
        description: String::new(),
        read_only: false,
        nullable: None,
        possible_values: vec![],
        query_options: vec![],
        required_on_create: false,
        source: src("t.md", 10),
    }
}

fn ty(name: &str, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        properties,
        ..TypeDef::new(
            name,
            "microsoft.graph",
            TypeKind::Entity,
            src(&format!("{name}.md"), 1),
        )
    }
}

fn member(name: &str, value: Option<i64>) -> EnumMember {
    EnumMember {
        name: name.into(),
        value,
        description: String::new(),
        source: src("e.md", 5),
    }
}

fn enumeration(name: &str, members: &[&str]) -> EnumDef {
    EnumDef {
        name: name.into(),
        namespace: "microsoft.graph".into(),
        is_flags: false,
        description: String::new(),
        members: members.iter().map(|m| member(m, None)).collect(),
        source: src(&format!("{name}.md"), 1),
    }
}

fn op(method: &str, paths: &[&str], file: &str) -> Operation {
    Operation {
        title: format!("{method} thing"),
        method: method.into(),
        paths: paths.iter().map(|p| p.to_string()).collect(),
        request_body: vec![],
        request_type: None,
        response_type: None,
        request_options: Default::default(),
        examples: vec![],
        source: src(file, 3),
    }
}

fn schema(version: &str, types: Vec<TypeDef>, enums: Vec<EnumDef>, ops: Vec<Operation>) -> Schema {
    Schema {
        version: version.into(),
        types: types.into_iter().map(|t| (t.qualified_name(), t)).collect(),
        enums: enums.into_iter().map(|e| (e.qualified_name(), e)).collect(),
        operations: ops,
    }
}

fn types_only(version: &str, types: Vec<TypeDef>) -> Schema {
    schema(version, types, vec![], vec![])
}

fn run(from: &Schema, to: &Schema) -> SchemaDiff {
    diff(from, to, &DiffOptions::default())
}

/// The only change of the diff; fails when there are none or several.
fn single(d: &SchemaDiff) -> &Change {
    assert_eq!(
        d.changes.len(),
        1,
        "expected one change, got {:#?}",
        d.changes
    );
    &d.changes[0]
}

fn with_prop(p: Property) -> Schema {
    types_only("x", vec![ty("thing", vec![p])])
}

#[test]
fn identical_schemas_have_no_changes() {
    let s = schema(
        "v1.0",
        vec![ty("thing", vec![prop("a", "Edm.String")])],
        vec![enumeration("colour", &["red"])],
        vec![op("GET", &["/things"], "a.md")],
    );
    let d = run(&s, &s);
    assert!(d.is_empty());
    assert!(!d.has_breaking());
    assert_eq!(d.counts().total.total(), 0);
    assert_eq!(d.from, "v1.0");
}

#[test]
fn labels_default_to_versions_and_can_be_set() {
    let a = types_only("v1.0", vec![]);
    let b = types_only("beta", vec![]);
    let d = run(&a, &b);
    assert_eq!((d.from.as_str(), d.to.as_str()), ("v1.0", "beta"));
    let options = DiffOptions {
        from_label: Some("main".into()),
        to_label: Some("branch".into()),
        ..DiffOptions::default()
    };
    let d = diff(&a, &b, &options);
    assert_eq!((d.from.as_str(), d.to.as_str()), ("main", "branch"));
}

#[test]
fn type_added_is_additive_with_to_source() {
    let d = run(
        &types_only("a", vec![]),
        &types_only("b", vec![ty("thing", vec![])]),
    );
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::TypeAdded);
    assert_eq!(c.compatibility, Compatibility::Additive);
    assert_eq!(c.subject, "microsoft.graph.thing");
    assert_eq!(c.after.as_deref(), Some("entity"));
    assert_eq!(c.source, src("thing.md", 1));
    assert!(!d.has_breaking());
}

#[test]
fn type_removed_is_breaking_with_from_source() {
    let d = run(
        &types_only("a", vec![ty("thing", vec![prop("p", "Edm.String")])]),
        &types_only("b", vec![]),
    );
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::TypeRemoved);
    assert!(c.is_breaking());
    assert_eq!(c.source, src("thing.md", 1));
    assert!(d.has_breaking());
    // A removed type's properties are not listed again as missing.
    assert!(d.missing_in_to.is_empty());
}

#[test]
fn property_added_is_additive_unless_required_on_create() {
    let from = with_prop(prop("a", "Edm.String"));
    let mut added = ty(
        "thing",
        vec![prop("a", "Edm.String"), prop("b", "Edm.Int32")],
    );
    added.properties[1].source = src("new.md", 42);
    let d = run(&from, &types_only("x", vec![added.clone()]));
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyAdded);
    assert_eq!(c.member.as_deref(), Some("b"));
    assert_eq!(c.after.as_deref(), Some("Edm.Int32"));
    assert_eq!(c.compatibility, Compatibility::Additive);
    assert_eq!(c.source, src("new.md", 42));

    added.properties[1].required_on_create = true;
    let d = run(&from, &types_only("x", vec![added]));
    assert_eq!(single(&d).compatibility, Compatibility::Breaking);
}

#[test]
fn property_removed_is_breaking_and_listed_as_missing() {
    let mut old = prop("gone", "Edm.String");
    old.source = src("old.md", 7);
    let from = types_only(
        "v1.0",
        vec![ty("thing", vec![prop("a", "Edm.String"), old])],
    );
    let to = types_only("beta", vec![ty("thing", vec![prop("a", "Edm.String")])]);
    let d = run(&from, &to);
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyRemoved);
    assert!(c.is_breaking());
    assert_eq!(c.before.as_deref(), Some("Edm.String"));
    assert_eq!(c.source, src("old.md", 7));
    assert_eq!(
        d.missing_in_to,
        vec![MissingProperty {
            type_name: "microsoft.graph.thing".into(),
            property: "gone".into(),
            source: src("old.md", 7)
        }]
    );
}

#[test]
fn property_type_change_is_breaking_including_collection() {
    let d = run(
        &with_prop(prop("a", "Edm.String")),
        &with_prop(prop("a", "Edm.Int64")),
    );
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyTypeChanged);
    assert!(c.is_breaking());
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("Edm.String"), Some("Edm.Int64"))
    );

    let mut many = prop("a", "Edm.String");
    many.ty.collection = true;
    let d = run(
        &with_prop(prop("a", "Edm.String")),
        &with_prop(many.clone()),
    );
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyTypeChanged);
    assert!(c.is_breaking());
    assert_eq!(c.after.as_deref(), Some("Collection(Edm.String)"));
    assert!(c.reason.contains("became a collection"), "{}", c.reason);

    let d = run(&with_prop(many), &with_prop(prop("a", "Edm.String")));
    assert!(single(&d).reason.contains("became a single value"));
}

#[test]
fn nullability_classification() {
    let with = |nullable: Option<bool>, read_only: bool| {
        let mut p = prop("a", "Edm.String");
        p.nullable = nullable;
        p.read_only = read_only;
        with_prop(p)
    };
    // Unstated means nullable: no change either way.
    assert!(run(&with(None, false), &with(Some(true), false)).is_empty());
    assert!(run(&with(Some(true), false), &with(None, false)).is_empty());

    // Becoming nullable breaks readers.
    let d = run(&with(Some(false), false), &with(None, false));
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyNullabilityChanged);
    assert!(c.is_breaking());
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("not nullable"), Some("nullable"))
    );

    // Becoming not nullable breaks writers of a writable property...
    let d = run(&with(Some(true), false), &with(Some(false), false));
    assert!(single(&d).is_breaking());
    // ...but not readers of a read-only one.
    let d = run(&with(None, true), &with(Some(false), true));
    assert_eq!(single(&d).compatibility, Compatibility::Additive);
}

#[test]
fn read_only_classification() {
    let with = |read_only: bool| {
        let mut p = prop("a", "Edm.String");
        p.read_only = read_only;
        with_prop(p)
    };
    let d = run(&with(false), &with(true));
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyReadOnlyChanged);
    assert!(c.is_breaking());
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("writable"), Some("read-only"))
    );
    let d = run(&with(true), &with(false));
    assert_eq!(single(&d).compatibility, Compatibility::Additive);
}

#[test]
fn property_kind_change_is_breaking() {
    let mut nav = prop("manager", "microsoft.graph.user");
    nav.kind = PropertyKind::Navigation;
    let d = run(
        &with_prop(prop("manager", "microsoft.graph.user")),
        &with_prop(nav),
    );
    let c = single(&d);
    assert_eq!(c.kind, ChangeKind::PropertyKindChanged);
    assert!(c.is_breaking());
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("structural"), Some("navigation"))
    );
}

#[test]
fn type_header_changes() {
    let base = ty("thing", vec![]);
    let check = |change: fn(&mut TypeDef), kind: ChangeKind, compatibility: Compatibility| {
        let mut after = base.clone();
        change(&mut after);
        let d = run(
            &types_only("a", vec![base.clone()]),
            &types_only("b", vec![after]),
        );
        let c = single(&d);
        assert_eq!((c.kind, c.compatibility), (kind, compatibility), "{c:#?}");
        assert_eq!(c.member, None);
        assert_eq!(c.source, src("thing.md", 1));
    };
    check(
        |t| t.kind = TypeKind::Complex,
        ChangeKind::TypeKindChanged,
        Compatibility::Breaking,
    );
    check(
        |t| t.base_type = Some("microsoft.graph.entity".into()),
        ChangeKind::BaseTypeChanged,
        Compatibility::Breaking,
    );
    check(
        |t| t.is_abstract = true,
        ChangeKind::AbstractChanged,
        Compatibility::Breaking,
    );
    check(
        |t| t.is_open = true,
        ChangeKind::OpenChanged,
        Compatibility::Additive,
    );

    let mut abstract_open = base.clone();
    abstract_open.is_abstract = true;
    abstract_open.is_open = true;
    let d = run(
        &types_only("a", vec![abstract_open]),
        &types_only("b", vec![base.clone()]),
    );
    let classes: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.compatibility))
        .collect();
    assert_eq!(
        classes,
        vec![
            (ChangeKind::AbstractChanged, Compatibility::Additive),
            (ChangeKind::OpenChanged, Compatibility::Breaking),
        ]
    );
}

#[test]
fn base_type_change_shows_both_sides() {
    let mut old = ty("thing", vec![]);
    old.base_type = Some("microsoft.graph.a".into());
    let new = ty("thing", vec![]);
    let d = run(&types_only("a", vec![old]), &types_only("b", vec![new]));
    let c = single(&d);
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("microsoft.graph.a"), Some("(none)"))
    );
}

#[test]
fn property_moved_to_base_type_is_not_removed_from_the_subtype() {
    let mut child_before = ty("child", vec![prop("shared", "Edm.String")]);
    child_before.base_type = Some("microsoft.graph.parent".into());
    let from = types_only("a", vec![ty("parent", vec![]), child_before]);

    let mut child_after = ty("child", vec![]);
    child_after.base_type = Some("microsoft.graph.parent".into());
    let to = types_only(
        "b",
        vec![
            ty("parent", vec![prop("shared", "Edm.String")]),
            child_after,
        ],
    );

    let d = run(&from, &to);
    let c = single(&d);
    assert_eq!(
        (c.kind, c.subject.as_str()),
        (ChangeKind::PropertyAdded, "microsoft.graph.parent")
    );
    assert!(d.missing_in_to.is_empty());

    // Moving it back down reports the removal from the parent only, and a
    // changed type on the child is still seen.
    let mut child_down = ty("child", vec![prop("shared", "Edm.Int32")]);
    child_down.base_type = Some("microsoft.graph.parent".into());
    let down = types_only("c", vec![ty("parent", vec![]), child_down]);
    let d = run(&to, &down);
    let kinds: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.subject.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("microsoft.graph.child", ChangeKind::PropertyTypeChanged),
            ("microsoft.graph.parent", ChangeKind::PropertyRemoved),
        ]
    );
}

#[test]
fn duplicate_property_rows_count_once() {
    let from = with_prop(prop("a", "Edm.String"));
    let to = types_only(
        "x",
        vec![ty(
            "thing",
            vec![
                prop("a", "Edm.String"),
                prop("b", "Edm.String"),
                prop("b", "Edm.Int32"),
            ],
        )],
    );
    let d = run(&from, &to);
    assert_eq!(single(&d).after.as_deref(), Some("Edm.String"));
}

#[test]
fn enum_added_and_removed() {
    let e = enumeration("colour", &["red"]);
    let d = run(
        &schema("a", vec![], vec![], vec![]),
        &schema("b", vec![], vec![e.clone()], vec![]),
    );
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumAdded, Compatibility::Additive)
    );
    assert_eq!(c.subject, "microsoft.graph.colour");
    let d = run(
        &schema("a", vec![], vec![e], vec![]),
        &schema("b", vec![], vec![], vec![]),
    );
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumRemoved, Compatibility::Breaking)
    );
}

fn enums_only(e: EnumDef) -> Schema {
    schema("x", vec![], vec![e], vec![])
}

#[test]
fn enum_member_added_is_additive_only_after_unknown_future_value() {
    let from = enumeration("colour", &["red", "unknownFutureValue"]);
    let evolvable = enumeration("colour", &["red", "unknownFutureValue", "green"]);
    let d = run(&enums_only(from.clone()), &enums_only(evolvable));
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumMemberAdded, Compatibility::Additive)
    );
    assert_eq!(c.member.as_deref(), Some("green"));

    let before_sentinel = enumeration("colour", &["red", "green", "unknownFutureValue"]);
    let d = run(&enums_only(from), &enums_only(before_sentinel));
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumMemberAdded, Compatibility::Breaking)
    );

    let d = run(
        &enums_only(enumeration("colour", &["red"])),
        &enums_only(enumeration("colour", &["red", "green"])),
    );
    assert!(single(&d).is_breaking());
}

#[test]
fn enum_member_removed_is_breaking() {
    let d = run(
        &enums_only(enumeration("colour", &["red", "green"])),
        &enums_only(enumeration("colour", &["red"])),
    );
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumMemberRemoved, Compatibility::Breaking)
    );
    assert_eq!(c.member.as_deref(), Some("green"));
}

#[test]
fn enum_member_renumbered_only_when_both_values_are_known() {
    let with = |value: Option<i64>| {
        let mut e = enumeration("colour", &[]);
        e.members.push(member("red", value));
        enums_only(e)
    };
    let d = run(&with(Some(0)), &with(Some(1)));
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumMemberRenumbered, Compatibility::Breaking)
    );
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("0"), Some("1"))
    );
    assert!(run(&with(None), &with(Some(1))).is_empty());
    assert!(run(&with(Some(1)), &with(Some(1))).is_empty());
}

#[test]
fn enum_flags_change_is_breaking_both_ways() {
    let plain = enumeration("colour", &["red"]);
    let mut flags = plain.clone();
    flags.is_flags = true;
    let d = run(&enums_only(plain.clone()), &enums_only(flags.clone()));
    let c = single(&d);
    assert_eq!(
        (c.kind, c.compatibility),
        (ChangeKind::EnumFlagsChanged, Compatibility::Breaking)
    );
    assert!(run(&enums_only(flags), &enums_only(plain)).has_breaking());
}

fn ops_only(ops: Vec<Operation>) -> Schema {
    schema("x", vec![], vec![], ops)
}

#[test]
fn operations_match_by_method_and_normalized_path() {
    let from = ops_only(vec![op("GET", &["/users/{user-id}"], "a.md")]);
    let to = ops_only(vec![op("get", &["/users/{id}/"], "b.md")]);
    assert!(run(&from, &to).is_empty());
}

#[test]
fn operation_added_and_removed() {
    let from = ops_only(vec![
        op("GET", &["/users/{id}", "/me"], "get.md"),
        op("DELETE", &["/users/{id}"], "del.md"),
    ]);
    let to = ops_only(vec![
        op("GET", &["/users/{id}"], "get.md"),
        op("PATCH", &["/users/{user-id}"], "patch.md"),
    ]);
    let d = run(&from, &to);
    let found: Vec<_> = d
        .changes
        .iter()
        .map(|c| {
            (
                c.kind,
                c.compatibility,
                c.member.as_deref().unwrap(),
                c.source.file.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                ChangeKind::OperationRemoved,
                Compatibility::Breaking,
                "DELETE /users/{id}",
                "del.md"
            ),
            (
                ChangeKind::OperationRemoved,
                Compatibility::Breaking,
                "GET /me",
                "get.md"
            ),
            (
                ChangeKind::OperationAdded,
                Compatibility::Additive,
                "PATCH /users/{user-id}",
                "patch.md"
            ),
        ]
    );
    assert!(d.changes.iter().all(|c| c.subject == OPERATIONS_SUBJECT));
    assert_eq!(d.changes[2].after.as_deref(), Some("PATCH thing"));
}

#[test]
fn descriptions_only_when_asked() {
    let mut t_old = ty("thing", vec![prop("a", "Edm.String")]);
    let mut t_new = t_old.clone();
    t_old.description = "Old.".into();
    t_new.description = "New.".into();
    t_new.properties[0].description = "A value.".into();
    let mut e_old = enumeration("colour", &["red"]);
    let mut e_new = e_old.clone();
    e_old.description = "Colours".into();
    e_new.members[0].description = "Red.".into();
    let from = schema("a", vec![t_old], vec![e_old], vec![]);
    let to = schema("b", vec![t_new], vec![e_new], vec![]);

    assert!(run(&from, &to).is_empty());
    let options = DiffOptions {
        include_descriptions: true,
        ..DiffOptions::default()
    };
    let d = diff(&from, &to, &options);
    let kinds: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.compatibility))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ChangeKind::EnumDescriptionChanged, Compatibility::Additive),
            (
                ChangeKind::EnumMemberDescriptionChanged,
                Compatibility::Additive
            ),
            (ChangeKind::TypeDescriptionChanged, Compatibility::Additive),
            (
                ChangeKind::PropertyDescriptionChanged,
                Compatibility::Additive
            ),
        ]
    );
    assert_eq!(d.changes[2].before.as_deref(), Some("Old."));
    assert_eq!(d.changes[2].after.as_deref(), Some("New."));
}

#[test]
fn counts_and_ordering() {
    let from = schema(
        "a",
        vec![
            ty("zeta", vec![prop("old", "Edm.String")]),
            ty("alpha", vec![]),
        ],
        vec![],
        vec![op("GET", &["/gone"], "g.md")],
    );
    let to = schema(
        "b",
        vec![
            ty("zeta", vec![prop("new", "Edm.String")]),
            ty("beta", vec![]),
        ],
        vec![],
        vec![],
    );
    let d = run(&from, &to);
    let order: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.subject.as_str(), c.kind))
        .collect();
    assert_eq!(
        order,
        vec![
            ("microsoft.graph.alpha", ChangeKind::TypeRemoved),
            ("microsoft.graph.beta", ChangeKind::TypeAdded),
            ("microsoft.graph.zeta", ChangeKind::PropertyAdded),
            ("microsoft.graph.zeta", ChangeKind::PropertyRemoved),
            (OPERATIONS_SUBJECT, ChangeKind::OperationRemoved),
        ]
    );
    let counts = d.counts();
    assert_eq!(
        counts.total,
        Tally {
            breaking: 3,
            additive: 2
        }
    );
    assert_eq!(
        counts.by_kind[&ChangeKind::TypeRemoved],
        Tally {
            breaking: 1,
            additive: 0
        }
    );
    assert_eq!(
        counts.by_kind[&ChangeKind::PropertyAdded],
        Tally {
            breaking: 0,
            additive: 1
        }
    );
    assert!(!counts.by_kind.contains_key(&ChangeKind::EnumAdded));
    let groups: Vec<_> = d
        .by_subject()
        .iter()
        .map(|(s, cs)| (*s, cs.len()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("microsoft.graph.alpha", 1),
            ("microsoft.graph.beta", 1),
            ("microsoft.graph.zeta", 2),
            (OPERATIONS_SUBJECT, 1)
        ]
    );
}

#[test]
fn result_does_not_depend_on_operation_order() {
    let a = op("GET", &["/x"], "a.md");
    let b = op("GET", &["/x/{id}"], "b.md");
    let empty = ops_only(vec![]);
    let d1 = run(&empty, &ops_only(vec![a.clone(), b.clone()]));
    let d2 = run(&empty, &ops_only(vec![b, a]));
    assert_eq!(d1, d2);
    assert_eq!(d1.to_json(), d2.to_json());
}

#[test]
fn duplicate_operations_pick_the_same_one_in_any_order() {
    let a = op("GET", &["/things/{thing-id}"], "same.md");
    let b = op("GET", &["/things/{id}"], "same.md");
    let empty = ops_only(vec![]);
    let d1 = run(&empty, &ops_only(vec![a.clone(), b.clone()]));
    let d2 = run(&empty, &ops_only(vec![b, a]));
    assert_eq!(single(&d1).member.as_deref(), Some("GET /things/{id}"));
    assert_eq!(d1, d2);
}
