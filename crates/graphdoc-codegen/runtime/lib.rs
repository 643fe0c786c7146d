//! Runtime support shared by the generated Microsoft Graph model crates.
//!
//! Everything generic lives here and is compiled once; each generated type
//! only carries a static field table and a few one-line impls that call into
//! this module (see the `graphdoc-codegen` crate docs for why).
//!
//! * [`Field`] is the tri-state every property uses: `Absent` (not sent),
//!   `Null` (sent as `null`, clears the value on PATCH) or `Value(v)`.
//! * [`Object`] is implemented by every generated struct; [`Poly`] holds a
//!   value of a type or of any type derived from it, chosen by `@odata.type`.
//! * [`Wire`] converts values to and from `serde_json::Value`; the generated
//!   `Serialize`/`Deserialize` impls go through it.
//! * The `Edm` string types ([`DateTimeOffset`], [`Date`], [`TimeOfDay`],
//!   [`Duration`], [`Guid`], [`Base64`]) keep the exact text received, so a
//!   payload is written back byte for byte, and offer typed accessors.
//! * [`Operation`] describes one HTTP operation (method, path template,
//!   request and response types) for use with any HTTP client.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};
use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

/// A JSON object as `serde_json` holds it.
pub type JsonMap = Map<String, Value>;

/// A value that did not match the model, with the JSON path where it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    path: Vec<String>,
    kind: ErrorKind,
    message: String,
}

/// Why a value was refused, for callers that treat the cases differently
/// (a payload of the wrong shape, or a value the service should not send).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The JSON value is of another JSON type (a string for a boolean).
    WrongType,
    /// The right JSON type, but not a valid value: a malformed timestamp,
    /// GUID, duration or base64 text, a number with a fraction for an
    /// integer, a numeric string that is not a number.
    Invalid,
    /// A number outside the range of its type.
    OutOfRange,
    /// A name that is not a member of a flags enum.
    NotAMember,
    /// Anything else (path templates, decoding).
    Other,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error::with_kind(ErrorKind::Other, message)
    }

    pub fn with_kind(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            path: Vec::new(),
            kind,
            message: message.into(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Adds an outer path segment (a property name or an index).
    pub fn at(mut self, segment: impl Into<String>) -> Self {
        self.path.insert(0, segment.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON path, segments joined with `/`.
    pub fn path(&self) -> String {
        self.path.join("/")
    }

    /// The JSON path as property names and indices, outermost first.
    pub fn segments(&self) -> &[String] {
        &self.path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path(), self.message)
        }
    }
}

impl std::error::Error for Error {}

fn expected(what: &str, got: &Value) -> Error {
    let kind = match got {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Error::with_kind(
        ErrorKind::WrongType,
        format!("expected {what}, found {kind}"),
    )
}

/// A property value: absent, explicitly `null`, or set.
///
/// Serialization writes only properties that are not `Absent`, so a PATCH
/// body built from `Default::default()` sends exactly what was set, and
/// `Field::Null` clears a value on the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Field<T> {
    /// Not present in the payload; not written.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Field<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// The value, if set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `None` becomes `Null`, `Some(v)` becomes `Value(v)`.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(v) => Field::Value(v),
            None => Field::Null,
        }
    }

    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(v),
        }
    }

    /// Replaces the field with `Absent`, returning what it held.
    pub fn take(&mut self) -> Field<T> {
        std::mem::take(self)
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

/// Conversion to and from JSON values, implemented by every model type.
pub trait Wire: Sized {
    fn to_json(&self) -> Value;
    fn from_json(value: Value) -> Result<Self, Error>;
}

impl Wire for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        Ok(value)
    }
}

impl Wire for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::String(s) => Ok(s),
            other => Err(expected("a string", &other)),
        }
    }
}

impl Wire for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::Bool(b) => Ok(b),
            other => Err(expected("a boolean", &other)),
        }
    }
}

impl Wire for Number {
    fn to_json(&self) -> Value {
        Value::Number(self.clone())
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::Number(n) => Ok(n),
            Value::String(s) => s.parse::<Number>().map_err(|_| {
                Error::with_kind(
                    ErrorKind::Invalid,
                    format!("expected a decimal number, found {s:?}"),
                )
            }),
            other => Err(expected("a number", &other)),
        }
    }
}

