//! Typed path parameters: a struct per operation with placeholders
//! (`ReplyToPostPath { group_id, thread_id, post_id }`) and
//! `ReplyToPost::path(&params)`, which fills the template that takes them.

use crate::emit::{doc_attrs, ident, Ctx};
use crate::naming::{pascal_case, snake_case, NameAllocator};
use crate::plan::OperationPlan;
use proc_macro2::TokenStream;
use quote::quote;

/// Names the path-parameter structs `<Operation>Path`, clear of the
/// operations' and their bodies' names.
pub fn name_path_structs(operations: &mut [OperationPlan]) {
    let mut names = NameAllocator::new();
    for o in operations.iter() {
        names.reserve(&o.rust_name);
        if let Some(b) = &o.body {
            names.reserve(&b.rust_name);
        }
    }
    for o in operations.iter_mut().filter(|o| !o.path_params.is_empty()) {
        o.path_struct = names.allocate(&pascal_case(&format!("{} Path", o.rust_name)), "");
    }
}

/// The struct of an operation's path parameters and its `path` function;
/// nothing for an operation without placeholders.
pub fn path_struct_item(ctx: &Ctx, op: &OperationPlan) -> TokenStream {
    if op.path_params.is_empty() {
        return TokenStream::new();
    }
    let rt = &ctx.rt;
    let op_name = ident(&op.rust_name);
    let name = ident(&op.path_struct);
    let mut fields = NameAllocator::new();
    let field_names: Vec<_> = op
        .path_params
        .iter()
        .map(|p| ident(&fields.allocate(&snake_case(&p.name), "_")))
        .collect();
    let wire: Vec<&str> = op.path_params.iter().map(|p| p.name.as_str()).collect();
    // The names are the docs' text: escaped as any of it.
    let field_docs = op.path_params.iter().map(|p| {
        let mut text = format!("Path parameter {{{}}}", p.name);
        if !p.accepts.is_empty() {
            text.push_str(&format!(": accepts {}", p.accepts.join(" or ")));
        }
        text.push('.');
        doc_attrs(&text)
    });
    // Written as is, not escaped as the docs' free text is: the link is ours.
    let doc = format!(
        " The path parameters of [`{}`]: give those of one of its paths.",
        op.rust_name
    );
    let doc = quote!(#[doc = #doc]);
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq, ::core::cmp::Eq)]
        pub struct #name {
            #( #field_docs pub #field_names: ::core::option::Option<::std::string::String>, )*
        }

        impl #rt::PathParams for #name {
            fn get(&self, name: &str) -> ::core::option::Option<&str> {
                match name {
                    #( #wire => self.#field_names.as_deref(), )*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl #op_name {
            /// The path to call: the template of `PATHS` that takes the
            /// given parameters, filled with them (percent-encoded).
            pub fn path(params: &#name) -> ::core::result::Result<::std::string::String, #rt::Error> {
                #rt::expand_paths(<Self as #rt::Operation>::PATHS, params)
            }
        }
    }
}
