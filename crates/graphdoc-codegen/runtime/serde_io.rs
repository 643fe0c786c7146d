//! The [`Source`] and [`Sink`] in front of serde: compiled once per
//! deserializer and serializer type, not per model type.
//!
//! Reading goes straight from the deserializer into the fields (no
//! `serde_json::Value` in between). An error of the model ([`Error`], with
//! its kind and JSON path) travels through serde's error types in a slot
//! beside them, so that it comes out whole at the top.

use super::error::Error;
use super::wire::{
    wrong_type, FieldValue, MapSource, MapTarget, MapWriter, Scalar, SeqSource, SeqTarget,
    SeqWriter, Sink, Source, Wire, WriteTo,
};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

/// Where the model's own error waits while serde's error carries it up.
type Slot = Cell<Option<Error>>;

/// A [`Source`] over a serde deserializer.
struct De<'s, D> {
    de: Option<D>,
    slot: &'s Slot,
}

impl<'s, D> De<'s, D> {
    fn new(de: D, slot: &'s Slot) -> Self {
        De { de: Some(de), slot }
    }

    fn take(&mut self) -> Result<D, Error> {
        self.de
            .take()
            .ok_or_else(|| Error::new("a value was read twice"))
    }

    /// The model's error if one is waiting, else serde's.
    fn done<T, E: de::Error>(&self, result: Result<T, E>) -> Result<T, Error> {
        match result {
            Ok(v) => Ok(v),
            Err(e) => Err(self
                .slot
                .take()
                .unwrap_or_else(|| Error::new(e.to_string()))),
        }
    }
}

/// Hands the model's error to serde: parked in the slot, a placeholder
/// error in its stead.
fn park<E: de::Error>(slot: &Slot, error: Error) -> E {
    let message = error.to_string();
    slot.set(Some(error));
    E::custom(message)
}

impl<'de, D: Deserializer<'de>> Source for De<'_, D> {
    fn scalar(&mut self) -> Result<Scalar, Error> {
        let de = self.take()?;
        let result = de.deserialize_any(ScalarVisitor);
        self.done(result)
    }

    fn value(&mut self) -> Result<Value, Error> {
        let de = self.take()?;
        let result = Value::deserialize(de);
        self.done(result)
    }

    fn nullable(&mut self, field: &mut dyn FieldValue) -> Result<(), Error> {
        let de = self.take()?;
        let result = de.deserialize_option(NullableVisitor {
            field,
            slot: self.slot,
        });
        self.done(result)
    }

    fn seq(&mut self, target: &mut dyn SeqTarget) -> Result<(), Error> {
        let de = self.take()?;
        let result = de.deserialize_any(ContainerVisitor {
            target: Container::Seq(target),
            slot: self.slot,
        });
        self.done(result)
    }

    fn map(&mut self, target: &mut dyn MapTarget) -> Result<(), Error> {
        let de = self.take()?;
        let result = de.deserialize_any(ContainerVisitor {
            target: Container::Map(target),
            slot: self.slot,
        });
        self.done(result)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Object)
    }
}

struct NullableVisitor<'a, 's> {
    field: &'a mut dyn FieldValue,
    slot: &'s Slot,
}

impl<'de> Visitor<'de> for NullableVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value or null")
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.field.set_null();
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.field.set_null();
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        let mut src = De::new(de, self.slot);
        match self.field.read_value(&mut src) {
            Ok(()) => Ok(()),
            Err(e) => Err(park(self.slot, e)),
        }
    }
}

enum Container<'a> {
    Seq(&'a mut dyn SeqTarget),
    Map(&'a mut dyn MapTarget),
}

/// Reads an array or an object; anything else is a [`wrong_type`].
struct ContainerVisitor<'a, 's> {
    target: Container<'a>,
    slot: &'s Slot,
}

impl ContainerVisitor<'_, '_> {
    fn refuse<E: de::Error>(self, found: &str) -> Result<(), E> {
        let what = match self.target {
            Container::Seq(_) => "an array",
            Container::Map(_) => "an object",
        };
        Err(park(self.slot, wrong_type(what, found)))
    }
}

impl<'de> Visitor<'de> for ContainerVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array or an object")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.refuse("a boolean")
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.refuse("a number")
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.refuse("a number")
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.refuse("a number")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.refuse("a string")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.refuse("null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.refuse("null")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let target = match self.target {
            Container::Seq(t) => t,
            Container::Map(_) => {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Err(park(self.slot, wrong_type("an object", "an array")));
            }
        };
        let mut index = 0usize;
        loop {
            let seed = ItemSeed {
                target: &mut *target,
                slot: self.slot,
            };
            match seq.next_element_seed(seed) {
                Ok(Some(())) => index += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    let error = self
                        .slot
                        .take()
                        .unwrap_or_else(|| Error::new(e.to_string()));
                    return Err(park(self.slot, error.at(index.to_string())));
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let target = match self.target {
            Container::Map(t) => t,
            Container::Seq(_) => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Err(park(self.slot, wrong_type("an array", "an object")));
            }
        };
        while let Some(key) = map.next_key_seed(KeySeed)? {
            map.next_value_seed(EntrySeed {
                target: &mut *target,
                key: &key,
                slot: self.slot,
            })?;
        }
        Ok(())
    }
}

