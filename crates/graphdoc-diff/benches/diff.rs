//! Diffing two full-size schemas, in three cases:
//!
//! * the real v1.0 and beta docs of ../shared/graph-docs, read once by the
//!   docs front-end: the case the goal (under 100 ms) is about;
//! * the v1.0 CSDL of ../shared (about 1,000 structured types, 300 enums)
//!   against a copy with changes of every kind;
//! * a synthetic schema of 4,000 types, 600 enums and 6,000 operations
//!   against a copy with changes of every kind, which runs even without
//!   ../shared.
//!
//! A case whose input is missing is skipped with a message. Run with
//! `cargo bench -p graphdoc-diff`; CI does not run it.

// `criterion_group!` defines a public function it gives no doc comment.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use graphdoc_diff::{diff, DiffOptions};
use graphdoc_schema::{
    EnumDef, EnumMember, Operation, Property, PropertyKind, Schema, Source, TypeDef, TypeKind,
    TypeRef,
};

const METADATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/metadata/v1.0.csdl.xml"
);

/// The v1.0 CSDL, when ../shared has it and it reads.
const GRAPH_DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/graph-docs");

fn csdl_schema() -> Option<Schema> {
    let Ok(xml) = std::fs::read_to_string(METADATA) else {
        eprintln!("{METADATA} is missing; benchmarking the synthetic schema only");
        return None;
    };
    match graphdoc_schema::csdl::read(&xml, "metadata/v1.0.csdl.xml") {
        Ok(schema) => Some(schema),
        Err(e) => {
            eprintln!("{METADATA} does not read ({e}); benchmarking the synthetic schema only");
            None
        }
    }
}

fn synthetic(types: usize, enums: usize, operations: usize) -> Schema {
    let source = |i: usize| Source::new(format!("resources/t{i}.md"), 1);
    let mut schema = Schema {
        version: "synthetic".into(),
        ..Schema::default()
    };
    for i in 0..types {
        let properties = (0..12)
            .map(|j| Property {
                name: format!("property{j}"),
                ty: TypeRef::new(
                    if j % 3 == 0 {
                        "Edm.Int32"
                    } else {
                        "Edm.String"
                    },
                    j % 4 == 0,
                ),
                kind: if j >= 10 {
                    PropertyKind::Navigation
                } else {
                    PropertyKind::Structural
                },
                description: format!("Property {j} of type {i}."),
                read_only: j % 5 == 0,
                nullable: Some(j % 2 == 0),
                possible_values: vec![],
                query_options: vec![],
                required_on_create: false,
                source: Source::new(format!("resources/t{i}.md"), 10 + j as u32),
            })
            .collect();
        let t = TypeDef {
            name: format!("type{i}"),
            namespace: "microsoft.graph".into(),
            kind: if i % 3 == 0 {
                TypeKind::Complex
            } else {
                TypeKind::Entity
            },
            // Chains of depth up to 4, as in Graph (entity → directoryObject → …).
            base_type: (i % 4 != 0).then(|| format!("microsoft.graph.type{}", i - 1)),
            base_type_from: None,
            key: None,
            is_abstract: false,
            is_open: false,
            description: format!("Type {i}."),
            properties,
            optional_properties: vec![],
            source: source(i),
        };
        schema.types.insert(t.qualified_name(), t);
    }
    for i in 0..enums {
        let e = EnumDef {
            name: format!("enum{i}"),
            namespace: "microsoft.graph".into(),
            is_flags: false,
            description: String::new(),
            members: (0..8)
                .map(|j| EnumMember {
                    name: format!("member{j}"),
                    value: Some(j),
                    description: String::new(),
                    source: Source::new(format!("resources/e{i}.md"), 10 + j as u32),
                })
                .collect(),
            source: Source::new(format!("resources/e{i}.md"), 1),
        };
        schema.enums.insert(e.qualified_name(), e);
    }
    schema.operations = (0..operations)
        .map(|i| Operation {
            title: format!("Operation {i}"),
            method: ["GET", "POST", "PATCH", "DELETE"][i % 4].into(),
            paths: vec![format!("/things{}/{{thing-id}}/items/{{item-id}}", i / 4)],
            request_body: vec![],
            request_type: None,
            response_type: None,
            request_options: Default::default(),
            examples: vec![],
            source: Source::new(format!("api/op{i}.md"), 5),
        })
        .collect();
    schema
}

