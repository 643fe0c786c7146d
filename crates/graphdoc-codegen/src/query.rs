//! Query options and request headers: which of the runtime's
//! `query::*` traits each operation implements (from what its page says
//! under "Optional query parameters" and "Request headers"), and its
//! `request` function.
//!
//! Each option is a one-line trait impl, so the model pays a line per
//! option per operation; the methods themselves (`select`, `top`…) are
//! the runtime's, compiled once.

use crate::emit::{ident, Ctx};
use crate::plan::{EnumPlan, OperationPlan, RustType, StructPlan};
use graphdoc_schema::{RequestOptions, UNKNOWN_FUTURE_VALUE};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The options and headers of one operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryPlan {
    /// The runtime traits (`Select`, `Top`…) in a fixed order.
    pub options: Vec<&'static str>,
    /// The struct whose property names `$select`/`$expand`/`$orderby`
    /// take; `None` for a response that is not an object.
    pub properties_of: Option<String>,
    /// `ConsistencyLevel`, `Prefer`, `EvolvableEnums`: header traits.
    pub headers: Vec<&'static str>,
}

/// The system query options, their runtime traits, and whether a page
/// that supports "the OData query parameters" in general takes them on a
/// collection or on one object. `$skip`, `$search`, `$skipToken` and
/// `$format` work on few resources: only where the page names them.
const OPTIONS: [(&str, &str, bool, bool); 10] = [
    ("$select", "Select", true, true),
    ("$expand", "Expand", true, true),
    ("$filter", "Filter", true, false),
    ("$orderby", "OrderBy", true, false),
    ("$top", "Top", true, false),
    ("$skip", "Skip", false, false),
    ("$count", "Count", true, false),
    ("$search", "Search", false, false),
    ("$skiptoken", "SkipToken", false, false),
    ("$format", "Format", false, false),
];

/// Fills each operation's [`QueryPlan`].
pub fn plan_queries(operations: &mut [OperationPlan], structs: &[StructPlan], enums: &[EnumPlan]) {
    let evolvable_enums: BTreeSet<String> = enums
        .iter()
        .filter(|e| e.members.iter().any(|m| m.1 == UNKNOWN_FUTURE_VALUE))
        .flat_map(|e| [e.rust_name.clone(), format!("{}Set", e.rust_name)])
        .collect();
    let with_evolvable: BTreeMap<&str, bool> = structs
        .iter()
        .map(|s| {
            let evolvable = s
                .fields
                .iter()
                .any(|f| names_enum_in(&f.ty, &evolvable_enums));
            (s.rust_name.as_str(), evolvable)
        })
        .collect();
    for op in operations {
        op.query = plan_query(&op.request_options, &op.response, &with_evolvable);
    }
}

fn names_enum_in(ty: &RustType, enums: &BTreeSet<String>) -> bool {
    match ty {
        RustType::Enum { name } => enums.contains(name),
        RustType::Vec(inner) | RustType::Page(inner) | RustType::ValueOf(inner) => {
            names_enum_in(inner, enums)
        }
        _ => false,
    }
}

/// The struct a response is made of: a page's items or the one object.
fn response_struct(response: &RustType) -> Option<&str> {
    match response {
        RustType::Struct { name, .. } => Some(name),
        RustType::Page(inner) => response_struct(inner),
        _ => None,
    }
}

fn plan_query(
    documented: &RequestOptions,
    response: &RustType,
    with_evolvable: &BTreeMap<&str, bool>,
) -> QueryPlan {
    let is_page = matches!(response, RustType::Page(_));
    let properties_of = response_struct(response).map(str::to_owned);
    let is_object = properties_of.is_some() && !is_page;
    let mut options = Vec::new();
    for (option, runtime_trait, on_pages, on_objects) in OPTIONS {
        let general = documented.general_query_options
            && ((is_page && on_pages) || (is_object && on_objects));
        if general || documented.names_query_option(option) {
            options.push(runtime_trait);
        }
    }
    let mut headers = Vec::new();
    if documented.header("ConsistencyLevel").is_some() {
        headers.push("ConsistencyLevel");
    }
    if documented.header("Prefer").is_some() {
        headers.push("Prefer");
    }
    let evolvable = properties_of
        .as_deref()
        .is_some_and(|s| with_evolvable.get(s).copied().unwrap_or(false));
    if evolvable {
        headers.push("EvolvableEnums");
    }
    QueryPlan {
        options,
        properties_of,
        headers,
    }
}