fn integer_from_json(value: &Value, min: i64, max: i64) -> Result<i64, Error> {
    // OData writes Int64 as a string when IEEE754Compatible=true, so an
    // Int64 is read from both; the smaller integers are always numbers.
    let n = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) if max == i64::MAX => s.parse::<i64>().ok(),
        other => return Err(expected("an integer", other)),
    };
    // A whole number too large for i64 is out of range; `1.5` or `"x"` is
    // not an integer at all.
    let kind = match (n, value) {
        (Some(_), _) => ErrorKind::OutOfRange,
        (None, Value::Number(n)) if n.is_u64() => ErrorKind::OutOfRange,
        (None, Value::String(s))
            if s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'-') =>
        {
            ErrorKind::OutOfRange
        }
        (None, _) => ErrorKind::Invalid,
    };
    match n {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Error::with_kind(
            kind,
            format!("expected an integer in {min}..={max}, found {value}"),
        )),
    }
}

macro_rules! integer_wire {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
            fn from_json(value: Value) -> Result<Self, Error> {
                let n = integer_from_json(&value, i64::from(<$t>::MIN), i64::from(<$t>::MAX))?;
                <$t>::try_from(n)
                    .map_err(|_| Error::with_kind(ErrorKind::OutOfRange, "integer out of range"))
            }
        }
    )*};
}
integer_wire!(i8, i16, i32, i64, u8);

fn float_to_json(f: f64) -> Value {
    // JSON has no NaN or infinities; OData spells them as strings.
    if f.is_nan() {
        Value::String("NaN".into())
    } else if f == f64::INFINITY {
        Value::String("INF".into())
    } else if f == f64::NEG_INFINITY {
        Value::String("-INF".into())
    } else {
        Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

fn float_from_json(value: &Value) -> Result<f64, Error> {
    // OData spells only NaN and the infinities as strings; a number in a
    // string (`"0.5"`) is not a Double, and reading it would write it back
    // as a number.
    match value {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| Error::with_kind(ErrorKind::OutOfRange, "number out of range")),
        Value::String(s) => match s.as_str() {
            "NaN" => Ok(f64::NAN),
            "INF" => Ok(f64::INFINITY),
            "-INF" => Ok(f64::NEG_INFINITY),
            _ => Err(expected("a number", value)),
        },
        other => Err(expected("a number", other)),
    }
}

impl Wire for f64 {
    fn to_json(&self) -> Value {
        float_to_json(*self)
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        float_from_json(&value)
    }
}

impl Wire for f32 {
    fn to_json(&self) -> Value {
        // Through the shortest text that reads back as this f32: `0.1`, not
        // the widened `0.10000000149011612`.
        float_to_json(self.to_string().parse::<f64>().unwrap_or(f64::from(*self)))
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        // Narrowing is the point of an f32. (The model reads Edm.Single as
        // f64, so that no digit a payload carries is lost.)
        #[allow(clippy::cast_possible_truncation)]
        float_from_json(&value).map(|f| f as f32)
    }
}

// The generic impls below are instantiated once per field type (thousands
// of them), so they are written as plain loops and matches: iterator
// adaptors, closures and `?` would each add several instantiations per type.

impl<T: Wire> Wire for Vec<T> {
    fn to_json(&self) -> Value {
        let mut items = Vec::with_capacity(self.len());
        for item in self {
            items.push(item.to_json());
        }
        Value::Array(items)
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        let items = match value {
            Value::Array(items) => items,
            other => return Err(expected("an array", &other)),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match T::from_json(item) {
                Ok(v) => out.push(v),
                Err(e) => return Err(e.at(i.to_string())),
            }
        }
        Ok(out)
    }
}

impl<T: Wire> Wire for Box<T> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        match T::from_json(value) {
            Ok(v) => Ok(Box::new(v)),
            Err(e) => Err(e),
        }
    }
}

/// The type-erased view of a [`Field`], used by the generic (de)serializer.
pub trait FieldValue {
    /// `None` when absent.
    fn to_json(&self) -> Option<Value>;
    fn set_json(&mut self, value: Value) -> Result<(), Error>;
}

