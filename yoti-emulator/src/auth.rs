//! Request authentication as the real service does it (docs/protocol.md, "Request signing" and
//! "Verifying a signed request"): the digest is checked over the raw path (base path removed), the
//! raw query exactly as received and the body bytes, and nonces are single use, as Yoti checks
//! them; only with strict timestamps must a timestamp be epoch milliseconds near the clock, which
//! Yoti does not enforce.

use std::time::{Duration, SystemTime};

use axum::http::{HeaderMap, Method, Uri, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use yoti_protocol::receipt::signing::string_to_sign;

use crate::error::ApiError;
use crate::nonces::NonceError;
use crate::state::Shared;
use crate::times::{self, TimestampError};

/// The header naming the application.
pub(crate) const AUTH_ID: &str = "x-yoti-auth-id";
/// The header carrying the request signature.
pub(crate) const AUTH_DIGEST: &str = "x-yoti-auth-digest";

/// The application a request was signed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caller(pub(crate) String);

/// Checks a request, by its bearer token when it has an `Authorization` header, else by its
/// signature; the SDK id of the application that sent it.
pub(crate) fn authenticate(
    shared: &Shared,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Caller, ApiError> {
    if headers.contains_key(header::AUTHORIZATION) {
        return bearer_holder(shared, headers)
            .map(Caller)
            .ok_or_else(|| ApiError::auth_header("The bearer token is unknown or has expired"));
    }
    let sdk_id = headers
        .get(AUTH_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::auth_header("The X-Yoti-Auth-Id header is missing"))?;
    let public_key = shared
        .apps_read()
        .get(sdk_id)
        .map(|entry| entry.app.public_key.clone())
        .ok_or_else(|| {
            ApiError::auth_header(format!(
                "The X-Yoti-Auth-Id `{sdk_id}` is not a registered application"
            ))
        })?;

    let digest = headers
        .get(AUTH_DIGEST)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::signature("The X-Yoti-Auth-Digest header is missing"))?;
    let signature = STANDARD
        .decode(digest.trim())
        .map_err(|_| ApiError::signature("The X-Yoti-Auth-Digest header is not base64"))?;
    // Over the exact bytes received, as Yoti verifies it: a client that signs a query or body
    // other than the one it sends (re-encoded, reordered) fails here as it would against Yoti.
    // The router nests the share API under the base path, so `uri` is already without it.
    let path = uri.path();
    let query = uri.query().unwrap_or_default();
    // An empty body is signed as no body, whichever the client meant.
    let body = (!body.is_empty()).then_some(body);
    let message = string_to_sign(method.as_str(), path, query, body);
    if !public_key.verify(message.as_bytes(), &signature) {
        return Err(ApiError::signature("Invalid request signature"));
    }

    // Single use, as with Yoti: the nonce is what makes a captured request worthless, since the
    // signature alone would let it be sent again.
    let nonce = query_param(query, "nonce")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::signature("The request has no `nonce` query parameter"))?;
    let now = times::epoch_millis(SystemTime::now());
    let expiry = match shared.settings.timestamp_window {
        Some(window) => strict_timestamp(query, now, window)?,
        // Yoti accepts timestamps that are not epoch-based (the official Java SDK sends
        // microseconds of a monotonic clock), so by default the value is only signed, not
        // checked; a nonce is then remembered for ever.
        None => i128::MAX,
    };
    match shared.nonces().use_nonce(&nonce, expiry, now) {
        Ok(()) => Ok(Caller(sdk_id.to_owned())),
        Err(NonceError::Replayed) => Err(ApiError::signature("The nonce has already been used")),
        Err(NonceError::Full { max, next_expiry }) => {
            let error = ApiError::limit_reached(format!(
                "The emulator remembers {max} used nonces, its limit (`max_nonces`, \
                 `--max-nonces`); a nonce is remembered for ever, or with strict timestamps \
                 (`--strict-timestamps`) until its request's timestamp is outside the window"
            ));
            // Without a window nonces never expire: there is no time to come back at.
            Err(match u64::try_from(next_expiry.saturating_sub(now)) {
                Ok(wait) if next_expiry != i128::MAX => {
                    error.with_retry_after(Duration::from_millis(wait))
                }
                _ => error,
            })
        }
    }
}

/// With strict timestamps: the `timestamp` parameter is epoch milliseconds within `window` of
/// `now`; the epoch millisecond until which its nonce must be remembered.
fn strict_timestamp(query: &str, now: i128, window: Duration) -> Result<i128, ApiError> {
    let timestamp = query_param(query, "timestamp")
        .ok_or_else(|| ApiError::signature("The request has no `timestamp` query parameter"))?;
    times::check_timestamp(&timestamp, now, window).map_err(|e| match e {
        TimestampError::NotEpochMillis => {
            ApiError::signature("The `timestamp` query parameter is not epoch milliseconds")
        }
        TimestampError::OutsideWindow => ApiError::signature(format!(
            "The request timestamp is more than {} seconds away from the server clock",
            window.as_secs()
        )),
    })
}

/// The application a request's `Authorization: Bearer <token>` was issued to, while the token
/// is valid and the application registered.
pub(crate) fn bearer_holder(shared: &Shared, headers: &HeaderMap) -> Option<String> {
    let token = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?
        .trim();
    let sdk_id = shared
        .tokens()
        .holder(token, std::time::Instant::now())?
        .to_owned();
    shared.apps_read().contains_key(&sdk_id).then_some(sdk_id)
}

/// The first value of `name` in a raw query string (or form body), percent-decoded.
pub(crate) fn query_param(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_found_in_any_order() {
        let query = "sdkID=x&timestamp=12&nonce=a%2Db";
        assert_eq!(query_param(query, "nonce").as_deref(), Some("a-b"));
        assert_eq!(query_param(query, "timestamp").as_deref(), Some("12"));
        assert_eq!(query_param(query, "missing"), None);
    }
}
