//! Tokens for the generated files, formatted with prettyplease.

use crate::docs::doc_lines;
use crate::plan::{EnumPlan, FieldPlan, OperationPlan, RustType, StructPlan, VersionPlan};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` attributes for free text.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = spaced(doc_lines(text));
    quote! { #( #[doc = #lines] )* }
}

/// `///text` reads badly; prettyplease prints the literal as is.
fn spaced(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") })
        .collect()
}

/// Doc attributes for several paragraphs, skipping empty ones.
fn doc_paragraphs(paragraphs: &[String]) -> TokenStream {
    let text = paragraphs
        .iter()
        .filter(|p| !p.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n");
    doc_attrs(&text)
}

/// The struct's doc: description, wire type, base type and source.
fn struct_doc(s: &StructPlan) -> TokenStream {
    let mut paragraphs = vec![s.description.clone(), format!("Wire type: {}", s.wire_name)];
    if let Some(b) = &s.base_wire_name {
        paragraphs.push(format!("Derives from {b}; its properties are included."));
    }
    paragraphs.push(format!("Documented at {}", s.source));
    doc_paragraphs(&paragraphs)
}

/// Tells rustfmt to leave a generated file alone. The generator formats in
/// process with prettyplease, whose style differs from rustfmt's: without
/// this, `cargo fmt --all` in a workspace holding the model would rewrite it
/// and `cargo xtask regenerate --check` would then call it stale. (A plain
/// `#![rustfmt::skip]` is an unstable custom inner attribute.)
const RUSTFMT_SKIP: &str = "#![cfg_attr(rustfmt, rustfmt::skip)]\n";

pub fn format_tokens(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => format!("{RUSTFMT_SKIP}{}", prettyplease::unparse(&file)),
        // Only a bug in this crate gets here; the raw tokens at least show it.
        Err(e) => format!("compile_error!({:?});\n{tokens}\n", e.to_string()),
    }
}

pub struct Ctx {
    /// `::graph_model_runtime`
    pub rt: TokenStream,
}