impl<T: Wire> FieldValue for Field<T> {
    fn to_json(&self) -> Option<Value> {
        match self {
            Field::Absent => None,
            Field::Null => Some(Value::Null),
            Field::Value(v) => Some(v.to_json()),
        }
    }
    fn set_json(&mut self, value: Value) -> Result<(), Error> {
        if value.is_null() {
            *self = Field::Null;
            return Ok(());
        }
        match T::from_json(value) {
            Ok(v) => {
                *self = Field::Value(v);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// The static description of a generated struct.
#[derive(Debug)]
pub struct TypeDesc {
    /// Qualified wire name (`microsoft.graph.vppToken`).
    pub name: &'static str,
    /// The base type's description.
    pub base: Option<fn() -> &'static TypeDesc>,
    /// Wire names of the fields, own and inherited, in field index order.
    pub fields: &'static [&'static str],
    pub is_abstract: bool,
    /// Finds a type of the same API version by qualified wire name.
    pub lookup: fn(&str) -> Option<&'static TypeDesc>,
    /// Builds a value of this type from a JSON object.
    pub make: fn(JsonMap) -> Result<Box<dyn Object>, Error>,
}

impl TypeDesc {
    /// Whether this type is `other` or derives from it.
    pub fn is_a(&self, other: &TypeDesc) -> bool {
        let mut current = Some(self);
        // The depth bound guards against a cyclic hierarchy in bad input.
        for _ in 0..64 {
            match current {
                Some(t) if t.name == other.name => return true,
                Some(t) => current = t.base.map(|b| b()),
                None => return false,
            }
        }
        false
    }

    pub fn field_index(&self, wire_name: &str) -> Option<usize> {
        self.fields.iter().position(|f| *f == wire_name)
    }
}

/// Implemented by every generated struct (the field table and accessors).
pub trait Object: ObjectBase + fmt::Debug + Send + Sync {
    fn static_desc() -> &'static TypeDesc
    where
        Self: Sized;
    fn field(&self, index: usize) -> Option<&dyn FieldValue>;
    fn field_mut(&mut self, index: usize) -> Option<&mut dyn FieldValue>;
    /// Properties the schema does not know, and annotations (`@odata.type`).
    fn additional_properties(&self) -> &JsonMap;
    fn additional_properties_mut(&mut self) -> &mut JsonMap;
}

/// Methods every [`Object`] gets for free.
pub trait ObjectBase: Any {
    fn type_desc(&self) -> &'static TypeDesc;
    fn clone_object(&self) -> Box<dyn Object>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T: Object + Clone> ObjectBase for T {
    fn type_desc(&self) -> &'static TypeDesc {
        T::static_desc()
    }
    fn clone_object(&self) -> Box<dyn Object> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

/// Writes an object: annotations first (`@odata.type`, as the service
/// does), then the set fields in schema order, then unknown properties.
pub fn object_to_json(object: &dyn Object) -> Value {
    let desc = object.type_desc();
    let extra = object.additional_properties();
    let mut map = JsonMap::new();
    for (k, v) in extra.iter().filter(|(k, _)| k.starts_with('@')) {
        map.insert(k.clone(), v.clone());
    }
    for (i, name) in desc.fields.iter().enumerate() {
        if let Some(v) = object.field(i).and_then(FieldValue::to_json) {
            map.insert((*name).to_owned(), v);
        }
    }
    for (k, v) in extra.iter().filter(|(k, _)| !k.starts_with('@')) {
        map.insert(k.clone(), v.clone());
    }
    Value::Object(map)
}

/// Reads a JSON object into `object`: known properties into fields, the
/// rest into the additional properties.
pub fn fill_object(object: &mut dyn Object, map: JsonMap) -> Result<(), Error> {
    let desc = object.type_desc();
    for (key, value) in map {
        match desc.field_index(&key).and_then(|i| object.field_mut(i)) {
            Some(field) => field.set_json(value).map_err(|e| e.at(key))?,
            None => {
                object.additional_properties_mut().insert(key, value);
            }
        }
    }
    Ok(())
}

/// `Wire::from_json` of the generated structs.
pub fn object_from_json<T: Object + Default>(value: Value) -> Result<T, Error> {
    let mut object = T::default();
    match value {
        Value::Object(map) => match fill_object(&mut object, map) {
            Ok(()) => Ok(object),
            Err(e) => Err(e),
        },
        other => Err(expected("an object", &other)),
    }
}

/// The `make` entry of a [`TypeDesc`].
pub fn make_object<T: Object + Default>(map: JsonMap) -> Result<Box<dyn Object>, Error> {
    let mut object: Box<dyn Object> = Box::new(T::default());
    match fill_object(&mut *object, map) {
        Ok(()) => Ok(object),
        Err(e) => Err(e),
    }
}

pub fn serialize_wire<W: Wire, S: Serializer>(value: &W, serializer: S) -> Result<S::Ok, S::Error> {
    value.to_json().serialize(serializer)
}

pub fn deserialize_wire<'de, W: Wire, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<W, D::Error> {
    let value = Value::deserialize(deserializer)?;
    W::from_json(value).map_err(D::Error::custom)
}

/// The string of a JSON string value (enums read through this).
pub fn string_from_json(value: Value) -> Result<String, Error> {
    String::from_json(value)
}

/// Reads a JSON string with `FromStr` (flags sets read through this, so a
/// refused text is [`ErrorKind::NotAMember`]).
pub fn parse_from_json<T: std::str::FromStr>(value: Value) -> Result<T, Error>
where
    T::Err: fmt::Display,
{
    let text = String::from_json(value)?;
    text.parse()
        .map_err(|e: T::Err| Error::with_kind(ErrorKind::NotAMember, e.to_string()))
}

fn strip_type_name(name: &str) -> &str {
    name.strip_prefix('#').unwrap_or(name)
}

/// A value of type `T` or of any type derived from it, chosen on reading by
/// its `@odata.type`. An `@odata.type` this model does not know reads as
/// `T` and is kept (with every unknown property) for writing back.
pub struct Poly<T> {
    inner: Box<dyn Object>,
    base: PhantomData<fn() -> T>,
}

impl<T: Object> Poly<T> {
    /// Wraps a value of a type derived from `T` (or `T` itself); gives the
    /// value back if its type does not derive from `T`.
    pub fn new<U: Object>(value: U) -> Result<Self, U> {
        if U::static_desc().is_a(T::static_desc()) {
            Ok(Poly {
                inner: Box::new(value),
                base: PhantomData,
            })
        } else {
            Err(value)
        }
    }

    /// The qualified name of the type held (`microsoft.graph.user`).
    pub fn type_name(&self) -> &'static str {
        self.inner.type_desc().name
    }

    pub fn is<U: Object>(&self) -> bool {
        self.inner.as_any().is::<U>()
    }

    pub fn downcast_ref<U: Object>(&self) -> Option<&U> {
        self.inner.as_any().downcast_ref::<U>()
    }

    pub fn downcast_mut<U: Object>(&mut self) -> Option<&mut U> {
        self.inner.as_any_mut().downcast_mut::<U>()
    }

    pub fn as_object(&self) -> &dyn Object {
        &*self.inner
    }

    pub fn into_object(self) -> Box<dyn Object> {
        self.inner
    }
}

impl<T: Object> From<T> for Poly<T> {
    fn from(value: T) -> Self {
        Poly {
            inner: Box::new(value),
            base: PhantomData,
        }
    }
}

impl<T> Clone for Poly<T> {
    fn clone(&self) -> Self {
        Poly {
            inner: self.inner.clone_object(),
            base: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Poly<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<T> PartialEq for Poly<T> {
    fn eq(&self, other: &Self) -> bool {
        objects_equal(&*self.inner, &*other.inner)
    }
}

/// Reads `value` as `base` or the derived type its `@odata.type` names.
pub fn poly_from_json(base: &'static TypeDesc, value: Value) -> Result<Box<dyn Object>, Error> {
    let map = match value {
        Value::Object(map) => map,
        other => return Err(expected("an object", &other)),
    };
    let named = map
        .get("@odata.type")
        .and_then(Value::as_str)
        .map(strip_type_name);
    let desc = named
        .and_then(|n| (base.lookup)(n).or_else(|| (base.lookup)(&format!("microsoft.graph.{n}"))))
        .filter(|d| d.is_a(base))
        .unwrap_or(base);
    (desc.make)(map)
}

/// Writes `object`, adding `@odata.type` when it is not `base` itself and
/// does not say so already (the service needs it to pick the type).
pub fn poly_to_json(base: &TypeDesc, object: &dyn Object) -> Value {
    let mut value = object_to_json(object);
    let desc = object.type_desc();
    if desc.name != base.name {
        if let Value::Object(map) = &mut value {
            if !map.contains_key("@odata.type") {
                map.shift_insert(
                    0,
                    "@odata.type".into(),
                    Value::String(format!("#{}", desc.name)),
                );
            }
        }
    }
    value
}

impl<T: Object> Wire for Poly<T> {
    fn to_json(&self) -> Value {
        poly_to_json(T::static_desc(), &*self.inner)
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        match poly_from_json(T::static_desc(), value) {
            Ok(inner) => Ok(Poly {
                inner,
                base: PhantomData,
            }),
            Err(e) => Err(e),
        }
    }
}

impl<T: Object> Serialize for Poly<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_wire(self, serializer)
    }
}

impl<'de, T: Object> Deserialize<'de> for Poly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_wire(deserializer)
    }
}

// ---------------------------------------------------------------------------
// Edm string types

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let (year, rest) = s.split_at_checked(4)?;
    let year = i32::try_from(digits(year, 4)?).ok()?;
    let rest = rest.strip_prefix('-')?;
    let (month, rest) = rest.split_at_checked(2)?;
    let day = rest.strip_prefix('-')?;
    let (month, day) = (digits(month, 2)?, digits(day, 2)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// hh:mm:ss with an optional fraction of any length; seconds may be left out.
fn parse_time(s: &str) -> Option<(u32, u32, u32, u32)> {
    let (hms, fraction) = match s.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (s, None),
    };
    let mut parts = hms.split(':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    let second = match parts.next() {
        Some(p) => digits(p, 2)?,
        None if fraction.is_none() => 0,
        None => return None,
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let nanos = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let mut padded: String = f.chars().take(9).collect();
            while padded.len() < 9 {
                padded.push('0');
            }
            padded.parse().ok()?
        }
        Some(_) => return None,
    };
    Some((hour, minute, second, nanos))
}

