//! Errors: the JSON error answer of the API (docs/protocol.md, "Error body") and why the emulator
//! could not start.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use yoti_protocol::api::ErrorBody;

use crate::ids;
use crate::store::{LimitReached, Limited};

/// A non-2xx answer of the emulated API, written as
/// `{"id":"<trace id>","status":401,"error":"<CODE>","message":"<text>"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: String,
    pub(crate) message: String,
    /// Sent as `Retry-After` (whole seconds, rounded up).
    pub(crate) retry_after: Option<Duration>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_owned(),
            message: message.into(),
            retry_after: None,
        }
    }

    /// 503 `EMULATOR_LIMIT_REACHED`: the emulator holds as much as it is allowed to.
    pub(crate) fn limit_reached(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "EMULATOR_LIMIT_REACHED",
            message,
        )
    }

    /// With a `Retry-After`: when room will be made again.
    pub(crate) fn with_retry_after(mut self, after: Duration) -> Self {
        self.retry_after = Some(after);
        self
    }

    /// 400 `INVALID_PAYLOAD`.
    pub(crate) fn invalid_payload(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "INVALID_PAYLOAD", message)
    }

    /// 401 `INVALID_AUTH_HEADER`.
    pub(crate) fn auth_header(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "INVALID_AUTH_HEADER", message)
    }

    /// 401 `INVALID_REQUEST_SIGNATURE`.
    pub(crate) fn signature(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_REQUEST_SIGNATURE",
            message,
        )
    }

    /// 404 `NOT_FOUND` with a message naming what was not found.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", message)
    }

    /// 500 `INTERNAL_ERROR`, for failures of the emulator itself (never of the request).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", message)
    }

    /// The error body with a fresh trace id.
    pub(crate) fn body(&self) -> Vec<u8> {
        let body = ErrorBody::new(
            ids::trace_id(),
            self.status.as_u16(),
            &self.code,
            &self.message,
        );
        serde_json::to_vec(&body).unwrap_or_default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(after) = self.retry_after {
            let seconds = after.as_secs() + u64::from(after.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<ids::RandomError> for ApiError {
    fn from(_: ids::RandomError) -> Self {
        ApiError::internal("the system random generator failed")
    }
}

impl From<LimitReached> for ApiError {
    fn from(limit: LimitReached) -> Self {
        let message = match limit.what {
            Limited::Sessions => format!(
                "The emulator holds {} share sessions, its limit (`max_sessions`, \
                 `--max-sessions`); each is evicted with its QR codes and receipt once the \
                 retention after its expiry has passed",
                limit.max
            ),
            Limited::Receipts => format!(
                "The emulator holds {} receipts, its limit (`max_receipts`, `--max-receipts`); \
                 each is evicted with its session once the retention after the session's expiry \
                 has passed",
                limit.max
            ),
        };
        ApiError::limit_reached(message).with_retry_after(limit.retry_after)
    }
}

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The listening socket could not be bound (the port is taken, or not allowed).
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for (0 for any free port).
        port: u16,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The public base URL is not an `http://` or `https://` origin.
    #[error(
        "the public base URL `{url}` is not an origin such as `http://localhost:8080` (scheme \
         http or https, a host, an optional port, no path)"
    )]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
    },
    /// Two applications were registered with the same SDK id.
    #[error("the application `{sdk_id}` is registered twice; give each application its own SDK id")]
    DuplicateApplication {
        /// The SDK id.
        sdk_id: String,
    },
    /// The HTTP client for webhooks could not be built (no TLS roots available).
    #[error("the webhook HTTP client could not be built: {reason}")]
    WebhookClient {
        /// What went wrong.
        reason: String,
    },
    /// A limit or duration of the builder is out of range (zero where at least one is needed,
    /// or a duration longer than a year).
    #[error("`{setting}` {problem}")]
    InvalidSetting {
        /// The builder method (and command-line option) of the setting.
        setting: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The anchor certificate signing key could not be generated.
    #[error("the anchor signing key could not be generated: {reason}")]
    AnchorKey {
        /// What went wrong.
        reason: String,
    },
}
