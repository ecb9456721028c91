//! Obtaining a bearer token with the OAuth2 `client_credentials` grant (docs/protocol.md,
//! "Bearer tokens"), over the same guarded HTTP as the share API: no redirects, a bounded body,
//! a timeout.

use std::time::Duration;

use serde::Deserialize;
use yoti_protocol::PrivateKey;
use zeroize::Zeroizing;

use super::assertion::client_assertion;
use super::{AccessToken, TokenError};
use crate::body::{BodyError, read_limited};
use crate::config::{DEFAULT_TIMEOUT, validate_auth_url};
use crate::error::ConfigError;
use crate::http::{http_client, redirect_target, root_cause};
use crate::request_id::request_id;
use crate::server_text::server_text;

/// The largest answer of the token endpoint read, in bytes: 64 KiB. A token answer is a few
/// hundred bytes of JSON.
pub const MAX_TOKEN_RESPONSE_SIZE: usize = 64 * 1024;

const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A token issued by the token endpoint.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthenticationToken {
    /// The token to send as `Authorization: Bearer`.
    pub access_token: AccessToken,
    /// How long the token is valid from when it was issued.
    pub expires_in: Duration,
    /// The scopes granted, space-separated, when the endpoint named them.
    pub scope: Option<String>,
}

/// Obtains bearer tokens for one application, as the official SDKs'
/// `AuthenticationTokenGenerator` does.
///
/// A [`DigitalIdentityClient`](crate::DigitalIdentityClient) built with
/// [`central_auth`](crate::ClientBuilder::central_auth) uses one itself and caches its tokens;
/// use this directly to hand tokens to another process.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_client::auth::{AuthenticationTokenGenerator, DEFAULT_AUTH_URL};
/// use yoti_protocol::PrivateKey;
///
/// let key = PrivateKey::from_pem_file("application-key.pem")?;
/// let generator = AuthenticationTokenGenerator::new("my-sdk-id", key, DEFAULT_AUTH_URL)?;
/// let token = generator.generate(&["digital-identity"]).await?;
/// println!("valid for {:?}", token.expires_in);
/// # Ok(())
/// # }
/// ```
pub struct AuthenticationTokenGenerator {
    sdk_id: String,
    key: PrivateKey,
    auth_url: String,
    http: reqwest::Client,
    timeout: Duration,
}

impl std::fmt::Debug for AuthenticationTokenGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthenticationTokenGenerator")
            .field("sdk_id", &self.sdk_id)
            .field("auth_url", &self.auth_url)
            .finish_non_exhaustive()
    }
}

impl AuthenticationTokenGenerator {
    /// A generator for the application `sdk_id` with its key, asking `auth_url` (usually
    /// [`DEFAULT_AUTH_URL`](super::DEFAULT_AUTH_URL)), with the client's default timeout of
    /// 10 s per token request.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for an empty SDK id, an auth URL that is not absolute http(s), or an HTTP
    /// client that cannot be built.
    pub fn new(
        sdk_id: impl Into<String>,
        key: PrivateKey,
        auth_url: &str,
    ) -> Result<Self, ConfigError> {
        let sdk_id = sdk_id.into().trim().to_owned();
        if sdk_id.is_empty() {
            return Err(ConfigError::EmptySdkId);
        }
        let auth_url = validate_auth_url(auth_url)?;
        Ok(Self::with_http(
            sdk_id,
            key,
            auth_url,
            http_client(None)?,
            DEFAULT_TIMEOUT,
        ))
    }

    /// A generator on an HTTP client the caller built with [`http_client`]; `auth_url` is
    /// already checked.
    pub(crate) fn with_http(
        sdk_id: String,
        key: PrivateKey,
        auth_url: String,
        http: reqwest::Client,
        timeout: Duration,
    ) -> Self {
        AuthenticationTokenGenerator {
            sdk_id,
            key,
            auth_url,
            http,
            timeout,
        }
    }

    /// The token endpoint asked, also the `aud` of every assertion.
    pub fn auth_url(&self) -> &str {
        &self.auth_url
    }

