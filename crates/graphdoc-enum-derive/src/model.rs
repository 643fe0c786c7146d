//! Reads a `#[derive(GraphEnum)]` input into an [`EnumModel`], checking every
//! rule of the attribute language; each violation becomes a `syn::Error` spanned
//! on the offending tokens so that the user sees a normal compile error.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{
    Data, DeriveInput, Expr, ExprLit, ExprUnary, Fields, Ident, Lit, LitStr, UnOp, Visibility,
};

/// The wire name of the sentinel Graph puts before members that only appear
/// with `Prefer: include-unknown-enum-members`.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// A flags set is a `u64` bit mask indexed by member position.
pub const MAX_FLAGS_MEMBERS: usize = 64;

pub struct EnumModel {
    pub ident: Ident,
    pub vis: Visibility,
    /// Wire name of the type, used in messages.
    pub name: String,
    pub flags: bool,
    pub members: Vec<Member>,
    /// The variant that keeps unknown strings, if any.
    pub other: Option<Ident>,
    /// True when every member has a `value` (values are all-or-nothing).
    pub has_values: bool,
    /// Position of `unknownFutureValue` among the members.
    pub unknown_future_value: Option<usize>,
}

pub struct Member {
    pub ident: Ident,
    pub wire: String,
    pub value: Option<i64>,
}

#[derive(Clone, Copy)]
enum RenameRule {
    Camel,
    Pascal,
    Snake,
    ScreamingSnake,
    Kebab,
    Lower,
    Upper,
}

const RENAME_RULES: &[(&str, RenameRule)] = &[
    ("camelCase", RenameRule::Camel),
    ("PascalCase", RenameRule::Pascal),
    ("snake_case", RenameRule::Snake),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
    ("kebab-case", RenameRule::Kebab),
    ("lowercase", RenameRule::Lower),
    ("UPPERCASE", RenameRule::Upper),
];

impl RenameRule {
    /// Same conventions as serde's `rename_all` for variant names.
    fn apply(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Camel => {
                let mut chars = variant.chars();
                match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Snake => separated_lowercase(variant, '_'),
            RenameRule::ScreamingSnake => separated_lowercase(variant, '_').to_ascii_uppercase(),
            RenameRule::Kebab => separated_lowercase(variant, '-'),
        }
    }
}

fn separated_lowercase(variant: &str, separator: char) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    for (i, ch) in variant.char_indices() {
        if ch.is_uppercase() && i > 0 {
            out.push(separator);
        }
        out.extend(ch.to_lowercase());
    }
    out
}

#[derive(Default)]
struct TypeAttrs {
    name: Option<String>,
    flags: bool,
    rename_all: Option<RenameRule>,
}

#[derive(Default)]
struct VariantAttrs {
    rename: Option<LitStr>,
    value: Option<(i64, Span)>,
    /// Span of the `other` key, for errors about it.
    other: Option<Span>,
}

fn graph_enum_attrs(attrs: &[syn::Attribute]) -> impl Iterator<Item = &syn::Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("graph_enum"))
}

fn duplicate_key(meta: &syn::meta::ParseNestedMeta<'_>, key: &str) -> syn::Error {
    meta.error(format!("duplicate graph_enum key `{key}`"))
}

