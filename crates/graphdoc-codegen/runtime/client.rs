//! An HTTP client for the model's operations (cargo feature `client`, off
//! by default), on `reqwest`.
//!
//! [`Client::send`] executes any operation's [`Request`] (built by the
//! operation's `request` function, narrowed by its query options and
//! headers, with its JSON body): a bearer token from a [`TokenProvider`]
//! asked before every attempt, the response read as the operation's
//! `Response` type. A failure status
//! becomes [`ClientError::Service`] with the body read as [`ODataError`].
//! `429 Too Many Requests` and `503 Service Unavailable` are retried after
//! the `Retry-After` the service sends, within a bounded budget
//! ([`RetryPolicy`]). [`Client::pages`] drives the runtime's
//! [`Pager`](super::Pager): it follows `@odata.nextLink` and keeps the
//! `@odata.deltaLink` of a delta query ([`Pages`]), only to the base URL's
//! origin; [`Batch`] sends up
//! to 20 requests in one `$batch` and reads each answer as its own
//! operation's type ([`BatchResponses::get`]).
//!
//! # TLS
//!
//! `reqwest` comes without TLS here, so that the feature costs no TLS
//! stack the program may already have chosen: to call
//! `https://graph.microsoft.com`, add `reqwest` with the TLS you use to
//! your own dependencies (`reqwest = { version = "0.13", default-features =
//! false, features = ["rustls"] }`, or `"native-tls"`); cargo builds one
//! `reqwest` with both. Without any, an `https` URL fails at the first call
//! with a transport error.
//!
//! # Why async
//!
//! The client is async (`reqwest::Client`, any tokio runtime). `reqwest`'s
//! blocking client is the async one driven on a background tokio runtime
//! of its own: it costs the same dependencies plus a thread, and panics
//! when called from inside an async runtime, where services that call
//! Graph mostly run. Async lets a program page through a large
//! collection, wait out a `Retry-After` and run requests concurrently
//! without holding a thread each; a blocking program drives it with
//! `tokio::runtime::Runtime::block_on`. Waits use `tokio::time::sleep`,
//! the timer of the runtime `reqwest` already needs.

mod batch;
mod pages;
mod retry;

pub use batch::{Batch, BatchItem, BatchResponse, BatchResponses, MAX_BATCH_REQUESTS};
pub use pages::Pages;
pub use retry::RetryPolicy;

use super::link::{self, same_origin};
use super::{read_response, Download, Error, Method, ODataError, Operation, Request};
use std::any::{Any, TypeId};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// An error of a token provider (or of anything the client calls out to).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// The future a [`TokenProvider`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Supplies the access token sent as `Authorization: Bearer <token>`.
///
/// Asked before every attempt (retries and pages included), so a provider
/// that caches its token and refreshes it when it expires is all a
/// long-running program needs. Any `Fn() -> impl Future<Output =
/// Result<String, BoxError>>` is one; [`StaticToken`] is a fixed token.
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>>;
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        Box::pin(self())
    }
}

/// A token that never changes (tests, a token obtained elsewhere).
#[derive(Clone)]
pub struct StaticToken(pub String);

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The service answered a failure status with an OData error body
    /// (after any retries the policy allowed). Boxed: an error body is
    /// large, and every `Result` of the client carries this enum.
    Service { status: u16, error: Box<ODataError> },
    /// A failure status whose body is not an OData error.
    Status { status: u16, body: String },
    /// The request was not sent or its answer not received.
    Transport(reqwest::Error),
    /// The token provider failed.
    Token(BoxError),
    /// The request could not be made: a path placeholder left, a link to
    /// another host, a batch of more than 20 requests.
    Request(String),
    /// The response body does not fit the operation's response type.
    Read(Error),
}

impl ClientError {
    /// The HTTP status of a failure answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Service { status, .. } | ClientError::Status { status, .. } => {
                Some(*status)
            }
            ClientError::Transport(e) => e.status().map(|s| s.as_u16()),
            _ => None,
        }
    }

    /// The service's error body, when it sent one.
    pub fn odata_error(&self) -> Option<&ODataError> {
        match self {
            ClientError::Service { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Service { status, error } => write!(f, "HTTP {status}: {error}"),
            ClientError::Status { status, body } => write!(f, "HTTP {status}: {body}"),
            ClientError::Transport(e) => write!(f, "the request failed: {e}"),
            ClientError::Token(e) => write!(f, "the token provider failed: {e}"),
            ClientError::Request(m) => f.write_str(m),
            ClientError::Read(e) => write!(f, "the response does not fit the model: {e}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Service { error, .. } => Some(error.as_ref()),
            ClientError::Transport(e) => Some(e),
            ClientError::Token(e) => Some(e.as_ref()),
            ClientError::Read(e) => Some(e),
            _ => None,
        }
    }
}

/// What is sent, without the operation's type.
pub(crate) struct Outgoing<'a> {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) headers: &'a [(String, String)],
    pub(crate) body: Option<&'a [u8]>,
}

