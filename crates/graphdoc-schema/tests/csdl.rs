//! The CSDL reader and writer: small documents, round trips, and the real v1.0 metadata.

use graphdoc_schema::{csdl, PropertyKind, Schema, Source, TypeKind, TypeRef};

/// The real v1.0 metadata, or `None` (after a skip message) when the shared
/// inputs are absent outside CI.
fn real_metadata() -> Option<String> {
    let path = graphdoc_testdata::shared("metadata/v1.0.csdl.xml")?;
    Some(std::fs::read_to_string(&path).expect("the metadata reads"))
}

/// Sources are positions in the document read, so a written-and-read schema
/// differs from the original only there; blank them before comparing.
fn without_sources(mut schema: Schema) -> Schema {
    for t in schema.types.values_mut() {
        t.source = Source::default();
        for p in &mut t.properties {
            p.source = Source::default();
        }
    }
    for e in schema.enums.values_mut() {
        e.source = Source::default();
        for m in &mut e.members {
            m.source = Source::default();
        }
    }
    schema
}

#[test]
fn real_metadata_counts_match_a_plain_scan() {
    let Some(xml) = real_metadata() else { return };
    let schema = csdl::read(&xml, "metadata/v1.0.csdl.xml").expect("real metadata reads");

    let entity_count = xml.matches("<EntityType ").count();
    let complex_count = xml.matches("<ComplexType ").count();
    let enum_count = xml.matches("<EnumType ").count();
    let member_count = xml.matches("<Member ").count();
    let property_count = xml.matches("<Property ").count();
    let navigation_count = xml.matches("<NavigationProperty ").count();

    let entities = schema
        .types
        .values()
        .filter(|t| t.kind == TypeKind::Entity)
        .count();
    let complexes = schema
        .types
        .values()
        .filter(|t| t.kind == TypeKind::Complex)
        .count();
    assert_eq!(entities, entity_count);
    assert_eq!(complexes, complex_count);
    assert_eq!(schema.enums.len(), enum_count);
    assert_eq!(
        schema
            .enums
            .values()
            .map(|e| e.members.len())
            .sum::<usize>(),
        member_count
    );
    let all_properties = || schema.types.values().flat_map(|t| &t.properties);
    assert_eq!(
        all_properties()
            .filter(|p| p.kind == PropertyKind::Structural)
            .count(),
        property_count
    );
    assert_eq!(
        all_properties()
            .filter(|p| p.kind == PropertyKind::Navigation)
            .count(),
        navigation_count
    );
}

#[test]
fn real_metadata_resolves_aliases_and_keeps_positions() {
    let Some(xml) = real_metadata() else { return };
    let schema = csdl::read(&xml, "metadata/v1.0.csdl.xml").expect("real metadata reads");

    let namespaces: std::collections::BTreeSet<&str> = schema
        .types
        .values()
        .map(|t| t.namespace.as_str())
        .collect();
    assert!(namespaces.contains("microsoft.graph"));
    assert!(namespaces.contains("microsoft.graph.callRecords"));
    assert!(namespaces.contains("microsoft.graph.externalConnectors"));

    // No reference may still use the `graph.` alias, and each non-Edm name
    // must be a type or enum of the document.
    for t in schema.types.values() {
        if let Some(base) = &t.base_type {
            assert!(
                schema.types.contains_key(base),
                "{}: base {base} unknown",
                t.qualified_name()
            );
        }
        for p in &t.properties {
            assert!(!p.ty.name.starts_with("graph."), "{}", p.ty);
            if !p.ty.is_primitive() {
                assert!(
                    schema.types.contains_key(&p.ty.name) || schema.enums.contains_key(&p.ty.name),
                    "{}.{}: {} unknown",
                    t.qualified_name(),
                    p.name,
                    p.ty
                );
            }
        }
    }

    // Each item's line is the line of its element.
    let lines: Vec<&str> = xml.lines().collect();
    let line_of = |s: &Source| lines[s.line as usize - 1];
    for t in schema.types.values() {
        assert!(
            line_of(&t.source).contains(&format!("Name=\"{}\"", t.name)),
            "{}",
            t.source
        );
        for p in &t.properties {
            assert!(
                line_of(&p.source).contains(&format!("Name=\"{}\"", p.name)),
                "{}",
                p.source
            );
        }
    }
    for e in schema.enums.values() {
        assert!(line_of(&e.source).contains(&format!("<EnumType Name=\"{}\"", e.name)));
        for m in &e.members {
            assert!(line_of(&m.source).contains(&format!("<Member Name=\"{}\"", m.name)));
        }
    }

    let abstract_count = xml.matches("Abstract=\"true\"").count();
    assert_eq!(
        schema.types.values().filter(|t| t.is_abstract).count(),
        abstract_count
    );
    let open_count = xml.matches("OpenType=\"true\"").count();
    assert_eq!(
        schema.types.values().filter(|t| t.is_open).count(),
        open_count
    );
    let flags_count = xml.matches("IsFlags=\"true\"").count();
    assert_eq!(
        schema.enums.values().filter(|e| e.is_flags).count(),
        flags_count
    );
    let not_nullable = xml.matches("Nullable=\"false\"").count();
    let read_not_nullable = schema
        .types
        .values()
        .flat_map(|t| &t.properties)
        .filter(|p| p.nullable == Some(false))
        .count();
    // Parameters and return types of operations carry Nullable too; they
    // are not read, so properties hold at most that many.
    assert!(read_not_nullable > 0 && read_not_nullable <= not_nullable);
    assert_eq!(
        schema
            .types
            .values()
            .filter(|t| t.base_type.is_some())
            .count(),
        xml.matches(" BaseType=\"").count()
    );
}

