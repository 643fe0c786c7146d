//! Why a value was refused, and where.

use std::fmt;

/// A value that did not match the model, with the JSON path where it failed.
///
/// Boxed: every read and write returns a `Result` of it, and one pointer
/// comes back in a register where the parts would be copied through memory
/// on every return, error or not.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Parts>);

#[derive(Clone, PartialEq, Eq)]
struct Parts {
    path: Vec<String>,
    kind: ErrorKind,
    message: String,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("path", &self.0.path)
            .field("kind", &self.0.kind)
            .field("message", &self.0.message)
            .finish()
    }
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
        Error(Box::new(Parts {
            path: Vec::new(),
            kind,
            message: message.into(),
        }))
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// Adds an outer path segment (a property name or an index).
    pub fn at(mut self, segment: impl Into<String>) -> Self {
        self.0.path.insert(0, segment.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The JSON path, segments joined with `/`.
    pub fn path(&self) -> String {
        self.0.path.join("/")
    }

    /// The JSON path as property names and indices, outermost first.
    pub fn segments(&self) -> &[String] {
        &self.0.path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.path.is_empty() {
            f.write_str(&self.0.message)
        } else {
            write!(f, "{}: {}", self.path(), self.0.message)
        }
    }
}

impl std::error::Error for Error {}
