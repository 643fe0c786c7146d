//! [`Wire`]: conversion to and from `serde_json::Value`.

use super::error::{expected, Error, ErrorKind};
use super::field::Field;
use serde_json::{Number, Value};

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
