//! `#[derive(GraphEnum)]`: Microsoft Graph enums as Rust enums.
//!
//! Graph enums travel as strings (`"assignedToExternalMDM"`, `"inProgress"`),
//! carry numbers in the docs (the Member | Value table), are sometimes flags
//! (`"a,b"`), and evolve: the service adds members over time, and members
//! declared after the `unknownFutureValue` sentinel are sent only to clients
//! that ask with `Prefer: include-unknown-enum-members`.
//!
//! The expansion refers only to `::core`, `::std` and `::serde` (it compiles
//! under `#![no_implicit_prelude]`); the crate that uses the derive needs
//! `serde` as a dependency and nothing else.
//!
//! # Attributes
//!
//! On the enum, `#[graph_enum(...)]` takes:
//! - `name = "vppTokenState"`: wire name of the type, used in error messages
//!   (default: the Rust name).
//! - `flags`: the enum is a flags enum; see [Flags](#flags).
//! - `rename_all = "camelCase"`: wire names of variants without `rename`,
//!   with serde's rules (`camelCase`, `PascalCase`, `snake_case`,
//!   `SCREAMING_SNAKE_CASE`, `kebab-case`, `lowercase`, `UPPERCASE`). Without
//!   it, and without `rename`, the wire name is the variant name as written.
//!
//! On a variant:
//! - `rename = "inProgress"`: its wire name.
//! - `value = 1`: its numeric value (an integer literal fitting `i64`). Values
//!   are all-or-nothing: every member has one or none does; two members may
//!   not share one.
//! - `other`: marks the one variant `Other(String)` that keeps strings this
//!   build does not know (forward-compatible mode, below). It takes no
//!   `rename` or `value`, and flags enums cannot have it.
//!
//! Every other variant must be a unit variant. Misuse (a struct or union, a
//! variant with fields, duplicate wire names or values, a value on some
//! variants only, an unknown key, two `other` variants, an `other` variant
//! whose field is not written `String`, `other` on a flags enum, a generic
//! enum) is a compile error pointing at the offending tokens.
//!
//! # What the derive generates
//!
//! For `enum E` (with the enum's visibility):
//! - `E::NAME`, `E::MEMBERS: &[&str]` (wire names in declaration order),
//!   `E::ALL: &[E]` (same order), `E::EVOLVABLE_MEMBERS`.
//! - `index()` and `const fn from_index(usize) -> Option<E>` (positions in
//!   `MEMBERS`), `as_str()`, `Display` (honours width and alignment).
//! - `FromStr`, always strict, with error type `EParseError` (Clone, Debug,
//!   PartialEq, Eq, Display, `std::error::Error`; `value()` returns the
//!   rejected input). Its message names the type, the input and every member:
//!   ``invalid vppTokenState `Valid`: expected one of unknown, valid, expired, invalid, assignedToExternalMDM``.
//! - `Serialize` / `Deserialize` to and from the wire string.
//! - With values: `E::VALUES: &[i64]`, `const fn value()`, `const fn from_value(i64)` and
//!   `TryFrom<i64>` (error: ``invalid vppTokenState value 9: expected one of 0, 1, 2, 3, 4``).
//! - `is_evolvable()`, `is_sendable()` and, when the enum has
//!   `unknownFutureValue`, `serialize_sendable()` (see [Evolvable enums](#evolvable-enums)).
//!
//! `index()` and `value()` return `usize` and `i64`, or `Option`s when the
//! enum has an `other` variant (which has neither). `as_str()` returns
//! `&'static str` in strict mode and `&str` with an `other` variant.
//!
//! # Strict and forward-compatible modes
//!
//! Without an `other` variant the enum is **strict**: deserializing an unknown
//! string fails with the `EParseError` message. That is the right choice for
//! enums the client sends, but a newer service can break reading responses.
//!
//! With `#[graph_enum(other)] Other(String)` the enum is **forward-compatible**:
//! deserialization never fails on a string; unknown ones are kept in `Other`
//! and serialize back unchanged. `FromStr` stays strict, and these are added:
//! - `from_wire(String) -> E`: the lenient parse used by `Deserialize` (a known
//!   member is never put in `Other`).
//! - `is_known()`: false for `Other`.
//! - `deserialize_strict`: strict deserialization for one field,
//!   `#[serde(deserialize_with = "E::deserialize_strict")]`, and
//!   `deserialize_strict_option` for an `Option<E>` field (with
//!   `#[serde(default, deserialize_with = "E::deserialize_strict_option")]`,
//!   since `deserialize_with` alone makes the field required).
//!
//! Build `Other` through `from_wire`: `Other("valid".into())` is not equal to
//! `Valid` under a derived `PartialEq`.
//!
//! # Evolvable enums
//!
//! A member with wire name `unknownFutureValue` makes the enum evolvable:
//! `EVOLVABLE_MEMBERS` lists the members declared after it, `is_evolvable()`
//! is true for them, and `is_sendable()` is false for `unknownFutureValue`
//! (and for an `Other` holding that string).
//!
//! `Serialize` still writes `unknownFutureValue`: serde is also used to store,
//! log and compare what the service returned, and a value read must write back
//! unchanged. Refusing belongs where requests are built: check `is_sendable()`,
//! or put `#[serde(serialize_with = "E::serialize_sendable")]` on fields of
//! request bodies, which fails with a message naming the type. (The service
//! rejects `unknownFutureValue` in requests anyway; this catches it locally.)
//!
//! # Flags
//!
//! `#[graph_enum(name = "...", flags)]` also generates `ESet`, a `Copy` set of
//! at most 64 members stored as a bit mask by member position, written as
//! Graph writes flags: member names joined with `,` in declaration order.
//! It has `empty()`, `all()`, `bits()`, `from_bits()`, `with()`, `contains()`,
//! `insert()`, `remove()`, `len()`, `is_empty()`, `iter()`, `value()` (the OR
//! of the member values) and `from_value()` (its inverse; `None` for a bit no
//! member has) when members have values, `From<E>`,
//! `FromIterator<E>`, `Display`, `Debug`, `FromStr` (spaces around names are
//! ignored, `""` is the empty set, an unknown name fails with `EParseError`)
//! and serde to and from that string.
//!
//! # Checking literals at compile time
//!
//! [`graph_enum_literal!`]`(E, "member")` evaluates to the member, and fails
//! the build, pointing at the literal, when it is not one:
//! ```text
//! error[E0080]: evaluation panicked: invalid vppTokenState `Valid`: expected one of unknown, valid, ...
//! ```
//!
//! # Generated names
//!
//! Besides the impls, the derive adds the types `EParseError` (and `ESet` for
//! flags) next to the enum, and the hidden items `__GRAPH_ENUM_EXPECTED`,
//! `__graph_enum_index_of` and `__graph_enum_member` that
//! `graph_enum_literal!` uses.
//!
//! # Compile cost
//!
//! The expansion is three `match`es and a few constant tables per enum, plus
//! serde impls whose only generic code deserializes a `String`. Every
//! generated function is `#[inline]`, so it is compiled to machine code only
//! in crates that call it. Measured on 1,200 enums of 3 to 11 members (a
//! debug build of that one crate, best of three runs, on a busy 2-core
//! machine, so only the ratio means much): 9.0 s of CPU, against 8.2 s for
//! the same enums with serde's `#[derive(Serialize, Deserialize)]` alone.
//!
//! # Example
//!
//! ```
//! use graphdoc_enum_derive::{graph_enum_literal, GraphEnum};
//!
//! #[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
//! #[graph_enum(name = "vppTokenSyncStatus", rename_all = "camelCase")]
//! pub enum VppTokenSyncStatus {
//!     #[graph_enum(value = 0)]
//!     None,
//!     #[graph_enum(value = 1)]
//!     InProgress,
//!     #[graph_enum(value = 2)]
//!     Completed,
//!     #[graph_enum(value = 3)]
//!     Failed,
//! }
//!
//! let status: VppTokenSyncStatus = "inProgress".parse().unwrap();
//! assert_eq!(status, graph_enum_literal!(VppTokenSyncStatus, "inProgress"));
//! assert_eq!(status.value(), 1);
//! assert_eq!(serde_json::to_string(&status).unwrap(), r#""inProgress""#);
//! assert_eq!(
//!     "done".parse::<VppTokenSyncStatus>().unwrap_err().to_string(),
//!     "invalid vppTokenSyncStatus `done`: expected one of none, inProgress, completed, failed"
//! );
//! ```

mod expand;
mod literal;
mod model;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives wire-string, numeric, serde and (for flags) set support for a Graph
/// enum. See the [crate documentation](crate) for the attributes and what is
/// generated.
#[proc_macro_derive(GraphEnum, attributes(graph_enum))]
pub fn derive_graph_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match model::read(&input) {
        Ok(model) => expand::expand(&model).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// `graph_enum_literal!(EnumType, "member")` is the member of a
/// `#[derive(GraphEnum)]` enum with that wire name, checked at compile time:
/// an unknown name fails the build with the `FromStr` message, spanned on the
/// literal. It can initialize `const` items.
#[proc_macro]
pub fn graph_enum_literal(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as literal::LiteralInput);
    literal::expand(&input).into()
}
