//! One operation per type its paths address.
//!
//! A page may document, beside the paths of what it is about, paths that
//! read one of its properties (`GET /me/mailboxSettings` and
//! `GET /me/mailboxSettings/timeZone`, or `GET /me/photo/$value`). One
//! response type cannot fit them all, so each such property path becomes
//! an operation of its own, titled `<page title> (<property path>)`, with
//! the property's type as its response and the page's examples that call
//! it. A path that extends another path of its page is followed from the
//! page's response type through the properties the schema documents; a
//! step the schema does not know leaves the path where it is.

use graphdoc_schema::request_path::{
    is_key, matches, request_line, template_segments, url_segments,
};
use graphdoc_schema::{ExampleKind, Operation, Schema, TypeRef};

/// The response examples of the page's own paths: those answering a
/// request to a path that extends another path of the page (a property
/// path, which may be split off) left out.
pub(super) fn own_responses(op: &Operation) -> Vec<&graphdoc_schema::Example> {
    let templates: Vec<Vec<&str>> = op.paths.iter().map(|p| template_segments(p)).collect();
    let extending: Vec<&Vec<&str>> = templates
        .iter()
        .filter(|t| templates.iter().any(|s| is_prefix(s, t)))
        .collect();
    let mut own = Vec::new();
    let mut calling_property = false;
    for e in &op.examples {
        if e.kind == ExampleKind::Request {
            calling_property = calls(e, extending.iter().copied());
        } else if !calling_property {
            own.push(e);
        }
    }
    own
}

/// Whether a request example's URL is an instance of one of `templates`.
fn calls<'t>(
    request: &graphdoc_schema::Example,
    mut templates: impl Iterator<Item = &'t Vec<&'t str>>,
) -> bool {
    let url = url_segments(request_line(&request.start_line).1);
    templates.any(|t| matches(t, &url))
}

/// `op`, or the operations it splits into where its paths address different types.
pub(super) fn split(mut op: Operation, schema: &Schema) -> Vec<Operation> {
    let Some(stated) = op.response_type.clone() else {
        return vec![op];
    };
    if stated.is_primitive() || op.paths.len() < 2 {
        return vec![op];
    }
    let templates: Vec<Vec<&str>> = op.paths.iter().map(|p| template_segments(p)).collect();
    // (property path, its type, the paths reading it), in page order.
    let mut groups: Vec<(String, TypeRef, Vec<String>)> = Vec::new();
    let mut kept = Vec::new();
    for (i, path) in op.paths.iter().enumerate() {
        let extended = (0..templates.len())
            .filter(|&j| j != i && is_prefix(&templates[j], &templates[i]))
            .map(|j| templates[j].len())
            .min();
        let addressed = extended.and_then(|n| {
            let rest = &templates[i][n..];
            Some((rest.join("/"), follow(schema, &stated, rest)?))
        });
        match addressed {
            Some((property, t)) if !same_instance(schema, &t, &stated) => {
                match groups
                    .iter_mut()
                    .find(|g| g.0.eq_ignore_ascii_case(&property))
                {
                    Some(g) => g.2.push(path.clone()),
                    None => groups.push((property, t, vec![path.clone()])),
                }
            }
            _ => kept.push(path.clone()),
        }
    }
    if groups.is_empty() || kept.is_empty() {
        return vec![op];
    }
    op.paths = kept;
    let mut examples = std::mem::take(&mut op.examples);
    let mut split: Vec<Operation> = groups
        .into_iter()
        .map(|(property, t, paths)| {
            let mut part = op.clone();
            part.title = format!("{} ({property})", op.title);
            part.response_type = Some(t);
            part.examples = take_examples(&mut examples, &paths);
            part.paths = paths;
            part
        })
        .collect();
    op.examples = examples;
    split.insert(0, op);
    split
}

/// Whether a path addressing `a` may answer what the page says, `b`: the
/// same shape of a type or of one derived from the other (a navigation
/// typed by the base, on a page of a derived type). A navigation typed by
/// a root of everything addressable (`entity`) says nothing of the type.
fn same_instance(schema: &Schema, a: &TypeRef, b: &TypeRef) -> bool {
    let derives = |x: &str, y: &str| {
        schema.types.get(y).is_some_and(|t| t.base_type.is_some())
            && schema.ancestry(x).iter().any(|t| t.qualified_name() == y)
    };
    a.collection == b.collection
        && (a.name == b.name || derives(&a.name, &b.name) || derives(&b.name, &a.name))
}

