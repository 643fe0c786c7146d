//! Each response type has the shape its page states: a page, one object, a
//! primitive or enum wrapped as `{"value": …}`, a download, or untyped JSON.

mod common;

use graphdoc_codegen::{generate, Options};
use graphdoc_schema::{Operation, Source, TypeRef};

fn get(title: &str, response: TypeRef) -> Operation {
    Operation {
        title: title.into(),
        method: "GET".into(),
        paths: vec![format!("/shapes/{}", title.to_ascii_lowercase())],
        request_body: Vec::new(),
        request_type: None,
        response_type: Some(response),
        request_options: Default::default(),
        examples: Vec::new(),
        source: Source::new("api/shapes.md", 1),
    }
}

#[test]
fn responses_get_the_shape_their_page_states() {
    let mut schema = common::small_schema("v1.0");
    let enum_name = schema.enums.keys().next().expect("an enum").clone();
    for (title, response) in [
        ("Flag", TypeRef::new("Edm.Boolean", false)),
        ("Names", TypeRef::new("Edm.String", true)),
        ("Kind", TypeRef::new(enum_name, false)),
        ("File", TypeRef::new("Edm.Stream", false)),
        ("Anything", TypeRef::new("Edm.Untyped", false)),
        ("Token", TypeRef::new("microsoft.graph.vppToken", false)),
        (
            "Members",
            TypeRef::new("microsoft.graph.directoryObject", true),
        ),
        ("Token (displayName)", TypeRef::new("Edm.String", false)),
    ] {
        schema.operations.push(get(title, response));
    }
    let generated = generate(&[schema], &Options::default());
    let all: String = generated
        .files
        .iter()
        .filter(|f| f.path.contains("operations"))
        .map(|f| {
            f.contents
                .replace(char::is_whitespace, "")
                .replace("::graph_model_runtime::", "runtime::")
        })
        .collect();
    let response_of = |name: &str| {
        let at = all
            .find(&format!("implruntime::Operationfor{name}{{"))
            .unwrap_or_else(|| panic!("operation {name} in {all}"));
        let rest = &all[at..];
        let start = rest.find("typeResponse=").unwrap() + "typeResponse=".len();
        rest[start..start + rest[start..].find(';').unwrap()].replace(",>", ">")
    };
    assert_eq!(
        response_of("Flag"),
        "runtime::ValueOf<::core::primitive::bool>"
    );
    assert_eq!(response_of("Names"), "runtime::Page<::std::string::String>");
    assert!(
        response_of("Kind").starts_with("runtime::ValueOf<crate::"),
        "{}",
        response_of("Kind")
    );
    assert_eq!(response_of("File"), "runtime::Download");
    assert_eq!(response_of("Anything"), "::serde_json::Value");
    assert_eq!(response_of("Token"), "crate::VppToken");
    // The items of a collection of a type with derived types keep their own.
    assert_eq!(
        response_of("Members"),
        "runtime::Page<runtime::Poly<crate::DirectoryObject>>"
    );
    // A page's property path, split off by the front-end, is named after it.
    assert_eq!(
        response_of("TokenDisplayName"),
        "runtime::ValueOf<::std::string::String>"
    );
    let listed = |title: &str| {
        generated
            .operations
            .iter()
            .find(|o| o.title == title)
            .map(|o| (o.version.as_str(), o.source.as_str(), o.path.as_str()))
    };
    assert_eq!(
        listed("Token (displayName)"),
        Some((
            "v1.0",
            "api/shapes.md:1",
            "v1_0::operations::TokenDisplayName"
        ))
    );
}