impl Ctx {
    pub fn new(runtime_lib: &str) -> Self {
        let rt = ident(runtime_lib);
        Ctx { rt: quote!(::#rt) }
    }

    fn ty(&self, t: &RustType) -> TokenStream {
        let rt = &self.rt;
        match t {
            RustType::Path(p) if p.starts_with("::") => syn::parse_str::<syn::Type>(p)
                .map(|t| quote!(#t))
                .unwrap_or_else(|_| quote!(::serde_json::Value)),
            RustType::Path(p) => {
                let i = ident(p);
                quote!(#rt::#i)
            }
            RustType::Struct { name, poly: true } => {
                let i = ident(name);
                quote!(#rt::Poly<crate::#i>)
            }
            RustType::Struct { name, poly: false } => {
                let i = ident(name);
                quote!(crate::#i)
            }
            RustType::Enum { name } => {
                let i = ident(name);
                quote!(crate::#i)
            }
            RustType::Vec(inner) => {
                let inner = self.ty(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            RustType::Page(inner) => {
                let inner = self.ty(inner);
                quote!(#rt::Page<#inner>)
            }
            RustType::ValueOf(inner) => {
                let inner = self.ty(inner);
                quote!(#rt::ValueOf<#inner>)
            }
            RustType::NoBody => quote!(#rt::NoBody),
        }
    }

    /// A property type: structs are boxed so that recursive types have a
    /// size; a navigation property is a `Nav`, which holds JSON (and so
    /// needs no box) and links its type's code only where it is read.
    fn field_ty(&self, f: &FieldPlan) -> TokenStream {
        let rt = &self.rt;
        let t = &f.ty;
        if f.navigation {
            let inner = self.ty(t);
            return quote!(#rt::Field<#rt::Nav<#inner>>);
        }
        let inner = match t {
            RustType::Struct { poly: false, .. } => {
                let s = self.ty(t);
                quote!(::std::boxed::Box<#s>)
            }
            _ => self.ty(t),
        };
        let rt = &self.rt;
        quote!(#rt::Field<#inner>)
    }

    pub fn struct_item(&self, s: &StructPlan) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&s.rust_name);
        let doc = struct_doc(s);
        let field_defs = self.field_defs(s);
        let static_desc = self.static_desc(s);
        let (field_fn, field_mut_fn) = self.field_accessors(s);
        let write_fields_fn = self.write_fields(s);
        let (derives, default_impl) = self.clone_and_default(s);
        let wire_impls = self.wire_impls(&name);
        quote! {
            #doc
            #derives
            pub struct #name {
                #(#field_defs)*
                /// Properties the schema does not know, and annotations such as `@odata.type`: kept so that nothing is lost on a round trip.
                pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            }

            impl #rt::Object for #name {
                #static_desc
                #field_fn
                #field_mut_fn
                #write_fields_fn
                fn additional_properties(&self) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
                    &self.additional_properties
                }
                fn additional_properties_mut(&mut self) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value> {
                    &mut self.additional_properties
                }
            }

            #default_impl

            #wire_impls
        }
    }

    /// The struct's fields with their docs, without `additional_properties`.
    fn field_defs(&self, s: &StructPlan) -> Vec<TokenStream> {
        s.fields
            .iter()
            .map(|f| {
                let fname = ident(&f.rust_name);
                let ty = self.field_ty(f);
                let mut text = vec![
                    f.description.clone(),
                    format!("Wire name: {}; type: {}", f.wire_name, f.schema_type),
                ];
                // Most descriptions say it already; say it once.
                if f.read_only && !graphdoc_docs::facts::says_read_only(&f.description) {
                    text.push("Read-only.".into());
                }
                if f.navigation {
                    text.push(
                        "Navigation property, sent with $expand: kept as received, read with Nav::get."
                            .into(),
                    );
                }
                let doc = doc_paragraphs(&text);
                quote! { #doc pub #fname: #ty, }
            })
            .collect()
    }

    /// `Object::static_desc`: the struct's `TypeDesc` table.
    fn static_desc(&self, s: &StructPlan) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&s.rust_name);
        let wire_names = s.fields.iter().map(|f| f.wire_name.as_str());
        let wire_name = &s.wire_name;
        let is_abstract = s.is_abstract;
        let ancestors = &s.ancestors;
        let names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
        let (seed, slots) = field_slots(&names);
        // Unsuffixed: the table is long and its type is known.
        let slots = slots.into_iter().map(proc_macro2::Literal::u16_unsuffixed);
        let derived = s.derived.iter().map(|d| {
            let d = ident(d);
            quote!(<crate::#d as #rt::Object>::static_desc)
        });
        quote! {
            fn static_desc() -> &'static #rt::TypeDesc {
                static DESC: #rt::TypeDesc = #rt::TypeDesc {
                    name: #wire_name,
                    ancestors: &[#(#ancestors),*],
                    fields: &[#(#wire_names),*],
                    seed: #seed,
                    slots: &[#(#slots),*],
                    is_abstract: #is_abstract,
                    derived: &[#(#derived),*],
                    make: #rt::make_default::<#name>,
                };
                &DESC
            }
        }
    }

    /// `Object::field` and `Object::field_mut`: a field by its index.
    fn field_accessors(&self, s: &StructPlan) -> (TokenStream, TokenStream) {
        let rt = &self.rt;
        if s.fields.is_empty() {
            return (
                quote! {
                    fn field(&self, _index: usize) -> ::core::option::Option<&dyn #rt::FieldValue> {
                        ::core::option::Option::None
                    }
                },
                quote! {
                    fn field_mut(&mut self, _index: usize) -> ::core::option::Option<&mut dyn #rt::FieldValue> {
                        ::core::option::Option::None
                    }
                },
            );
        }
        let idx: Vec<usize> = (0..s.fields.len()).collect();
        let fnames: Vec<Ident> = s.fields.iter().map(|f| ident(&f.rust_name)).collect();
        (
            quote! {
                fn field(&self, index: usize) -> ::core::option::Option<&dyn #rt::FieldValue> {
                    let field: &dyn #rt::FieldValue = match index {
                        #( #idx => &self.#fnames, )*
                        _ => return ::core::option::Option::None,
                    };
                    ::core::option::Option::Some(field)
                }
            },
            quote! {
                fn field_mut(&mut self, index: usize) -> ::core::option::Option<&mut dyn #rt::FieldValue> {
                    let field: &mut dyn #rt::FieldValue = match index {
                        #( #idx => &mut self.#fnames, )*
                        _ => return ::core::option::Option::None,
                    };
                    ::core::option::Option::Some(field)
                }
            },
        )
    }

    /// `Object::write_fields`: a call per field, each to its field type's
    /// write code, so that writing does not go through the field table.
    fn write_fields(&self, s: &StructPlan) -> TokenStream {
        let rt = &self.rt;
        if s.fields.is_empty() {
            return quote! {
                fn write_fields(&self, _out: &mut #rt::FieldsOut<'_>) {}
            };
        }
        let wire_names = s.fields.iter().map(|f| f.wire_name.as_str());
        let fnames = s.fields.iter().map(|f| ident(&f.rust_name));
        quote! {
            fn write_fields(&self, out: &mut #rt::FieldsOut<'_>) {
                #( out.field(#wire_names, &self.#fnames); )*
            }
        }
    }

    /// The derive attribute and the `Clone`/`Default` impls.
    ///
    /// By hand when there are fields: the derives would call
    /// `Field::<T>::default()` and `clone()` for every field, code per
    /// struct and field type; `clone_object` copies through the table.
    /// Without fields, clippy wants the derives.
    fn clone_and_default(&self, s: &StructPlan) -> (TokenStream, TokenStream) {
        let rt = &self.rt;
        let name = ident(&s.rust_name);
        if s.fields.is_empty() {
            return (
                quote!(#[derive(::core::clone::Clone, ::core::default::Default)]),
                quote!(),
            );
        }
        let all_fields: Vec<Ident> = s.fields.iter().map(|f| ident(&f.rust_name)).collect();
        (
            quote!(),
            quote! {
                impl ::core::clone::Clone for #name {
                    fn clone(&self) -> Self {
                        let mut copy = <Self as ::core::default::Default>::default();
                        #rt::clone_object(self, &mut copy);
                        copy
                    }
                }

                impl ::core::default::Default for #name {
                    fn default() -> Self {
                        #name {
                            #( #all_fields: #rt::Field::Absent, )*
                            additional_properties: ::serde_json::Map::new(),
                        }
                    }
                }
            },
        )
    }

    /// `PartialEq`, `Debug`, `Wire` and serde impls, all through the
    /// runtime's object functions.
    fn wire_impls(&self, name: &Ident) -> TokenStream {
        let rt = &self.rt;
        quote! {
            impl ::core::cmp::PartialEq for #name {
                fn eq(&self, other: &Self) -> bool {
                    #rt::objects_equal(self, other)
                }
            }

            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #rt::debug_object(self, f)
                }
            }

            impl #rt::Wire for #name {
                fn read(src: &mut dyn #rt::Source) -> ::core::result::Result<Self, #rt::Error> {
                    #rt::read_object(src)
                }
                fn write(&self, sink: &mut dyn #rt::Sink) -> ::core::result::Result<(), #rt::Error> {
                    #rt::write_object(self, sink)
                }
                #[inline]
                fn as_object(&self) -> ::core::option::Option<&dyn #rt::Object> {
                    ::core::option::Option::Some(self)
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    #rt::serialize_wire(self, serializer)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    #rt::deserialize_wire(deserializer)
                }
            }
        }
    }

    pub fn enum_item(&self, e: &EnumPlan) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&e.rust_name);
        let doc = doc_paragraphs(&[
            e.description.clone(),
            format!("Wire type: {}", e.wire_name),
            format!("Documented at {}", e.source),
        ]);
        let simple = &e.simple_wire_name;
        let head = if e.is_flags {
            quote!(#[graph_enum(name = #simple, flags)])
        } else {
            quote!(#[graph_enum(name = #simple)])
        };
        let variants = e.members.iter().map(|(variant, wire, value, description)| {
            let v = ident(variant);
            let doc = doc_attrs(description);
            match value {
                Some(n) => quote! { #doc #[graph_enum(rename = #wire, value = #n)] #v, },
                None => quote! { #doc #[graph_enum(rename = #wire)] #v, },
            }
        });
        // The derive keeps unknown strings only in plain enums; its flags
        // sets are strict.
        let other = if e.is_flags {
            quote!()
        } else {
            quote! {
                /// A value this model does not know (from a newer service), kept as received.
                #[graph_enum(other)]
                Other(::std::string::String),
            }
        };
        // Through the derive's string API, not serde_json: nothing generic
        // is instantiated per enum.
        let wire_enum = if e.is_flags {
            quote!()
        } else {
            quote! {
                impl #rt::Wire for #name {
                    fn read(src: &mut dyn #rt::Source) -> ::core::result::Result<Self, #rt::Error> {
                        match #rt::read_string(src) {
                            ::core::result::Result::Ok(text) => ::core::result::Result::Ok(Self::from_wire(text)),
                            ::core::result::Result::Err(e) => ::core::result::Result::Err(e),
                        }
                    }
                    fn write(&self, sink: &mut dyn #rt::Sink) -> ::core::result::Result<(), #rt::Error> {
                        sink.str(self.as_str())
                    }
                    // Inlined into the field code of the types crate, so
                    // that writing a member is one call to the writer.
                    #[inline]
                    fn as_scalar(&self) -> ::core::option::Option<#rt::ScalarRef<'_>> {
                        ::core::option::Option::Some(#rt::ScalarRef::Str(self.as_str()))
                    }
                    fn read_field(field: &mut #rt::Field<Self>, src: &mut dyn #rt::Source) -> ::core::result::Result<(), #rt::Error> {
                        #rt::read_scalar_field(field, src, |scalar| match #rt::string_from(scalar) {
                            ::core::result::Result::Ok(text) => ::core::result::Result::Ok(Self::from_wire(text)),
                            ::core::result::Result::Err(e) => ::core::result::Result::Err(e),
                        })
                    }
                }
            }
        };
        let wire_set = if e.is_flags {
            let set = format_ident!("{}Set", name);
            quote! {
                impl #rt::Wire for #set {
                    fn read(src: &mut dyn #rt::Source) -> ::core::result::Result<Self, #rt::Error> {
                        #rt::read_parsed(src)
                    }
                    fn write(&self, sink: &mut dyn #rt::Sink) -> ::core::result::Result<(), #rt::Error> {
                        sink.str(&::std::string::ToString::to_string(self))
                    }
                }
            }
        } else {
            quote!()
        };
        quote! {
            #doc
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::graphdoc_enum_derive::GraphEnum)]
            #head
            pub enum #name {
                #(#variants)*
                #other
            }
            #wire_enum
            #wire_set
        }
    }

    pub fn operation_item(&self, op: &OperationPlan) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&op.rust_name);
        let method = ident(op.method);
        let title = &op.title;
        let first = op.paths.first().cloned().unwrap_or_default();
        let paths = &op.paths;
        let (request, body_item) = self.request_body(op);
        let path_item = crate::path_params::path_struct_item(self, op);
        let response = self.ty(&op.response);
        let mut paragraphs = vec![
            op.title.clone(),
            format!("{} {}", op.method.to_ascii_uppercase(), first),
            format!("Documented at {}", op.source),
        ];
        paragraphs.extend(path_params_doc(op));
        paragraphs.extend(crate::query::query_doc(op));
        let doc = doc_paragraphs(&paragraphs);
        let query_items = crate::query::query_items(self, op);
        quote! {
            #doc
            pub struct #name;

            impl #rt::Operation for #name {
                const TITLE: &'static str = #title;
                const METHOD: #rt::Method = #rt::Method::#method;
                const PATH: &'static str = #first;
                const PATHS: &'static [&'static str] = &[#(#paths),*];
                type Request = #request;
                type Response = #response;
            }
            #body_item
            #path_item
            #query_items
        }
    }

    /// The request type of an operation, and the struct of its request-body
    /// table when it has one (in the operation's module, beside it).
    fn request_body(&self, op: &OperationPlan) -> (TokenStream, TokenStream) {
        match &op.body {
            Some(body) => {
                let name = ident(&body.rust_name);
                (quote!(#name), self.struct_item(body))
            }
            None => (self.ty(&op.request), quote!()),
        }
    }
}

/// Seeds tried per type for its field table: enough that nearly every
/// type gets one under which no name sits past its home slot.
const SEED_TRIES: u32 = 256;

/// The `seed` and `slots` of a type's `TypeDesc` for its field wire names
/// (in field order): linear probing in a table at most half full, under the
/// seed among the first 256 (`SEED_TRIES`) with the fewest names past their home
/// slot (the runtime's `field_index` compares one name for those at home).
pub fn field_slots(names: &[&str]) -> (u32, Vec<u16>) {
    use crate::name_hash::{home_slot, EMPTY_SLOT};
    if names.is_empty() {
        return (0, Vec::new());
    }
    let len = (names.len() * 2).next_power_of_two().max(4);
    let mut best: Option<(usize, u32, Vec<u16>)> = None;
    for seed in 0..SEED_TRIES {
        let mut slots = vec![EMPTY_SLOT; len];
        let mut probes = 0;
        for (index, name) in names.iter().enumerate() {
            let mut at = home_slot(name.as_bytes(), seed, len);
            while slots[at] != EMPTY_SLOT {
                at = (at + 1) & (len - 1);
                probes += 1;
            }
            slots[at] = u16::try_from(index).unwrap_or(EMPTY_SLOT - 1);
        }
        if best.as_ref().is_none_or(|b| probes < b.0) {
            let perfect = probes == 0;
            best = Some((probes, seed, slots));
            if perfect {
                break;
            }
        }
    }
    best.map_or((0, Vec::new()), |(_, seed, slots)| (seed, slots))
}

/// The operation's doc, and a line for each path parameter that accepts
/// alternatives (`{id | userPrincipalName}` in the docs).
fn path_params_doc(op: &OperationPlan) -> impl Iterator<Item = String> + '_ {
    op.path_params
        .iter()
        .filter(|p| !p.accepts.is_empty())
        .map(|p| format!("`{{{}}}` accepts {}.", p.name, p.accepts.join(" or ")))
}

