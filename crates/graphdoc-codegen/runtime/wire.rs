//! [`Wire`]: how every model type reads and writes itself, through the
//! object-safe [`Source`] and [`Sink`] the runtime puts in front of any
//! serde deserializer and serializer.
//!
//! Reading and writing are written once against `dyn Source` / `dyn Sink`,
//! so a field type's code is compiled once, not once per struct and per
//! serde format; the adapters in `serde_io` are compiled once per format.

use super::error::{Error, ErrorKind};
use super::field::Field;
use super::object::{Object, ObjectEntries};
use serde_json::{Number, Value};
use std::any::Any;

/// One JSON value that is not read as an array or object by its reader,
/// as the deserializer gave it (arrays and objects are skipped and named).
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    /// An array, skipped.
    Array,
    /// An object, skipped.
    Object,
}

impl Scalar {
    /// What it is, for messages (`a string`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::I64(_) | Scalar::U64(_) | Scalar::F64(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::Array => "an array",
            Scalar::Object => "an object",
        }
    }

    /// The JSON text of a scalar, for messages.
    fn text(&self) -> String {
        match self {
            Scalar::I64(n) => n.to_string(),
            Scalar::U64(n) => n.to_string(),
            Scalar::F64(f) => Value::from(*f).to_string(),
            Scalar::Str(s) => Value::String(s.clone()).to_string(),
            Scalar::Bool(b) => b.to_string(),
            other => other.kind_name().to_owned(),
        }
    }
}

/// "expected {what}, found {kind}", a [`ErrorKind::WrongType`].
pub fn wrong_type(what: &str, found: &str) -> Error {
    Error::with_kind(
        ErrorKind::WrongType,
        format!("expected {what}, found {found}"),
    )
}

fn expected(what: &str, got: &Scalar) -> Error {
    wrong_type(what, got.kind_name())
}

/// One JSON value to read, from any serde deserializer. Each method reads
/// the whole value; a source is read once.
pub trait Source {
    /// A scalar; an array or object is skipped and named.
    fn scalar(&mut self) -> Result<Scalar, Error>;
    /// Any JSON, as a tree.
    fn value(&mut self) -> Result<Value, Error>;
    /// `null` sets the field to `Null`, anything else is read into it.
    fn nullable(&mut self, field: &mut dyn FieldValue) -> Result<(), Error>;
    /// An array, each item read by `target`.
    fn seq(&mut self, target: &mut dyn SeqTarget) -> Result<(), Error>;
    /// An object, each entry read by `target`.
    fn map(&mut self, target: &mut dyn MapTarget) -> Result<(), Error>;
}

/// Reads the items of an array.
pub trait SeqTarget {
    fn push_from(&mut self, src: &mut dyn Source) -> Result<(), Error>;
}

/// Reads the entries of an object.
pub trait MapTarget {
    fn entry(&mut self, key: &str, src: &mut dyn Source) -> Result<(), Error>;
}

/// Where a value is written, in front of any serde serializer.
pub trait Sink {
    fn null(&mut self) -> Result<(), Error>;
    fn bool(&mut self, v: bool) -> Result<(), Error>;
    fn i64(&mut self, v: i64) -> Result<(), Error>;
    /// NaN and the infinities are written as OData's strings.
    fn f64(&mut self, v: f64) -> Result<(), Error>;
    fn str(&mut self, v: &str) -> Result<(), Error>;
    fn value(&mut self, v: &Value) -> Result<(), Error>;
    fn seq(&mut self, items: &dyn SeqSource) -> Result<(), Error>;
    fn map(&mut self, entries: &dyn MapSource) -> Result<(), Error>;
}

/// The items of an array to write.
pub trait SeqSource {
    fn item_count(&self) -> usize;
    /// Writes every item, in order.
    fn write_items(&self, out: &mut dyn SeqWriter) -> Result<(), Error>;
}

