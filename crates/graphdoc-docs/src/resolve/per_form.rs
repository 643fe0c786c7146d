//! One operation per shape a GET page's request forms answer.
//!
//! A page may document request forms that answer different shapes: `Get
//! onlineMeeting` reads one meeting by its key and lists the meetings a
//! `$filter` selects; `List thumbnails` lists an item's thumbnail sets and
//! shows, in an example whose request line is itself a template
//! (`…/thumbnails/{thumb-id}/{size}`), one thumbnail. One response type
//! cannot fit both, so the forms answering the shape the operation does
//! not have become an operation of their own.
//!
//! The response examples say which form answers what. A response answers
//! the requests just before it; a request calls the templates of the page
//! it is an instance of, else the one it is written as (a request line
//! with placeholders, a form the page shows only by example), else the
//! longest template it extends. A template whose examples all show the
//! other shape moves, with those examples, to the new operation, and so
//! does a template without examples whose query names the same options
//! (`$filter`) and whose last segment is of the same kind (a key or not)
//! as a moved one's. The new operation is titled after the page and the
//! form, `<title> (filtered)` or `(list)` for a collection, `(one)` for one
//! object (plus the type, when it is not the page's), and typed by its
//! examples' annotation when the version defines that type, else by the
//! page's type, in the shape the examples show.

use super::shape::{top_level_shape, Shown};
use graphdoc_schema::request_path::{calls, is_key, request_line, template_segments, url_segments};
use graphdoc_schema::{Example, ExampleKind, Operation, Schema, TypeRef};
use std::collections::BTreeSet;

/// What the examples say of one request form.
#[derive(Default)]
struct Form {
    /// The template (a documented path, or an example's request line).
    path: String,
    documented: bool,
    /// The shapes its responses show: `true` a collection.
    shown: Vec<bool>,
    /// The types its responses' annotations name.
    annotated: Vec<String>,
}

/// `op`, or the operations it splits into where it is a GET whose request forms answer both shapes.
pub(super) fn split(mut op: Operation, schema: &Schema) -> Vec<Operation> {
    let Some(stated) = op.response_type.clone() else {
        return vec![op];
    };
    if op.method != "GET" || stated.is_primitive() {
        return vec![op];
    }
    let mut forms: Vec<Form> = op
        .paths
        .iter()
        .map(|p| Form {
            path: p.clone(),
            documented: true,
            ..Form::default()
        })
        .collect();
    let calls = attribute(&op.examples, &mut forms);
    for (example, called) in op.examples.iter().zip(&calls) {
        if example.kind != ExampleKind::Response {
            continue;
        }
        let shown = match top_level_shape(&example.body) {
            Some(Shown::Collection) => true,
            Some(Shown::Object) => false,
            _ => continue,
        };
        for &f in called {
            forms[f].shown.push(shown);
            if let Some(t) = annotated_type(example, schema) {
                forms[f].annotated.push(t);
            }
        }
    }
    let moved = moved_forms(&forms, stated.collection);
    if moved.is_empty()
        || forms
            .iter()
            .enumerate()
            .all(|(i, f)| !f.documented || moved.contains(&i))
    {
        return vec![op];
    }
    let other = other_type(&forms, &moved, &stated);
    let examples = std::mem::take(&mut op.examples);
    let mut part = op.clone();
    part.title = format!(
        "{} ({})",
        op.title,
        form_words(&forms, &moved, &other, &stated)
    );
    part.paths = moved.iter().map(|&i| forms[i].path.clone()).collect();
    part.response_type = Some(other);
    for (example, called) in examples.into_iter().zip(&calls) {
        if !called.is_empty() && called.iter().all(|f| moved.contains(f)) {
            part.examples.push(example);
        } else {
            op.examples.push(example);
        }
    }
    op.paths = forms
        .iter()
        .enumerate()
        .filter(|(i, f)| f.documented && !moved.contains(i))
        .map(|(_, f)| f.path.clone())
        .collect();
    vec![op, part]
}

/// The forms each example concerns: a request the forms it calls, a
/// response those of the requests just before it. Forms a request line
/// shows by example only are added to `forms`.
fn attribute(examples: &[Example], forms: &mut Vec<Form>) -> Vec<Vec<usize>> {
    let mut out = Vec::with_capacity(examples.len());
    let mut calling: Vec<usize> = Vec::new();
    let mut answered = false;
    for e in examples {
        match e.kind {
            ExampleKind::Request => {
                if answered {
                    calling.clear();
                    answered = false;
                }
                let called = called_forms(request_line(&e.start_line).1, forms);
                calling.extend(&called);
                out.push(called);
            }
            ExampleKind::Response => {
                answered = true;
                out.push(calling.clone());
            }
        }
    }
    out
}

