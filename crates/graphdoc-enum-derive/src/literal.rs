//! `graph_enum_literal!(Type, "member")`: a member checked at compile time.
//!
//! The expansion is a `const` item whose initializer looks the literal up with
//! the derive's `const fn __graph_enum_index_of`; an unknown literal makes the
//! constant evaluation panic, and the panic is spanned on the literal, so the
//! build fails with the message pointing at it. `const` panics take a single
//! `&str` argument, so the message is assembled in a constant byte buffer.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{LitStr, Token, Type};

pub struct LiteralInput {
    ty: Type,
    literal: LitStr,
}

impl Parse for LiteralInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let ty: Type = input.parse()?;
        input.parse::<Token![,]>()?;
        let literal: LitStr = input.parse()?;
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            return Err(input.error("expected `graph_enum_literal!(EnumType, \"member\")`"));
        }
        Ok(LiteralInput { ty, literal })
    }
}

pub fn expand(input: &LiteralInput) -> TokenStream {
    let ty = &input.ty;
    let literal = &input.literal;
    let ty_span = ty.span();
    let lookup = quote_spanned!(ty_span=> <#ty>::__graph_enum_index_of);
    let member = quote_spanned!(ty_span=> <#ty>::__graph_enum_member);
    let name = quote_spanned!(ty_span=> <#ty>::NAME);
    let expected = quote_spanned!(ty_span=> <#ty>::__GRAPH_ENUM_EXPECTED);
    let panic = quote_spanned!(literal.span()=> ::core::panic!("{}", MESSAGE));
    quote! {
        {
            const GRAPH_ENUM_LITERAL: #ty = match #lookup(#literal) {
                ::core::option::Option::Some(index) => #member(index),
                ::core::option::Option::None => {
                    const PARTS: [&str; 6] = ["invalid ", #name, " `", #literal, "`: expected one of ", #expected];
                    const LEN: usize = {
                        let mut len = 0;
                        let mut part = 0;
                        while part < PARTS.len() {
                            len += PARTS[part].len();
                            part += 1;
                        }
                        len
                    };
                    const BYTES: [u8; LEN] = {
                        let mut out = [0u8; LEN];
                        let mut at = 0;
                        let mut part = 0;
                        while part < PARTS.len() {
                            let bytes = PARTS[part].as_bytes();
                            let mut i = 0;
                            while i < bytes.len() {
                                out[at] = bytes[i];
                                at += 1;
                                i += 1;
                            }
                            part += 1;
                        }
                        out
                    };
                    const MESSAGE: &str = match ::core::str::from_utf8(&BYTES) {
                        ::core::result::Result::Ok(message) => message,
                        ::core::result::Result::Err(_) => "invalid GraphEnum literal",
                    };
                    #panic
                }
            };
            GRAPH_ENUM_LITERAL
        }
    }
}
