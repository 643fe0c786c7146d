//! [`ODataError`], the body the service sends with a failure status.

use super::JsonMap;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// The error body of a failed request:
/// `{"error": {"code", "message", "target", "details", "innerError"}}`.
///
/// Reads the envelope (or a bare error object); properties this type does
/// not name are kept and written back. `Display` shows the code and the
/// message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ODataError {
    /// A service-defined code (`Request_ResourceNotFound`).
    pub code: String,
    /// Human-readable; not for programs to match on.
    pub message: String,
    pub target: Option<String>,
    pub details: Vec<ODataErrorDetail>,
    /// `innerError`: the request ids and date to quote to support.
    pub inner_error: Option<InnerError>,
    /// Other properties of the `error` object.
    pub additional_properties: JsonMap,
    /// Properties beside `error` in the envelope.
    pub envelope_properties: JsonMap,
}

/// One entry of `details`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ODataErrorDetail {
    pub code: String,
    pub message: String,
    pub target: Option<String>,
    pub additional_properties: JsonMap,
}

/// `innerError`: what support needs to find the request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InnerError {
    /// `request-id`.
    pub request_id: Option<String>,
    /// `client-request-id`.
    pub client_request_id: Option<String>,
    /// `date`, as sent (the service leaves the offset out).
    pub date: Option<String>,
    /// Anything else (a nested `innerError`, `code`).
    pub additional_properties: JsonMap,
}

impl fmt::Display for ODataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ODataError {}

/// Takes a string property out of `map`; `null` and absent are `None`.
fn take_string(map: &mut JsonMap, key: &str) -> Result<Option<String>, String> {
    match map.shift_remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{key}` of an error body is not a string")),
    }
}

fn take_object(map: &mut JsonMap, key: &str) -> Result<Option<JsonMap>, String> {
    match map.shift_remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(format!("`{key}` of an error body is not an object")),
    }
}

impl ODataErrorDetail {
    fn from_map(mut map: JsonMap) -> Result<Self, String> {
        Ok(ODataErrorDetail {
            code: take_string(&mut map, "code")?.unwrap_or_default(),
            message: take_string(&mut map, "message")?.unwrap_or_default(),
            target: take_string(&mut map, "target")?,
            additional_properties: map,
        })
    }

    fn to_map(&self) -> JsonMap {
        let mut map = JsonMap::new();
        map.insert("code".into(), Value::String(self.code.clone()));
        map.insert("message".into(), Value::String(self.message.clone()));
        if let Some(t) = &self.target {
            map.insert("target".into(), Value::String(t.clone()));
        }
        map.extend(self.additional_properties.clone());
        map
    }
}

impl InnerError {
    fn from_map(mut map: JsonMap) -> Result<Self, String> {
        Ok(InnerError {
            request_id: take_string(&mut map, "request-id")?,
            client_request_id: take_string(&mut map, "client-request-id")?,
            date: take_string(&mut map, "date")?,
            additional_properties: map,
        })
    }

    fn to_map(&self) -> JsonMap {
        let mut map = JsonMap::new();
        for (key, value) in [
            ("date", &self.date),
            ("request-id", &self.request_id),
            ("client-request-id", &self.client_request_id),
        ] {
            if let Some(v) = value {
                map.insert(key.into(), Value::String(v.clone()));
            }
        }
        map.extend(self.additional_properties.clone());
        map
    }
}

impl ODataError {
    /// Reads an error body: the `{"error": {...}}` envelope or the error
    /// object itself.
    pub fn from_value(value: Value) -> Result<Self, String> {
        let Value::Object(mut outer) = value else {
            return Err("an error body is not a JSON object".into());
        };
        let (mut map, envelope_properties) = match take_object(&mut outer, "error")? {
            Some(inner) => (inner, outer),
            None => (outer, JsonMap::new()),
        };
        let details = match map.shift_remove("details") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let mut details = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::Object(m) => details.push(ODataErrorDetail::from_map(m)?),
                        _ => return Err("an entry of `details` is not an object".into()),
                    }
                }
                details
            }
            Some(_) => return Err("`details` of an error body is not an array".into()),
        };
        let inner_error = take_object(&mut map, "innerError")?
            .map(InnerError::from_map)
            .transpose()?;
        Ok(ODataError {
            code: take_string(&mut map, "code")?.unwrap_or_default(),
            message: take_string(&mut map, "message")?.unwrap_or_default(),
            target: take_string(&mut map, "target")?,
            details,
            inner_error,
            additional_properties: map,
            envelope_properties,
        })
    }

    /// The envelope as the service writes it.
    pub fn to_value(&self) -> Value {
        let mut error = JsonMap::new();
        error.insert("code".into(), Value::String(self.code.clone()));
        error.insert("message".into(), Value::String(self.message.clone()));
        if let Some(t) = &self.target {
            error.insert("target".into(), Value::String(t.clone()));
        }
        if !self.details.is_empty() {
            let details = self.details.iter().map(|d| Value::Object(d.to_map()));
            error.insert("details".into(), Value::Array(details.collect()));
        }
        if let Some(inner) = &self.inner_error {
            error.insert("innerError".into(), Value::Object(inner.to_map()));
        }
        error.extend(self.additional_properties.clone());
        let mut outer = JsonMap::new();
        outer.insert("error".into(), Value::Object(error));
        outer.extend(self.envelope_properties.clone());
        Value::Object(outer)
    }

    /// `innerError.request-id`, what support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.inner_error.as_ref()?.request_id.as_deref()
    }
}

impl Serialize for ODataError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ODataError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        ODataError::from_value(value).map_err(D::Error::custom)
    }
}