/// Takes the items of an array being written. An item that is a string,
/// number, boolean or `null` goes straight to the serializer by its own
/// method (see [`MapWriter`]).
pub trait SeqWriter {
    fn item(&mut self, value: &dyn WriteTo) -> Result<(), Error>;
    /// An item that is an object, its entries written by `entries`.
    fn map(&mut self, entries: &dyn MapSource) -> Result<(), Error>;
    /// An item that is an array, its items written by `items`.
    fn seq(&mut self, items: &dyn SeqSource) -> Result<(), Error>;
    fn null(&mut self) -> Result<(), Error>;
    fn bool(&mut self, v: bool) -> Result<(), Error>;
    fn i64(&mut self, v: i64) -> Result<(), Error>;
    /// NaN and the infinities are written as OData's strings.
    fn f64(&mut self, v: f64) -> Result<(), Error>;
    fn str(&mut self, v: &str) -> Result<(), Error>;
}

/// The entries of an object to write.
pub trait MapSource {
    fn write_entries(&self, out: &mut dyn MapWriter) -> Result<(), Error>;
}

/// Takes the entries of an object being written.
///
/// An entry whose value is a string, number, boolean or `null` is written
/// straight to the serializer by the method of its kind, where
/// [`entry`](MapWriter::entry) goes through a [`Sink`] made for the value:
/// a field's type picks the method at compile time
/// ([`Wire::write_entry`]), so the writer does not look at the kind again.
/// So are objects and arrays, by [`map`](MapWriter::map) and
/// [`seq`](MapWriter::seq).
pub trait MapWriter {
    fn entry(&mut self, key: &str, value: &dyn WriteTo) -> Result<(), Error>;
    /// An entry whose value is an object, its entries written by `entries`.
    fn map(&mut self, key: &str, entries: &dyn MapSource) -> Result<(), Error>;
    /// An entry whose value is an array, its items written by `items`.
    fn seq(&mut self, key: &str, items: &dyn SeqSource) -> Result<(), Error>;
    fn null(&mut self, key: &str) -> Result<(), Error>;
    fn bool(&mut self, key: &str, v: bool) -> Result<(), Error>;
    fn i64(&mut self, key: &str, v: i64) -> Result<(), Error>;
    /// NaN and the infinities are written as OData's strings.
    fn f64(&mut self, key: &str, v: f64) -> Result<(), Error>;
    fn str(&mut self, key: &str, v: &str) -> Result<(), Error>;
}

/// A scalar to write (see [`Wire::as_scalar`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarRef<'a> {
    Null,
    Bool(bool),
    I64(i64),
    /// NaN and the infinities are written as OData's strings.
    F64(f64),
    Str(&'a str),
}

impl ScalarRef<'_> {
    /// Writes the scalar as the entry `key` by its kind's method. Inlined
    /// into a field type's code, where `as_scalar` gives one kind, the
    /// `match` is gone.
    #[inline]
    pub fn write_entry(self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error> {
        match self {
            ScalarRef::Null => out.null(key),
            ScalarRef::Bool(v) => out.bool(key, v),
            ScalarRef::I64(v) => out.i64(key, v),
            ScalarRef::F64(v) => out.f64(key, v),
            ScalarRef::Str(v) => out.str(key, v),
        }
    }

    /// Writes the scalar as an array's item (see [`write_entry`](Self::write_entry)).
    #[inline]
    pub fn write_item(self, out: &mut dyn SeqWriter) -> Result<(), Error> {
        match self {
            ScalarRef::Null => out.null(),
            ScalarRef::Bool(v) => out.bool(v),
            ScalarRef::I64(v) => out.i64(v),
            ScalarRef::F64(v) => out.f64(v),
            ScalarRef::Str(v) => out.str(v),
        }
    }
}

impl WriteTo for ScalarRef<'_> {
    fn write_to(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        match *self {
            ScalarRef::Null => sink.null(),
            ScalarRef::Bool(v) => sink.bool(v),
            ScalarRef::I64(v) => sink.i64(v),
            ScalarRef::F64(v) => sink.f64(v),
            ScalarRef::Str(v) => sink.str(v),
        }
    }
}

/// A value that writes itself: any [`Wire`] type, or a set [`Field`].
pub trait WriteTo {
    fn write_to(&self, sink: &mut dyn Sink) -> Result<(), Error>;
}

impl<T: Wire> WriteTo for T {
    fn write_to(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        self.write(sink)
    }
}

/// Reading and writing, implemented by every model type.
pub trait Wire: Sized {
    fn read(src: &mut dyn Source) -> Result<Self, Error>;
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error>;