/// A file holds at most about this many items before its letter is split
/// by the second letter.
const ITEMS_PER_FILE: usize = 150;

/// Groups items into modules by the first letter of their Rust name (`a` …
/// `z`), and letters with many items by the first two (`de`, `di`): files
/// stay a navigable size, and adding a type touches one file.
pub fn by_letter<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<String, Vec<&T>> {
    let key = |item: &T, len: usize| -> String {
        let mut k: String = name(item)
            .chars()
            .take(len)
            .map(|c| c.to_ascii_lowercase())
            .map(|c| if c.is_ascii_alphanumeric() { c } else { 'x' })
            .collect();
        if !k.starts_with(|c: char| c.is_ascii_lowercase()) {
            k.insert(0, 'x');
        }
        // `as`, `do`, `fn`, `if`, `in` are keywords.
        if crate::naming::is_keyword(&k) {
            k.push('_');
        }
        k
    };
    let mut first: BTreeMap<String, Vec<&T>> = BTreeMap::new();
    for item in items {
        first.entry(key(item, 1)).or_default().push(item);
    }
    let mut groups: BTreeMap<String, Vec<&T>> = BTreeMap::new();
    for (letter, members) in first {
        if members.len() <= ITEMS_PER_FILE {
            groups.insert(letter, members);
        } else {
            for item in members {
                groups.entry(key(item, 2)).or_default().push(item);
            }
        }
    }
    groups
}

