//! Emits the code for one `#[derive(GraphEnum)]`.
//!
//! The generated model crate holds about 1,200 enums, so the expansion is kept
//! small and mostly non-generic: three `match`es (string to index, index to
//! variant, variant to index), a few constant tables, and serde impls whose
//! only generic part is deserializing a `String` and mapping the error. Every
//! generated function is `#[inline]`, so a model crate compiles to machine code
//! only the functions its users call (on 1,200 enums, a debug build took about
//! a fifth less CPU time with it, in noisy measurements).

use crate::model::EnumModel;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

pub fn expand(model: &EnumModel) -> TokenStream {
    let ident = &model.ident;
    let error = format_ident!("{}ParseError", ident);

    let error_items = error_items(model, &error);
    let member_items = member_items(model);
    let values_items = values_items(model);
    let try_from_impl = try_from_impl(model, &error);
    let evolution_items = evolution_items(model);
    let other_items = other_items(model, &error);
    let trait_impls = trait_impls(model, &error);
    let set_items = if model.flags {
        set_items(model, &error)
    } else {
        quote!()
    };

    quote! {
        #error_items

        impl #ident {
            #member_items
            #values_items
            #evolution_items
            #other_items
        }

        #trait_impls
        #try_from_impl
        #set_items
    }
}

/// `<Name>ParseError`: the rejected input, and a message listing the members
/// (or their values, for a rejected number).
fn error_items(model: &EnumModel, error: &proc_macro2::Ident) -> TokenStream {
    let ident = &model.ident;
    let vis = &model.vis;
    let name = &model.name;
    let doc_error =
        format!("The error of parsing a [`{ident}`] (`{name}`) from its wire string or value.");
    let numeric_display = if model.has_values {
        let values_list = model
            .members
            .iter()
            .map(|m| m.value.unwrap_or_default().to_string())
            .collect::<Vec<_>>();
        let values_list = values_list.join(", ");
        quote! {
            if self.numeric {
                return ::core::write!(f, "invalid {} value {}: expected one of {}", #ident::NAME, self.value, #values_list);
            }
        }
    } else {
        quote!()
    };
    quote! {
        #[doc = #doc_error]
        #[derive(Clone, Debug, PartialEq, Eq)]
        #vis struct #error {
            value: ::std::string::String,
            numeric: bool,
        }

        impl #error {
            /// The rejected input, as written.
            #[inline]
            pub fn value(&self) -> &str {
                &self.value
            }
        }

        impl ::core::fmt::Display for #error {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #numeric_display
                ::core::write!(f, "invalid {} `{}`: expected one of {}", #ident::NAME, self.value, #ident::__GRAPH_ENUM_EXPECTED)
            }
        }

        impl ::std::error::Error for #error {}
    }
}

