//! Generated structs: their field tables, [`Object`] and [`Poly`], and
//! how they are read and written.

use super::error::{Error, ErrorKind};
use super::field::Field;
use super::name_hash;
use super::serde_io::{deserialize_wire, read_value, serialize_wire, write_value};
use super::wire::{
    read_string, FieldValue, MapSource, MapTarget, MapWriter, SeqWriter, Sink, Source, Wire,
};
use super::JsonMap;
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
    /// Qualified wire names of the base types, nearest first.
    pub ancestors: &'static [&'static str],
    /// Wire names of the fields, own and inherited, in field index order.
    pub fields: &'static [&'static str],
    /// The seed of the hash of this type's names (`name_hash.rs`).
    pub seed: u32,
    /// Field indices by the hash of their wire names (open addressing,
    /// linear probing, `u16::MAX` for a free slot; a power of two long, at
    /// most half full): see `name_hash.rs` for why not a search.
    pub slots: &'static [u16],
    pub is_abstract: bool,
    /// The types derived from this one (directly or not), in the byte
    /// order of their wire names. Only these are linked in with the type:
    /// a program that reads one type does not carry the whole model.
    pub derived: &'static [fn() -> &'static TypeDesc],
    /// A value of this type with every field absent.
    pub make: fn() -> Box<dyn Object>,
}

impl TypeDesc {
    /// Whether this type is `other` or derives from it.
    pub fn is_a(&self, other: &TypeDesc) -> bool {
        self.name == other.name || self.ancestors.contains(&other.name)
    }

    /// The qualified wire name of the base type.
    pub fn base_name(&self) -> Option<&'static str> {
        self.ancestors.first().copied()
    }

    /// The index of the field of this wire name.
    pub fn field_index(&self, wire_name: &str) -> Option<usize> {
        let slots = self.slots;
        let key = wire_name.as_bytes();
        let home = name_hash::home_slot(key, self.seed, slots.len());
        // Bounded by the table's length, so that a full table (which the
        // generator never writes) ends the search too.
        for probe in 0..slots.len() {
            let index = usize::from(slots[(home + probe) & (slots.len() - 1)]);
            if index == usize::from(name_hash::EMPTY_SLOT) {
                return None;
            }
            if self.fields.get(index).is_some_and(|n| n.as_bytes() == key) {
                return Some(index);
            }
        }
        None
    }

    /// A type derived from this one, by qualified wire name (with or
    /// without `#`; `microsoft.graph.` may be left out).
    pub fn find_derived(&self, name: &str) -> Option<&'static TypeDesc> {
        let name = name.strip_prefix('#').unwrap_or(name);
        let find = |n: &str| {
            self.derived
                .binary_search_by(|d| d().name.cmp(n))
                .ok()
                .map(|i| self.derived[i]())
        };
        match find(name) {
            Some(d) => Some(d),
            None if !name.contains('.') => find(&format!("microsoft.graph.{name}")),
            None => None,
        }
    }
}

