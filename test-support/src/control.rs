//! A typed client of the emulator's control API (`/emulator/v1`), driven over HTTP as a test
//! harness outside the process would: shares, fault rules, request counters and tokens.

use std::collections::BTreeMap;

use reqwest::{Method, RequestBuilder, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use yoti_emulator::{ActiveFault, EmulatorHandle, FaultRule};
use yoti_protocol::api::{ReceiptId, SessionId};

/// Why a control API call failed. Names the route and what the emulator said, never the body
/// that was sent (it may hold attribute values).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ControlError {
    /// The request did not get an answer.
    #[error("{route}: no answer: {source}")]
    Transport {
        /// `METHOD /path` under the control path.
        route: String,
        /// What reqwest reported.
        source: reqwest::Error,
    },
    /// The emulator refused the request.
    #[error("{route}: status {status}: {reason}")]
    Status {
        /// `METHOD /path` under the control path.
        route: String,
        /// The HTTP status.
        status: u16,
        /// The error body's `error` and `message`, or what the body was instead.
        reason: String,
    },
    /// The answer was not the JSON the route answers.
    #[error("{route}: unexpected answer: {source}")]
    Answer {
        /// `METHOD /path` under the control path.
        route: String,
        /// Why it did not decode.
        source: serde_json::Error,
    },
}

/// The answer to a share: the receipt the application fetches next.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ShareAnswer {
    /// The receipt id, as the share API gives it.
    #[serde(deserialize_with = "receipt_id")]
    pub receipt_id: ReceiptId,
    /// The session that was shared.
    pub session_id: SessionId,
}

/// A receipt id read as the client parses it from the redirect.
fn receipt_id<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<ReceiptId, D::Error> {
    let text = String::deserialize(deserializer)?;
    ReceiptId::parse(&text).map_err(serde::de::Error::custom)
}

/// The control API of one running emulator. Cheap to clone.
#[derive(Debug, Clone)]
pub struct EmulatorControl {
    url: String,
    http: reqwest::Client,
}

impl EmulatorControl {
    /// The control API of `emulator`.
    pub fn new(emulator: &EmulatorHandle) -> Self {
        EmulatorControl {
            url: emulator.control_url(),
            http: reqwest::Client::new(),
        }
    }

    /// A request to `path` under the control path, not sent: for tests of the control API's own
    /// answers (bad bodies, access checks).
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("{}{path}", self.url))
    }

    /// Completes a share of the session as the built-in persona.
    pub async fn share_as_persona(
        &self,
        session_id: impl AsRef<str>,
    ) -> Result<ShareAnswer, ControlError> {
        self.share(session_id, &Value::Object(Default::default()))
            .await
    }

    /// Completes a share of the session with `body`: `attributes` replace the persona's,
    /// `remember_me_id` and `parent_remember_me_id` set those ids (see the emulator's README).
    pub async fn share(
        &self,
        session_id: impl AsRef<str>,
        body: &Value,
    ) -> Result<ShareAnswer, ControlError> {
        let path = format!("/sessions/{}/share", session_id.as_ref());
        let answer = self.send_json(Method::POST, &path, body).await?;
        decode(Method::POST, &path, answer).await
    }

    /// Adds a fault rule; the rule as held, with its id.
    pub async fn add_fault(&self, rule: &FaultRule) -> Result<ActiveFault, ControlError> {
        let body = serde_json::to_value(rule).map_err(|source| ControlError::Answer {
            route: "POST /faults".to_owned(),
            source,
        })?;
        let answer = self.send_json(Method::POST, "/faults", &body).await?;
        decode(Method::POST, "/faults", answer).await
    }

    /// Every fault rule, in the order they were added.
    pub async fn faults(&self) -> Result<Vec<ActiveFault>, ControlError> {
        let answer = self.send(self.request(Method::GET, "/faults"), Method::GET, "/faults");
        decode(Method::GET, "/faults", answer.await?).await
    }

    /// Removes one fault rule; `false` when there was none with that id.
    pub async fn remove_fault(&self, id: &str) -> Result<bool, ControlError> {
        let path = format!("/faults/{id}");
        match self
            .send(self.request(Method::DELETE, &path), Method::DELETE, &path)
            .await
        {
            Ok(_) => Ok(true),
            Err(ControlError::Status { status: 404, .. }) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// Removes every fault rule.
    pub async fn clear_faults(&self) -> Result<(), ControlError> {
        self.delete("/faults").await
    }

    /// How many requests each share API route received, by `METHOD /route`, e.g.
    /// `POST /v2/sessions`; routes without requests are absent.
    pub async fn request_counts(&self) -> Result<BTreeMap<String, u64>, ControlError> {
        let answer = self.send(
            self.request(Method::GET, "/requests"),
            Method::GET,
            "/requests",
        );
        decode(Method::GET, "/requests", answer.await?).await
    }

    /// Sets every request counter back to zero.
    pub async fn reset_request_counts(&self) -> Result<(), ControlError> {
        self.delete("/requests").await
    }

    /// Expires every bearer token issued so far.
    pub async fn expire_tokens(&self) -> Result<(), ControlError> {
        self.delete("/tokens").await
    }

    async fn delete(&self, path: &str) -> Result<(), ControlError> {
        self.send(self.request(Method::DELETE, path), Method::DELETE, path)
            .await
            .map(drop)
    }

    async fn send_json(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<Response, ControlError> {
        let request = self
            .request(method.clone(), path)
            .header("Content-Type", "application/json")
            .body(body.to_string());
        self.send(request, method, path).await
    }

    /// Sends the request; a success answer, or the emulator's reason for refusing it.
    async fn send(
        &self,
        request: RequestBuilder,
        method: Method,
        path: &str,
    ) -> Result<Response, ControlError> {
        let route = || format!("{method} {path}");
        let response = request
            .send()
            .await
            .map_err(|source| ControlError::Transport {
                route: route(),
                source,
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let body = response
            .bytes()
            .await
            .map_err(|source| ControlError::Transport {
                route: route(),
                source,
            })?;
        Err(ControlError::Status {
            route: route(),
            status: status.as_u16(),
            reason: reason(&body),
        })
    }
}

/// The JSON answer of a successful request.
async fn decode<T: DeserializeOwned>(
    method: Method,
    path: &str,
    response: Response,
) -> Result<T, ControlError> {
    let route = || format!("{method} {path}");
    let body = response
        .bytes()
        .await
        .map_err(|source| ControlError::Transport {
            route: route(),
            source,
        })?;
    serde_json::from_slice(&body).map_err(|source| ControlError::Answer {
        route: route(),
        source,
    })
}

/// The `error` and `message` of an error body (docs/protocol.md, "Error body"), or its size.
fn reason(body: &[u8]) -> String {
    let error: Option<Value> = serde_json::from_slice(body).ok();
    match error
        .as_ref()
        .map(|e| (e["error"].as_str(), e["message"].as_str()))
    {
        Some((Some(error), Some(message))) => format!("{error}: {message}"),
        _ => format!("a body of {} bytes that is not an error body", body.len()),
    }
}