    /// Requests a token for `scopes` (at least one), within the timeout.
    ///
    /// # Errors
    ///
    /// [`TokenError`]: no scopes, the endpoint unreachable, a redirect, a body over
    /// [`MAX_TOKEN_RESPONSE_SIZE`], a refusal (with the OAuth2 `error` and
    /// `error_description`), an answer that is not the documented JSON, or a token that is not
    /// `Bearer`.
    pub async fn generate<S: AsRef<str>>(
        &self,
        scopes: &[S],
    ) -> Result<AuthenticationToken, TokenError> {
        match tokio::time::timeout(self.timeout, self.request(scopes)).await {
            Ok(result) => result,
            Err(_) => Err(TokenError::Timeout(self.timeout)),
        }
    }

    async fn request<S: AsRef<str>>(
        &self,
        scopes: &[S],
    ) -> Result<AuthenticationToken, TokenError> {
        let scope = scopes
            .iter()
            .map(|s| s.as_ref().trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if scope.is_empty() {
            return Err(TokenError::NoScopes);
        }
        let jti = uuid::Uuid::new_v4().to_string();
        let assertion = client_assertion(
            &self.key,
            &self.sdk_id,
            &self.auth_url,
            &jti,
            crate::signing::now_ms() / 1000,
        )?;
        let body = token_request_body(&scope, &assertion);
        let unreachable = |source: reqwest::Error| {
            if source.is_timeout() {
                return TokenError::Timeout(self.timeout);
            }
            TokenError::Unreachable {
                url: self.auth_url.clone(),
                reason: root_cause(source),
            }
        };
        let response = self
            .http
            .post(&self.auth_url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(body.as_bytes().to_vec())
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        if (300..400).contains(&status) {
            return Err(TokenError::Redirect {
                status,
                location: redirect_target(&response, false),
                request_id,
            });
        }
        let limit = MAX_TOKEN_RESPONSE_SIZE;
        let body = read_limited(response, limit)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => TokenError::ResponseTooLarge {
                    status,
                    limit,
                    request_id: request_id.clone(),
                },
                BodyError::Read(source) => unreachable(source),
            })?;
        let body = Zeroizing::new(body);
        if !(200..300).contains(&status) {
            let refusal = serde_json::from_slice::<OAuthError>(&body).unwrap_or_default();
            // A server may quote the request back: nothing of the assertion is kept.
            let sent = [assertion.as_str()];
            let field = |text: Option<String>, max| text.and_then(|t| server_text(&t, max, &sent));
            return Err(TokenError::Refused {
                status,
                error: field(refusal.error, 64),
                error_description: field(refusal.error_description, 512),
                request_id,
            });
        }
        parse_token(&body).map_err(|reason| match reason {
            Invalid::Reason(reason) => TokenError::InvalidResponse { reason, request_id },
            Invalid::TokenType(token_type) => TokenError::UnsupportedTokenType { token_type },
        })
    }
}

/// The `client_credentials` grant with its client assertion, form-encoded.
fn token_request_body(scope: &str, assertion: &str) -> Zeroizing<String> {
    Zeroizing::new(
        form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_assertion_type", CLIENT_ASSERTION_TYPE)
            .append_pair("scope", scope)
            .append_pair("client_assertion", assertion)
            .finish(),
    )
}

#[derive(Default, Deserialize)]
struct OAuthError {
    error: Option<String>,
    error_description: Option<String>,
}

#[derive(Deserialize)]
struct TokenBody {
    /// Moved, not copied, into the [`AccessToken`] that zeroizes it.
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<u64>,
    scope: Option<String>,
}

enum Invalid {
    Reason(String),
    TokenType(String),
}