    /// The value as a string, number or boolean, for the types written as
    /// one: an object's entry or an array's item is then written straight
    /// to the serializer ([`write_entry`](Wire::write_entry)), skipping the
    /// `Sink` (and the calls through it) that `write` takes.
    fn as_scalar(&self) -> Option<ScalarRef<'_>> {
        None
    }

    /// The value as a generated struct (`Some(self)` in their impls): an
    /// object's entry or an array's item is then written as a map of the
    /// serializer's own, its fields straight into it, skipping the `Sink`.
    fn as_object(&self) -> Option<&dyn Object> {
        None
    }

    /// Writes the value as the entry `key` of an object being written:
    /// a scalar or a struct straight to the serializer, anything else
    /// through a `Sink`. Inlined into a field type's code, `as_scalar` and
    /// `as_object` pick the way at compile time.
    fn write_entry(&self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error> {
        if let Some(scalar) = self.as_scalar() {
            return scalar.write_entry(key, out);
        }
        match self.as_object() {
            Some(object) => out.map(key, &ObjectEntries::new(object, None)),
            None => out.entry(key, self),
        }
    }

    /// Writes the value as an array's item (see [`write_entry`](Wire::write_entry)).
    fn write_item(&self, out: &mut dyn SeqWriter) -> Result<(), Error> {
        if let Some(scalar) = self.as_scalar() {
            return scalar.write_item(out);
        }
        match self.as_object() {
            Some(object) => out.map(&ObjectEntries::new(object, None)),
            None => out.item(self),
        }
    }

    /// Reads a property's value, `null` included, into its field. The
    /// scalar types read one [`Scalar`] (whose `Null` is the field's), where
    /// [`Source::nullable`] asks the deserializer for an option first.
    fn read_field(field: &mut Field<Self>, src: &mut dyn Source) -> Result<(), Error>
    where
        Field<Self>: FieldValue,
    {
        src.nullable(field)
    }

    /// Reads a `serde_json::Value`; errors keep their kind and JSON path.
    fn from_json(value: Value) -> Result<Self, Error> {
        super::serde_io::read_value(value, Self::read)
    }

    /// Writes to a `serde_json::Value`.
    fn to_json(&self) -> Value {
        super::serde_io::write_value(self)
    }
}

impl Wire for Value {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        src.value()
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.value(self)
    }
}

/// [`Wire::read_field`] of a type read from one [`Scalar`] by `from`.
pub fn read_scalar_field<T>(
    field: &mut Field<T>,
    src: &mut dyn Source,
    from: fn(Scalar) -> Result<T, Error>,
) -> Result<(), Error> {
    match src.scalar() {
        Ok(Scalar::Null) => {
            *field = Field::Null;
            Ok(())
        }
        Ok(scalar) => match from(scalar) {
            Ok(v) => {
                *field = Field::Value(v);
                Ok(())
            }
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// A JSON string's text.
pub fn string_from(scalar: Scalar) -> Result<String, Error> {
    match scalar {
        Scalar::Str(s) => Ok(s),
        other => Err(expected("a string", &other)),
    }
}

/// Reads a JSON string.
pub fn read_string(src: &mut dyn Source) -> Result<String, Error> {
    match src.scalar() {
        Ok(Scalar::Str(s)) => Ok(s),
        Ok(other) => Err(expected("a string", &other)),
        Err(e) => Err(e),
    }
}

impl Wire for String {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        read_string(src)
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.str(self)
    }
    #[inline]
    fn as_scalar(&self) -> Option<ScalarRef<'_>> {
        Some(ScalarRef::Str(self))
    }
    fn read_field(field: &mut Field<Self>, src: &mut dyn Source) -> Result<(), Error> {
        read_scalar_field(field, src, string_from)
    }
}

fn bool_from(scalar: Scalar) -> Result<bool, Error> {
    match scalar {
        Scalar::Bool(b) => Ok(b),
        other => Err(expected("a boolean", &other)),
    }
}

impl Wire for bool {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        bool_from(src.scalar()?)
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.bool(*self)
    }
    #[inline]
    fn as_scalar(&self) -> Option<ScalarRef<'_>> {
        Some(ScalarRef::Bool(*self))
    }
    fn read_field(field: &mut Field<Self>, src: &mut dyn Source) -> Result<(), Error> {
        read_scalar_field(field, src, bool_from)
    }
}