struct DateTimeParts {
    date: (i32, u32, u32),
    time: (u32, u32, u32, u32),
    offset_minutes: Option<i32>,
}

fn parse_date_time(s: &str) -> Option<DateTimeParts> {
    let (date, rest) = s.split_once('T')?;
    let date = parse_date(date)?;
    let (time, offset_minutes) = if let Some(time) = rest.strip_suffix('Z') {
        (time, Some(0))
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let (time, offset) = rest.split_at(i);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (h, m) = offset[1..].split_once(':')?;
        let (h, m) = (digits(h, 2)?, digits(m, 2)?);
        if h > 23 || m > 59 {
            return None;
        }
        (time, Some(sign * i32::try_from(h * 60 + m).ok()?))
    } else {
        // Docs examples sometimes leave the offset out; keep them readable.
        (rest, None)
    };
    Some(DateTimeParts {
        date,
        time: parse_time(time)?,
        offset_minutes,
    })
}

fn parse_duration(s: &str) -> Option<DurationParts> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut parts = DurationParts {
        negative,
        ..DurationParts::default()
    };
    let mut any = false;
    for (text, designators) in [(date, "YMWD"), (time.unwrap_or(""), "HMS")] {
        let mut number = String::new();
        let mut allowed = designators;
        for c in text.chars() {
            if c.is_ascii_digit() || (c == '.' && designators == "HMS") {
                number.push(c);
                continue;
            }
            let at = allowed.find(c)?;
            allowed = &allowed[at + 1..];
            let n: f64 = number.parse().ok()?;
            if number.contains('.') && c != 'S' {
                return None;
            }
            number.clear();
            any = true;
            match (designators, c) {
                ("YMWD", 'Y') => parts.years = n,
                ("YMWD", 'M') => parts.months = n,
                ("YMWD", 'W') => parts.seconds += n * 7.0 * 86_400.0,
                ("YMWD", 'D') => parts.seconds += n * 86_400.0,
                (_, 'H') => parts.seconds += n * 3_600.0,
                (_, 'M') => parts.seconds += n * 60.0,
                _ => parts.seconds += n,
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    any.then_some(parts)
}

#[derive(Default)]
struct DurationParts {
    negative: bool,
    years: f64,
    months: f64,
    seconds: f64,
}

fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn base64_value(b: u8) -> Option<u32> {
    Some(u32::from(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    }))
}

fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2 && body.bytes().all(|b| base64_value(b).is_some())
}

