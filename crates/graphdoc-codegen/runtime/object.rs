//! Generated structs: their field tables, [`Object`] and [`Poly`].

use super::error::{expected, Error, ErrorKind};
use super::wire::{FieldValue, Wire};
use super::JsonMap;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

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
    if is_a_page_for(desc, &map) {
        return Err(Error::with_kind(
            ErrorKind::WrongShape,
            format!(
                "expected one `{}`, found a collection response (`value` array)",
                desc.name
            ),
        ));
    }
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

/// A collection response (`{"value": [ … ]}` and annotations only) read
/// where one object of a type without a `value` property is expected: its
/// items would end up as one unknown property.
fn is_a_page_for(desc: &TypeDesc, map: &JsonMap) -> bool {
    matches!(map.get("value"), Some(Value::Array(_)))
        && desc.field_index("value").is_none()
        && map.keys().all(|k| k == "value" || k.starts_with("@odata."))
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
