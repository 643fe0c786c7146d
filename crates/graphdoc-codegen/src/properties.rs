//! Per struct: `properties::<Type>`, an enum of its property names for
//! `$select`/`$expand`/`$orderby` (a misspelt name does not compile), and
//! for a type with derived types `derived::<Type>`, an enum of them to
//! `match` a polymorphic value on.
//!
//! Each kind is a crate of its own beside the types crate (`types` is the
//! path of that crate), so that the largest rustc of a version does not
//! hold them too and they compile while the types crate is in codegen.
//! Both are cheap: a property enum's variants are in field order, so its
//! wire name is the type's field table at the variant's index; a
//! derived-types enum converts from `Poly` by a chain of `Poly::downcast`,
//! one line per derived type.

use crate::emit::{doc_attrs, ident, Ctx};
use crate::naming::{pascal_case, NameAllocator};
use crate::plan::StructPlan;
use proc_macro2::TokenStream;
use quote::quote;

/// `properties::<Type>`: a variant per property, own and inherited, in
/// field index order.
pub fn properties_item(ctx: &Ctx, types: &TokenStream, s: &StructPlan) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&s.rust_name);
    let mut variants = NameAllocator::new();
    let variant_items = s.fields.iter().map(|f| {
        let v = ident(&variants.allocate(&pascal_case(&f.wire_name), ""));
        let doc = doc_attrs(&f.wire_name);
        quote!(#doc #v)
    });
    let doc = format!(
        " The property names of [`{0}`]({1}::{0}), for `$select`, `$expand` and `$orderby`.",
        s.rust_name,
        doc_path(types)
    );
    // An empty enum has no values: `wire_name` matches on nothing.
    let wire_name = if s.fields.is_empty() {
        quote!(match self {})
    } else {
        quote!(<#types::#name as #rt::Object>::static_desc().fields[self as usize])
    };
    quote! {
        #[doc = #doc]
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq)]
        pub enum #name {
            #( #variant_items, )*
        }
        impl #rt::PropertyName for #name {
            fn wire_name(self) -> &'static str {
                #wire_name
            }
        }
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#rt::PropertyName::wire_name(*self))
            }
        }
    }
}

/// `derived::<Type>` for a type with derived types: a variant per derived
/// type (directly or not) and `Other` for the type itself or one the model
/// does not know; `From<Poly<Type>>` and `DerivedTypes`. Nothing for a
/// type without derived types.
pub fn derived_item(ctx: &Ctx, types: &TokenStream, s: &StructPlan) -> TokenStream {
    if s.derived.is_empty() {
        return TokenStream::new();
    }
    let rt = &ctx.rt;
    let name = ident(&s.rust_name);
    let mut variants = NameAllocator::new();
    for d in &s.derived {
        variants.reserve(d);
    }
    let other = ident(&variants.allocate("Other", ""));
    let derived: Vec<_> = s.derived.iter().map(|d| ident(d)).collect();
    let doc = format!(
        " The types derived from [`{0}`]({1}::{0}), to `match` on \
         (`Poly::into_derived`); `{other}` holds a value of `{0}` itself, or of a type \
         derived from it that this model does not know, its `@odata.type` and properties kept.",
        s.rust_name,
        doc_path(types)
    );
    let other_doc = format!(
        " A value of `{}` itself, or of a derived type this model does not know (its `@odata.type` \
         and properties are in `additional_properties`).",
        s.rust_name
    );
    quote! {
        #[doc = #doc]
        pub enum #name {
            #( #derived(::std::boxed::Box<#types::#derived>), )*
            #[doc = #other_doc]
            #other(::std::boxed::Box<#types::#name>),
        }
        impl ::core::convert::From<#rt::Poly<#types::#name>> for #name {
            fn from(value: #rt::Poly<#types::#name>) -> Self {
                #(
                    let value = match value.downcast::<#types::#derived>() {
                        ::core::result::Result::Ok(v) => return Self::#derived(v),
                        ::core::result::Result::Err(value) => value,
                    };
                )*
                Self::#other(value.into_base())
            }
        }
        impl #name {
            /// The value, whatever its type.
            pub fn as_object(&self) -> &dyn #rt::Object {
                match self {
                    #( Self::#derived(v) => &**v, )*
                    Self::#other(v) => &**v,
                }
            }
        }
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(self.as_object(), f)
            }
        }
        impl #rt::DerivedTypes for #name {
            type Base = #types::#name;
        }
    }
}

/// `types` as an intra-doc link path (`graph_model_v1_0_types`): rustdoc
/// takes no leading `::`.
fn doc_path(types: &TokenStream) -> String {
    types
        .to_string()
        .replace(' ', "")
        .trim_start_matches("::")
        .to_owned()
}