macro_rules! edm_string {
    ($(#[$doc:meta])* $name:ident, $what:literal, $valid:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks the text and keeps it as is.
            pub fn new(text: impl Into<String>) -> Result<Self, Error> {
                let text = text.into();
                let valid: fn(&str) -> bool = $valid;
                if valid(&text) {
                    Ok($name(text))
                } else {
                    Err(Error::with_kind(
                        ErrorKind::Invalid,
                        format!(concat!("not a valid ", $what, ": {:?}"), text),
                    ))
                }
            }

            /// The text exactly as received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Wire for $name {
            fn to_json(&self) -> Value {
                Value::String(self.0.clone())
            }
            fn from_json(value: Value) -> Result<Self, Error> {
                $name::new(String::from_json(value)?)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::new(text).map_err(D::Error::custom)
            }
        }
    };
}

edm_string!(
    /// `Edm.DateTimeOffset`: `2016-12-31T23:57:57.2481234-08:00`, kept as
    /// text so that any precision and offset round-trip exactly.
    DateTimeOffset,
    "Edm.DateTimeOffset",
    |s| parse_date_time(s).is_some()
);

impl DateTimeOffset {
    fn parts(&self) -> DateTimeParts {
        parse_date_time(&self.0).expect("validated on construction")
    }

