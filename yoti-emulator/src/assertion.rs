//! Checking the client assertion of a token request (docs/protocol.md, "Bearer tokens"): a JWT
//! signed PS384 with the application key, naming the application as `sdk:<SDK id>`, addressed
//! to this token endpoint, unexpired, and used once.

use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use crate::state::Shared;
use crate::times;

/// How far in the future an assertion's `iat` may be, in milliseconds: clocks differ a little.
const CLOCK_SKEW_MS: i128 = 60 * 1000;
/// The longest validity accepted (`exp` from now), in milliseconds: each `jti` is remembered
/// until its `exp`.
const MAX_LIFETIME_MS: i128 = 60 * 60 * 1000;

#[derive(Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    aud: String,
    jti: String,
    iat: i64,
    exp: i64,
}

/// Why an assertion is refused, as the `error_description` says it.
pub(crate) type Refusal = String;

/// The SDK id of the application the assertion authenticates.
pub(crate) fn verify(shared: &Shared, jwt: &str, audiences: &[String]) -> Result<String, Refusal> {
    let mut parts = jwt.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("The client_assertion is not a JWT (three base64url parts)".to_owned());
    };
    let decode = |part: &str, what: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| format!("The JWT {what} is not base64url"))
    };
    let header: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&decode(header, "header")?)
            .map_err(|_| "The JWT header is not JSON with `alg`".to_owned())?;
    let alg = header
        .get("alg")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| "The JWT header is not JSON with `alg`".to_owned())?;
    if alg != "PS384" {
        return Err(format!(
            "The JWT `alg` must be PS384, not `{}`",
            shorten(alg)
        ));
    }
    // RFC 7515, section 4.1.11: extensions named critical must be understood, and this
    // endpoint understands none.
    if header.contains_key("crit") {
        return Err(
            "The JWT header has `crit`: this endpoint understands no critical extension".to_owned(),
        );
    }
    let claims_json = decode(claims, "claims")?;
    let claims: Claims = serde_json::from_slice(&claims_json).map_err(|_| {
        "The JWT claims must be JSON with iss, sub, aud, jti, iat and exp".to_owned()
    })?;
    let sdk_id = claims
        .iss
        .strip_prefix("sdk:")
        .filter(|id| !id.is_empty() && claims.sub == claims.iss)
        .ok_or_else(|| "The JWT `iss` and `sub` must both be `sdk:<SDK id>`".to_owned())?;
    let public_key = shared
        .apps_read()
        .get(sdk_id)
        .map(|entry| entry.app.public_key.clone())
        .ok_or_else(|| format!("`{}` is not a registered application", shorten(sdk_id)))?;
    let signed = &jwt[..header_and_claims_len(jwt)];
    let signature = decode(signature, "signature")?;
    if !public_key.verify_ps384(signed.as_bytes(), &signature) {
        return Err("The JWT signature is not the application's PS384 signature".to_owned());
    }
    if !audiences.contains(&claims.aud) {
        return Err(format!(
            "The JWT `aud` must be this token endpoint's URL ({})",
            audiences.join(" or ")
        ));
    }
    let now = times::epoch_millis(SystemTime::now());
    let (iat, exp) = (i128::from(claims.iat) * 1000, i128::from(claims.exp) * 1000);
    if exp <= now {
        return Err("The JWT has expired (`exp`)".to_owned());
    }
    if iat > now + CLOCK_SKEW_MS {
        return Err("The JWT `iat` is in the future".to_owned());
    }
    if exp > now + MAX_LIFETIME_MS {
        return Err("The JWT `exp` is more than an hour away".to_owned());
    }
    if claims.jti.is_empty() {
        return Err("The JWT has no `jti`".to_owned());
    }
    shared
        .jtis()
        .use_nonce(&format!("{sdk_id}\n{}", claims.jti), exp, now)
        .map_err(|error| match error {
            crate::nonces::NonceError::Replayed => "The JWT `jti` has been used before".to_owned(),
            crate::nonces::NonceError::Full { max, .. } => format!(
                "The emulator remembers {max} JWT ids, its limit (`max_nonces`); try again \
                 when the oldest has expired"
            ),
        })?;
    Ok(sdk_id.to_owned())
}

/// The length of `header.claims`, the signed part.
fn header_and_claims_len(jwt: &str) -> usize {
    jwt.rfind('.').unwrap_or(0)
}

/// At most 64 characters of what the request said, to quote it back.
fn shorten(text: &str) -> String {
    text.chars().take(64).collect()
}
