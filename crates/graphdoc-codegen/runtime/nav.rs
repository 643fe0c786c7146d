//! [`Nav`], the value of a navigation property.

use super::error::Error;
use super::wire::{Sink, Source, Wire};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// The value of a navigation property (`manager`, `memberOf`), which the
/// service sends only when asked to (`$expand`): kept as the JSON received
/// and read as `T` when [`get`](Nav::get) is called.
///
/// Reading a type does not read the types its navigation properties lead
/// to, so a program links the types it reads and their structural parts,
/// not the whole model that navigation reaches (from `User`, nearly all of
/// it). The JSON is written back exactly as received.
pub struct Nav<T> {
    json: Value,
    ty: PhantomData<fn() -> T>,
}

impl<T: Wire> Nav<T> {
    /// A value to send (deep insert, `@odata.bind` bodies).
    pub fn new(value: &T) -> Self {
        Nav::from_json_value(value.to_json())
    }

    /// The value read as `T`; the error keeps its kind and JSON path.
    pub fn get(&self) -> Result<T, Error> {
        T::from_json(self.json.clone())
    }
}

impl<T> Nav<T> {
    /// Wraps JSON as received, unchecked: [`get`](Nav::get) reads it.
    pub fn from_json_value(json: Value) -> Self {
        Nav {
            json,
            ty: PhantomData,
        }
    }

    /// The JSON as received.
    pub fn json(&self) -> &Value {
        &self.json
    }

    pub fn into_json(self) -> Value {
        self.json
    }
}

impl<T: Wire> From<T> for Nav<T> {
    fn from(value: T) -> Self {
        Nav::new(&value)
    }
}

impl<T> Clone for Nav<T> {
    fn clone(&self) -> Self {
        Nav::from_json_value(self.json.clone())
    }
}

impl<T> fmt::Debug for Nav<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.json.fmt(f)
    }
}

impl<T> PartialEq for Nav<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json == other.json
    }
}

/// Reading and writing never touch `T`: that is the point.
impl<T> Wire for Nav<T> {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match src.value() {
            Ok(json) => Ok(Nav::from_json_value(json)),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.value(&self.json)
    }
}

impl<T> Serialize for Nav<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Nav<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Nav::from_json_value)
    }
}