    pub fn year(&self) -> i32 {
        self.parts().date.0
    }
    pub fn month(&self) -> u32 {
        self.parts().date.1
    }
    pub fn day(&self) -> u32 {
        self.parts().date.2
    }
    pub fn hour(&self) -> u32 {
        self.parts().time.0
    }
    pub fn minute(&self) -> u32 {
        self.parts().time.1
    }
    pub fn second(&self) -> u32 {
        self.parts().time.2
    }
    /// The fraction of the second in nanoseconds (digits past 9 dropped).
    pub fn nanosecond(&self) -> u32 {
        self.parts().time.3
    }
    /// The offset from UTC in minutes; `None` when the text has none.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.parts().offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00Z (a missing offset counts as UTC).
    pub fn unix_timestamp(&self) -> i64 {
        let p = self.parts();
        let (y, m, d) = p.date;
        // Days from civil, Howard Hinnant's algorithm.
        let y = i64::from(y) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let (h, min, s, _) = p.time;
        days * 86_400 + i64::from(h) * 3_600 + i64::from(min) * 60 + i64::from(s)
            - i64::from(p.offset_minutes.unwrap_or(0)) * 60
    }
}

edm_string!(
    /// `Edm.Date`: `2017-09-04`.
    Date,
    "Edm.Date",
    |s| parse_date(s).is_some()
);

impl Date {
    pub fn year(&self) -> i32 {
        parse_date(&self.0).expect("validated").0
    }
    pub fn month(&self) -> u32 {
        parse_date(&self.0).expect("validated").1
    }
    pub fn day(&self) -> u32 {
        parse_date(&self.0).expect("validated").2
    }
}

edm_string!(
    /// `Edm.TimeOfDay`: `11:00:00.0000000`.
    TimeOfDay,
    "Edm.TimeOfDay",
    |s| parse_time(s).is_some()
);

impl TimeOfDay {
    pub fn hour(&self) -> u32 {
        parse_time(&self.0).expect("validated").0
    }
    pub fn minute(&self) -> u32 {
        parse_time(&self.0).expect("validated").1
    }
    pub fn second(&self) -> u32 {
        parse_time(&self.0).expect("validated").2
    }
    pub fn nanosecond(&self) -> u32 {
        parse_time(&self.0).expect("validated").3
    }
}

edm_string!(
    /// `Edm.Duration`, ISO 8601: `PT1H30M`, `P1D`, `-PT0.5S`.
    Duration,
    "Edm.Duration",
    |s| parse_duration(s).is_some()
);

impl Duration {
    /// The length in seconds; `None` when it has years or months, whose
    /// length depends on the calendar.
    pub fn as_seconds_f64(&self) -> Option<f64> {
        let p = parse_duration(&self.0).expect("validated");
        if p.years != 0.0 || p.months != 0.0 {
            return None;
        }
        Some(if p.negative { -p.seconds } else { p.seconds })
    }

    /// The length as a `std::time::Duration`; `None` when negative or when
    /// it has years or months.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let s = self.as_seconds_f64()?;
        std::time::Duration::try_from_secs_f64(s).ok()
    }
}

edm_string!(
    /// `Edm.Guid`: `9ceb2f92-2f92-9ceb-922f-eb9c922feb9c`, case kept.
    Guid,
    "Edm.Guid",
    is_guid
);

impl Guid {
    pub fn to_u128(&self) -> u128 {
        let hex: String = self.0.chars().filter(|c| *c != '-').collect();
        u128::from_str_radix(&hex, 16).expect("validated")
    }

    /// Formats in the lowercase hyphenated form.
    pub fn from_u128(value: u128) -> Self {
        let h = format!("{value:032x}");
        Guid(format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        ))
    }
}

