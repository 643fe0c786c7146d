//! A request built for an [`Operation`], ready for any HTTP client: method,
//! path and query (percent-encoded), headers and JSON body. Nothing here
//! does I/O.

use super::error::Error;
use super::link;
use super::operation::{read_response, Method, Operation};
use super::serde_io::serialize_wire;
use super::wire::Wire;
use std::fmt;
use std::marker::PhantomData;

/// One call of `O`. Build it with the operation's `request` function
/// (`ListUsers::request()`), narrow it with the query options and headers
/// the operation's page documents (see [`query`](super::query)), then send
/// [`method`](Self::method) to [`url`](Self::url) with
/// [`headers`](Self::headers) and [`body`](Self::body), and read the answer
/// with [`read_response`](Self::read_response).
pub struct Request<O> {
    method: Method,
    target: Target,
    /// Query options by name, in the order first set, not yet encoded.
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    operation: PhantomData<fn() -> O>,
}

/// Where a request goes.
#[derive(Clone)]
enum Target {
    /// A path below the service root (`/users`).
    Path(String),
    /// A link the service gave, checked to be at the service root's origin:
    /// what follows the origin (`/v1.0/users?$skiptoken=X`). It is sent to
    /// the origin of the root it is sent with, so it cannot leave it.
    Link(String),
    /// A link followed at any origin by the caller's choice
    /// ([`Request::follow_any_origin`]): the absolute URL, sent as it is.
    AnyOrigin(String),
}

impl Target {
    fn text(&self) -> &str {
        match self {
            Target::Path(text) | Target::Link(text) | Target::AnyOrigin(text) => text,
        }
    }
}

impl<O: Operation> Request<O> {
    /// `O::METHOD` to `path`, a path below the service root whose
    /// parameters are already filled in and encoded (what the operation's
    /// `path` function gives).
    pub fn new(path: impl Into<String>) -> Self {
        Request::to(O::METHOD, Target::Path(path.into()))
    }

    fn to(method: Method, target: Target) -> Self {
        Request {
            method,
            target,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            operation: PhantomData,
        }
    }

    /// A `GET` of a link the service gave (`@odata.nextLink`,
    /// `@odata.deltaLink`), when it is an absolute URL at the origin of
    /// `service_root` (scheme, host and port); any other link is refused
    /// (`ErrorKind::ForeignLink`): the credentials sent to the service
    /// would go with it. [`follow_any_origin`](Self::follow_any_origin)
    /// follows it anyway.
    pub fn follow(service_root: &str, link: &str) -> Result<Self, Error> {
        match link::below_origin(service_root, link) {
            Some(rest) => Ok(Request::to(Method::Get, Target::Link(rest.to_owned()))),
            None => Err(link::refused(service_root, link)),
        }
    }

    /// A `GET` of a link the service gave, at whatever origin it names,
    /// sent as it is: for callers that trust the service's links, or send
    /// them without credentials. Only a link that is not an absolute
    /// `http(s)` URL is refused.
    pub fn follow_any_origin(link: &str) -> Result<Self, Error> {
        if link::origin(link).is_none() {
            return Err(link::not_absolute(link));
        }
        Ok(Request::to(Method::Get, Target::AnyOrigin(link.to_owned())))
    }

    pub fn method(&self) -> Method {
        self.method
    }

    /// The path and the encoded query (`/users?$select=displayName,mail&$top=5`);
    /// for a followed link, its path and query from the origin on
    /// (`/v1.0/users?$skiptoken=X`), or the whole link when followed at
    /// any origin (with any query added to it).
    pub fn path_and_query(&self) -> String {
        let mut out = self.target.text().to_owned();
        let mut separator = if out.contains('?') { '&' } else { '?' };
        for (name, value) in &self.query {
            out.push(separator);
            separator = '&';
            encode_query_component(name, &mut out);
            out.push('=');
            encode_query_component(value, &mut out);
        }
        out
    }

    /// The absolute URL: `service_root` (`https://graph.microsoft.com/v1.0`)
    /// followed by [`path_and_query`](Self::path_and_query). A followed
    /// link goes to the origin of `service_root` whatever host the service
    /// named (a link elsewhere was refused when it was followed), except
    /// one followed at any origin, which is sent as it is.
    pub fn url(&self, service_root: &str) -> String {
        let path_and_query = self.path_and_query();
        let base = match &self.target {
            Target::Path(_) => service_root.trim_end_matches('/'),
            // A root that is not an absolute URL has no origin: the link's
            // path from the origin on is all there is to send.
            Target::Link(_) => link::origin(service_root).unwrap_or(""),
            Target::AnyOrigin(_) => "",
        };
        format!("{base}{path_and_query}")
    }