/// Implemented by every generated struct (the field table and accessors).
pub trait Object: ObjectBase + fmt::Debug + Send + Sync {
    fn static_desc() -> &'static TypeDesc
    where
        Self: Sized;
    fn field(&self, index: usize) -> Option<&dyn FieldValue>;
    fn field_mut(&mut self, index: usize) -> Option<&mut dyn FieldValue>;
    /// Writes the fields, in field index order: a straight call per field
    /// (`out.field("id", &self.id)`), so that writing reads no table and
    /// makes no indirect call per field.
    fn write_fields(&self, out: &mut FieldsOut<'_>);
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

/// `Clone` for the generated structs with fields: field by field through
/// the table, so that the copying code exists once per field type, not
/// once per struct.
pub fn clone_object(from: &dyn Object, to: &mut dyn Object) {
    let count = from.type_desc().fields.len();
    for i in 0..count {
        if let (Some(src), Some(dst)) = (from.field(i), to.field_mut(i)) {
            dst.clone_from_field(src);
        }
    }
    to.additional_properties_mut()
        .clone_from(from.additional_properties());
}

/// The `make` entry of a [`TypeDesc`].
pub fn make_default<T: Object + Default>() -> Box<dyn Object> {
    Box::new(T::default())
}

/// Reads an object's entries: known properties into fields, the rest into
/// the additional properties.
struct ObjectTarget<'a> {
    object: &'a mut dyn Object,
    /// The object's, asked once rather than per entry.
    desc: &'static TypeDesc,
}

impl<'a> ObjectTarget<'a> {
    fn new(object: &'a mut dyn Object) -> Self {
        let desc = object.type_desc();
        ObjectTarget { object, desc }
    }
}

impl MapTarget for ObjectTarget<'_> {
    fn entry(&mut self, key: &str, src: &mut dyn Source) -> Result<(), Error> {
        if let Some(field) = self
            .desc
            .field_index(key)
            .and_then(|i| self.object.field_mut(i))
        {
            return field.read_entry(src).map_err(|e| e.at(key));
        }
        let value = src.value().map_err(|e| e.at(key))?;
        self.object
            .additional_properties_mut()
            .insert(key.to_owned(), value);
        Ok(())
    }
}

/// Reads an object into `object`.
pub fn fill_object(object: &mut dyn Object, src: &mut dyn Source) -> Result<(), Error> {
    src.map(&mut ObjectTarget::new(&mut *object))?;
    refuse_collection(&*object)
}

/// `Wire::read` of the generated structs.
pub fn read_object<T: Object + Default>(src: &mut dyn Source) -> Result<T, Error> {
    let mut object = T::default();
    match fill_object(&mut object, src) {
        Ok(()) => Ok(object),
        Err(e) => Err(e),
    }
}

/// Refuses a collection response (`{"value": [ … ]}` and annotations only)
/// read where one object of a type without a `value` property is expected,
/// and one object wrapped as `{"value": { … }}` (OData wraps only a
/// primitive, an enum or a collection): its contents would end up as one
/// unknown property.
fn refuse_collection(object: &dyn Object) -> Result<(), Error> {
    let desc = object.type_desc();
    let extra = object.additional_properties();
    let found = match extra.get("value") {
        Some(Value::Array(_)) => "a collection response (`value` array)",
        Some(Value::Object(_)) => "it wrapped in `value`",
        _ => return Ok(()),
    };
    let wrapper_only = desc.field_index("value").is_none()
        && extra
            .keys()
            .all(|k| k == "value" || k.starts_with("@odata."))
        && !(0..desc.fields.len()).any(|i| object.field(i).is_some_and(|f| !f.is_absent()));
    if !wrapper_only {
        return Ok(());
    }
    Err(Error::with_kind(
        ErrorKind::WrongShape,
        format!("expected one `{}`, found {found}", desc.name),
    ))
}

/// Where an object's [`Object::write_fields`] writes: each field that is
/// set, as an entry of the object being written. After an error nothing
/// more is written, and the error is the object's.
pub struct FieldsOut<'a> {
    out: &'a mut dyn MapWriter,
    result: Result<(), Error>,
}

impl FieldsOut<'_> {
    /// Writes `field` as the entry `key` (nothing when it is absent).
    pub fn field<T: Wire + Clone + 'static>(&mut self, key: &str, field: &Field<T>) {
        if self.result.is_ok() {
            self.result = FieldValue::write_entry(field, key, &mut *self.out);
        }
    }
}

/// Writes an object: annotations first (`@odata.type`, as the service
/// does), then the set fields in schema order, then unknown properties.
/// `type_annotation` is written first unless the object has one already.
pub(super) struct ObjectEntries<'a> {
    object: &'a dyn Object,
    type_annotation: Option<String>,
}

impl<'a> ObjectEntries<'a> {
    pub(super) fn new(object: &'a dyn Object, type_annotation: Option<String>) -> Self {
        ObjectEntries {
            object,
            type_annotation,
        }
    }