fn parse_type_attrs(input: &DeriveInput) -> syn::Result<TypeAttrs> {
    let mut out = TypeAttrs::default();
    for attr in graph_enum_attrs(&input.attrs) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                if out.name.is_some() {
                    return Err(duplicate_key(&meta, "name"));
                }
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value().is_empty() {
                    return Err(syn::Error::new(lit.span(), "graph_enum `name` must not be empty"));
                }
                out.name = Some(lit.value());
            } else if meta.path.is_ident("flags") {
                if out.flags {
                    return Err(duplicate_key(&meta, "flags"));
                }
                out.flags = true;
            } else if meta.path.is_ident("rename_all") {
                if out.rename_all.is_some() {
                    return Err(duplicate_key(&meta, "rename_all"));
                }
                let lit: LitStr = meta.value()?.parse()?;
                let rule = RENAME_RULES.iter().find(|(name, _)| *name == lit.value()).map(|(_, rule)| *rule);
                match rule {
                    Some(rule) => out.rename_all = Some(rule),
                    None => {
                        let known: Vec<&str> = RENAME_RULES.iter().map(|(name, _)| *name).collect();
                        return Err(syn::Error::new(
                            lit.span(),
                            format!("unknown rename_all rule `{}`: expected one of {}", lit.value(), known.join(", ")),
                        ));
                    }
                }
            } else {
                return Err(meta.error(format!(
                    "unknown graph_enum key `{}` on the enum: expected `name`, `flags` or `rename_all`",
                    path_text(&meta.path)
                )));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

fn parse_variant_attrs(variant: &syn::Variant) -> syn::Result<VariantAttrs> {
    let mut out = VariantAttrs::default();
    for attr in graph_enum_attrs(&variant.attrs) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if out.rename.is_some() {
                    return Err(duplicate_key(&meta, "rename"));
                }
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value().is_empty() {
                    return Err(syn::Error::new(lit.span(), "graph_enum `rename` must not be empty"));
                }
                out.rename = Some(lit);
            } else if meta.path.is_ident("value") {
                if out.value.is_some() {
                    return Err(duplicate_key(&meta, "value"));
                }
                let expr: Expr = meta.value()?.parse()?;
                out.value = Some((integer_value(&expr)?, expr.span()));
            } else if meta.path.is_ident("other") {
                if out.other.is_some() {
                    return Err(duplicate_key(&meta, "other"));
                }
                out.other = Some(meta.path.span());
            } else {
                return Err(meta.error(format!(
                    "unknown graph_enum key `{}` on a variant: expected `rename`, `value` or `other`",
                    path_text(&meta.path)
                )));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Accepts an integer literal, optionally negated, that fits an `i64`.
fn integer_value(expr: &Expr) -> syn::Result<i64> {
    let (negative, lit) = match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => (false, lit),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr: inner,
            ..
        }) => match &**inner {
            Expr::Lit(ExprLit {
                lit: Lit::Int(lit), ..
            }) => (true, lit),
            _ => {
                return Err(syn::Error::new_spanned(
                    expr,
                    "graph_enum `value` must be an integer literal",
                ))
            }
        },
        _ => {
            return Err(syn::Error::new_spanned(
                expr,
                "graph_enum `value` must be an integer literal",
            ))
        }
    };
    let magnitude: i128 = lit.base10_parse()?;
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value)
        .map_err(|_| syn::Error::new_spanned(expr, "graph_enum `value` must fit in an i64"))
}

pub fn read(input: &DeriveInput) -> syn::Result<EnumModel> {
    let data = enum_data(input)?;
    let type_attrs = parse_type_attrs(input)?;
    let mut members: Vec<Member> = Vec::with_capacity(data.variants.len());
    let mut other: Option<Ident> = None;
    // The first member without a value and the first with one: a mix is an error.
    let mut first_without_value: Option<&syn::Variant> = None;
    let mut first_with_value: Option<&syn::Variant> = None;

    for variant in &data.variants {
        let attrs = parse_variant_attrs(variant)?;
        if let Some(other_span) = attrs.other {
            check_other_variant(variant, &attrs, other_span, &type_attrs, &other)?;
            other = Some(variant.ident.clone());
            continue;
        }
        if !matches!(variant.fields, Fields::Unit) {
            return Err(syn::Error::new_spanned(
                &variant.fields,
                "GraphEnum members must be unit variants; only the `#[graph_enum(other)]` variant may hold a String",
            ));
        }
        let wire = member_wire_name(variant, &attrs, &type_attrs, &members)?;
        match attrs.value {
            Some((value, span)) => {
                if let Some(previous) = members.iter().find(|m| m.value == Some(value)) {
                    return Err(syn::Error::new(
                        span,
                        format!(
                            "duplicate value {value}: variants `{}` and `{}` both use it",
                            previous.ident, variant.ident
                        ),
                    ));
                }
                first_with_value.get_or_insert(variant);
            }
            None => {
                first_without_value.get_or_insert(variant);
            }
        }
        members.push(Member {
            ident: variant.ident.clone(),
            wire,
            value: attrs.value.map(|(v, _)| v),
        });
    }

    if let (Some(without), Some(with)) = (first_without_value, first_with_value) {
        return Err(syn::Error::new_spanned(
            &without.ident,
            format!(
                "variant `{}` has no `value` but `{}` has one: give every member a value or none",
                without.ident, with.ident
            ),
        ));
    }
    check_member_count(input, &type_attrs, &members)?;
    let has_values = first_with_value.is_some();
    let unknown_future_value = members.iter().position(|m| m.wire == UNKNOWN_FUTURE_VALUE);
    Ok(EnumModel {
        ident: input.ident.clone(),
        vis: input.vis.clone(),
        name: type_attrs.name.unwrap_or_else(|| input.ident.to_string()),
        flags: type_attrs.flags,
        members,
        other,
        has_values,
        unknown_future_value,
    })
}