const SMALL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="example.ns" Alias="ex" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color" IsFlags="true">
        <Member Name="red" Value="1" />
        <Member Name="green" Value="2" />
      </EnumType>
      <EntityType Name="base" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="thing" BaseType="ex.base" OpenType="true">
        <NavigationProperty Name="parts" Type="Collection(ex.part)" ContainsTarget="true" />
        <Property Name="tint" Type="ex.color" Nullable="true" />
        <Property Name="tags" Type="Collection(Edm.String)" />
      </EntityType>
      <ComplexType Name="part">
        <Property Name="note" Type="Edm.String" />
      </ComplexType>
      <Annotations Target="ex.thing/tags">
        <Annotation Term="Org.OData.Core.V1.Description" String="Tags &amp; &quot;labels&quot;&#10;second line" />
        <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
      </Annotations>
      <Annotations Target="example.ns.color/red">
        <Annotation Term="Org.OData.Core.V1.Description" String="Like &lt;blood&gt;" />
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn small_document_maps_every_field() {
    let schema = csdl::read(SMALL, "small.xml").unwrap();
    assert_eq!(
        schema.types.keys().collect::<Vec<_>>(),
        ["example.ns.base", "example.ns.part", "example.ns.thing"]
    );

    let base = &schema.types["example.ns.base"];
    assert_eq!(base.kind, TypeKind::Entity);
    assert!(base.is_abstract);
    assert_eq!(base.key.as_deref(), Some("id"));
    assert_eq!(base.properties[0].nullable, Some(false));
    assert_eq!(base.source, Source::new("small.xml", 9));

    let thing = &schema.types["example.ns.thing"];
    assert_eq!(thing.base_type.as_deref(), Some("example.ns.base"));
    assert!(thing.is_open);
    assert_eq!(thing.key, None);
    let names: Vec<&str> = thing.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["tint", "tags", "parts"],
        "structural properties first"
    );
    let parts = thing.property("parts").unwrap();
    assert_eq!(parts.kind, PropertyKind::Navigation);
    assert_eq!(parts.ty, TypeRef::new("example.ns.part", true));
    assert_eq!(parts.source, Source::new("small.xml", 16));
    let tint = thing.property("tint").unwrap();
    assert_eq!(tint.ty, TypeRef::new("example.ns.color", false));
    assert_eq!(tint.nullable, Some(true));
    let tags = thing.property("tags").unwrap();
    assert_eq!(tags.ty, TypeRef::new("Edm.String", true));
    assert_eq!(tags.nullable, None);
    assert_eq!(tags.description, "Tags & \"labels\"\nsecond line");
    assert!(tags.read_only);

    assert_eq!(schema.types["example.ns.part"].kind, TypeKind::Complex);

    let color = &schema.enums["example.ns.color"];
    assert!(color.is_flags);
    assert_eq!(color.members.len(), 2);
    assert_eq!(color.members[1].value, Some(2));
    assert_eq!(color.members[0].description, "Like <blood>");
    assert_eq!(color.members[0].source, Source::new("small.xml", 6));

    // Every field survives writing and reading again, escaping included.
    let written = csdl::write(&schema);
    let again = csdl::read(&written, "written.xml").unwrap();
    assert_eq!(without_sources(again), without_sources(schema));
    assert!(
        !written.contains("\"ex."),
        "aliases are not written:\n{written}"
    );
}