/// The type `rest` (property names, a key after a collection, `$value`)
/// reads from `start`; `None` where a step is not documented.
fn follow(schema: &Schema, start: &TypeRef, rest: &[&str]) -> Option<TypeRef> {
    let mut at = start.clone();
    for step in rest {
        if is_key(step) {
            if !at.collection {
                return None;
            }
            at.collection = false;
            continue;
        }
        if at.collection {
            return None;
        }
        if *step == "$value" {
            at = TypeRef::new("Edm.Stream", false);
            continue;
        }
        let property = schema
            .flattened_properties(&at.name)
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(step))?;
        at = property.ty.clone();
    }
    Some(at)
}

/// Moves the request examples whose URL is one of `paths`, and the
/// responses that follow each, out of `examples`.
fn take_examples(
    examples: &mut Vec<graphdoc_schema::Example>,
    paths: &[String],
) -> Vec<graphdoc_schema::Example> {
    let templates: Vec<Vec<&str>> = paths.iter().map(|p| template_segments(p)).collect();
    let mut taken = Vec::new();
    let mut left = Vec::new();
    let mut calling = false;
    for e in examples.drain(..) {
        if e.kind == ExampleKind::Request {
            calling = calls(&e, templates.iter());
        }
        if calling {
            taken.push(e);
        } else {
            left.push(e);
        }
    }
    *examples = left;
    taken
}