/// A copy of `from` with some of every kind of change, chosen by position
/// so that the result is the same on every run.
fn changed_copy(from: &Schema) -> Schema {
    let mut to = from.clone();
    to.version = "changed".into();
    for (i, t) in to.types.values_mut().enumerate() {
        match i % 10 {
            0 => t.properties.push(Property {
                name: "addedInTo".into(),
                ty: TypeRef::new("Edm.String", true),
                kind: PropertyKind::Structural,
                description: String::new(),
                read_only: false,
                nullable: None,
                possible_values: vec![],
                query_options: vec![],
                required_on_create: false,
                source: t.source.clone(),
            }),
            1 => {
                t.properties.pop();
            }
            2 => {
                if let Some(p) = t.properties.first_mut() {
                    p.ty.collection = !p.ty.collection;
                    p.nullable = Some(false);
                    p.read_only = !p.read_only;
                }
            }
            3 => t.description.push_str(" Changed."),
            _ => {}
        }
    }
    let removed: Vec<String> = to.types.keys().step_by(50).cloned().collect();
    for name in removed {
        to.types.remove(&name);
    }
    for (i, e) in to.enums.values_mut().enumerate() {
        if i % 4 == 0 {
            e.members.push(EnumMember {
                name: "addedInTo".into(),
                value: None,
                description: String::new(),
                source: e.source.clone(),
            });
        }
    }
    let mut i = 0;
    to.operations.retain(|_| {
        i += 1;
        i % 20 != 0
    });
    to
}

fn bench_pair(c: &mut Criterion, name: &str, from: &Schema) {
    let to = changed_copy(from);
    let options = DiffOptions::default();
    let with_descriptions = DiffOptions {
        include_descriptions: true,
        ..DiffOptions::default()
    };
    let result = diff(from, &to, &options);
    eprintln!(
        "{name}: {} types, {} enums, {} operations; {} changes",
        from.types.len(),
        from.enums.len(),
        from.operations.len(),
        result.changes.len()
    );

    c.bench_function(&format!("diff {name}"), |b| {
        b.iter(|| diff(black_box(from), black_box(&to), &options))
    });
    c.bench_function(&format!("diff {name} with descriptions"), |b| {
        b.iter(|| diff(black_box(from), black_box(&to), &with_descriptions))
    });
    c.bench_function(&format!("render {name} as text, markdown and json"), |b| {
        b.iter(|| {
            let r = black_box(&result);
            (r.to_text(false), r.to_markdown(), r.to_json())
        })
    });
}

/// Diffs the real v1.0 and beta docs of ../shared, read once by the docs
/// front-end (about 4,000 types together): the case the goal is about.
fn bench_graph_docs(c: &mut Criterion) {
    let root = std::path::Path::new(GRAPH_DOCS);
    let load = |version: &str| match graphdoc_docs::load(root, version) {
        Ok(loaded) => Some(loaded.schema),
        Err(e) => {
            eprintln!("{e}; skipping the Graph docs case");
            None
        }
    };
    let (Some(v1), Some(beta)) = (load("v1.0"), load("beta")) else {
        return;
    };
    let options = DiffOptions::default();
    let result = diff(&v1, &beta, &options);
    let counts = result.counts();
    eprintln!(
        "graph docs: v1.0 {} types, beta {} types; {} changes ({} breaking)",
        v1.types.len(),
        beta.types.len(),
        counts.total.total(),
        counts.total.breaking
    );
    c.bench_function("diff graph docs v1.0 → beta", |b| {
        b.iter(|| diff(black_box(&v1), black_box(&beta), &options))
    });
    c.bench_function("render graph docs diff as text, markdown and json", |b| {
        b.iter(|| {
            let r = black_box(&result);
            (r.to_text(false), r.to_markdown(), r.to_json())
        })
    });
}

fn bench(c: &mut Criterion) {
    bench_graph_docs(c);
    if let Some(csdl) = csdl_schema() {
        bench_pair(c, "v1.0 csdl", &csdl);
    }
    // Graph's v1.0 and beta together have about 4,000 types: the size the
    // diff must handle in under 100 ms.
    bench_pair(c, "synthetic 4000 types", &synthetic(4_000, 600, 6_000));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