impl Wire for Number {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match src.scalar()? {
            Scalar::I64(n) => Ok(Number::from(n)),
            Scalar::U64(n) => Ok(Number::from(n)),
            Scalar::F64(f) => Number::from_f64(f)
                .ok_or_else(|| Error::with_kind(ErrorKind::OutOfRange, "number out of range")),
            Scalar::Str(s) => s.parse::<Number>().map_err(|_| {
                Error::with_kind(
                    ErrorKind::Invalid,
                    format!("expected a decimal number, found {s:?}"),
                )
            }),
            other => Err(expected("a number", &other)),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.value(&Value::Number(self.clone()))
    }
}

/// An integer in `min..=max`. OData writes Int64 as a string when
/// IEEE754Compatible=true, so an Int64 is read from both; the smaller
/// integers are always numbers.
fn integer_from(scalar: Scalar, min: i64, max: i64) -> Result<i64, Error> {
    // A whole number too large for i64 is out of range; `1.5` or `"x"` is
    // not an integer at all.
    let (n, kind) = match &scalar {
        Scalar::I64(n) => (Some(*n), ErrorKind::OutOfRange),
        Scalar::U64(n) => (i64::try_from(*n).ok(), ErrorKind::OutOfRange),
        Scalar::F64(_) => (None, ErrorKind::Invalid),
        Scalar::Str(s) if max == i64::MAX => {
            let digits = s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'-');
            let kind = if digits {
                ErrorKind::OutOfRange
            } else {
                ErrorKind::Invalid
            };
            (s.parse::<i64>().ok(), kind)
        }
        other => return Err(expected("an integer", other)),
    };
    match n {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Error::with_kind(
            kind,
            format!(
                "expected an integer in {min}..={max}, found {}",
                scalar.text()
            ),
        )),
    }
}

macro_rules! integer_wire {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn read(src: &mut dyn Source) -> Result<Self, Error> {
                Self::from_scalar(src.scalar()?)
            }
            fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
                sink.i64(i64::from(*self))
            }
            #[inline]
            fn as_scalar(&self) -> Option<ScalarRef<'_>> {
                Some(ScalarRef::I64(i64::from(*self)))
            }
            fn read_field(field: &mut Field<Self>, src: &mut dyn Source) -> Result<(), Error> {
                read_scalar_field(field, src, Self::from_scalar)
            }
        }

        impl FromScalar for $t {
            fn from_scalar(scalar: Scalar) -> Result<Self, Error> {
                let n = integer_from(scalar, i64::from(<$t>::MIN), i64::from(<$t>::MAX))?;
                <$t>::try_from(n)
                    .map_err(|_| Error::with_kind(ErrorKind::OutOfRange, "integer out of range"))
            }
        }
    )*};
}
/// The integers read from a [`Scalar`].
trait FromScalar: Sized {
    fn from_scalar(scalar: Scalar) -> Result<Self, Error>;
}

integer_wire!(i8, i16, i32, i64, u8);

/// OData spells only NaN and the infinities as strings; a number in a
/// string (`"0.5"`) is not a Double, and reading it would write it back as
/// a number.
fn float_from(scalar: Scalar) -> Result<f64, Error> {
    match scalar {
        Scalar::F64(f) => Ok(f),
        #[allow(clippy::cast_precision_loss)]
        Scalar::I64(n) => Ok(n as f64),
        #[allow(clippy::cast_precision_loss)]
        Scalar::U64(n) => Ok(n as f64),
        Scalar::Str(s) => match s.as_str() {
            "NaN" => Ok(f64::NAN),
            "INF" => Ok(f64::INFINITY),
            "-INF" => Ok(f64::NEG_INFINITY),
            _ => Err(wrong_type("a number", "a string")),
        },
        other => Err(expected("a number", &other)),
    }
}

impl Wire for f64 {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        float_from(src.scalar()?)
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.f64(*self)
    }
    #[inline]
    fn as_scalar(&self) -> Option<ScalarRef<'_>> {
        Some(ScalarRef::F64(*self))
    }
    fn read_field(field: &mut Field<Self>, src: &mut dyn Source) -> Result<(), Error> {
        read_scalar_field(field, src, float_from)
    }
}