struct ItemSeed<'a, 's> {
    target: &'a mut dyn SeqTarget,
    slot: &'s Slot,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        let mut src = De::new(de, self.slot);
        match self.target.push_from(&mut src) {
            Ok(()) => Ok(()),
            Err(e) => Err(park(self.slot, e)),
        }
    }
}

struct EntrySeed<'a, 'k, 's> {
    target: &'a mut dyn MapTarget,
    key: &'k str,
    slot: &'s Slot,
}

impl<'de> DeserializeSeed<'de> for EntrySeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        let mut src = De::new(de, self.slot);
        match self.target.entry(self.key, &mut src) {
            Ok(()) => Ok(()),
            Err(e) => Err(park(self.slot, e)),
        }
    }
}

/// A key, borrowed from the input when the deserializer can.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Cow<'de, str>, D::Error> {
        de.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// Reads a value of a model type from any deserializer (the generated
/// `Deserialize` impls call this).
pub fn deserialize_wire<'de, W: Wire, D: Deserializer<'de>>(de: D) -> Result<W, D::Error> {
    let slot = Slot::new(None);
    let mut src = De::new(de, &slot);
    match W::read(&mut src) {
        Ok(v) => Ok(v),
        Err(e) => Err(<D::Error as de::Error>::custom(e)),
    }
}

/// Reads from a `serde_json::Value` with `read`, keeping the model's error.
pub fn read_value<T>(
    value: Value,
    read: impl FnOnce(&mut dyn Source) -> Result<T, Error>,
) -> Result<T, Error> {
    let slot = Slot::new(None);
    let mut src = De::new(value, &slot);
    read(&mut src)
}

// ---------------------------------------------------------------------------
// Writing

/// A [`Sink`] over a serde serializer. Serde's error, when the serializer
/// fails, waits in `failed` and comes out as itself.
struct Ser<S: Serializer> {
    ser: Option<S>,
    ok: Option<S::Ok>,
    failed: Option<S::Error>,
}

impl<S: Serializer> Ser<S> {
    fn new(ser: S) -> Self {
        Ser {
            ser: Some(ser),
            ok: None,
            failed: None,
        }
    }

    fn take(&mut self) -> Result<S, Error> {
        self.ser
            .take()
            .ok_or_else(|| Error::new("a value was written twice"))
    }

    fn record(&mut self, result: Result<S::Ok, S::Error>) -> Result<(), Error> {
        match result {
            Ok(ok) => {
                self.ok = Some(ok);
                Ok(())
            }
            Err(e) => {
                self.failed = Some(e);
                Err(Error::new("the serializer failed"))
            }
        }
    }

    fn finish(self, result: Result<(), Error>) -> Result<S::Ok, S::Error> {
        match (self.failed, self.ok, result) {
            (Some(e), _, _) => Err(e),
            (None, _, Err(e)) => Err(<S::Error as ser::Error>::custom(e)),
            (None, Some(ok), Ok(())) => Ok(ok),
            (None, None, Ok(())) => Err(<S::Error as ser::Error>::custom("nothing was written")),
        }
    }
}

impl<S: Serializer> Sink for Ser<S> {
    fn null(&mut self) -> Result<(), Error> {
        let ser = self.take()?;
        let r = ser.serialize_unit();
        self.record(r)
    }
    fn bool(&mut self, v: bool) -> Result<(), Error> {
        let ser = self.take()?;
        let r = ser.serialize_bool(v);
        self.record(r)
    }
    fn i64(&mut self, v: i64) -> Result<(), Error> {
        let ser = self.take()?;
        let r = ser.serialize_i64(v);
        self.record(r)
    }
    fn f64(&mut self, v: f64) -> Result<(), Error> {
        let ser = self.take()?;
        let r = Double(v).serialize(ser);
        self.record(r)
    }
    fn str(&mut self, v: &str) -> Result<(), Error> {
        let ser = self.take()?;
        let r = ser.serialize_str(v);
        self.record(r)
    }
    fn value(&mut self, v: &Value) -> Result<(), Error> {
        let ser = self.take()?;
        let r = v.serialize(ser);
        self.record(r)
    }
    fn seq(&mut self, items: &dyn SeqSource) -> Result<(), Error> {
        let ser = self.take()?;
        let r = SeqOf(items).serialize(ser);
        self.record(r)
    }
    fn map(&mut self, entries: &dyn MapSource) -> Result<(), Error> {
        let ser = self.take()?;
        let r = MapOf(entries).serialize(ser);
        self.record(r)
    }
}

/// An array as the serializer's own sequence, its items written into it.
struct SeqOf<'a>(&'a dyn SeqSource);

