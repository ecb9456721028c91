//! The errors of the client: one enum a caller can match on, with Yoti's own error code and
//! message kept when the API answered with one.

use yoti_protocol::api::ErrorBody;

use crate::auth::TokenError;
use crate::request_id::RequestIdNote;
use crate::server_text::server_text;

/// Everything that can go wrong in a call to the Digital ID API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The client could not be configured.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be signed with the application key.
    #[error("the request could not be signed with the application key")]
    Signing,
    /// A receipt, share session or QR code id that does not parse: never returned by a call
    /// (they take ids parsed already), here so that a handler's `?` on
    /// [`ReceiptId::parse`](crate::ReceiptId::parse) and the like gives a `ClientError`. Names
    /// the kind of id, never the text.
    #[error(transparent)]
    InvalidId(#[from] yoti_protocol::api::IdError),
    /// The API could not be reached, or the connection failed before the answer was read.
    ///
    /// The message holds the root cause (e.g. `Connection refused`), so the error has no
    /// further [`source`](std::error::Error::source).
    #[error(
        "{endpoint}: could not reach the Digital ID API at {url}: {reason}; check the base URL and \
         that the server (or the emulator) is running"
    )]
    Transport {
        /// The endpoint, e.g. `get share session`.
        endpoint: &'static str,
        /// The URL without its query; for receipts and wrapped item keys the route
        /// (`/v2/receipts/{receipt_id}`) rather than the id.
        url: String,
        /// What failed, down to the root cause.
        reason: String,
    },
    /// The call did not finish within the configured timeout, which covers waiting for a request
    /// slot, every attempt and the reading and parsing of the answer.
    #[error("the Digital ID API did not answer within {0:?}")]
    Timeout(std::time::Duration),
    /// The API answered with a redirect (3xx). Redirects are never followed, since the request's
    /// signed headers and body must reach the configured origin only; nor are they retried.
    #[error(
        "{endpoint}: the Digital ID API answered HTTP {status} with a redirect to {}; redirects \
         are not followed{}",
        .location.as_deref().unwrap_or("no usable location"),
        RequestIdNote(.request_id.as_deref())
    )]
    Redirect {
        /// The endpoint, e.g. `get receipt`.
        endpoint: &'static str,
        /// The 3xx status.
        status: u16,
        /// The origin and path the redirect named (never its query; only the origin for
        /// receipts and wrapped item keys), when it named one that parses.
        location: Option<String>,
        /// The answer's request id (`X-Request-ID`), when it carried one.
        request_id: Option<String>,
    },
    /// The answer's body is larger than the client's limit for its kind of answer (see
    /// [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size) and
    /// [`max_error_response_size`](crate::ClientBuilder::max_error_response_size)). Not retried.
    #[error(
        "{endpoint}: the answer (HTTP {status}) is larger than the limit of {limit} bytes{}",
        RequestIdNote(.request_id.as_deref())
    )]
    ResponseTooLarge {
        /// The endpoint.
        endpoint: &'static str,
        /// The status of the answer.
        status: u16,
        /// The limit that applied, in bytes.
        limit: usize,
        /// The answer's request id (`X-Request-ID`), when it carried one.
        request_id: Option<String>,
    },
    /// The API answered a receipt request with a receipt whose `id` is not the one requested.
    /// Nothing further was requested or decrypted.
    #[error("the Digital ID API answered with a receipt other than the one requested")]
    ReceiptIdMismatch,
    /// The receipt belongs to a share session other than the one the caller expected (see
    /// [`get_share_receipt_for_session`](crate::DigitalIdentityClient::get_share_receipt_for_session)):
    /// someone else's share, e.g. a receipt id copied from another browser. Nothing further was
    /// requested or decrypted. The message names no id.
    #[error("the receipt belongs to another share session than the one expected")]
    ReceiptForAnotherSession,
    /// 400: the request was rejected (invalid payload, unknown attributes).
    #[error("bad request: {0}")]
    BadRequest(ApiError),
    /// 401: the request signature or the SDK id was rejected, or the bearer token (renewed
    /// once already, for a GET with central auth).
    #[error("unauthorized (check the SDK id and the key, or the bearer token): {0}")]
    Unauthorized(ApiError),
    /// 403: the application may not do this (service disabled, organisation status, third-party
    /// attributes not allowed).
    #[error("forbidden: {0}")]
    Forbidden(ApiError),
    /// 404: no such share session, QR code, receipt or wrapped item key.
    #[error("not found: {0}")]
    NotFound(ApiError),
    /// 404 without Yoti's error body from a base URL whose path does not end in `/share`: the
    /// server has no such route, most likely because the base URL lacks the `/share` path.
    #[error(
        "{endpoint}: HTTP 404 with no such route under the base URL {base_url}; the share API \
         lives under `/share`: use e.g. https://api.yoti.com/share, or the emulator's `base_url()`"
    )]
    NoRoute {
        /// The endpoint, e.g. `create share session`.
        endpoint: &'static str,
        /// The base URL configured.
        base_url: String,
        /// The answer. (Boxed to keep every `Result` of the client small.)
        error: Box<ApiError>,
    },
    /// 5xx: the API failed; GET requests are retried before this is returned.
    #[error("the Digital ID API failed: {0}")]
    Server(ApiError),
    /// Any other non-2xx status.
    #[error("unexpected HTTP status: {0}")]
    Http(ApiError),
    /// A 2xx answer whose body is not what the endpoint documents.
    #[error("unexpected response from {endpoint}: {reason}")]
    InvalidResponse {
        /// The endpoint, e.g. `create share session`.
        endpoint: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The receipt could not be decrypted or decoded, or the share failed.
    #[error(transparent)]
    Receipt(#[from] yoti_protocol::receipt::ReceiptError),
    /// No bearer token could be obtained from the token endpoint.
    #[error("no bearer token: {0}")]
    Authentication(#[from] TokenError),
}

/// A non-2xx answer of the API (docs/protocol.md, "Errors").
///
/// Of what the server wrote only Yoti's JSON fields are kept, each as one line of bounded length
/// (control characters made spaces), and a field that echoes a credential of the request (the
/// bearer token, the signature or the nonce) is dropped: errors end up in logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// Yoti's machine code, e.g. `INVALID_REQUEST_SIGNATURE`, when the body had one (at most
    /// 64 characters).
    pub code: Option<String>,
    /// Yoti's human message, when the body had one (at most 512 characters).
    pub message: Option<String>,
    /// Yoti's opaque trace id, when the body had one (at most 128 characters).
    pub trace_id: Option<String>,
    /// The size in bytes of a body that was not the documented JSON. Its text is not kept: a
    /// gateway's error page may quote the request, headers and all.
    pub body_len: Option<usize>,
    /// The answer's request id (`X-Request-ID`), when it carried one: quote it to Yoti support.
    /// (Boxed to keep every `Result` of the client small.)
    pub request_id: Option<Box<str>>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        } else if let Some(length) = self.body_len.filter(|&length| length > 0) {
            write!(
                f,
                " with a body of {length} bytes that is not Yoti's error JSON"
            )?;
        }
        write!(f, "{}", RequestIdNote(self.request_id.as_deref()))
    }
}