/// The variants of a non-generic enum; an error for anything else.
fn enum_data(input: &DeriveInput) -> syn::Result<&syn::DataEnum> {
    let data = match &input.data {
        Data::Enum(data) => data,
        Data::Struct(data) => {
            let (keyword, ident) = (&data.struct_token, &input.ident);
            return Err(syn::Error::new_spanned(
                quote::quote!(#keyword #ident),
                "GraphEnum can only be derived for enums, not for structs",
            ));
        }
        Data::Union(data) => {
            let (keyword, ident) = (&data.union_token, &input.ident);
            return Err(syn::Error::new_spanned(
                quote::quote!(#keyword #ident),
                "GraphEnum can only be derived for enums, not for unions",
            ));
        }
    };
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "GraphEnum does not support generic enums",
        ));
    }
    Ok(data)
}

/// The `#[graph_enum(other)]` variant: at most one, not in a flags enum,
/// without wire name or value, holding exactly one `String`.
fn check_other_variant(
    variant: &syn::Variant,
    attrs: &VariantAttrs,
    other_span: Span,
    type_attrs: &TypeAttrs,
    other: &Option<Ident>,
) -> syn::Result<()> {
    if type_attrs.flags {
        return Err(syn::Error::new(
            other_span,
            "a flags GraphEnum cannot have an `other` variant: its set type keeps only known members",
        ));
    }
    if let Some(previous) = other {
        return Err(syn::Error::new_spanned(
            &variant.ident,
            format!("only one variant can be `#[graph_enum(other)]`; `{previous}` already is"),
        ));
    }
    if let Some(rename) = &attrs.rename {
        return Err(syn::Error::new(
            rename.span(),
            "the `other` variant has no wire name: remove `rename`",
        ));
    }
    if let Some((_, span)) = attrs.value {
        return Err(syn::Error::new(
            span,
            "the `other` variant has no value: remove `value`",
        ));
    }
    match &variant.fields {
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            let ty = &fields.unnamed[0].ty;
            if !names_string(ty) {
                return Err(syn::Error::new_spanned(
                    ty,
                    format!(
                        "the `#[graph_enum(other)]` variant keeps the wire string: its field must be a `String`, not `{}`",
                        type_as_written(ty)
                    ),
                ));
            }
            Ok(())
        }
        fields => {
            let ident = &variant.ident;
            Err(syn::Error::new_spanned(
                quote::quote!(#ident #fields),
                "the `#[graph_enum(other)]` variant must have exactly one field: `Other(::std::string::String)`",
            ))
        }
    }
}