    /// A value of `base` or of a type derived from it, with `@odata.type`
    /// when it is not `base` itself (the service needs it to pick the type).
    fn poly(base: &TypeDesc, object: &'a dyn Object) -> Self {
        let desc = object.type_desc();
        let name = (desc.name != base.name).then(|| format!("#{}", desc.name));
        ObjectEntries::new(object, name)
    }
}

impl MapSource for ObjectEntries<'_> {
    fn write_entries(&self, out: &mut dyn MapWriter) -> Result<(), Error> {
        let object = self.object;
        let extra = object.additional_properties();
        if let Some(name) = &self.type_annotation {
            if !extra.contains_key("@odata.type") {
                out.entry("@odata.type", name)?;
            }
        }
        for (k, v) in extra {
            if k.starts_with('@') {
                out.entry(k, v)?;
            }
        }
        let mut fields = FieldsOut {
            out: &mut *out,
            result: Ok(()),
        };
        object.write_fields(&mut fields);
        fields.result?;
        for (k, v) in extra {
            if !k.starts_with('@') {
                out.entry(k, v)?;
            }
        }
        Ok(())
    }
}

/// `Wire::write` of the generated structs.
pub fn write_object(object: &dyn Object, sink: &mut dyn Sink) -> Result<(), Error> {
    sink.map(&ObjectEntries::new(object, None))
}

/// The JSON form of an object.
pub fn object_to_json(object: &dyn Object) -> Value {
    write_value(&ObjectJson(object))
}

struct ObjectJson<'a>(&'a dyn Object);

impl super::wire::WriteTo for ObjectJson<'_> {
    fn write_to(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        write_object(self.0, sink)
    }
}

/// Reads a JSON string with `FromStr` (flags sets read through this, so a
/// refused text is [`ErrorKind::NotAMember`](super::ErrorKind::NotAMember)).
pub fn read_parsed<T: std::str::FromStr>(src: &mut dyn Source) -> Result<T, Error>
where
    T::Err: fmt::Display,
{
    let text = read_string(src)?;
    match text.parse() {
        Ok(v) => Ok(v),
        Err(e) => Err(Error::with_kind(
            super::ErrorKind::NotAMember,
            e.to_string(),
        )),
    }
}

/// [`read_parsed`] from a `serde_json::Value`.
pub fn parse_from_json<T: std::str::FromStr>(value: Value) -> Result<T, Error>
where
    T::Err: fmt::Display,
{
    read_value(value, read_parsed)
}

/// Reads a polymorphic value: `base`, or the derived type its
/// `@odata.type` names. The value is read as `base` until `@odata.type`
/// says otherwise (the service writes it first); what was read by then is
/// moved over to the derived type.
struct PolyTarget {
    base: &'static TypeDesc,
    object: Box<dyn Object>,
}

impl MapTarget for PolyTarget {
    fn entry(&mut self, key: &str, src: &mut dyn Source) -> Result<(), Error> {
        if key != "@odata.type" || self.object.type_desc().name != self.base.name {
            return ObjectTarget::new(&mut *self.object).entry(key, src);
        }
        let value = src.value().map_err(|e| e.at(key))?;
        let derived = value.as_str().and_then(|n| self.base.find_derived(n));
        if let Some(desc) = derived {
            let mut object = (desc.make)();
            if let Value::Object(so_far) = object_to_json(&*self.object) {
                for (k, v) in so_far {
                    read_value(v, |s| ObjectTarget::new(&mut *object).entry(&k, s))?;
                }
            }
            self.object = object;
        }
        self.object
            .additional_properties_mut()
            .insert(key.to_owned(), value);
        Ok(())
    }
}

/// Reads `base` or the derived type the `@odata.type` names.
pub fn read_poly(base: &'static TypeDesc, src: &mut dyn Source) -> Result<Box<dyn Object>, Error> {
    let mut target = PolyTarget {
        base,
        object: (base.make)(),
    };
    src.map(&mut target)?;
    refuse_collection(&*target.object)?;
    Ok(target.object)
}