edm_string!(
    /// `Edm.Binary`: base64 text, kept as received; [`Base64::decode`]
    /// gives the bytes.
    Base64,
    "base64 (Edm.Binary)",
    is_base64
);

impl Base64 {
    /// Standard alphabet with padding.
    pub fn encode(bytes: &[u8]) -> Self {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        Base64(out)
    }

    /// Accepts the standard and the URL-safe alphabet, padded or not.
    pub fn decode(&self) -> Result<Vec<u8>, Error> {
        let body = self.0.trim_end_matches('=');
        if body.len() % 4 == 1 {
            return Err(Error::new("truncated base64"));
        }
        let mut out = Vec::with_capacity(body.len() * 3 / 4);
        let mut acc = 0u32;
        let mut bits = 0;
        for b in body.bytes() {
            acc = (acc << 6) | base64_value(b).ok_or_else(|| Error::new("invalid base64"))?;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push(((acc >> bits) & 0xff) as u8);
            }
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------------------
// Operations

/// An HTTP method of an [`Operation`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One documented HTTP operation. Send `Self::Request` as JSON with
/// `METHOD` to [`expand_path`]`(PATH, …)` appended to the service root
/// (`https://graph.microsoft.com/v1.0`), read the body as `Self::Response`.
pub trait Operation {
    /// The API page title (`Update vppToken`).
    const TITLE: &'static str;
    const METHOD: Method;
    /// The first path template of the page.
    const PATH: &'static str;
    /// Every path template of the page.
    const PATHS: &'static [&'static str];
    type Request: Wire;
    type Response: Wire;
}

/// No body: written as nothing (`null` through [`Wire`]), and any body
/// is accepted on reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoBody;

impl Wire for NoBody {
    fn to_json(&self) -> Value {
        Value::Null
    }
    fn from_json(_: Value) -> Result<Self, Error> {
        Ok(NoBody)
    }
}

/// A collection response: `{"value": [...], "@odata.nextLink": "..."}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub value: Vec<T>,
    /// Annotations (`@odata.nextLink`, `@odata.count`) and anything else.
    pub additional_properties: JsonMap,
}

impl<T> Page<T> {
    pub fn next_link(&self) -> Option<&str> {
        self.additional_properties
            .get("@odata.nextLink")
            .and_then(Value::as_str)
    }
}

impl<T: Wire> Wire for Page<T> {
    fn to_json(&self) -> Value {
        let mut map = JsonMap::new();
        map.insert("value".into(), self.value.to_json());
        for (k, v) in &self.additional_properties {
            map.insert(k.clone(), v.clone());
        }
        Value::Object(map)
    }
    fn from_json(value: Value) -> Result<Self, Error> {
        let Value::Object(mut map) = value else {
            return Err(expected("an object", &value));
        };
        let value = match map.shift_remove("value") {
            Some(v) => Vec::<T>::from_json(v).map_err(|e| e.at("value"))?,
            None => Vec::new(),
        };
        Ok(Page {
            value,
            additional_properties: map,
        })
    }
}

/// Fills a path template: each `{name}` is replaced by the percent-encoded
/// value given for it. Fails on a placeholder without a value.
pub fn expand_path(template: &str, params: &[(&str, &str)]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Error::new("unclosed `{` in path"))?;
        let name = &rest[open + 1..close];
        let (_, value) = params
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| Error::new(format!("no value for path parameter {{{name}}}")))?;
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `PartialEq` for the generated structs: the same type and the same JSON
/// form (so absent, null and set differ, and `NaN` equals `NaN`). Comparing
/// JSON keeps `PartialEq` out of the per-field-type code.
pub fn objects_equal(a: &dyn Object, b: &dyn Object) -> bool {
    a.type_desc().name == b.type_desc().name && object_to_json(a) == object_to_json(b)
}

/// `Debug` for the generated structs: the fields that are set, by wire name.
pub fn debug_object(object: &dyn Object, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let desc = object.type_desc();
    let short = desc.name.rsplit('.').next().unwrap_or(desc.name);
    let mut s = f.debug_struct(short);
    for (i, name) in desc.fields.iter().enumerate() {
        if let Some(value) = object.field(i).and_then(FieldValue::to_json) {
            s.field(name, &value);
        }
    }
    let extra = object.additional_properties();
    if !extra.is_empty() {
        s.field("additional_properties", extra);
    }
    s.finish()
}