/// A success answer's body, as received.
pub(crate) struct RawResponse {
    pub(crate) body: Vec<u8>,
}

/// The client: a base URL, a `reqwest::Client`, a token provider and a
/// retry policy. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("token", &self.token.as_ref().map(|_| ".."))
            .field("retry", &self.retry)
            .finish()
    }
}

/// The service root of Microsoft Graph v1.0.
pub const GRAPH_V1_0: &str = "https://graph.microsoft.com/v1.0";
/// The service root of Microsoft Graph beta.
pub const GRAPH_BETA: &str = "https://graph.microsoft.com/beta";

impl Client {
    /// A client of the service at `base_url` ([`GRAPH_V1_0`], or a local
    /// server in tests), without a token until
    /// [`with_token_provider`](Client::with_token_provider).
    pub fn new(base_url: impl Into<String>) -> Self {
        let mut base = base_url.into();
        while base.ends_with('/') {
            base.pop();
        }
        Client {
            http: reqwest::Client::new(),
            base,
            token: None,
            retry: RetryPolicy::default(),
        }
    }

    /// Sends through this `reqwest::Client` (proxies, timeouts, TLS).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    pub fn with_token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Executes one call and reads the answer as `O::Response` (a
    /// [`Download`] is the body's bytes as sent).
    pub async fn send<O>(&self, request: Request<O>) -> Result<O::Response, ClientError>
    where
        O: Operation,
        O::Response: 'static,
    {
        let outgoing = self.outgoing(&request)?;
        let response = self.execute(&outgoing).await?;
        decode::<O>(&response.body)
    }

    /// The request as sent: refused when its path still has a placeholder,
    /// or when it is a link to another origin than the base URL's (the
    /// token goes nowhere else; a [`Pager`](super::Pager) refuses such a
    /// link first, this holds for one followed at any origin too).
    pub(crate) fn outgoing<'a, O: Operation>(
        &self,
        request: &'a Request<O>,
    ) -> Result<Outgoing<'a>, ClientError> {
        let path_and_query = request.path_and_query();
        let path = path_and_query.split('?').next().unwrap_or_default();
        if path.contains('{') {
            return Err(ClientError::Request(format!(
                "{}: the path `{path}` has a placeholder left; give the path parameters",
                O::TITLE
            )));
        }
        if let Some(link) = request.any_origin_link() {
            if !same_origin(&self.base, link) {
                return Err(ClientError::Request(
                    link::refused(&self.base, link).to_string(),
                ));
            }
        }
        Ok(Outgoing {
            method: request.method(),
            url: request.url(&self.base),
            headers: request.headers(),
            body: request.body(),
        })
    }

    /// Sends the request, retrying `429` and `503` as the policy allows; a
    /// success status comes back, a failure as an error.
    pub(crate) async fn execute(&self, out: &Outgoing<'_>) -> Result<RawResponse, ClientError> {
        let mut budget = self.retry.budget();
        loop {
            let mut builder = self
                .http
                .request(reqwest_method(out.method), &out.url)
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some(provider) = &self.token {
                let token = provider.token().await.map_err(ClientError::Token)?;
                builder = builder.bearer_auth(token);
            }
            for (name, value) in out.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            if let Some(body) = out.body {
                builder = builder.body(body.to_vec());
            }
            let response = builder.send().await.map_err(ClientError::Transport)?;
            let status = response.status().as_u16();
            let wait = retry::retry_after(response.headers());
            if matches!(status, 429 | 503) {
                if let Some(delay) = budget.next_delay(wait) {
                    tokio::time::sleep(delay).await;
                    continue;
                }
            }
            let bytes = response.bytes().await.map_err(ClientError::Transport)?;
            if (200..300).contains(&status) {
                return Ok(RawResponse {
                    body: bytes.to_vec(),
                });
            }
            return Err(failure(status, &bytes));
        }
    }
}

fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Patch => reqwest::Method::PATCH,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// A failure status and its body: the OData error when the body is one.
pub(crate) fn failure(status: u16, body: &[u8]) -> ClientError {
    match serde_json::from_slice(body).map(ODataError::from_value) {
        Ok(Ok(error)) => ClientError::Service {
            status,
            error: Box::new(error),
        },
        _ => ClientError::Status {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
        },
    }
}

/// Reads a success answer as `O::Response`.
pub(crate) fn decode<O>(body: &[u8]) -> Result<O::Response, ClientError>
where
    O: Operation,
    O::Response: 'static,
{
    if TypeId::of::<O::Response>() == TypeId::of::<Download>() {
        let download: Box<dyn Any> = Box::new(Download::from_bytes(body));
        return Ok(*download
            .downcast::<O::Response>()
            .expect("the type ids are equal"));
    }
    read_response::<O>(body).map_err(ClientError::Read)
}