/// The most characters kept of Yoti's `error`, `message` and `id`.
const MAX_CODE: usize = 64;
const MAX_MESSAGE: usize = 512;
const MAX_TRACE_ID: usize = 128;

impl ApiError {
    /// Parses an error answer leniently: the documented JSON when it is there (its fields
    /// sanitised and bounded), else only the body's size.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        Self::from_answer(status, body, &[])
    }

    /// [`from_response`](Self::from_response) for an answer to a request that carried the
    /// credentials `sent`, which no field kept may echo.
    pub(crate) fn from_answer(status: u16, body: &[u8], sent: &[&str]) -> Self {
        let field = |text: Option<String>, max| text.and_then(|t| server_text(&t, max, sent));
        match serde_json::from_slice::<ErrorBody>(body) {
            Ok(parsed) if parsed.error.is_some() || parsed.message.is_some() => ApiError {
                status,
                code: field(parsed.error, MAX_CODE),
                message: field(parsed.message, MAX_MESSAGE),
                trace_id: field(parsed.id, MAX_TRACE_ID),
                body_len: None,
                request_id: None,
            },
            _ => ApiError {
                status,
                code: None,
                message: None,
                trace_id: None,
                body_len: Some(body.len()),
                request_id: None,
            },
        }
    }

    /// With the request id of the answer.
    #[must_use]
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id.map(String::into_boxed_str);
        self
    }

    /// The [`ClientError`] variant for this status.
    pub fn into_error(self) -> ClientError {
        match self.status {
            400 => ClientError::BadRequest(self),
            401 => ClientError::Unauthorized(self),
            403 => ClientError::Forbidden(self),
            404 => ClientError::NotFound(self),
            500..=599 => ClientError::Server(self),
            _ => ClientError::Http(self),
        }
    }
}