/// The doc lines of an operation's options and headers.
pub fn query_doc(op: &OperationPlan) -> Vec<String> {
    let mut out = Vec::new();
    let documented: Vec<String> = op
        .query
        .options
        .iter()
        .filter_map(|t| OPTIONS.iter().find(|o| o.1 == *t))
        .map(|o| o.0.to_owned())
        .collect();
    if !documented.is_empty() {
        out.push(format!(
            "Query options (methods of its Request): {}.",
            documented.join(", ")
        ));
    }
    for h in &op.request_options.headers {
        // What any HTTP client sends: not the caller's choice.
        let transport = ["Authorization", "Accept", "Content-Type", "Content-Length"];
        if transport.iter().any(|t| h.name.eq_ignore_ascii_case(t)) {
            continue;
        }
        let value = h.value.split(". ").next().unwrap_or_default();
        out.push(format!("Request header {}: {}", h.name, value));
    }
    out
}

/// The operation's `request` function and its option and header traits.
pub fn query_items(ctx: &Ctx, op: &OperationPlan) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&op.rust_name);
    let request_fn = if op.path_params.is_empty() {
        quote! {
            impl #name {
                /// The request to send (no body yet); narrow it with the
                /// query options and headers the page documents.
                pub fn request() -> #rt::Request<Self> {
                    #rt::Request::new(<Self as #rt::Operation>::PATH)
                }
            }
        }
    } else {
        let path_struct = ident(&op.path_struct);
        quote! {
            impl #name {
                /// The request to send (no body yet) to the path that takes
                /// `params`; narrow it with the query options and headers
                /// the page documents.
                pub fn request(params: &#path_struct) -> ::core::result::Result<#rt::Request<Self>, #rt::Error> {
                    ::core::result::Result::Ok(#rt::Request::new(Self::path(params)?))
                }
            }
        }
    };
    let property = match &op.query.properties_of {
        Some(s) => {
            let s = ident(s);
            quote!(crate::properties::#s)
        }
        None => quote!(#rt::query::NoProperties),
    };
    let impls = op.query.options.iter().chain(&op.query.headers).map(|t| {
        let t = ident(t);
        if matches!(t.to_string().as_str(), "Select" | "Expand" | "OrderBy") {
            quote!(impl #rt::query::#t for #name { type Property = #property; })
        } else {
            quote!(impl #rt::query::#t for #name {})
        }
    });
    quote! {
        #request_fn
        #( #impls )*
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::RequestHeader;

    fn user() -> RustType {
        RustType::Struct {
            name: "User".into(),
            poly: false,
        }
    }

    fn options(general: bool, named: &[&str], headers: &[&str]) -> RequestOptions {
        RequestOptions {
            general_query_options: general,
            query_options: named.iter().map(|n| n.to_string()).collect(),
            headers: headers
                .iter()
                .map(|h| RequestHeader {
                    name: h.to_string(),
                    value: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_general_options_follow_the_shape_and_named_ones_are_added() {
        let evolvable = BTreeMap::from([("User", true)]);
        let page = RustType::Page(Box::new(user()));
        let plan = plan_query(
            &options(true, &["$search"], &["ConsistencyLevel", "Authorization"]),
            &page,
            &evolvable,
        );
        assert_eq!(
            plan.options,
            ["Select", "Expand", "Filter", "OrderBy", "Top", "Count", "Search"]
        );
        assert_eq!(plan.properties_of.as_deref(), Some("User"));
        assert_eq!(plan.headers, ["ConsistencyLevel", "EvolvableEnums"]);

        let one = plan_query(&options(true, &[], &[]), &user(), &BTreeMap::new());
        assert_eq!(one.options, ["Select", "Expand"]);
        assert!(one.headers.is_empty());

        // Named only: exactly those, whatever the shape.
        let named = plan_query(
            &options(false, &["$SELECT", "$top"], &["Prefer"]),
            &page,
            &BTreeMap::new(),
        );
        assert_eq!(named.options, ["Select", "Top"]);
        assert_eq!(named.headers, ["Prefer"]);

        // Nothing documented, or a response that is not an object.
        assert!(plan_query(&RequestOptions::default(), &page, &evolvable)
            .options
            .is_empty());
        let text = RustType::ValueOf(Box::new(RustType::Path("::std::string::String")));
        let general_on_text = plan_query(&options(true, &[], &[]), &text, &BTreeMap::new());
        assert!(general_on_text.options.is_empty());
        assert_eq!(general_on_text.properties_of, None);
    }
}
