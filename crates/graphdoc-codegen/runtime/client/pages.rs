//! The runtime's [`Pager`] driven over HTTP.

use super::super::{Operation, Page, Paged, Pager, Request};
use super::{Client, ClientError};

/// The pages of a collection, fetched one at a time
/// (`while let Some(page) = pages.next().await`), or as a stream
/// ([`Pages::into_stream`]).
///
/// The [`Pager`] says what to send: each page's `@odata.nextLink`, with the
/// first request's headers (`ConsistencyLevel` must stay on every page);
/// the client sends it with a fresh token, only to its own origin: a link
/// to another host is an error, never sent the token. The last page of a
/// delta query carries an `@odata.deltaLink`: [`Pages::delta_link`] keeps
/// it, and `client.resume(Pager::resume(client.base_url(), link, &[])?)`
/// starts the next round.
pub struct Pages<O: Operation> {
    client: Client,
    pager: Pager<O>,
    failed: bool,
}

impl Client {
    /// The pages of a collection operation, starting with `request`.
    pub fn pages<O>(&self, request: Request<O>) -> Pages<O>
    where
        O: Operation,
        O::Response: Paged + 'static,
    {
        self.resume(Pager::new(self.base.clone(), request))
    }

    /// The pages a [`Pager`] has left: one resumed at a kept
    /// `@odata.deltaLink` (`Pager::resume`), or one partly read.
    pub fn resume<O>(&self, pager: Pager<O>) -> Pages<O>
    where
        O: Operation,
        O::Response: Paged + 'static,
    {
        Pages {
            client: self.clone(),
            pager,
            failed: false,
        }
    }
}

impl<O> Pages<O>
where
    O: Operation,
    O::Response: Paged + 'static,
{
    /// The next page, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<O::Response, ClientError>> {
        if self.failed {
            return None;
        }
        let page = match self.pager.next_request() {
            Ok(Some(request)) => self.fetch(&request).await,
            Ok(None) => return None,
            Err(refused) => Err(ClientError::Request(refused.to_string())),
        };
        self.failed = page.is_err();
        Some(page)
    }

    async fn fetch(&mut self, request: &Request<O>) -> Result<O::Response, ClientError> {
        let outgoing = self.client.outgoing(request)?;
        let response = self.client.execute(&outgoing).await?;
        self.pager.read(&response.body).map_err(ClientError::Read)
    }

    /// The pages as a `Stream` (`futures_util::StreamExt::next`, or any
    /// stream combinator).
    pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<O::Response, ClientError>> {
        futures_util::stream::unfold(self, |mut pages| async move {
            pages.next().await.map(|page| (page, pages))
        })
    }

    /// The `@odata.deltaLink` of the last page, once it has been read: where
    /// the next round of a delta query starts.
    pub fn delta_link(&self) -> Option<&str> {
        self.pager.delta_link()
    }

    /// The pager, to keep or resume later.
    pub fn into_pager(self) -> Pager<O> {
        self.pager
    }
}

impl<O, T> Pages<O>
where
    O: Operation<Response = Page<T>>,
    T: 'static,
{
    /// Every item of every page, in order.
    pub async fn collect_items(mut self) -> Result<Vec<T>, ClientError> {
        let mut items = Vec::new();
        while let Some(page) = self.next().await {
            items.extend(page?.value);
        }
        Ok(items)
    }
}