/// The member tables and the conversions between members, indices and wire
/// strings, inside the enum's inherent impl.
fn member_items(model: &EnumModel) -> TokenStream {
    let name = &model.name;
    let count = model.members.len();
    let wires: Vec<&str> = model.members.iter().map(|m| m.wire.as_str()).collect();
    let variants: Vec<_> = model.members.iter().map(|m| &m.ident).collect();
    let indices: Vec<Literal> = (0..count).map(Literal::usize_unsuffixed).collect();
    let wire_bytes: Vec<Literal> = wires
        .iter()
        .map(|w| Literal::byte_string(w.as_bytes()))
        .collect();
    let expected = wires.join(", ");
    let evolvable: Vec<&str> = match model.unknown_future_value {
        Some(ufv) => wires[ufv + 1..].to_vec(),
        None => Vec::new(),
    };

    let strict = model.other.is_none();
    let other_arm = model
        .other
        .as_ref()
        .map(|other| quote!(Self::#other(_) => ::core::option::Option::None,));
    let (index_ty, index_body) = if strict {
        (
            quote!(usize),
            quote!(match self { #(Self::#variants => #indices,)* }),
        )
    } else {
        (
            quote!(::core::option::Option<usize>),
            quote!(match self { #(Self::#variants => ::core::option::Option::Some(#indices),)* #other_arm }),
        )
    };
    let (as_str_ty, other_as_str) = match &model.other {
        None => (quote!(&'static str), quote!()),
        Some(other) => (quote!(&str), quote!(Self::#other(value) => value.as_str(),)),
    };
    let doc_members = format!("Wire names of the members of `{name}`, in declaration order.");

    quote! {
        /// Wire name of the enum type.
        pub const NAME: &'static str = #name;
        #[doc = #doc_members]
        pub const MEMBERS: &'static [&'static str] = &[#(#wires),*];
        /// Every known member, in declaration order (same order as `MEMBERS`).
        pub const ALL: &'static [Self] = &[#(Self::#variants),*];
        /// Members declared after `unknownFutureValue`: the service sends them only to
        /// clients that ask with `Prefer: include-unknown-enum-members`.
        pub const EVOLVABLE_MEMBERS: &'static [&'static str] = &[#(#evolvable),*];
        #[doc(hidden)]
        pub const __GRAPH_ENUM_EXPECTED: &'static str = #expected;

        #[doc(hidden)]
        #[inline]
        pub const fn __graph_enum_index_of(value: &str) -> ::core::option::Option<usize> {
            match value.as_bytes() {
                #(#wire_bytes => ::core::option::Option::Some(#indices),)*
                _ => ::core::option::Option::None,
            }
        }

        #[doc(hidden)]
        #[inline]
        pub const fn __graph_enum_member(index: usize) -> Self {
            match index {
                #(#indices => Self::#variants,)*
                _ => ::core::panic!("GraphEnum member index out of range"),
            }
        }

        /// Position of this member in `MEMBERS` and `ALL`.
        #[inline]
        pub const fn index(&self) -> #index_ty {
            #index_body
        }

        /// The member at this position of `MEMBERS`, if any.
        #[inline]
        pub const fn from_index(index: usize) -> ::core::option::Option<Self> {
            if index < #count {
                ::core::option::Option::Some(Self::__graph_enum_member(index))
            } else {
                ::core::option::Option::None
            }
        }

        /// The wire string of this value.
        #[inline]
        pub fn as_str(&self) -> #as_str_ty {
            match self {
                #(Self::#variants => #wires,)*
                #other_as_str
            }
        }
    }
}

/// `Display`, `FromStr` (strict) and the serde impls, all through the wire
/// string.
fn trait_impls(model: &EnumModel, error: &proc_macro2::Ident) -> TokenStream {
    let ident = &model.ident;
    let deserialize_body = match &model.other {
        None => quote!(value.parse().map_err(::serde::de::Error::custom)),
        Some(_) => quote!(::core::result::Result::Ok(Self::from_wire(value))),
    };
    quote! {
        impl ::core::fmt::Display for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = #error;

            /// Strict: only known members parse, even when the enum has an `other` variant.
            #[inline]
            // `Self::Err` would be ambiguous next to a variant named `Err`.
            fn from_str(value: &str) -> ::core::result::Result<Self, <Self as ::core::str::FromStr>::Err> {
                match Self::__graph_enum_index_of(value) {
                    ::core::option::Option::Some(index) => ::core::result::Result::Ok(Self::__graph_enum_member(index)),
                    ::core::option::Option::None => ::core::result::Result::Err(#error {
                        value: ::std::borrow::ToOwned::to_owned(value),
                        numeric: false,
                    }),
                }
            }
        }

        impl ::serde::Serialize for #ident {
            #[inline]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                #deserialize_body
            }
        }
    }
}

/// `VALUES`, `value()`, `from_value()` and `TryFrom<i64>`, when members have values.
fn values_items(model: &EnumModel) -> TokenStream {
    if !model.has_values {
        return quote!();
    }
    let values: Vec<i64> = model
        .members
        .iter()
        .map(|m| m.value.unwrap_or_default())
        .collect();
    let (value_ty, value_body) = if model.other.is_none() {
        (quote!(i64), quote!(Self::VALUES[self.index()]))
    } else {
        (
            quote!(::core::option::Option<i64>),
            quote!(match self.index() {
                ::core::option::Option::Some(index) =>
                    ::core::option::Option::Some(Self::VALUES[index]),
                ::core::option::Option::None => ::core::option::Option::None,
            }),
        )
    };
    quote! {
        /// Numeric values of the members (the docs' Value column), in declaration order.
        pub const VALUES: &'static [i64] = &[#(#values),*];

        /// The numeric value of this member.
        #[inline]
        pub const fn value(&self) -> #value_ty {
            #value_body
        }

        /// The member with this numeric value, if any.
        #[inline]
        pub const fn from_value(value: i64) -> ::core::option::Option<Self> {
            let mut index = 0;
            while index < Self::VALUES.len() {
                if Self::VALUES[index] == value {
                    return ::core::option::Option::Some(Self::__graph_enum_member(index));
                }
                index += 1;
            }
            ::core::option::Option::None
        }
    }
}

/// `TryFrom<i64>`, an impl block of its own (it cannot live in the inherent impl).
fn try_from_impl(model: &EnumModel, error: &proc_macro2::Ident) -> TokenStream {
    if !model.has_values {
        return quote!();
    }
    let ident = &model.ident;
    quote! {
        impl ::core::convert::TryFrom<i64> for #ident {
            type Error = #error;

            #[inline]
            // `Self::Error` would be ambiguous next to a variant named `Error`.
            fn try_from(value: i64) -> ::core::result::Result<Self, <Self as ::core::convert::TryFrom<i64>>::Error> {
                Self::from_value(value).ok_or_else(|| #error {
                    value: ::std::string::ToString::to_string(&value),
                    numeric: true,
                })
            }
        }
    }
}

