//! Operation descriptors, bodies and paths.

use super::error::{Error, ErrorKind};
use super::wire::{wrong_type, MapSource, MapTarget, MapWriter, Scalar, Sink, Source, Wire};
use super::JsonMap;
use serde::de::{MapAccess, Visitor};
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

/// No body: written as nothing (`null` through [`Wire`]). Reading refuses
/// anything but nothing (`null`, or an empty body through
/// [`read_response`]): a body where the page says none comes back would
/// otherwise be thrown away.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoBody;

impl Wire for NoBody {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match src.scalar() {
            Ok(Scalar::Null) => Ok(NoBody),
            Ok(other) => Err(Error::with_kind(
                ErrorKind::WrongShape,
                format!("expected no body, found {}", other.kind_name()),
            )),
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

/// Reads a page's entries; `has_value` tells whether `value` was there.
struct PageTarget<'a, T> {
    page: &'a mut Page<T>,
    has_value: bool,
}

impl<T: Wire> MapTarget for PageTarget<'_, T> {
    fn entry(&mut self, key: &str, src: &mut dyn Source) -> Result<(), Error> {
        if key == "value" {
            self.has_value = true;
            return match src.seq(&mut self.page.value) {
                Ok(()) => Ok(()),
                Err(e) => Err(e.at(key)),
            };
        }
        match src.value() {
            Ok(v) => {
                self.page.additional_properties.insert(key.to_owned(), v);
                Ok(())
            }
            Err(e) => Err(e.at(key)),
        }
    }
}

impl<T: Wire> MapSource for Page<T> {
    fn write_entries(&self, out: &mut dyn MapWriter) -> Result<(), Error> {
        self.value.write_entry("value", out)?;
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
        let mut target = PageTarget {
            page: &mut page,
            has_value: false,
        };
        match src.map(&mut target) {
            // Without `value` this is not a collection response: reading it
            // as an empty page would make up a `"value": []` on writing back.
            Ok(()) if !target.has_value => Err(no_value()),
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

/// Only `null` (no body) is accepted.
impl<'de> Deserialize<'de> for NoBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(NoBodyVisitor)
    }
}

struct NoBodyVisitor;

impl<'de> Visitor<'de> for NoBodyVisitor {
    type Value = NoBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no body")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<NoBody, E> {
        Ok(NoBody)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<NoBody, E> {
        Ok(NoBody)
    }
}

/// Reads the body of a response to `O`: an empty body is `null`. An error
/// names the operation (`List users: expected no body, found an object`)
/// and keeps its path.
pub fn read_response<O: Operation>(body: &[u8]) -> Result<O::Response, Error> {
    let named = |e: Error| {
        let titled = Error::with_kind(e.kind(), format!("{}: {}", O::TITLE, e.message()));
        e.segments()
            .iter()
            .rev()
            .fold(titled, |named, segment| named.at(segment.clone()))
    };
    let value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(body)
            .map_err(|e| named(Error::new(format!("the body is not JSON: {e}"))))?
    };
    O::Response::from_json(value).map_err(named)
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
        let mut has_value = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" {
                page.value = map.next_value()?;
                has_value = true;
            } else {
                let v: Value = map.next_value()?;
                page.additional_properties.insert(key, v);
            }
        }
        if !has_value {
            return Err(serde::de::Error::custom(no_value()));
        }
        Ok(page)
    }
}

fn no_value() -> Error {
    Error::with_kind(
        ErrorKind::WrongShape,
        "expected a collection response (an object with `value`), found an object without `value`",
    )
}

/// Fills a path template: each `{name}` is replaced by the percent-encoded
/// value given for it. Fails on a placeholder without a value, and on a
/// value that would address another resource: empty, `.` or `..` where the
/// placeholder is a whole segment (URL libraries resolve dot segments, and
/// `/users/` lists users). Inside a quoted key (`(period='{p}')`) a `'` is
/// doubled, OData's escape, since the service decodes `%27` back to `'`.
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
        let after = &rest[close + 1..];
        let whole_segment =
            out.ends_with('/') && (after.is_empty() || after.starts_with(['/', '?']));
        if whole_segment && matches!(*value, "" | "." | "..") {
            return Err(Error::new(format!(
                "path parameter {{{name}}} is `{value}`, which would address another resource"
            )));
        }
        let quoted = out.ends_with('\'');
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else if b == b'\'' && quoted {
                out.push_str("%27%27");
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// A function's (or a primitive property's) result: OData wraps a
/// primitive, an enum value or a collection of them as `{"value": …}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueOf<T> {
    pub value: T,
    /// Annotations (`@odata.context`) and anything else.
    pub additional_properties: JsonMap,
}

struct ValueOfTarget<T> {
    value: Option<T>,
    additional_properties: JsonMap,
}

impl<T: Wire> MapTarget for ValueOfTarget<T> {
    fn entry(&mut self, key: &str, src: &mut dyn Source) -> Result<(), Error> {
        if key == "value" {
            self.value = Some(T::read(src).map_err(|e| e.at(key))?);
            return Ok(());
        }
        let v = src.value().map_err(|e| e.at(key))?;
        self.additional_properties.insert(key.to_owned(), v);
        Ok(())
    }
}

impl<T: Wire> MapSource for ValueOf<T> {
    fn write_entries(&self, out: &mut dyn MapWriter) -> Result<(), Error> {
        self.value.write_entry("value", out)?;
        for (k, v) in &self.additional_properties {
            out.entry(k, v)?;
        }
        Ok(())
    }
}

impl<T: Wire> Wire for ValueOf<T> {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        let mut target = ValueOfTarget {
            value: None,
            additional_properties: JsonMap::new(),
        };
        src.map(&mut target)?;
        match target.value {
            Some(value) => Ok(ValueOf {
                value,
                additional_properties: target.additional_properties,
            }),
            None => Err(Error::with_kind(
                ErrorKind::WrongShape,
                "expected an object with `value`, found an object without `value`",
            )),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        sink.map(self)
    }
}

impl<T: Wire> Serialize for ValueOf<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_wire(self, serializer)
    }
}

impl<'de, T: Wire> Deserialize<'de> for ValueOf<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize_wire(deserializer)
    }
}

/// The content a download answers: the response's bytes as sent, not JSON
/// (read them with [`Download::from_bytes`]). A `302 Found` answer has no
/// body: its `Location` header is where the content is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Download(pub Vec<u8>);

impl Download {
    pub fn from_bytes(body: &[u8]) -> Self {
        Download(body.to_vec())
    }
}

/// Through JSON a download is its text: `null` (no body, a redirect) or a
/// string; anything else is refused.
impl Wire for Download {
    fn read(src: &mut dyn Source) -> Result<Self, Error> {
        match src.scalar() {
            Ok(Scalar::Null) => Ok(Download::default()),
            Ok(Scalar::Str(s)) => Ok(Download(s.into_bytes())),
            Ok(other) => Err(wrong_type("the content of a download", other.kind_name())),
            Err(e) => Err(e),
        }
    }
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        if self.0.is_empty() {
            sink.null()
        } else {
            sink.str(&String::from_utf8_lossy(&self.0))
        }
    }
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