impl Serialize for SeqOf<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let items = self.0;
        match ser.serialize_seq(Some(items.item_count())) {
            Ok(seq) => {
                let mut writer = Elements { seq, failed: None };
                match (items.write_items(&mut writer), writer.failed) {
                    (_, Some(e)) => Err(e),
                    (Err(e), None) => Err(<S::Error as ser::Error>::custom(e)),
                    (Ok(()), None) => writer.seq.end(),
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// An object as the serializer's own map, its entries written into it.
struct MapOf<'a>(&'a dyn MapSource);

impl Serialize for MapOf<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let entries = self.0;
        match ser.serialize_map(None) {
            Ok(map) => {
                let mut writer = Entries { map, failed: None };
                match (entries.write_entries(&mut writer), writer.failed) {
                    (_, Some(e)) => Err(e),
                    (Err(e), None) => Err(<S::Error as ser::Error>::custom(e)),
                    (Ok(()), None) => writer.map.end(),
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// A double as OData writes it: JSON has no NaN or infinities, OData
/// spells them as strings.
struct Double(f64);

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.is_nan() {
            ser.serialize_str("NaN")
        } else if v == f64::INFINITY {
            ser.serialize_str("INF")
        } else if v == f64::NEG_INFINITY {
            ser.serialize_str("-INF")
        } else {
            ser.serialize_f64(v)
        }
    }
}

struct Elements<Q: SerializeSeq> {
    seq: Q,
    failed: Option<Q::Error>,
}

impl<Q: SerializeSeq> SeqWriter for Elements<Q> {
    fn item(&mut self, value: &dyn WriteTo) -> Result<(), Error> {
        let r = self.seq.serialize_element(&Dyn(value));
        self.record(r)
    }
    fn map(&mut self, entries: &dyn MapSource) -> Result<(), Error> {
        let r = self.seq.serialize_element(&MapOf(entries));
        self.record(r)
    }
    fn seq(&mut self, items: &dyn SeqSource) -> Result<(), Error> {
        let r = self.seq.serialize_element(&SeqOf(items));
        self.record(r)
    }
    fn null(&mut self) -> Result<(), Error> {
        let r = self.seq.serialize_element(&());
        self.record(r)
    }
    fn bool(&mut self, v: bool) -> Result<(), Error> {
        let r = self.seq.serialize_element(&v);
        self.record(r)
    }
    fn i64(&mut self, v: i64) -> Result<(), Error> {
        let r = self.seq.serialize_element(&v);
        self.record(r)
    }
    fn f64(&mut self, v: f64) -> Result<(), Error> {
        let r = self.seq.serialize_element(&Double(v));
        self.record(r)
    }
    fn str(&mut self, v: &str) -> Result<(), Error> {
        let r = self.seq.serialize_element(v);
        self.record(r)
    }
}

impl<Q: SerializeSeq> Elements<Q> {
    fn record(&mut self, result: Result<(), Q::Error>) -> Result<(), Error> {
        match result {
            Ok(()) => Ok(()),
            Err(e) => {
                self.failed = Some(e);
                Err(Error::new("the serializer failed"))
            }
        }
    }
}

struct Entries<M: SerializeMap> {
    map: M,
    failed: Option<M::Error>,
}

impl<M: SerializeMap> MapWriter for Entries<M> {
    fn entry(&mut self, key: &str, value: &dyn WriteTo) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &Dyn(value));
        self.record(r)
    }
    fn map(&mut self, key: &str, entries: &dyn MapSource) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &MapOf(entries));
        self.record(r)
    }
    fn seq(&mut self, key: &str, items: &dyn SeqSource) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &SeqOf(items));
        self.record(r)
    }
    fn null(&mut self, key: &str) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &());
        self.record(r)
    }
    fn bool(&mut self, key: &str, v: bool) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &v);
        self.record(r)
    }
    fn i64(&mut self, key: &str, v: i64) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &v);
        self.record(r)
    }
    fn f64(&mut self, key: &str, v: f64) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, &Double(v));
        self.record(r)
    }
    fn str(&mut self, key: &str, v: &str) -> Result<(), Error> {
        let r = self.map.serialize_entry(key, v);
        self.record(r)
    }
}

impl<M: SerializeMap> Entries<M> {
    fn record(&mut self, result: Result<(), M::Error>) -> Result<(), Error> {
        match result {
            Ok(()) => Ok(()),
            Err(e) => {
                self.failed = Some(e);
                Err(Error::new("the serializer failed"))
            }
        }
    }
}

/// Any [`WriteTo`] as a serde `Serialize`.
struct Dyn<'a>(&'a dyn WriteTo);

impl Serialize for Dyn<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut sink = Ser::new(ser);
        let result = self.0.write_to(&mut sink);
        sink.finish(result)
    }
}

/// Writes a value of a model type to any serializer (the generated
/// `Serialize` impls call this).
pub fn serialize_wire<W: Wire, S: Serializer>(value: &W, ser: S) -> Result<S::Ok, S::Error> {
    let mut sink = Ser::new(ser);
    let result = value.write(&mut sink);
    sink.finish(result)
}

/// Writes to a `serde_json::Value`; `Null` if the writing failed, which
/// the model's types do not.
pub fn write_value(value: &(impl WriteTo + ?Sized)) -> Value {
    let mut sink = Ser::new(serde_json::value::Serializer);
    let result = value.write_to(&mut sink);
    sink.finish(result).unwrap_or(Value::Null)
}