/// Writes `object`, adding `@odata.type` when it is not `base` itself and
/// does not say so already (the service needs it to pick the type).
pub fn write_poly(base: &TypeDesc, object: &dyn Object, sink: &mut dyn Sink) -> Result<(), Error> {
    sink.map(&ObjectEntries::poly(base, object))
}

/// Reads `value` as `base` or the derived type its `@odata.type` names.
pub fn poly_from_json(base: &'static TypeDesc, value: Value) -> Result<Box<dyn Object>, Error> {
    read_value(value, |src| read_poly(base, src))
}

/// [`write_poly`] to a `serde_json::Value`.
pub fn poly_to_json(base: &TypeDesc, object: &dyn Object) -> Value {
    write_value(&PolyJson { base, object })
}

struct PolyJson<'a> {
    base: &'a TypeDesc,
    object: &'a dyn Object,
}

impl super::wire::WriteTo for PolyJson<'_> {
    fn write_to(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        write_poly(self.base, self.object, sink)
    }
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

    /// The value as a `U`, if it is exactly one; else the value back.
    pub fn downcast<U: Object>(self) -> Result<Box<U>, Self> {
        if !self.is::<U>() {
            return Err(self);
        }
        match self.inner.into_any().downcast::<U>() {
            Ok(value) => Ok(value),
            Err(_) => unreachable!("the type was checked just above"),
        }
    }

    /// The generated enum of `T`'s derived types
    /// (`graph_model::v1_0::derived::DirectoryObject`), to `match` on: the
    /// `match`'s patterns (or a type annotation) name it.
    pub fn into_derived<D>(self) -> D
    where
        D: DerivedTypes<Base = T>,
    {
        D::from(self)
    }
}

impl<T: Object + Default> Poly<T> {
    /// The value as a `T`: itself when it is one, else its JSON form read
    /// as `T` (the derived type's own properties and `@odata.type` kept as
    /// additional properties). The last arm of a derived-types enum.
    pub fn into_base(self) -> Box<T> {
        let inner = match self.downcast::<T>() {
            Ok(base) => return base,
            Err(poly) => poly.inner,
        };
        let mut base = T::default();
        // As `Poly` writes it: with the `@odata.type` of a value built in
        // code, which has none among its additional properties.
        if let Value::Object(entries) = poly_to_json(T::static_desc(), &*inner) {
            for (k, v) in entries {
                // A value the base's field refuses is kept as it came.
                if read_value(v.clone(), |s| ObjectTarget::new(&mut base).entry(&k, s)).is_err() {
                    base.additional_properties_mut().insert(k, v);
                }
            }
        }
        Box::new(base)
    }
}

/// The generated enum of the derived types of `Base`
/// (`derived::DirectoryObject`: `User(…)`, `Group(…)`, …, and `Other` for
/// the type itself or a type the model does not know). It lives in a crate
/// of its own beside the types, hence no link from `Base` to it.
pub trait DerivedTypes: From<Poly<Self::Base>> {
    type Base: Object;
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

impl<T: Object> Wire for Poly<T> {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match read_poly(T::static_desc(), src) {
            Ok(inner) => Ok(Poly {
                inner,
                base: PhantomData,
            }),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        write_poly(T::static_desc(), &*self.inner, sink)
    }
    fn write_entry(&self, key: &str, out: &mut dyn MapWriter) -> Result<(), Error> {
        out.map(key, &ObjectEntries::poly(T::static_desc(), &*self.inner))
    }
    fn write_item(&self, out: &mut dyn SeqWriter) -> Result<(), Error> {
        out.map(&ObjectEntries::poly(T::static_desc(), &*self.inner))
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
        if let Some(value) = object.field(i).and_then(|f| f.to_json()) {
            s.field(name, &value);
        }
    }
    let extra = object.additional_properties();
    if !extra.is_empty() {
        s.field("additional_properties", extra);
    }
    s.finish()
}
