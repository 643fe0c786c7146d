//! Properties that hold for any pair of schemas, on small random ones drawn
//! from a few names so that the two sides overlap.

use graphdoc_diff::{diff, normalize_path, ChangeKind, DiffOptions};
use graphdoc_schema::{
    EnumDef, EnumMember, Operation, Property, PropertyKind, Schema, Source, TypeDef, TypeKind,
    TypeRef,
};
use proptest::prelude::*;

const NAMES: [&str; 4] = ["a", "b", "c", "d"];
const PRIMITIVES: [&str; 3] = ["Edm.String", "Edm.Int32", "Edm.Boolean"];

fn property() -> impl Strategy<Value = Property> {
    (
        0..4usize,
        0..3usize,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(
            |(name, ty, collection, read_only, nullable, navigation)| Property {
                name: NAMES[name].into(),
                ty: TypeRef::new(PRIMITIVES[ty], collection),
                kind: if navigation {
                    PropertyKind::Navigation
                } else {
                    PropertyKind::Structural
                },
                description: String::new(),
                read_only,
                nullable,
                possible_values: vec![],
                query_options: vec![],
                required_on_create: false,
                source: Source::new("p.md", 1),
            },
        )
}

fn type_def() -> impl Strategy<Value = TypeDef> {
    (
        0..4usize,
        prop::option::of(0..4usize),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(property(), 0..4),
    )
        .prop_map(|(name, base, complex, is_abstract, properties)| TypeDef {
            name: format!("t{}", NAMES[name]),
            namespace: "microsoft.graph".into(),
            kind: if complex {
                TypeKind::Complex
            } else {
                TypeKind::Entity
            },
            // Cycles are allowed on purpose: the diff must not loop.
            base_type: base.map(|b| format!("microsoft.graph.t{}", NAMES[b])),
            base_type_from: None,
            key: None,
            is_abstract,
            is_open: false,
            description: String::new(),
            properties,
            optional_properties: vec![],
            source: Source::new("t.md", 1),
        })
}

fn enum_def() -> impl Strategy<Value = EnumDef> {
    (
        0..2usize,
        any::<bool>(),
        prop::collection::vec((0..4usize, prop::option::of(0..3i64)), 0..4),
    )
        .prop_map(|(name, is_flags, members)| EnumDef {
            name: format!("e{}", NAMES[name]),
            namespace: "microsoft.graph".into(),
            is_flags,
            description: String::new(),
            members: members
                .into_iter()
                .map(|(m, value)| EnumMember {
                    name: ["x", "y", "unknownFutureValue", "z"][m].into(),
                    value,
                    description: String::new(),
                    source: Source::new("e.md", 1),
                })
                .collect(),
            source: Source::new("e.md", 1),
        })
}

fn operation() -> impl Strategy<Value = Operation> {
    (
        0..3usize,
        prop::collection::vec("/(x|y)(/\\{[a-z-]{0,4}\\})?", 1..3),
    )
        .prop_map(|(m, paths)| Operation {
            title: String::new(),
            method: ["GET", "post", "DELETE"][m].into(),
            paths,
            request_body: vec![],
            request_type: None,
            response_type: None,
            request_options: Default::default(),
            examples: vec![],
            source: Source::new("o.md", 1),
        })
}

fn schema() -> impl Strategy<Value = Schema> {
    (
        prop::collection::vec(type_def(), 0..4),
        prop::collection::vec(enum_def(), 0..2),
        prop::collection::vec(operation(), 0..3),
    )
        .prop_map(|(types, enums, operations)| Schema {
            version: "x".into(),
            types: types.into_iter().map(|t| (t.qualified_name(), t)).collect(),
            enums: enums.into_iter().map(|e| (e.qualified_name(), e)).collect(),
            operations,
        })
}

/// Where a change is, without its class or values.
fn located(kind: ChangeKind, c: &graphdoc_diff::Change) -> (ChangeKind, String, Option<String>) {
    (kind, c.subject.clone(), c.member.clone())
}

fn mirror(kind: ChangeKind) -> ChangeKind {
    use ChangeKind::*;
    match kind {
        TypeAdded => TypeRemoved,
        TypeRemoved => TypeAdded,
        PropertyAdded => PropertyRemoved,
        PropertyRemoved => PropertyAdded,
        EnumAdded => EnumRemoved,
        EnumRemoved => EnumAdded,
        EnumMemberAdded => EnumMemberRemoved,
        EnumMemberRemoved => EnumMemberAdded,
        OperationAdded => OperationRemoved,
        OperationRemoved => OperationAdded,
        other => other,
    }
}

proptest! {
    #[test]
    fn a_schema_does_not_differ_from_itself(s in schema()) {
        prop_assert!(diff(&s, &s, &DiffOptions::default()).is_empty());
    }

    #[test]
    fn swapping_the_sides_mirrors_every_change(a in schema(), b in schema()) {
        let options = DiffOptions::default();
        let forward = diff(&a, &b, &options);
        let backward = diff(&b, &a, &options);
        let mut there: Vec<_> = forward.changes.iter().map(|c| located(mirror(c.kind), c)).collect();
        let mut back: Vec<_> = backward.changes.iter().map(|c| located(c.kind, c)).collect();
        // Operation members are written as on the side they come from, so
        // compare operations by kind only.
        for list in [&mut there, &mut back] {
            for item in list.iter_mut() {
                if item.1 == graphdoc_diff::OPERATIONS_SUBJECT {
                    item.2 = None;
                }
            }
            list.sort();
        }
        prop_assert_eq!(there, back);
        // Removing something is always breaking.
        prop_assert!(forward.changes.iter().filter(|c| c.kind.is_removal()).all(|c| c.is_breaking()));
    }

    #[test]
    fn output_is_deterministic(a in schema(), b in schema()) {
        let options = DiffOptions { include_descriptions: true, ..DiffOptions::default() };
        let mut b_reordered = b.clone();
        b_reordered.operations.reverse();
        let one = diff(&a, &b, &options);
        let two = diff(&a, &b_reordered, &options);
        prop_assert_eq!(one.to_json(), two.to_json());
        prop_assert_eq!(one.to_text(false), two.to_text(false));
        prop_assert_eq!(one.to_markdown(), two.to_markdown());
    }

    #[test]
    fn normalize_path_never_panics(path in "\\PC{0,60}") {
        let normalized = normalize_path(&path);
        prop_assert!(normalized.starts_with('/'));
    }
}
