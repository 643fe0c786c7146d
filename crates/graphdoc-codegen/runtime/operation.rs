//! Operation descriptors, bodies and paths.

use super::error::Error;
use super::wire::{MapSource, MapTarget, MapWriter, Sink, Source, Wire};
use super::JsonMap;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

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
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match src.value() {
            Ok(_) => Ok(NoBody),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.null()
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

struct PageTarget<'a, T>(&'a mut Page<T>);

impl<T: Wire> MapTarget for PageTarget<'_, T> {
    fn entry(&mut self, key: &str, src: &mut dyn Source) -> Result<(), Error> {
        if key == "value" {
            return match src.seq(&mut self.0.value) {
                Ok(()) => Ok(()),
                Err(e) => Err(e.at(key)),
            };
        }
        match src.value() {
            Ok(v) => {
                self.0.additional_properties.insert(key.to_owned(), v);
                Ok(())
            }
            Err(e) => Err(e.at(key)),
        }
    }
}

impl<T: Wire> MapSource for Page<T> {
    fn write_entries(&self, out: &mut dyn MapWriter) -> Result<(), Error> {
        out.entry("value", &self.value)?;
        for (k, v) in &self.additional_properties {
            out.entry(k, v)?;
        }
        Ok(())
    }
}

impl<T: Wire> Wire for Page<T> {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        let mut page = Page {
            value: Vec::new(),
            additional_properties: JsonMap::new(),
        };
        match src.map(&mut PageTarget(&mut page)) {
            Ok(()) => Ok(page),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.map(self)
    }
}

/// Written as `null`.
impl Serialize for NoBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

/// Any body is accepted (and skipped).
impl<'de> Deserialize<'de> for NoBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| NoBody)
    }
}

/// `value` first, then the annotations and anything else.
impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.additional_properties.len()))?;
        map.serialize_entry("value", &self.value)?;
        for (k, v) in &self.additional_properties {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection response (an object with `value`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut page = Page {
            value: Vec::new(),
            additional_properties: JsonMap::new(),
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" {
                page.value = map.next_value()?;
            } else {
                let v: Value = map.next_value()?;
                page.additional_properties.insert(key, v);
            }
        }
        Ok(page)
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

/// The path parameters of an operation, by their names in its templates
/// (`group-id`); each generated operation with placeholders has a struct
/// of them (`ReplyToPostPath`).
pub trait PathParams {
    /// The value given for the placeholder `{name}`, if any.
    fn get(&self, name: &str) -> Option<&str>;
}

/// Fills the template of `templates` that takes every given parameter:
/// the one whose placeholders all have values and that uses the most of
/// them (the first such). Fails when no template's placeholders are all
/// given.
pub fn expand_paths(templates: &[&str], params: &dyn PathParams) -> Result<String, Error> {
    let mut best: Option<(usize, &str)> = None;
    for template in templates {
        let names = placeholders(template);
        if names.iter().all(|n| params.get(n).is_some())
            && best.is_none_or(|(used, _)| names.len() > used)
        {
            best = Some((names.len(), template));
        }
    }
    let (_, template) = best.ok_or_else(|| {
        Error::new(format!(
            "no path of the operation has all its parameters given: {}",
            templates.join(", ")
        ))
    })?;
    let pairs: Vec<(&str, &str)> = placeholders(template)
        .into_iter()
        .filter_map(|n| params.get(n).map(|v| (n, v)))
        .collect();
    expand_path(template, &pairs)
}

/// The placeholder names of a template, in order.
fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    out
}
