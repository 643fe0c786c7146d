//! Paging and delta, without I/O: [`Pager`] says which request to send
//! next; the caller sends it with any HTTP client and hands the answer back.

use super::error::Error;
use super::operation::{Operation, Page};
use super::request::Request;
use serde_json::Value;

/// A response that may link to more: a collection page.
pub trait Paged {
    /// `@odata.nextLink`: the next page of this round.
    fn next_link(&self) -> Option<&str>;
    /// `@odata.deltaLink` (last page of a delta round): where the next
    /// round of changes starts.
    fn delta_link(&self) -> Option<&str>;
}

impl<T> Paged for Page<T> {
    fn next_link(&self) -> Option<&str> {
        self.additional_properties
            .get("@odata.nextLink")
            .and_then(Value::as_str)
    }
    fn delta_link(&self) -> Option<&str> {
        self.additional_properties
            .get("@odata.deltaLink")
            .and_then(Value::as_str)
    }
}

/// Follows `@odata.nextLink` from a first request until the last page, and
/// keeps the `@odata.deltaLink` a delta function's last page gives.
///
/// ```text
/// let mut pager = Pager::new(GRAPH_V1_0, ListUsers::request().top(5));
/// while let Some(request) = pager.next_request()? {
///     let body = send(&request)?;          // any HTTP client, request.url(GRAPH_V1_0)
///     let page = pager.read(&body)?;       // records the next link
///     // … page.value …
/// }
/// let next_round = pager.delta_link();     // delta functions: resume later
/// ```
///
/// Every page's request carries the first request's headers
/// (`ConsistencyLevel`, `Prefer`), which the service expects on each page.
///
/// A link is followed only to the origin of the service root the pager was
/// made with: whoever sends the requests adds credentials, and a response
/// that named another host would otherwise have them sent there. Such a
/// link stops the pager: [`next_request`](Pager::next_request) gives the
/// error (`ErrorKind::ForeignLink`) instead of a request, and keeps giving
/// it. [`follow_any_origin`](Pager::follow_any_origin) lifts the check for
/// a caller that sends the links without credentials.
pub struct Pager<O: Operation> {
    /// The service root whose origin links must be at.
    service_root: String,
    /// The caller chose to follow links to any origin.
    any_origin: bool,
    /// The request to send next; taken by [`Pager::next_request`].
    next: Option<Request<O>>,
    /// The last request handed out, whose headers the next one keeps.
    last: Option<Request<O>>,
    /// Why the pager stopped before the last page: a link not followed.
    refused: Option<Error>,
    delta_link: Option<String>,
    pages: usize,
    /// The last page read had no next link.
    done: bool,
}

impl<O: Operation> Pager<O>
where
    O::Response: Paged,
{
    /// Starts at `first`, a request of the service at `service_root`
    /// (`https://graph.microsoft.com/v1.0`), whose origin every link it
    /// follows must be at.
    pub fn new(service_root: impl Into<String>, first: Request<O>) -> Self {
        Pager {
            service_root: service_root.into(),
            any_origin: false,
            next: Some(first),
            last: None,
            refused: None,
            delta_link: None,
            pages: 0,
            done: false,
        }
    }

    /// Starts a new delta round at a `@odata.deltaLink` kept from an earlier
    /// round; `headers` are sent with every page (`Prefer`…). A link that
    /// is not at the origin of `service_root` is refused, as a next link is
    /// (`Pager::new(root, Request::follow_any_origin(link)?).follow_any_origin()`
    /// follows one anyway).
    pub fn resume(
        service_root: impl Into<String>,
        delta_link: &str,
        headers: &[(&str, &str)],
    ) -> Result<Self, Error> {
        let service_root = service_root.into();
        let mut first = Request::follow(&service_root, delta_link)?;
        for (name, value) in headers {
            first = first.header(name, *value);
        }
        Ok(Pager::new(service_root, first))
    }

    /// Follows links to any origin, sent as they are: only for a caller
    /// that sends them without credentials, or trusts every host a
    /// response may name.
    pub fn follow_any_origin(mut self) -> Self {
        self.any_origin = true;
        self
    }

    /// The request to send now; `Ok(None)` when the round is over (or the
    /// answer to the last request has not been handed back yet); the error
    /// when the last page linked where the pager does not follow (another
    /// origin), from then on.
    pub fn next_request(&mut self) -> Result<Option<Request<O>>, Error> {
        if let Some(refused) = &self.refused {
            return Err(refused.clone());
        }
        let Some(request) = self.next.take() else {
            return Ok(None);
        };
        self.last = Some(request.clone());
        Ok(Some(request))
    }

    /// Reads the answer to the last request and records where it links:
    /// the next page, or the delta link that ends a delta round.
    pub fn read(&mut self, body: &[u8]) -> Result<O::Response, Error> {
        let page = super::operation::read_response::<O>(body)?;
        self.record(&page);
        Ok(page)
    }

    /// Records where a page read by the caller links (see [`Pager::read`]).
    pub fn record(&mut self, page: &O::Response) {
        self.pages += 1;
        self.next = None;
        if let Some(link) = page.next_link() {
            let next = if self.any_origin {
                Request::follow_any_origin(link)
            } else {
                Request::follow(&self.service_root, link)
            };
            match (next, &self.last) {
                (Ok(next), Some(last)) => self.next = Some(last.headers_onto(next)),
                (Ok(next), None) => self.next = Some(next),
                (Err(refused), _) => self.refused = Some(refused),
            }
        }
        self.done = self.next.is_none() && self.refused.is_none();
        if let Some(link) = page.delta_link() {
            self.delta_link = Some(link.to_owned());
        }
    }

    /// Why the pager stopped before the last page: the error of a link it
    /// did not follow (`ErrorKind::ForeignLink`), as
    /// [`next_request`](Pager::next_request) gives it.
    pub fn refusal(&self) -> Option<&Error> {
        self.refused.as_ref()
    }

    /// The `@odata.deltaLink` of the round, once its last page is read:
    /// keep it, and [`resume`](Pager::resume) from it for the next changes.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// Whether the last page has been read (one without a next link); not
    /// while the request for a later page is out, nor when a link was
    /// refused.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// How many pages have been read.
    pub fn pages_read(&self) -> usize {
        self.pages
    }
}
