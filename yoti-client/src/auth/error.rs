//! Why a bearer token could not be obtained. No variant holds the assertion or a token.

use crate::request_id::RequestIdNote;

/// A token request to the OAuth2 token endpoint failed.
///
/// `Clone`, since one failed request is the answer of every call that waited for it.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// No scope was given: the token endpoint needs at least one.
    #[error("a bearer token needs at least one scope")]
    NoScopes,
    /// The client assertion could not be signed with the application key.
    #[error("the client assertion could not be signed with the application key")]
    Signing,
    /// The token endpoint could not be reached, or the connection failed before the answer was
    /// read.
    #[error("could not reach the token endpoint at {url}: {reason}")]
    Unreachable {
        /// The token endpoint's URL.
        url: String,
        /// What failed, down to the root cause.
        reason: String,
    },
    /// The token endpoint did not answer within the timeout.
    #[error("the token endpoint did not answer within {0:?}")]
    Timeout(std::time::Duration),
    /// The token endpoint answered with a redirect, which is never followed: the assertion must
    /// reach the configured endpoint only.
    #[error(
        "the token endpoint answered HTTP {status} with a redirect to {}; redirects are not \
         followed{}",
        .location.as_deref().unwrap_or("no usable location"),
        RequestIdNote(.request_id.as_deref())
    )]
    Redirect {
        /// The 3xx status.
        status: u16,
        /// The origin and path the redirect named, without its query.
        location: Option<String>,
        /// The server's request id, when the answer carried one.
        request_id: Option<String>,
    },
    /// The answer's body is larger than the limit for token answers.
    #[error(
        "the token endpoint's answer (HTTP {status}) is larger than the limit of {limit} bytes{}",
        RequestIdNote(.request_id.as_deref())
    )]
    ResponseTooLarge {
        /// The status of the answer.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
        /// The server's request id, when the answer carried one.
        request_id: Option<String>,
    },
    /// The token endpoint refused the request (a non-2xx answer), with the OAuth2 error code
    /// and description when its body had them (e.g. `invalid_client`), each one line of bounded
    /// length, and dropped if it quotes the client assertion.
    #[error(
        "the token endpoint refused the request: HTTP {status}{}{}{}",
        .error.as_deref().map(|e| format!(" {e}")).unwrap_or_default(),
        .error_description.as_deref().map(|d| format!(": {d}")).unwrap_or_default(),
        RequestIdNote(.request_id.as_deref())
    )]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The OAuth2 `error` code, e.g. `invalid_client` or `invalid_scope` (at most 64
        /// characters).
        error: Option<String>,
        /// The OAuth2 `error_description` (at most 512 characters).
        error_description: Option<String>,
        /// The server's request id, when the answer carried one.
        request_id: Option<String>,
    },
    /// A 2xx answer that is not the documented JSON, lacks `access_token`, `token_type` or
    /// `expires_in`, or has an `access_token` that a header cannot carry (it is not cached).
    #[error("unexpected answer from the token endpoint: {reason}{}", RequestIdNote(.request_id.as_deref()))]
    InvalidResponse {
        /// What was wrong (naming a field, never quoting a value).
        reason: String,
        /// The server's request id, when the answer carried one.
        request_id: Option<String>,
    },
    /// The token endpoint issued a token of a type other than `Bearer`.
    #[error("the token endpoint issued a `{token_type}` token; only `Bearer` tokens are used")]
    UnsupportedTokenType {
        /// The `token_type` it gave (at most 32 characters of it).
        token_type: String,
    },
}
