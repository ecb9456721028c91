//! `POST /v1/oauth/token`: the OAuth2 `client_credentials` grant with a JWT client assertion
//! (docs/protocol.md, "Bearer tokens"). Answers and errors are OAuth2 JSON, not the share API's
//! error body.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::json_response;
use crate::assertion;
use crate::auth::query_param;
use crate::state::Shared;
use crate::tokens::IssueError;

/// Where the token endpoint is served, on the emulator's own origin.
pub(crate) const TOKEN_PATH: &str = "/v1/oauth/token";

const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// An OAuth2 error answer (RFC 6749, section 5.2).
struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    fn invalid_request(description: impl Into<String>) -> Self {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            description: description.into(),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut response = json_response(
            self.status,
            &json!({ "error": self.error, "error_description": self.description }),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_client\""),
            );
        }
        response
    }
}

/// Issues a bearer token for the application the assertion authenticates.
pub(crate) async fn issue(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    *shared
        .counters()
        .entry(format!("POST {TOKEN_PATH}"))
        .or_default() += 1;
    match grant(&shared, &headers, &body) {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

fn grant(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Result<Response, OAuthError> {
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim);
    if !form_type.is_some_and(|t| t.eq_ignore_ascii_case("application/x-www-form-urlencoded")) {
        return Err(OAuthError::invalid_request(
            "The body must be `application/x-www-form-urlencoded`",
        ));
    }
    let form = std::str::from_utf8(body)
        .map_err(|_| OAuthError::invalid_request("The body is not UTF-8"))?;
    let field = |name: &str| query_param(form, name).filter(|v| !v.is_empty());
    let grant_type = field("grant_type")
        .ok_or_else(|| OAuthError::invalid_request("The `grant_type` parameter is missing"))?;
    if grant_type != "client_credentials" {
        return Err(OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_grant_type",
            description: "Only the `client_credentials` grant is supported".to_owned(),
        });
    }
    if field("client_assertion_type").as_deref() != Some(CLIENT_ASSERTION_TYPE) {
        return Err(OAuthError::invalid_request(format!(
            "The `client_assertion_type` must be `{CLIENT_ASSERTION_TYPE}`"
        )));
    }
    let scope = field("scope")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_scope",
            description: "At least one scope is needed (`scope`, space-separated)".to_owned(),
        })?;
    let jwt = field("client_assertion").ok_or_else(|| {
        OAuthError::invalid_request("The `client_assertion` parameter is missing")
    })?;
    let sdk_id =
        assertion::verify(shared, &jwt, &shared.settings.token_audiences).map_err(|reason| {
            OAuthError {
                status: StatusCode::UNAUTHORIZED,
                error: "invalid_client",
                description: reason,
            }
        })?;
    let ttl = shared.settings.token_ttl;
    let now = Instant::now();
    let token = shared
        .tokens()
        .issue(&sdk_id, now, now + ttl)
        .map_err(|error| OAuthError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: "temporarily_unavailable",
            description: match error {
                IssueError::Full => format!(
                    "The emulator holds {} unexpired tokens for this application, its limit",
                    crate::tokens::MAX_TOKENS_PER_APPLICATION
                ),
                IssueError::Random => "The system random generator failed".to_owned(),
            },
        })?;
    let mut response = json_response(
        StatusCode::OK,
        &json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": ttl.as_secs(),
            "scope": scope,
        }),
    );
    // RFC 6749, section 5.1: token answers are not to be cached.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