impl Wire for f32 {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        // Narrowing is the point of an f32. (The model reads Edm.Single as
        // f64, so that no digit a payload carries is lost.)
        #[allow(clippy::cast_possible_truncation)]
        float_from(src.scalar()?).map(|f| f as f32)
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        // Through the shortest text that reads back as this f32: `0.1`, not
        // the widened `0.10000000149011612`.
        sink.f64(self.to_string().parse::<f64>().unwrap_or(f64::from(*self)))
    }
}

// The generic impls below are instantiated once per field type (thousands
// of them), so they are written as plain loops and matches: iterator
// adaptors, closures and `?` would each add several instantiations per type.

impl<T: Wire> SeqTarget for Vec<T> {
    fn push_from(&mut self, src: &mut dyn Source) -> Result<(), Error> {
        match T::read(src) {
            Ok(v) => {
                self.push(v);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

impl<T: Wire> SeqSource for Vec<T> {
    fn item_count(&self) -> usize {
        self.as_slice().len()
    }
    fn write_items(&self, out: &mut dyn SeqWriter) -> Result<(), Error> {
        for item in self {
            item.write_item(out)?;
        }
        Ok(())
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        let mut out = Vec::new();
        match src.seq(&mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.seq(self)
    }
    fn write_entry(&self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error> {
        out.seq(key, self)
    }
    fn write_item(&self, out: &mut dyn SeqWriter) -> Result<(), Error> {
        out.seq(self)
    }
}

impl<T: Wire> Wire for Box<T> {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match T::read(src) {
            Ok(v) => Ok(Box::new(v)),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        (**self).write(sink)
    }
    fn write_entry(&self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error> {
        (**self).write_entry(key, out)
    }
    fn write_item(&self, out: &mut dyn SeqWriter) -> Result<(), Error> {
        (**self).write_item(out)
    }
}

/// The type-erased view of a [`Field`], used by the generic (de)serializer.
pub trait FieldValue {
    fn is_absent(&self) -> bool;
    /// Writes `key` and the value (`null` included) as an entry of an
    /// object; an absent field writes nothing.
    fn write_entry(&self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error>;
    /// Reads the value of the property (`null` included) into the field.
    fn read_entry(&mut self, src: &mut dyn Source) -> Result<(), Error>;
    fn set_null(&mut self);
    /// Reads a value that is not `null`.
    fn read_value(&mut self, src: &mut dyn Source) -> Result<(), Error>;
    /// Writes `null` or the value (an absent field is not written at all).
    fn write_value(&self, sink: &mut dyn Sink) -> Result<(), Error>;
    fn as_any(&self) -> &dyn Any;
    /// Becomes a copy of `other` when it is a field of the same type.
    fn clone_from_field(&mut self, other: &dyn FieldValue);
}

impl<T: Wire + Clone + 'static> FieldValue for Field<T> {
    fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
    fn write_entry(&self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error> {
        match self {
            Field::Absent => Ok(()),
            Field::Null => out.null(key),
            Field::Value(v) => v.write_entry(key, out),
        }
    }
    fn read_entry(&mut self, src: &mut dyn Source) -> Result<(), Error> {
        T::read_field(self, src)
    }
    fn set_null(&mut self) {
        *self = Field::Null;
    }
    fn read_value(&mut self, src: &mut dyn Source) -> Result<(), Error> {
        match T::read(src) {
            Ok(v) => {
                *self = Field::Value(v);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    fn write_value(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        match self {
            Field::Value(v) => v.write(sink),
            Field::Absent | Field::Null => sink.null(),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn clone_from_field(&mut self, other: &dyn FieldValue) {
        if let Some(other) = other.as_any().downcast_ref::<Field<T>>() {
            self.clone_from(other);
        }
    }
}

impl dyn FieldValue + '_ {
    /// The JSON form; `None` when absent.
    pub fn to_json(&self) -> Option<Value> {
        if self.is_absent() {
            return None;
        }
        Some(super::serde_io::write_value(&FieldWrite(self)))
    }

    /// Reads a JSON value (`null` included) into the field.
    pub fn set_json(&mut self, value: Value) -> Result<(), Error> {
        super::serde_io::read_value(value, |src| src.nullable(self))
    }
}

/// A field as a [`WriteTo`] (for [`MapWriter::entry`]).
pub struct FieldWrite<'a>(pub &'a dyn FieldValue);

impl WriteTo for FieldWrite<'_> {
    fn write_to(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        self.0.write_value(sink)
    }
}