/// The client could not be configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required environment variable is not set.
    #[error("the environment variable {0} is not set")]
    MissingVariable(&'static str),
    /// A required environment variable is set but empty (or only spaces).
    #[error("the environment variable {0} is empty; set it to a value")]
    EmptyRequiredVariable(&'static str),
    /// An environment variable is set to something unusable.
    #[error("the environment variable {name} is invalid: {reason}")]
    InvalidVariable {
        /// The variable.
        name: &'static str,
        /// Why.
        reason: String,
    },
    /// The key file could not be read.
    #[error("cannot read the key file {path}: {source}")]
    KeyFile {
        /// The path.
        path: std::path::PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The key is not a usable application key.
    #[error(transparent)]
    Key(#[from] yoti_protocol::receipt::KeyError),
    /// The SDK id is empty.
    #[error("the client SDK id is empty")]
    EmptySdkId,
    /// The base URL is not an absolute http(s) URL.
    #[error("the base URL `{url}` is not usable: {reason}")]
    InvalidBaseUrl {
        /// The URL given.
        url: String,
        /// Why.
        reason: String,
    },
    /// An environment variable is set but empty.
    #[error("the environment variable {0} is empty; unset it or give it a value")]
    EmptyVariable(&'static str),
    /// The token endpoint's URL is not an absolute http(s) URL.
    #[error("the auth URL `{url}` is not an absolute http or https URL: {reason}")]
    InvalidAuthUrl {
        /// The URL given.
        url: String,
        /// Why.
        reason: String,
    },
    /// Central auth was asked for without a scope.
    #[error("central auth needs at least one scope")]
    NoScopes,
    /// The bearer token given is empty.
    #[error("the bearer token is empty")]
    EmptyBearerToken,
    /// A limit set on the builder is zero, which would fail every call.
    #[error("the client setting {0} must be at least 1")]
    ZeroLimit(&'static str),
    /// The HTTP client could not be built.
    #[error("the HTTP client could not be built: {0}")]
    Http(#[source] reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_error_bodies_are_parsed() {
        let error = ApiError::from_response(
            401,
            br#"{"id":"8f6a9dfe72128de20909af0d476769b6","status":401,"error":"INVALID_REQUEST_SIGNATURE","message":"Invalid request signature"}"#,
        );
        assert_eq!(error.code.as_deref(), Some("INVALID_REQUEST_SIGNATURE"));
        assert_eq!(error.message.as_deref(), Some("Invalid request signature"));
        assert_eq!(
            error.trace_id.as_deref(),
            Some("8f6a9dfe72128de20909af0d476769b6")
        );
        assert!(error.body_len.is_none());
        assert!(matches!(error.into_error(), ClientError::Unauthorized(_)));
    }

    #[test]
    fn other_bodies_are_kept_by_size_only() {
        let empty = ApiError::from_response(500, b"");
        assert_eq!(empty.body_len, Some(0));
        assert_eq!(empty.to_string(), "HTTP 500");
        let page = b"<html>Authorization: Bearer tok-secret</html>";
        let html = ApiError::from_response(502, page);
        assert_eq!(html.body_len, Some(page.len()));
        let shown = format!("{html} {html:?}");
        assert!(
            !shown.contains("tok-secret") && !shown.contains("html>"),
            "{shown}"
        );
        assert_eq!(
            html.to_string(),
            format!(
                "HTTP 502 with a body of {} bytes that is not Yoti's error JSON",
                page.len()
            )
        );
        assert!(matches!(html.into_error(), ClientError::Server(_)));
    }

    #[test]
    fn fields_are_one_bounded_line_and_never_echo_what_was_sent() {
        let body = format!(
            r#"{{"id":"t\r\n1","error":"BAD\u0000CODE{}","message":"gone\r\nFORGED: yes"}}"#,
            "X".repeat(100)
        );
        let error = ApiError::from_response(404, body.as_bytes());
        assert_eq!(error.trace_id.as_deref(), Some("t  1"));
        assert_eq!(error.code.as_deref().map(str::len), Some(MAX_CODE));
        assert!(error.code.as_deref().unwrap().starts_with("BAD CODE"));
        assert_eq!(error.message.as_deref(), Some("gone  FORGED: yes"));
        let echo = br#"{"error":"INVALID_TOKEN","message":"token tok-0123456789abcdef rejected"}"#;
        let error = ApiError::from_answer(401, echo, &["tok-0123456789abcdef"]);
        assert_eq!(error.code.as_deref(), Some("INVALID_TOKEN"));
        assert_eq!(error.message, None);
        assert_eq!(error.to_string(), "HTTP 401 INVALID_TOKEN");
    }

    #[test]
    fn statuses_map_to_their_documented_variants() {
        let variant = |status| ApiError::from_response(status, b"{}").into_error();
        assert!(matches!(variant(400), ClientError::BadRequest(_)));
        assert!(matches!(variant(403), ClientError::Forbidden(_)));
        assert!(matches!(variant(404), ClientError::NotFound(_)));
        assert!(matches!(variant(503), ClientError::Server(_)));
        assert!(matches!(variant(409), ClientError::Http(_)));
    }

    #[test]
    fn the_request_id_is_shown_after_the_message() {
        let error = ApiError::from_response(404, br#"{"error":"NOT_FOUND","message":"gone"}"#)
            .with_request_id(Some("req-42".to_owned()));
        assert_eq!(
            error.to_string(),
            "HTTP 404 NOT_FOUND: gone (request id req-42)"
        );
        assert!(
            error
                .into_error()
                .to_string()
                .ends_with("(request id req-42)")
        );
    }
}
