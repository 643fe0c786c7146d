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
/// let mut pager = Pager::new(ListUsers::request().top(5));
/// while let Some(request) = pager.next_request() {
///     let body = send(&request)?;          // any HTTP client
///     let page = pager.read(&body)?;       // records the next link
///     // … page.value …
/// }
/// let next_round = pager.delta_link();     // delta functions: resume later
/// ```
///
/// Every page's request carries the first request's headers
/// (`ConsistencyLevel`, `Prefer`), which the service expects on each page.
pub struct Pager<O: Operation> {
    /// The request to send next; taken by [`Pager::next_request`].
    next: Option<Request<O>>,
    /// The last request handed out, whose headers the next one keeps.
    last: Option<Request<O>>,
    delta_link: Option<String>,
    pages: usize,
}

impl<O: Operation> Pager<O>
where
    O::Response: Paged,
{
    /// Starts at `first`.
    pub fn new(first: Request<O>) -> Self {
        Pager {
            next: Some(first),
            last: None,
            delta_link: None,
            pages: 0,
        }
    }

    /// Starts a new delta round at a `@odata.deltaLink` kept from an earlier
    /// round; `headers` are sent with every page (`Prefer`…).
    pub fn resume(delta_link: &str, headers: &[(&str, &str)]) -> Self {
        let mut first = Request::follow(delta_link);
        for (name, value) in headers {
            first = first.header(name, *value);
        }
        Pager::new(first)
    }

    /// The request to send now, or `None` when the round is over (or the
    /// answer to the last request has not been handed back yet).
    pub fn next_request(&mut self) -> Option<Request<O>> {
        let request = self.next.take()?;
        self.last = Some(request.clone());
        Some(request)
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
        self.next = match (page.next_link(), &self.last) {
            (Some(link), Some(last)) => Some(last.follow_with_headers(link)),
            (Some(link), None) => Some(Request::follow(link)),
            (None, _) => None,
        };
        if let Some(link) = page.delta_link() {
            self.delta_link = Some(link.to_owned());
        }
    }

    /// The `@odata.deltaLink` of the round, once its last page is read:
    /// keep it, and [`resume`](Pager::resume) from it for the next changes.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// Whether the last page has been read (no next link).
    pub fn is_done(&self) -> bool {
        self.next.is_none() && self.pages > 0
    }

    /// How many pages have been read.
    pub fn pages_read(&self) -> usize {
        self.pages
    }
}