fn called_forms(url: &str, forms: &mut Vec<Form>) -> Vec<usize> {
    let segments = url_segments(url);
    if segments.is_empty() {
        return Vec::new();
    }
    let exact: Vec<usize> = forms
        .iter()
        .enumerate()
        .filter(|(_, f)| calls(&template_segments(&f.path), &segments))
        .map(|(i, _)| i)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    if segments.iter().any(|s| is_key(s)) {
        forms.push(Form {
            path: format!("/{}", segments.join("/")),
            ..Form::default()
        });
        return vec![forms.len() - 1];
    }
    let extended = forms
        .iter()
        .enumerate()
        .filter(|(_, f)| f.documented)
        .map(|(i, f)| (i, template_segments(&f.path)))
        .filter(|(_, t)| t.len() < segments.len() && calls(t, &segments[..t.len()]))
        .max_by_key(|(_, t)| t.len());
    extended.map(|(i, _)| vec![i]).unwrap_or_default()
}

/// The forms whose examples all show the shape the operation does not
/// have, and the documented forms without examples that are like one of
/// them.
fn moved_forms(forms: &[Form], collection: bool) -> BTreeSet<usize> {
    let mut moved: BTreeSet<usize> = forms
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.shown.is_empty() && f.shown.iter().all(|&c| c != collection))
        .map(|(i, _)| i)
        .collect();
    let likes: Vec<(BTreeSet<String>, bool)> = moved
        .iter()
        .map(|&i| form_kind(&forms[i].path))
        .filter(|(options, _)| !options.is_empty())
        .collect();
    for (i, f) in forms.iter().enumerate() {
        if f.documented && f.shown.is_empty() && likes.contains(&form_kind(&f.path)) {
            moved.insert(i);
        }
    }
    moved
}

/// The query options a template names, and whether its path ends in a key.
fn form_kind(path: &str) -> (BTreeSet<String>, bool) {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    let options = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|name| !name.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let ends_in_key = template_segments(path).last().is_some_and(|s| is_key(s));
    (options, ends_in_key)
}

/// The moved forms' type: the one their examples' annotations name when
/// they agree on one the version defines and every moved form has
/// examples (a form moved for its likeness says nothing of its type),
/// else the page's; in the other shape.
fn other_type(forms: &[Form], moved: &BTreeSet<usize>, stated: &TypeRef) -> TypeRef {
    let named: BTreeSet<&String> = moved.iter().flat_map(|&i| &forms[i].annotated).collect();
    let all_shown = moved.iter().all(|&i| !forms[i].shown.is_empty());
    let name = match named.into_iter().collect::<Vec<_>>()[..] {
        [one] if all_shown => one.clone(),
        _ => stated.name.clone(),
    };
    TypeRef::new(name, !stated.collection)
}

/// `filtered` or `list` (a collection), `one` (an object), and the type
/// when it is not the page's.
fn form_words(
    forms: &[Form],
    moved: &BTreeSet<usize>,
    other: &TypeRef,
    stated: &TypeRef,
) -> String {
    let filtered = moved
        .iter()
        .any(|&i| form_kind(&forms[i].path).0.contains("$filter"));
    let shape = match (other.collection, filtered) {
        (true, true) => "filtered",
        (true, false) => "list",
        (false, _) => "one",
    };
    if other.name == stated.name {
        shape.to_string()
    } else {
        let simple = other.name.rsplit('.').next().unwrap_or(&other.name);
        format!("{shape} {simple}")
    }
}

