//! Property tests: whatever the names and texts, writing then reading gives
//! the schema back, and no input makes the reader panic.

use graphdoc_schema::{
    csdl, EnumDef, EnumMember, Property, PropertyKind, Schema, Source, TypeDef, TypeKind, TypeRef,
};
use proptest::prelude::*;

/// Text XML 1.0 can carry, markup characters and line breaks included.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 <>&\"'\t\r\n\u{e9}\u{4e2d}\u{1F600}]{0,12}").unwrap()
}

fn identifier() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z_][a-zA-Z0-9_]{0,8}").unwrap()
}

fn property() -> impl Strategy<Value = Property> {
    (
        identifier(),
        identifier(),
        any::<bool>(),
        any::<bool>(),
        text(),
        any::<bool>(),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(name, ty, collection, navigation, description, read_only, nullable)| Property {
                name,
                ty: TypeRef::new(format!("ns.{ty}"), collection),
                kind: if navigation {
                    PropertyKind::Navigation
                } else {
                    PropertyKind::Structural
                },
                description,
                read_only,
                nullable,
                possible_values: Vec::new(),
                query_options: Vec::new(),
                required_on_create: false,
                source: Source::default(),
            },
        )
}

fn schema() -> impl Strategy<Value = Schema> {
    let type_def = (
        identifier(),
        prop_oneof![Just("ns"), Just("ns.sub")],
        any::<bool>(),
        prop::option::of(identifier()),
        prop::option::of(prop::collection::vec(identifier(), 1..3)),
        any::<bool>(),
        any::<bool>(),
        text(),
        prop::collection::vec(property(), 0..4),
    )
        .prop_map(
            |(
                name,
                namespace,
                entity,
                base,
                key,
                is_abstract,
                is_open,
                description,
                mut properties,
            )| {
                // Structural first, as the reader orders them.
                properties.sort_by_key(|p| p.kind == PropertyKind::Navigation);
                TypeDef {
                    name,
                    namespace: namespace.to_string(),
                    kind: if entity {
                        TypeKind::Entity
                    } else {
                        TypeKind::Complex
                    },
                    base_type: base.map(|b| format!("ns.{b}")),
                    base_type_from: None,
                    key: key.map(|k| k.join(",")),
                    is_abstract,
                    is_open,
                    description,
                    properties,
                    optional_properties: Vec::new(),
                    source: Source::default(),
                }
            },
        );
    let member = (identifier(), prop::option::of(any::<i64>()), text()).prop_map(
        |(name, value, description)| EnumMember {
            name,
            value,
            description,
            source: Source::default(),
        },
    );
    let enum_def = (
        identifier(),
        any::<bool>(),
        text(),
        prop::collection::vec(member, 0..4),
    )
        .prop_map(|(name, is_flags, description, members)| EnumDef {
            name,
            namespace: "ns".to_string(),
            is_flags,
            description,
            members,
            source: Source::default(),
        });
    (
        prop::collection::vec(type_def, 0..4),
        prop::collection::vec(enum_def, 0..3),
    )
        .prop_map(|(types, enums)| {
            let mut schema = Schema::default();
            for t in types {
                schema.types.insert(t.qualified_name(), t);
            }
            for e in enums {
                schema.enums.insert(e.qualified_name(), e);
            }
            schema
        })
}

fn without_sources(mut schema: Schema) -> Schema {
    for t in schema.types.values_mut() {
        t.source = Source::default();
        t.properties
            .iter_mut()
            .for_each(|p| p.source = Source::default());
    }
    for e in schema.enums.values_mut() {
        e.source = Source::default();
        e.members
            .iter_mut()
            .for_each(|m| m.source = Source::default());
    }
    schema
}

proptest! {
    #[test]
    fn write_then_read_gives_the_schema_back(schema in schema()) {
        let written = csdl::write(&schema);
        let again = csdl::read(&written, "w.xml").map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
        prop_assert_eq!(without_sources(again), schema);
    }

    #[test]
    fn reading_never_panics(schema in schema(), cut in any::<prop::sample::Index>(), insert in "[<>&\"'/=a-z \n]{0,4}") {
        let written = csdl::write(&schema);
        let mut at = cut.index(written.len() + 1);
        while !written.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{insert}{}", &written[..at], &written[at..]);
        if let Err(e) = csdl::read(&mangled, "m.xml") {
            prop_assert!(e.line >= 1 && e.column >= 1, "{}", e);
        }
        let truncated = &written[..at];
        if let Err(e) = csdl::read(truncated, "t.xml") {
            prop_assert!(e.line >= 1, "{}", e);
        }
    }
}