#[test]
fn real_metadata_round_trips_through_write() {
    let Some(xml) = real_metadata() else { return };
    let schema = csdl::read(&xml, "metadata/v1.0.csdl.xml").unwrap();
    let written = csdl::write(&schema);
    let again = csdl::read(&written, "written.xml").expect("written CSDL reads");
    assert_eq!(again.types.len(), schema.types.len());
    assert_eq!(again.enums.len(), schema.enums.len());
    assert!(
        schema.types.values().any(|t| !t.description.is_empty()),
        "descriptions were read"
    );
    assert!(schema
        .types
        .values()
        .flat_map(|t| &t.properties)
        .any(|p| p.read_only));
    assert_eq!(without_sources(again), without_sources(schema));
    assert_eq!(
        csdl::write(&csdl::read(&written, "w.xml").unwrap()),
        written,
        "writing is deterministic"
    );
    // One <Schema> per namespace, no alias anywhere.
    assert_eq!(written.matches("<Schema ").count(), 3);
    assert!(!written.contains("\"graph."));
    assert!(!written.contains("(graph."));
}

#[test]
fn malformed_xml_gives_an_error_with_its_line() {
    let broken = "<?xml version=\"1.0\"?>\n<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n  <edmx:DataServices>\n    <Schema Namespace=\"a\"\n  </edmx:DataServices>\n";
    let err = csdl::read(broken, "broken.xml").unwrap_err();
    assert_eq!(err.file, "broken.xml");
    assert!(err.line >= 4 && err.line <= 5, "{err}");
    assert!(err.to_string().starts_with("broken.xml:"), "{err}");
}

/// A markdown page given as the metadata: said once where, and what it is not.
#[test]
fn text_that_is_not_xml_says_so_and_where_once() {
    let err = csdl::read("secret: hunter2\n", "secret.md").unwrap_err();
    assert_eq!(
        err.to_string(),
        "secret.md:1:1: not CSDL metadata, not even XML: unknown token"
    );
}

#[test]
fn structural_errors_point_at_the_element() {
    let missing_type = SMALL.replace(
        "<Property Name=\"note\" Type=\"Edm.String\" />",
        "<Property Name=\"note\" />",
    );
    let err = csdl::read(&missing_type, "m.xml").unwrap_err();
    assert_eq!((err.line, err.column), (21, 9), "{err}");
    assert!(err.message.contains("Type"), "{err}");

    let bad_value = SMALL.replace("Value=\"2\"", "Value=\"two\"");
    let err = csdl::read(&bad_value, "m.xml").unwrap_err();
    assert_eq!(err.line, 7, "{err}");

    let older = SMALL.replace(
        "http://docs.oasis-open.org/odata/ns/edm\"",
        "http://schemas.microsoft.com/ado/2009/11/edm\"",
    );
    let err = csdl::read(&older, "v3.xml").unwrap_err();
    assert_eq!((err.line, err.column), (4, 5), "{err}");
    assert!(err.message.contains("CSDL 4.0"), "{err}");

    let err = csdl::read("<root/>", "r.xml").unwrap_err();
    assert_eq!((err.line, err.column), (1, 1));

    for text in [
        "",
        "<",
        "\u{0}",
        "<edmx:Edmx xmlns:edmx=\"x\">",
        "<a><b></a>",
    ] {
        assert!(csdl::read(text, "t.xml").is_err(), "{text:?}");
    }
}