/// The type a response example's annotation names (`@odata.type`, a
/// collection's item type), when the version defines it.
fn annotated_type(example: &Example, schema: &Schema) -> Option<String> {
    let named = example.annotation.get("@odata.type")?.as_str()?.trim();
    let named = named
        .strip_prefix("Collection(")
        .and_then(|n| n.strip_suffix(')'))
        .unwrap_or(named)
        .trim_start_matches('#');
    let qualified = if named.contains('.') {
        named.to_string()
    } else {
        graphdoc_schema::qualify(graphdoc_schema::DEFAULT_NAMESPACE, named)
    };
    schema
        .types
        .keys()
        .find(|k| k.eq_ignore_ascii_case(&qualified))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::{Source, TypeDef, TypeKind};

    fn schema() -> Schema {
        let mut s = Schema::default();
        for name in ["meeting", "thumbnailSet", "thumbnail"] {
            let t = TypeDef::new(
                name,
                "microsoft.graph",
                TypeKind::Entity,
                Source::new("r.md", 1),
            );
            s.types.insert(t.qualified_name(), t);
        }
        s
    }

    fn request(url: &str) -> Example {
        Example {
            kind: ExampleKind::Request,
            annotation: serde_json::Value::Null,
            start_line: format!("GET {url}"),
            body: String::new(),
            source: Source::new("a.md", 9),
        }
    }

    fn response(body: &str, annotated: &str) -> Example {
        Example {
            kind: ExampleKind::Response,
            annotation: serde_json::json!({ "@odata.type": annotated }),
            start_line: "HTTP/1.1 200 OK".into(),
            body: body.into(),
            source: Source::new("a.md", 20),
        }
    }

    fn get(title: &str, paths: &[&str], response: TypeRef, examples: Vec<Example>) -> Operation {
        Operation {
            request_options: Default::default(),
            title: title.into(),
            method: "GET".into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            request_body: Vec::new(),
            request_type: None,
            response_type: Some(response),
            examples,
            source: Source::new("a.md", 1),
        }
    }

    fn seen(ops: &[Operation]) -> Vec<(String, Vec<String>, String, usize)> {
        ops.iter()
            .map(|o| {
                let t = o
                    .response_type
                    .as_ref()
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                (o.title.clone(), o.paths.clone(), t, o.examples.len())
            })
            .collect()
    }

    const ONE: &str = r#"{"id": "m1", "subject": "x"}"#;
    const PAGE: &str = r#"{"value": [{"id": "m1"}]}"#;

    #[test]
    fn a_filter_form_that_lists_becomes_an_operation_of_its_own() {
        let op = get(
            "Get meeting",
            &[
                "/me/meetings/{meetingId}",
                "/me/meetings?$filter=joinUrl eq '{joinUrl}'",
                "/users/{userId}/meetings?$filter=joinUrl eq '{joinUrl}'",
            ],
            TypeRef::new("microsoft.graph.meeting", false),
            vec![
                request("https://graph.microsoft.com/v1.0/me/meetings/m1"),
                response(ONE, "microsoft.graph.meeting"),
                // `v1` for `v1.0`, and `/users/{id}` called as `/me`.
                request("https://graph.microsoft.com/v1/me/meetings?$filter=joinUrl%20eq%20'x'"),
                response(PAGE, "microsoft.graph.meeting"),
            ],
        );
        let ops = split(op, &schema());
        assert_eq!(
            seen(&ops),
            [
                (
                    "Get meeting".into(),
                    vec!["/me/meetings/{meetingId}".into()],
                    "microsoft.graph.meeting".into(),
                    2
                ),
                (
                    "Get meeting (filtered)".into(),
                    vec![
                        "/me/meetings?$filter=joinUrl eq '{joinUrl}'".into(),
                        // Called as `/me` by the same example.
                        "/users/{userId}/meetings?$filter=joinUrl eq '{joinUrl}'".into()
                    ],
                    "Collection(microsoft.graph.meeting)".into(),
                    2
                ),
            ]
        );
    }

    #[test]
    fn a_form_shown_by_example_only_answering_one_object_is_split_off_a_list() {
        let op = get(
            "List thumbnails",
            &["/me/items/{item-id}/thumbnails"],
            TypeRef::new("microsoft.graph.thumbnailSet", true),
            vec![
                request("/me/items/{item-id}/thumbnails"),
                response(PAGE, "Collection(microsoft.graph.thumbnailSet)"),
                request("/me/items/{item-id}/thumbnails/{thumb-id}/{size}"),
                response(r#"{"width": 1, "url": "u"}"#, "microsoft.graph.thumbnail"),
                // A request extending the documented form with a key is
                // that form's, whatever it answers.
                request("/me/items/i1/thumbnails/0"),
                response(PAGE, "microsoft.graph.thumbnailSet"),
            ],
        );
        let ops = split(op, &schema());
        assert_eq!(
            seen(&ops),
            [
                (
                    "List thumbnails".into(),
                    vec!["/me/items/{item-id}/thumbnails".into()],
                    "Collection(microsoft.graph.thumbnailSet)".into(),
                    4
                ),
                (
                    "List thumbnails (one thumbnail)".into(),
                    vec!["/me/items/{item-id}/thumbnails/{thumb-id}/{size}".into()],
                    "microsoft.graph.thumbnail".into(),
                    2
                ),
            ]
        );
    }

    #[test]
    fn forms_that_agree_or_show_nothing_stay_together() {
        let paths = [
            "/me/meetings/{meetingId}",
            "/me/meetings?$filter=a eq '{a}'",
        ];
        let one = TypeRef::new("microsoft.graph.meeting", false);
        let agreeing = get(
            "Get meeting",
            &paths,
            one.clone(),
            vec![
                request("/me/meetings?$filter=a%20eq%20'x'"),
                response(ONE, ""),
            ],
        );
        assert_eq!(split(agreeing.clone(), &schema()), vec![agreeing]);
        // Every documented form lists: the page's shape is wrong, not a form.
        let all = get(
            "Get meeting",
            &paths[1..],
            one,
            vec![
                request("/me/meetings?$filter=a%20eq%20'x'"),
                response(PAGE, ""),
            ],
        );
        assert_eq!(split(all.clone(), &schema()), vec![all]);
    }
}
