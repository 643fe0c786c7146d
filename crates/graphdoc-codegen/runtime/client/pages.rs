//! Following `@odata.nextLink`, keeping `@odata.deltaLink`.

use super::super::{Error, Method, Operation, Page, Wire};
use super::{Client, ClientError, Request, RequestParts};
use serde_json::Value;
use std::marker::PhantomData;

/// The pages of a collection, fetched one at a time
/// (`while let Some(page) = pages.next().await`), or as a stream
/// ([`Pages::into_stream`]).
///
/// Each page's `@odata.nextLink` is the next request, sent with the first
/// request's headers (`ConsistencyLevel` must stay on every page) and a
/// fresh token, only to the client's own origin: a link to another host
/// is an error, never sent the token. The last page of a delta query
/// carries an `@odata.deltaLink`: [`Pages::delta_link`] keeps it, and
/// [`Client::pages_from_link`] starts the next round from it.
pub struct Pages<T> {
    client: Client,
    next: Option<Next>,
    headers: Vec<(String, String)>,
    delta_link: Option<String>,
    item: PhantomData<fn() -> T>,
}

enum Next {
    First(RequestParts),
    Link(String),
    Failed(ClientError),
}

impl Client {
    /// The pages of a collection operation, starting with `request`.
    pub fn pages<O, T>(&self, request: Request<O>) -> Pages<T>
    where
        O: Operation<Response = Page<T>>,
        T: Wire,
    {
        let (next, headers) = match request.into_parts() {
            Ok(parts) => {
                let headers = parts.headers.clone();
                (Next::First(parts), headers)
            }
            Err(e) => (Next::Failed(e), Vec::new()),
        };
        Pages {
            client: self.clone(),
            next: Some(next),
            headers,
            delta_link: None,
            item: PhantomData,
        }
    }

    /// The pages a link of the service starts: an `@odata.deltaLink`
    /// (the changes since the last round) or a saved `@odata.nextLink`.
    /// `headers` are sent with every page.
    pub fn pages_from_link<T: Wire>(&self, link: &str, headers: &[(&str, &str)]) -> Pages<T> {
        Pages {
            client: self.clone(),
            next: Some(self.link(link)),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            delta_link: None,
            item: PhantomData,
        }
    }

    fn link(&self, link: &str) -> Next {
        let origin = self.origin();
        let same_origin = link
            .strip_prefix(origin)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']));
        if same_origin {
            Next::Link(link.to_owned())
        } else {
            Next::Failed(ClientError::Request(format!(
                "the link `{link}` leaves {origin}; it is not followed with the token"
            )))
        }
    }
}

impl<T: Wire> Pages<T> {
    /// The next page, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<Page<T>, ClientError>> {
        let (parts, url) = match self.next.take()? {
            Next::Failed(e) => return Some(Err(e)),
            Next::First(parts) => {
                let url = format!("{}{}", self.client.base_url(), parts.relative_url);
                (parts, url)
            }
            Next::Link(url) => {
                let parts = RequestParts {
                    method: Method::Get,
                    relative_url: String::new(),
                    headers: self.headers.clone(),
                    body: None,
                };
                (parts, url)
            }
        };
        let response = match self.client.execute(&parts, &url).await {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        let page = match serde_json::from_slice::<Value>(&response.body) {
            Ok(value) => Page::<T>::from_json(value).map_err(ClientError::Read),
            Err(e) => Err(ClientError::Read(Error::new(format!(
                "the body is not JSON: {e}"
            )))),
        };
        if let Ok(page) = &page {
            let link = |name: &str| page.additional_properties.get(name).and_then(Value::as_str);
            if let Some(next) = page.next_link() {
                self.next = Some(self.client.link(next));
            } else if let Some(delta) = link("@odata.deltaLink") {
                self.delta_link = Some(delta.to_owned());
            }
        }
        Some(page)
    }

    /// The pages as a `Stream` (`futures_util::StreamExt::next`, or any
    /// stream combinator).
    pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<Page<T>, ClientError>> {
        futures_util::stream::unfold(self, |mut pages| async move {
            pages.next().await.map(|page| (page, pages))
        })
    }

    /// Every item of every page, in order.
    pub async fn collect_items(mut self) -> Result<Vec<T>, ClientError> {
        let mut items = Vec::new();
        while let Some(page) = self.next().await {
            items.extend(page?.value);
        }
        Ok(items)
    }

    /// The `@odata.deltaLink` of the last page, once it has been read: where
    /// the next round of a delta query starts.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }
}
