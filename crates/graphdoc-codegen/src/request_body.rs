//! Request bodies: the type the page's Request body section names, else a
//! struct from its request-body table (an action's parameters), else
//! untyped with a diagnostic when an example sends a body.

use crate::naming::{pascal_case, snake_case, NameAllocator};
use crate::plan::{FieldPlan, OperationPlan, RustType, StructPlan, UNTYPED_BODY, VALUE};
use graphdoc_schema::{Diagnostic, ExampleKind, Operation, Property, Severity};

/// The fields of the struct a request-body table makes.
pub fn body_fields(
    rows: &[Property],
    mut resolve: impl FnMut(&Property) -> RustType,
) -> Vec<FieldPlan> {
    let mut names = NameAllocator::new();
    names.reserve("additional_properties");
    let mut seen = std::collections::BTreeSet::new();
    rows.iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .map(|p| FieldPlan {
            rust_name: names.allocate(&snake_case(&p.name), "_"),
            wire_name: p.name.clone(),
            ty: resolve(p),
            description: p.description.clone(),
            schema_type: p.ty.to_string(),
            read_only: p.read_only,
            navigation: false,
        })
        .collect()
}

/// The body of a page that names no type and gives no table: nothing,
/// unless an example request sends one; then any JSON, and a diagnostic.
pub fn untyped_body(op: &Operation, diagnostics: &mut Vec<Diagnostic>) -> RustType {
    let sends_a_body = op
        .examples
        .iter()
        .any(|e| e.kind == ExampleKind::Request && !e.body.trim().is_empty());
    if !sends_a_body {
        return RustType::NoBody;
    }
    diagnostics.push(Diagnostic::new(
        &op.source,
        Severity::Warning,
        UNTYPED_BODY,
        format!(
            "operation `{}` sends a request body but the page names no type and gives no request-body table; generated as serde_json::Value",
            op.title
        ),
    ));
    RustType::Path(VALUE)
}

/// Names the structs of request-body tables `<Operation>Body` once the
/// operations have their names, and makes them the requests.
pub fn name_bodies(operations: &mut [OperationPlan]) {
    let mut names = NameAllocator::new();
    for o in operations.iter() {
        names.reserve(&o.rust_name);
    }
    for o in operations.iter_mut() {
        let op_name = o.rust_name.clone();
        let title = o.title.clone();
        let source = o.source.clone();
        if let Some(body) = &mut o.body {
            body.rust_name = names.allocate(&pascal_case(&format!("{op_name} Body")), "");
            body.wire_name = format!("request body of {title}");
            body.description = format!("The request body of {op_name}.");
            body.source = source;
            o.request = RustType::Struct {
                name: body.rust_name.clone(),
                poly: false,
            };
        }
    }
}

/// A struct for a request-body table, named later by [`name_bodies`].
pub fn body_struct(fields: Vec<FieldPlan>) -> StructPlan {
    StructPlan {
        rust_name: String::new(),
        wire_name: String::new(),
        description: String::new(),
        base_wire_name: None,
        is_abstract: false,
        fields,
        source: String::new(),
        ancestors: Vec::new(),
        derived: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::{Example, Source};

    fn write_op(example_body: &str) -> Operation {
        Operation {
            title: "Do thing".into(),
            method: "POST".into(),
            paths: vec!["/things/{id}/do".into()],
            request_body: Vec::new(),
            request_type: None,
            response_type: None,
            request_options: Default::default(),
            examples: vec![Example {
                kind: ExampleKind::Request,
                annotation: serde_json::Value::Null,
                start_line: "POST https://graph.microsoft.com/v1.0/things/1/do".into(),
                body: example_body.into(),
                source: Source::new("api/thing-do.md", 40),
            }],
            source: Source::new("api/thing-do.md", 3),
        }
    }

    #[test]
    fn a_body_without_type_or_table_is_untyped_and_reported_at_the_page() {
        let mut diagnostics = Vec::new();
        let ty = untyped_body(&write_op("{\"a\": 1}"), &mut diagnostics);
        assert_eq!(ty, RustType::Path(VALUE));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, UNTYPED_BODY);
        assert_eq!(
            (diagnostics[0].file.as_str(), diagnostics[0].line),
            ("api/thing-do.md", 3)
        );
        assert!(diagnostics[0].message.contains("`Do thing`"));
    }

    #[test]
    fn no_example_body_means_no_body_and_no_diagnostic() {
        let mut diagnostics = Vec::new();
        assert_eq!(
            untyped_body(&write_op("  \n"), &mut diagnostics),
            RustType::NoBody
        );
        assert!(diagnostics.is_empty());
    }
}
