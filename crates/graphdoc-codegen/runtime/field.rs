//! [`Field`], the tri-state of every property.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// For hand-written structs, with `#[serde(default, skip_serializing_if =
/// "Field::is_absent")]` on the field: `Null` is written as `null`, a value
/// as itself (`Absent` writes `null` too, when not skipped).
impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(v) => v.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

/// `null` reads as `Null`, anything else as a value; a missing property is
/// `Absent` through `#[serde(default)]`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Option::<T>::deserialize(deserializer) {
            Ok(Some(v)) => Ok(Field::Value(v)),
            Ok(None) => Ok(Field::Null),
            Err(e) => Err(e),
        }
    }
}