/// A module file documented by `doc` with [`module_list`].
pub fn module_index(groups: &[String], doc: &str) -> TokenStream {
    let lines = spaced(doc_lines(doc));
    let mods = module_list(groups);
    quote! {
        #( #![doc = #lines] )*
        #mods
    }
}

/// `mod a; pub use self::a::*;` for each group.
pub fn module_list(groups: &[String]) -> TokenStream {
    let mods: Vec<Ident> = groups.iter().map(|g| ident(g)).collect();
    quote! { #( mod #mods; pub use self::#mods::*; )* }
}

pub fn lookup_fn(ctx: &Ctx, plan: &VersionPlan) -> TokenStream {
    let rt = &ctx.rt;
    let mut sorted: Vec<&StructPlan> = plan.structs.iter().collect();
    sorted.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
    let n = sorted.len();
    let entries = sorted.iter().map(|s| {
        let i = ident(&s.rust_name);
        quote!(<crate::#i as #rt::Object>::static_desc)
    });
    quote! {
        /// Finds a type of this version by qualified wire name
        /// (`microsoft.graph.user`); used to read polymorphic payloads.
        pub fn lookup_type(name: &str) -> ::core::option::Option<&'static #rt::TypeDesc> {
            // Sorted by wire name at generation time.
            static TYPES: [fn() -> &'static #rt::TypeDesc; #n] = [#(#entries),*];
            TYPES.binary_search_by(|t| t().name.cmp(name)).ok().map(|i| TYPES[i]())
        }
    }
}