    /// Whether this request follows a link the service gave (which is not
    /// below the service root, so it cannot go into a `$batch`).
    pub fn is_link(&self) -> bool {
        !matches!(self.target, Target::Path(_))
    }

    /// The link of a request followed at any origin: the one target that
    /// may name another origin than the service root's (which the client,
    /// adding a token, refuses).
    #[cfg(feature = "client")]
    pub(crate) fn any_origin_link(&self) -> Option<&str> {
        match &self.target {
            Target::AnyOrigin(link) => Some(link),
            _ => None,
        }
    }

    /// The headers to send, by name as the docs spell them
    /// (`ConsistencyLevel`), `Content-Type` when there is a body. The
    /// `Authorization` header is the HTTP client's to add.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The query options set so far, by name, not encoded.
    pub fn query_options(&self) -> &[(String, String)] {
        &self.query
    }

    /// Sends `body` as JSON (`Content-Type: application/json`).
    pub fn with_body(mut self, body: &O::Request) -> Result<Self, Error> {
        let json = serde_json::to_vec(&AsSerde(body))
            .map_err(|e| Error::new(format!("{}: the body cannot be written: {e}", O::TITLE)))?;
        self.body = Some(json);
        Ok(self.header("Content-Type", "application/json"))
    }

    /// Sets the query option `name` (`$filter`, or one the docs do not
    /// list) to `value`, replacing an earlier value; encoded on output.
    /// The escape hatch beside the typed options.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        set(&mut self.query, name, value.into(), false);
        self
    }

    /// Sets a typed query option (`$select`, `$top`…) to `value`, or, when
    /// `value` is empty (`select(&[])`), takes it off: an option with
    /// nothing in it would be sent as `$select=`, which asks for something
    /// else than no option at all. [`query`](Self::query) sends an empty
    /// value as it is.
    pub(crate) fn option(mut self, name: &str, value: String) -> Self {
        if value.is_empty() {
            self.query.retain(|(n, _)| n != name);
            self
        } else {
            self.query(name, value)
        }
    }

    /// Sets the header `name` (compared without case) to `value`,
    /// replacing an earlier value.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        set(&mut self.headers, name, value.into(), true);
        self
    }

    /// Adds `preference` to the `Prefer` header (`Prefer: a, b`), once.
    pub fn add_preference(self, preference: &str) -> Self {
        let value = match self.header_value("Prefer") {
            Some(v) if v.split(',').any(|p| p.trim() == preference) => return self,
            Some(v) => format!("{v}, {preference}"),
            None => preference.to_owned(),
        };
        self.header("Prefer", value)
    }

    /// The value set for a header (compared without case).
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Reads the body of the answer as `O::Response` (an empty body is
    /// `null`); errors name the operation.
    pub fn read_response(&self, body: &[u8]) -> Result<O::Response, Error> {
        read_response::<O>(body)
    }

    /// `next`, a request for another link, with this one's headers: no
    /// body, no query.
    pub(crate) fn headers_onto(&self, mut next: Self) -> Self {
        next.headers = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("Content-Type"))
            .cloned()
            .collect();
        next
    }
}

impl<O> Clone for Request<O> {
    fn clone(&self) -> Self {
        Request {
            method: self.method,
            target: self.target.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            operation: PhantomData,
        }
    }
}

impl<O: Operation> fmt::Debug for Request<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("operation", &O::TITLE)
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query())
            .field("headers", &self.headers)
            .field("body", &self.body.as_deref().map(String::from_utf8_lossy))
            .finish()
    }
}

fn set(list: &mut Vec<(String, String)>, name: &str, value: String, ignore_case: bool) {
    let same = |n: &String| {
        if ignore_case {
            n.eq_ignore_ascii_case(name)
        } else {
            n == name
        }
    };
    match list.iter_mut().find(|(n, _)| same(n)) {
        Some(entry) => entry.1 = value,
        None => list.push((name.to_owned(), value)),
    }
}

/// Percent-encodes one name or value of a query string: everything but
/// the unreserved characters and those OData expressions use that mean
/// nothing to a query string's parser (`$ ' ( ) * , / : ; @ !`). `&`, `=`,
/// `+`, `#`, `%`, `"`, spaces and non-ASCII bytes are encoded.
pub fn encode_query_component(text: &str, out: &mut String) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~$'()*,/:;@!".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

struct AsSerde<'a, W>(&'a W);

impl<W: Wire> serde::Serialize for AsSerde<'_, W> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_wire(self.0, serializer)
    }
}
