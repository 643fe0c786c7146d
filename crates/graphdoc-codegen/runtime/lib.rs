//! Runtime support shared by the generated Microsoft Graph model crates.
//!
//! Everything generic lives here and is compiled once; each generated type
//! only carries a static field table and a few one-line impls that call into
//! this module (see the `graphdoc-codegen` crate docs for why).
//!
//! * [`Field`] is the tri-state every property uses: `Absent` (not sent),
//!   `Null` (sent as `null`, clears the value on PATCH) or `Value(v)`.
//! * A navigation property is a [`Nav`]: the JSON received (with
//!   `$expand`), read as its type on demand.
//! * [`Object`] is implemented by every generated struct; [`Poly`] holds a
//!   value of a type or of any type derived from it, chosen by `@odata.type`.
//! * [`Wire`] is how every model type reads and writes itself, through the
//!   object-safe [`Source`] and [`Sink`] the runtime puts in front of any
//!   serde deserializer and serializer: the generated `Serialize` and
//!   `Deserialize` impls read straight from the input, compiled once per
//!   format, not per type. `Wire::from_json`/`to_json` go through
//!   `serde_json::Value` and keep the [`Error`]'s kind and path.
//! * The `Edm` string types ([`DateTimeOffset`], [`Date`], [`TimeOfDay`],
//!   [`Duration`], [`Guid`], [`Base64`]) keep the exact text received, so a
//!   payload is written back byte for byte, and offer typed accessors.
//! * [`Operation`] describes one HTTP operation (method, path template,
//!   request and response types) for use with any HTTP client; a
//!   [`Request`] is one call of it (path, query options, headers, body),
//!   and a [`Pager`] follows `@odata.nextLink` and keeps `@odata.deltaLink`,
//!   all without I/O. A link is followed only to the service root's origin
//!   unless the caller opts in ([`same_origin`], the one check).
//! * [`ODataError`] is the error body the service sends with a failure
//!   status.
//! * `client` (cargo feature `client`, off by default): an async HTTP
//!   client on `reqwest` that executes any operation.

#[cfg(feature = "client")]
pub mod client;
mod edm;
mod error;
mod field;
mod link;
// The samples checker's own validators, so that the model accepts exactly
// what it does; codegen copies the file in beside this one.
#[allow(dead_code)]
#[path = "../../graphdoc-schema/src/edm/formats.rs"]
mod formats;
mod name_hash;
mod nav;
mod object;
mod odata_error;
mod operation;
mod pager;
pub mod query;
mod request;
mod serde_io;
mod wire;

pub use edm::{Base64, Date, DateTimeOffset, Duration, Guid, TimeOfDay};
pub use error::{Error, ErrorKind};
pub use field::Field;
pub use link::same_origin;
pub use nav::Nav;
pub use object::*;
pub use odata_error::{InnerError, ODataError, ODataErrorDetail};
pub use operation::{
    expand_path, expand_paths, read_response, Download, Method, NoBody, Operation, Page,
    PathParams, ValueOf,
};
pub use pager::{Paged, Pager};
pub use query::PropertyName;
pub use request::{encode_query_component, Request};
pub use serde_io::{deserialize_wire, serialize_wire};
pub use wire::{
    read_scalar_field, read_string, string_from, FieldValue, FieldWrite, MapSource, MapTarget,
    MapWriter, Scalar, ScalarRef, SeqSource, SeqTarget, SeqWriter, Sink, Source, Wire, WriteTo,
};

/// A JSON object as `serde_json` holds it.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