/// Whether `short` is a strict prefix of `long`, a key matching a key.
fn is_prefix(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len()
        && short
            .iter()
            .zip(long)
            .all(|(a, b)| (is_key(a) && is_key(b)) || a.eq_ignore_ascii_case(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::{Example, Property, PropertyKind, Source, TypeDef, TypeKind};

    fn schema() -> Schema {
        let mut settings = TypeDef::new(
            "mailboxSettings",
            "microsoft.graph",
            TypeKind::Complex,
            Source::new("r.md", 1),
        );
        for (name, ty) in [
            ("timeZone", TypeRef::new("Edm.String", false)),
            (
                "workingHours",
                TypeRef::new("microsoft.graph.workingHours", false),
            ),
        ] {
            settings.properties.push(Property {
                name: name.into(),
                ty,
                kind: PropertyKind::Structural,
                description: String::new(),
                read_only: false,
                nullable: None,
                possible_values: Vec::new(),
                query_options: Vec::new(),
                required_on_create: false,
                source: Source::new("r.md", 2),
            });
        }
        let mut s = Schema::default();
        s.types
            .insert("microsoft.graph.mailboxSettings".into(), settings);
        s
    }

    fn example(kind: ExampleKind, start_line: &str) -> Example {
        Example {
            kind,
            annotation: serde_json::Value::Null,
            start_line: start_line.into(),
            body: String::new(),
            source: Source::new("a.md", 9),
        }
    }

    #[test]
    fn a_property_path_becomes_an_operation_of_its_own() {
        let op = Operation {
            request_options: Default::default(),
            title: "Get mailbox settings".into(),
            method: "GET".into(),
            paths: vec![
                "/me/mailboxSettings".into(),
                "/users/{id}/mailboxSettings".into(),
                "/me/mailboxSettings/timeZone".into(),
                "/users/{id}/mailboxSettings/timeZone".into(),
                "/me/mailboxSettings/workingHours".into(),
                "/me/mailboxSettings/unknown".into(),
            ],
            request_body: Vec::new(),
            request_type: None,
            response_type: Some(TypeRef::new("microsoft.graph.mailboxSettings", false)),
            examples: vec![
                example(
                    ExampleKind::Request,
                    "GET https://graph.microsoft.com/v1.0/me/mailboxSettings",
                ),
                example(ExampleKind::Response, "HTTP/1.1 200 OK"),
                example(
                    ExampleKind::Request,
                    "GET https://graph.microsoft.com/v1.0/users/16f5a7b6/mailboxSettings/timeZone",
                ),
                example(ExampleKind::Response, "HTTP/1.1 200 OK"),
            ],
            source: Source::new("a.md", 1),
        };
        let ops = split(op, &schema());
        let seen: Vec<(&str, usize, String, usize)> = ops
            .iter()
            .map(|o| {
                (
                    o.title.as_str(),
                    o.paths.len(),
                    o.response_type
                        .as_ref()
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    o.examples.len(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "Get mailbox settings",
                    3,
                    "microsoft.graph.mailboxSettings".into(),
                    2
                ),
                ("Get mailbox settings (timeZone)", 2, "Edm.String".into(), 2),
                (
                    "Get mailbox settings (workingHours)",
                    1,
                    "microsoft.graph.workingHours".into(),
                    0
                ),
            ]
        );
        assert!(ops[1].examples[0].start_line.ends_with("/timeZone"));
    }

    #[test]
    fn a_value_path_is_a_download_and_unrelated_paths_stay() {
        let mut op = Operation {
            request_options: Default::default(),
            title: "Get photo".into(),
            method: "GET".into(),
            paths: vec![
                "/me/photo".into(),
                "/me/photo/$value".into(),
                "/groups/{id}/photo".into(),
            ],
            request_body: Vec::new(),
            request_type: None,
            response_type: Some(TypeRef::new("microsoft.graph.profilePhoto", false)),
            examples: Vec::new(),
            source: Source::new("a.md", 1),
        };
        let ops = split(op.clone(), &schema());
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].paths, ["/me/photo", "/groups/{id}/photo"]);
        assert_eq!(
            ops[1].response_type,
            Some(TypeRef::new("Edm.Stream", false))
        );
        op.paths = vec!["/me/calendar".into(), "/me/calendars/{id}".into()];
        assert_eq!(split(op.clone(), &schema()), vec![op]);
    }

    #[test]
    fn a_navigation_to_a_related_type_stays_but_one_to_entity_is_split_off() {
        let mut s = schema();
        let source = Source::new("r.md", 1);
        let entity = TypeDef::new(
            "entity",
            "microsoft.graph",
            TypeKind::Entity,
            source.clone(),
        );
        let mut base = TypeDef::new(
            "policy",
            "microsoft.graph",
            TypeKind::Entity,
            source.clone(),
        );
        base.base_type = Some("microsoft.graph.entity".into());
        let mut derived = TypeDef::new(
            "iosPolicy",
            "microsoft.graph",
            TypeKind::Entity,
            source.clone(),
        );
        derived.base_type = Some("microsoft.graph.policy".into());
        let mut assignment = TypeDef::new(
            "assignment",
            "microsoft.graph",
            TypeKind::Entity,
            source.clone(),
        );
        assignment.base_type = Some("microsoft.graph.entity".into());
        for (name, ty) in [
            (
                "assignments",
                TypeRef::new("microsoft.graph.assignment", true),
            ),
            ("resource", TypeRef::new("microsoft.graph.entity", false)),
        ] {
            let mut p = s.types["microsoft.graph.mailboxSettings"].properties[0].clone();
            p.name = name.into();
            p.ty = ty;
            derived.properties.push(p);
        }
        let mut p = derived.properties[0].clone();
        p.name = "policy".into();
        p.ty = TypeRef::new("microsoft.graph.policy", false);
        assignment.properties.push(p);
        for t in [entity, base, derived, assignment] {
            s.types.insert(t.qualified_name(), t);
        }
        let op = |paths: &[&str]| Operation {
            request_options: Default::default(),
            title: "Get iosPolicy".into(),
            method: "GET".into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            request_body: Vec::new(),
            request_type: None,
            response_type: Some(TypeRef::new("microsoft.graph.iosPolicy", false)),
            examples: Vec::new(),
            source: Source::new("a.md", 1),
        };
        // The same policy reached through a navigation typed by its base.
        let same = op(&["/policies/{id}", "/policies/{id}/assignments/{aid}/policy"]);
        assert_eq!(split(same.clone(), &s), vec![same]);
        let other = op(&["/policies/{id}", "/policies/{id}/resource"]);
        let ops = split(other, &s);
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[1].title, "Get iosPolicy (resource)");
    }
}