/// The token answer, naming what is wrong with it without quoting a value.
fn parse_token(body: &[u8]) -> Result<AuthenticationToken, Invalid> {
    let parsed: TokenBody = serde_json::from_slice(body).map_err(|error| {
        Invalid::Reason(match error.classify() {
            serde_json::error::Category::Data => {
                "a field has the wrong type (expires_in must be a whole number of seconds)"
                    .to_owned()
            }
            _ => "the body is not JSON".to_owned(),
        })
    })?;
    let missing = |field: &str| Invalid::Reason(format!("it has no `{field}`"));
    let access_token = parsed
        .access_token
        .filter(|t| !t.trim().is_empty())
        .map(AccessToken::new)
        .ok_or_else(|| missing("access_token"))?;
    // Checked here rather than when the header is made, so that a token that cannot be sent is
    // never cached: visible ASCII only, as RFC 6750 has it (no white space, no control
    // character that could end the header line).
    if !access_token.secret().bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Invalid::Reason(
            "the `access_token` has characters other than visible ASCII, which a header cannot \
             carry"
                .to_owned(),
        ));
    }
    let token_type = parsed.token_type.ok_or_else(|| missing("token_type"))?;
    // RFC 6749: the token type is case-insensitive.
    if !token_type.eq_ignore_ascii_case("bearer") {
        return Err(Invalid::TokenType(
            server_text(&token_type, 32, &[]).unwrap_or_default(),
        ));
    }
    let expires_in = parsed
        .expires_in
        .filter(|&seconds| seconds > 0)
        .ok_or_else(|| missing("expires_in"))?;
    Ok(AuthenticationToken {
        access_token,
        expires_in: Duration::from_secs(expires_in),
        scope: parsed.scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(body: &str) -> String {
        match parse_token(body.as_bytes()) {
            Err(Invalid::Reason(reason)) => reason,
            Err(Invalid::TokenType(t)) => format!("type {t}"),
            Ok(_) => "ok".to_owned(),
        }
    }

    #[test]
    fn token_answers_are_checked_field_by_field() {
        let token = parse_token(
            br#"{"access_token":"tok-1","token_type":"bearer","expires_in":3600,"scope":"a b"}"#,
        )
        .ok()
        .unwrap();
        assert_eq!(token.access_token.secret(), "tok-1");
        assert_eq!(token.expires_in, Duration::from_secs(3600));
        assert_eq!(token.scope.as_deref(), Some("a b"));
        assert_eq!(
            reason(r#"{"token_type":"Bearer","expires_in":1}"#),
            "it has no `access_token`"
        );
        assert_eq!(
            reason(r#"{"access_token":"t","expires_in":1}"#),
            "it has no `token_type`"
        );
        assert_eq!(
            reason(r#"{"access_token":"t","token_type":"Bearer"}"#),
            "it has no `expires_in`"
        );
        assert_eq!(
            reason(r#"{"access_token":"t","token_type":"MAC","expires_in":1}"#),
            "type MAC"
        );
        let wrong =
            reason(r#"{"access_token":"secret-value","token_type":"Bearer","expires_in":"x"}"#);
        assert!(
            wrong.contains("wrong type") && !wrong.contains("secret"),
            "{wrong}"
        );
        assert_eq!(reason("<html>"), "the body is not JSON");
        for poisoned in [r"t\r\nX: 1", r"t\u0000", r"t\u007f", r"t\tx", "t x", "tö"] {
            let body =
                format!(r#"{{"access_token":"{poisoned}","token_type":"Bearer","expires_in":1}}"#);
            let reason = reason(&body);
            assert!(
                reason.contains("`access_token`") && reason.contains("visible ASCII"),
                "{reason}"
            );
        }
        assert_eq!(
            reason(r#"{"access_token":"t","token_type":"M\r\nAC","expires_in":1}"#),
            "type M  AC"
        );
    }

    #[test]
    fn the_token_request_is_a_form_that_decodes_to_its_fields() {
        let body = token_request_body("a b:c/d", "h.c+d/e=.s&x=y");
        assert!(!body.contains(' ') && !body.contains("&x=y"), "{}", *body);
        let fields: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
        let expected = [
            ("grant_type", "client_credentials"),
            ("client_assertion_type", CLIENT_ASSERTION_TYPE),
            ("scope", "a b:c/d"),
            ("client_assertion", "h.c+d/e=.s&x=y"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(fields, expected);
    }
}
