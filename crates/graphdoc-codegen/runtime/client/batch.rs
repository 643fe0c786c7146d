//! JSON batching: up to 20 requests in one `POST /$batch`, each answer read
//! as its own operation's response type.

use super::super::{JsonMap, Method, Operation, Request};
use super::{decode, failure, Client, ClientError, Outgoing};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// The most requests Graph takes in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// Requests to send together with [`Client::batch`].
///
/// [`Batch::add`] returns a typed handle; [`BatchResponses::get`] reads
/// that request's answer as its operation's response type, or its error
/// (the status and [`ODataError`](super::super::ODataError) of that
/// request alone: one failure does not fail the others). Answers of `429`
/// inside a batch come back as errors with their status; the batch as a
/// whole is retried like any request.
#[derive(Debug, Default)]
pub struct Batch {
    requests: Vec<Value>,
}

/// The handle of one request in a [`Batch`].
pub struct BatchItem<O> {
    id: String,
    operation: PhantomData<fn() -> O>,
}

impl<O> BatchItem<O> {
    /// The request's `id` in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<O> Clone for BatchItem<O> {
    fn clone(&self) -> Self {
        BatchItem {
            id: self.id.clone(),
            operation: PhantomData,
        }
    }
}

impl<O> fmt::Debug for BatchItem<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchItem").field("id", &self.id).finish()
    }
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds a request; fails on the 21st, and on a followed link (not
    /// below the service root: send it with [`Client::send`]).
    pub fn add<O: Operation>(&mut self, request: Request<O>) -> Result<BatchItem<O>, ClientError> {
        if self.requests.len() >= MAX_BATCH_REQUESTS {
            return Err(ClientError::Request(format!(
                "a batch takes at most {MAX_BATCH_REQUESTS} requests"
            )));
        }
        if request.is_link() {
            return Err(ClientError::Request(format!(
                "{}: a followed link cannot be batched",
                O::TITLE
            )));
        }
        let id = (self.requests.len() + 1).to_string();
        let mut entry = json!({
            "id": id,
            "method": request.method().as_str(),
            "url": request.path_and_query(),
        });
        if let Some(body) = request.body() {
            entry["body"] = serde_json::from_slice(body).map_err(|e| {
                ClientError::Request(format!("{}: the body is not JSON: {e}", O::TITLE))
            })?;
        }
        let mut headers = JsonMap::new();
        for (name, value) in request.headers() {
            headers.insert(name.clone(), Value::String(value.clone()));
        }
        if !headers.is_empty() {
            entry["headers"] = Value::Object(headers);
        }
        self.requests.push(entry);
        Ok(BatchItem {
            id,
            operation: PhantomData,
        })
    }

    pub fn len(&self) -> usize {
        self.requests.len()
    }

    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }
}

/// One request's answer inside a batch answer.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchResponse {
    pub status: u16,
    pub headers: JsonMap,
    /// `null` when the answer has none.
    pub body: Value,
}

/// The answers of a batch, by request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchResponses {
    responses: BTreeMap<String, BatchResponse>,
}

impl BatchResponses {
    /// The answer to `item`, read as its operation's response type; a
    /// failure status is that request's error.
    pub fn get<O>(&self, item: &BatchItem<O>) -> Result<O::Response, ClientError>
    where
        O: Operation,
        O::Response: 'static,
    {
        let response = self.response(&item.id).ok_or_else(|| {
            ClientError::Request(format!(
                "the batch answer has no response to request {}",
                item.id
            ))
        })?;
        let body = match &response.body {
            Value::Null => Vec::new(),
            body => serde_json::to_vec(body).expect("a JSON value serializes"),
        };
        if !(200..300).contains(&response.status) {
            return Err(failure(response.status, &body));
        }
        decode::<O>(&body)
    }

    /// The raw answer to the request with this `id`.
    pub fn response(&self, id: &str) -> Option<&BatchResponse> {
        self.responses.get(id)
    }

    pub fn len(&self) -> usize {
        self.responses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }
}

impl Client {
    /// Sends the batch as one `POST {base}/$batch` and reads the answers.
    pub async fn batch(&self, batch: Batch) -> Result<BatchResponses, ClientError> {
        if batch.is_empty() {
            return Ok(BatchResponses::default());
        }
        let body = serde_json::to_vec(&json!({ "requests": batch.requests }))
            .expect("a JSON value serializes");
        let headers = [("Content-Type".to_owned(), "application/json".to_owned())];
        let outgoing = Outgoing {
            method: Method::Post,
            url: format!("{}/$batch", self.base_url()),
            headers: &headers,
            body: Some(&body),
        };
        let response = self.execute(&outgoing).await?;
        read_batch_answer(&response.body).map_err(|m| {
            ClientError::Read(super::super::Error::new(format!("a $batch answer: {m}")))
        })
    }
}

fn read_batch_answer(body: &[u8]) -> Result<BatchResponses, String> {
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let Some(Value::Array(items)) = value.get("responses") else {
        return Err("no `responses` array".into());
    };
    let mut responses = BTreeMap::new();
    for item in items {
        let id = match item.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err("a response without an `id`".into()),
        };
        let status = item
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .ok_or_else(|| format!("response {id} has no `status`"))?;
        let headers = match item.get("headers") {
            Some(Value::Object(h)) => h.clone(),
            _ => JsonMap::new(),
        };
        let body = item.get("body").cloned().unwrap_or(Value::Null);
        responses.insert(
            id,
            BatchResponse {
                status,
                headers,
                body,
            },
        );
    }
    Ok(BatchResponses { responses })
}