/// `is_evolvable()`, `is_sendable()` and, with `unknownFutureValue`, `serialize_sendable()`.
fn evolution_items(model: &EnumModel) -> TokenStream {
    let Some(ufv) = model.unknown_future_value else {
        return quote! {
            /// True for members declared after `unknownFutureValue`; this enum has none.
            #[inline]
            pub const fn is_evolvable(&self) -> bool {
                false
            }

            /// True when the value may be sent to the service; this enum has no
            /// `unknownFutureValue` sentinel, so every value may.
            #[inline]
            pub const fn is_sendable(&self) -> bool {
                true
            }
        };
    };
    let ufv_variant = &model.members[ufv].ident;
    let ufv_index = Literal::usize_unsuffixed(ufv);
    let (is_evolvable_body, is_sendable_body) = match &model.other {
        None => (
            quote!(self.index() > #ufv_index),
            quote!(!::core::matches!(self, Self::#ufv_variant)),
        ),
        Some(_) => (
            quote!(
                ::core::matches!(self.index(), ::core::option::Option::Some(index) if index > #ufv_index)
            ),
            quote!(
                !::core::matches!(self, Self::#ufv_variant)
                    && self.as_str() != "unknownFutureValue"
            ),
        ),
    };
    let message = format!(
        "{} `unknownFutureValue` must not be sent to the service: it only stands for a member this client does not know",
        model.name
    );
    quote! {
        /// True for members declared after `unknownFutureValue`: the service returns
        /// them only with `Prefer: include-unknown-enum-members`, otherwise it sends
        /// `unknownFutureValue` in their place.
        #[inline]
        pub const fn is_evolvable(&self) -> bool {
            #is_evolvable_body
        }

        /// False for `unknownFutureValue`, which a client must never send in a request.
        #[inline]
        pub fn is_sendable(&self) -> bool {
            #is_sendable_body
        }

        /// Serializes like `Serialize` but fails on `unknownFutureValue`; for request
        /// bodies: `#[serde(serialize_with = "Type::serialize_sendable")]`.
        #[inline]
        pub fn serialize_sendable<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
            if self.is_sendable() {
                serializer.serialize_str(self.as_str())
            } else {
                ::core::result::Result::Err(<S::Error as ::serde::ser::Error>::custom(#message))
            }
        }
    }
}

/// `is_known()`, `from_wire()` and `deserialize_strict()` for enums with an `other` variant.
fn other_items(model: &EnumModel, error: &proc_macro2::Ident) -> TokenStream {
    let Some(other) = &model.other else {
        return quote!();
    };
    quote! {
        /// False for a value kept in the `other` variant.
        #[inline]
        pub const fn is_known(&self) -> bool {
            !::core::matches!(self, Self::#other(_))
        }

        /// Lenient parse: a known member, else the string kept in the `other` variant.
        #[inline]
        pub fn from_wire(value: ::std::string::String) -> Self {
            match Self::__graph_enum_index_of(&value) {
                ::core::option::Option::Some(index) => Self::__graph_enum_member(index),
                ::core::option::Option::None => Self::#other(value),
            }
        }

        /// Strict deserialization that rejects unknown strings despite the `other`
        /// variant: `#[serde(deserialize_with = "Type::deserialize_strict")]`.
        #[inline]
        pub fn deserialize_strict<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
            let value = <::std::string::String as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
            <Self as ::core::str::FromStr>::from_str(&value).map_err(|error: #error| <D::Error as ::serde::de::Error>::custom(error))
        }

        /// `deserialize_strict` for a nullable property: `#[serde(default, deserialize_with =
        /// "Type::deserialize_strict_option")]` on an `Option<Type>` field.
        #[inline]
        pub fn deserialize_strict_option<'de, D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::core::result::Result<::core::option::Option<Self>, D::Error> {
            match <::core::option::Option<::std::string::String> as ::serde::Deserialize<'de>>::deserialize(deserializer)? {
                ::core::option::Option::Some(value) => match <Self as ::core::str::FromStr>::from_str(&value) {
                    ::core::result::Result::Ok(member) => ::core::result::Result::Ok(::core::option::Option::Some(member)),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(<D::Error as ::serde::de::Error>::custom(error)),
                },
                ::core::option::Option::None => ::core::result::Result::Ok(::core::option::Option::None),
            }
        }
    }
}

/// The `<Enum>Set` type of a flags enum: a bit mask indexed by member position,
/// written on the wire as comma-separated member names.
fn set_items(model: &EnumModel, error: &proc_macro2::Ident) -> TokenStream {
    let ident = &model.ident;
    let vis = &model.vis;
    let set = format_ident!("{}Set", ident);
    let count = model.members.len();
    let all_bits: u64 = if count == 64 {
        u64::MAX
    } else {
        (1u64 << count) - 1
    };
    let doc = format!(
        "A set of [`{ident}`] flags; on the wire a comma-separated list of member names such as `\"{}\"`.",
        model.members.iter().take(2).map(|m| m.wire.as_str()).collect::<Vec<_>>().join(",")
    );
    let value_items = set_value_items(model);
    let trait_impls = set_trait_impls(model, &set, error);
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
        #vis struct #set {
            bits: u64,
        }

        impl #set {
            /// The empty set.
            #[inline]
            pub const fn empty() -> Self {
                Self { bits: 0 }
            }

            /// The set of all members.
            #[inline]
            pub const fn all() -> Self {
                Self { bits: #all_bits }
            }

            /// Bit `i` stands for the member at position `i` of `MEMBERS`.
            #[inline]
            pub const fn bits(&self) -> u64 {
                self.bits
            }

            /// The set with these bits, or `None` if a bit stands for no member.
            #[inline]
            pub const fn from_bits(bits: u64) -> ::core::option::Option<Self> {
                if bits & !#all_bits == 0 {
                    ::core::option::Option::Some(Self { bits })
                } else {
                    ::core::option::Option::None
                }
            }

            /// This set with `member` added.
            #[inline]
            pub const fn with(self, member: #ident) -> Self {
                Self { bits: self.bits | 1 << member.index() }
            }

            /// Whether `member` is in the set.
            #[inline]
            pub const fn contains(&self, member: &#ident) -> bool {
                self.bits & 1 << member.index() != 0
            }

            /// Adds `member`; returns whether it was absent.
            #[inline]
            pub fn insert(&mut self, member: #ident) -> bool {
                let absent = !self.contains(&member);
                self.bits |= 1 << member.index();
                absent
            }

            /// Removes `member`; returns whether it was present.
            #[inline]
            pub fn remove(&mut self, member: &#ident) -> bool {
                let present = self.contains(member);
                self.bits &= !(1 << member.index());
                present
            }

            /// Number of members in the set.
            #[inline]
            pub const fn len(&self) -> usize {
                self.bits.count_ones() as usize
            }

            /// Whether the set has no member.
            #[inline]
            pub const fn is_empty(&self) -> bool {
                self.bits == 0
            }

            /// The members in the set, in declaration order.
            #[inline]
            pub fn iter(&self) -> impl ::core::iter::Iterator<Item = #ident> {
                let bits = self.bits;
                let present = ::core::iter::Iterator::filter(0..#count, move |index| bits & 1 << index != 0);
                ::core::iter::Iterator::map(present, #ident::__graph_enum_member)
            }

            #value_items
        }

        #trait_impls
    }
}

/// `value()` and `from_value()` of a flags set, when members have values.
fn set_value_items(model: &EnumModel) -> TokenStream {
    let ident = &model.ident;
    if !model.has_values {
        return quote!();
    }
    quote! {
        /// The bitwise OR of the members' numeric values.
        #[inline]
        pub const fn value(&self) -> i64 {
            let mut value = 0;
            let mut index = 0;
            while index < #ident::VALUES.len() {
                if self.bits & 1 << index != 0 {
                    value |= #ident::VALUES[index];
                }
                index += 1;
            }
            value
        }

        /// The set whose members' values OR to `value`: every member
        /// whose value's bits are all in `value`. `None` if a bit of
        /// `value` belongs to no member. A member whose value is 0 (a
        /// `none`) cannot be told from its absence and is never in it.
        #[inline]
        pub const fn from_value(value: i64) -> ::core::option::Option<Self> {
            let mut bits = 0;
            let mut covered = 0;
            let mut index = 0;
            while index < #ident::VALUES.len() {
                let member = #ident::VALUES[index];
                if member != 0 && value & member == member {
                    bits |= 1 << index;
                    covered |= member;
                }
                index += 1;
            }
            if covered == value {
                ::core::option::Option::Some(Self { bits })
            } else {
                ::core::option::Option::None
            }
        }
    }
}

/// `From` a member, `FromIterator`, `Display`/`FromStr` as comma-separated
/// names, `Debug` and the serde impls of a flags set.
fn set_trait_impls(
    model: &EnumModel,
    set: &proc_macro2::Ident,
    error: &proc_macro2::Ident,
) -> TokenStream {
    let ident = &model.ident;
    quote! {
        impl ::core::convert::From<#ident> for #set {
            #[inline]
            fn from(member: #ident) -> Self {
                Self::empty().with(member)
            }
        }

        impl ::core::iter::FromIterator<#ident> for #set {
            #[inline]
            fn from_iter<I: ::core::iter::IntoIterator<Item = #ident>>(members: I) -> Self {
                let members = ::core::iter::IntoIterator::into_iter(members);
                ::core::iter::Iterator::fold(members, Self::empty(), Self::with)
            }
        }

        impl ::core::fmt::Display for #set {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut separator = "";
                for member in self.iter() {
                    f.write_str(separator)?;
                    f.write_str(member.as_str())?;
                    separator = ",";
                }
                ::core::result::Result::Ok(())
            }
        }

        impl ::core::fmt::Debug for #set {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{}({:?})", ::core::stringify!(#set), ::std::string::ToString::to_string(self))
            }
        }

        impl ::core::str::FromStr for #set {
            type Err = #error;

            /// Parses `"a,b"`; spaces around names are ignored and `""` is the empty set.
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, <Self as ::core::str::FromStr>::Err> {
                let mut set = Self::empty();
                if value.trim().is_empty() {
                    return ::core::result::Result::Ok(set);
                }
                for name in value.split(',') {
                    set.bits |= 1 << name.trim().parse::<#ident>()?.index();
                }
                ::core::result::Result::Ok(set)
            }
        }

        impl ::serde::Serialize for #set {
            #[inline]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #set {
            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                value.parse().map_err(::serde::de::Error::custom)
            }
        }
    }
}