/// A member's wire name (`rename`, else `rename_all` applied, else the
/// variant's name); an error if an earlier member has it.
fn member_wire_name(
    variant: &syn::Variant,
    attrs: &VariantAttrs,
    type_attrs: &TypeAttrs,
    members: &[Member],
) -> syn::Result<String> {
    let wire = match (&attrs.rename, type_attrs.rename_all) {
        (Some(lit), _) => lit.value(),
        (None, Some(rule)) => rule.apply(&variant.ident.to_string()),
        (None, None) => variant.ident.to_string(),
    };
    if let Some(previous) = members.iter().find(|m| m.wire == wire) {
        let message = format!(
            "duplicate wire name `{wire}`: variants `{}` and `{}` both use it",
            previous.ident, variant.ident
        );
        return Err(match &attrs.rename {
            Some(lit) => syn::Error::new(lit.span(), message),
            None => syn::Error::new_spanned(&variant.ident, message),
        });
    }
    Ok(wire)
}

/// At least one member, and no more than a flags set has bits for.
fn check_member_count(
    input: &DeriveInput,
    type_attrs: &TypeAttrs,
    members: &[Member],
) -> syn::Result<()> {
    if members.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "a GraphEnum needs at least one member",
        ));
    }
    if type_attrs.flags && members.len() > MAX_FLAGS_MEMBERS {
        return Err(syn::Error::new_spanned(
            &input.ident,
            format!(
                "a flags GraphEnum can have at most {MAX_FLAGS_MEMBERS} members, this one has {}",
                members.len()
            ),
        ));
    }
    Ok(())
}

/// Whether a type is written as `String` (or a path ending in it, such as
/// `::std::string::String`). The check is by name: the expansion calls
/// `String` methods on the field, and a type error there would point at the
/// derive instead of at the field.
fn names_string(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "String" && last.arguments.is_none()),
        syn::Type::Group(group) => names_string(&group.elem),
        syn::Type::Paren(paren) => names_string(&paren.elem),
        _ => false,
    }
}

/// A type as one writes it: `Vec<u8>` and `&'static str` rather than the
/// token stream's `Vec < u8 >` and `& 'static str`.
fn type_as_written(ty: &syn::Type) -> String {
    let spaced = quote::quote!(#ty).to_string();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let chars: Vec<char> = spaced.chars().collect();
    let mut out = String::with_capacity(spaced.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_words =
            i > 0 && word(chars.get(i - 1).copied()) && word(chars.get(i + 1).copied());
        if c != ' ' || between_words {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_shown_as_written() {
        let shown = |ty: &str| type_as_written(&syn::parse_str(ty).unwrap());
        assert_eq!(shown("u32"), "u32");
        assert_eq!(shown("Vec<u8>"), "Vec<u8>");
        assert_eq!(shown("&'static str"), "&'static str");
        assert_eq!(
            shown("Option<Box<dyn Fn(u8) -> u8>>"),
            "Option<Box<dyn Fn(u8)->u8>>"
        );
    }

    #[test]
    fn rename_rules_follow_serde_conventions() {
        assert_eq!(
            RenameRule::Camel.apply("AssignedToExternalMDM"),
            "assignedToExternalMDM"
        );
        assert_eq!(RenameRule::Pascal.apply("InProgress"), "InProgress");
        assert_eq!(RenameRule::Snake.apply("InProgress"), "in_progress");
        assert_eq!(
            RenameRule::ScreamingSnake.apply("InProgress"),
            "IN_PROGRESS"
        );
        assert_eq!(RenameRule::Kebab.apply("InProgress"), "in-progress");
        assert_eq!(RenameRule::Lower.apply("InProgress"), "inprogress");
        assert_eq!(RenameRule::Upper.apply("InProgress"), "INPROGRESS");
    }

    #[test]
    fn values_accept_negative_integers_only() {
        let parse = |s: &str| integer_value(&syn::parse_str::<Expr>(s).unwrap());
        assert_eq!(parse("-3").unwrap(), -3);
        assert_eq!(parse("0x10").unwrap(), 16);
        assert!(parse("\"3\"").is_err());
        assert!(parse("1 + 2").is_err());
        assert!(parse("9223372036854775808").is_err());
        assert_eq!(parse("-9223372036854775808").unwrap(), i64::MIN);
    }
}
