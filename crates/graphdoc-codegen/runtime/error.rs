//! Why a value was refused, and where.

use std::fmt;

/// A value that did not match the model, with the JSON path where it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    path: Vec<String>,
    kind: ErrorKind,
    message: String,
}

/// Why a value was refused, for callers that treat the cases differently
/// (a payload of the wrong shape, or a value the service should not send).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The JSON value is of another JSON type (a string for a boolean).
    WrongType,
    /// The right JSON type, but not a valid value: a malformed timestamp,
    /// GUID, duration or base64 text, a number with a fraction for an
    /// integer, a numeric string that is not a number.
    Invalid,
    /// A number outside the range of its type.
    OutOfRange,
    /// A name that is not a member of a flags enum.
    NotAMember,
    /// A response of another shape than expected: a collection response
    /// (`value` array) for one object, an object without `value` for a
    /// page or a wrapped value, a body where none was expected.
    WrongShape,
    /// A link the service gave (`@odata.nextLink`, `@odata.deltaLink`)
    /// that is not followed: it names another origin than the service
    /// root's (the request's credentials would go there), or is not an
    /// absolute URL.
    ForeignLink,
    /// Anything else (path templates, decoding).
    Other,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error::with_kind(ErrorKind::Other, message)
    }

    pub fn with_kind(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            path: Vec::new(),
            kind,
            message: message.into(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Adds an outer path segment (a property name or an index).
    pub fn at(mut self, segment: impl Into<String>) -> Self {
        self.path.insert(0, segment.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON path, segments joined with `/`.
    pub fn path(&self) -> String {
        self.path.join("/")
    }

    /// The JSON path as property names and indices, outermost first.
    pub fn segments(&self) -> &[String] {
        &self.path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path(), self.message)
        }
    }
}

impl std::error::Error for Error {}
