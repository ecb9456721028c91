//! Checking the client assertion of a token request (docs/protocol.md, "Bearer tokens"): a JWT
//! signed PS384 with the application key, naming the application as `sdk:<SDK id>`, addressed
//! to this token endpoint, unexpired, and used once.
//!
//! `jsonwebtoken` (on AWS-LC) reads the JWT and checks its algorithm, signature, `iss`, `sub`,
//! `aud` and `exp`; this file adds what the endpoint asks beyond that: no `crit` at all, an `iat`
//! not in the future, at most an hour of validity and a `jti` used once.

use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::state::Shared;
use crate::times;

/// How far in the future an assertion's `iat` may be, in milliseconds: clocks differ a little.
const CLOCK_SKEW_MS: i128 = 60 * 1000;
/// The longest validity accepted (`exp` from now), in milliseconds: each `jti` is remembered
/// until its `exp`.
const MAX_LIFETIME_MS: i128 = 60 * 60 * 1000;

const CLAIMS_REFUSAL: &str = "The JWT claims must be JSON with iss, sub, aud, jti, iat and exp";
const ISSUER_REFUSAL: &str = "The JWT `iss` and `sub` must both be `sdk:<SDK id>`";

#[derive(Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    jti: String,
    iat: i64,
    exp: i64,
}

/// Why an assertion is refused, as the `error_description` says it.
pub(crate) type Refusal = String;

/// The SDK id of the application the assertion authenticates.
pub(crate) fn verify(shared: &Shared, jwt: &str, audiences: &[String]) -> Result<String, Refusal> {
    // The emulator's one JOSE backend; a no-op once set (and if another crate set its own).
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
    refuse_critical(jwt)?;
    let header = jsonwebtoken::decode_header(jwt).map_err(|error| match error.kind() {
        ErrorKind::Json(_) | ErrorKind::Utf8(_) => {
            "The JWT header must be JSON with a JOSE `alg` and each name once".to_owned()
        }
        _ => malformed(),
    })?;
    if header.alg != Algorithm::PS384 {
        return Err(format!(
            "The JWT `alg` must be PS384, not `{:?}`",
            header.alg
        ));
    }
    // Unverified, only to find the key: the same claims are checked below with its signature.
    let unverified: Claims = jsonwebtoken::dangerous::insecure_decode_claims(jwt)
        .map_err(|error| refusal(error.kind(), audiences))?;
    let sdk_id = unverified
        .iss
        .strip_prefix("sdk:")
        .filter(|id| !id.is_empty() && unverified.sub == unverified.iss)
        .ok_or_else(|| ISSUER_REFUSAL.to_owned())?;
    let public_key = shared
        .apps_read()
        .get(sdk_id)
        .map(|entry| entry.app.public_key.clone())
        .ok_or_else(|| format!("`{}` is not a registered application", shorten(sdk_id)))?;
    // AWS-LC reads an RSA public key as PKCS#1 or, as here, SubjectPublicKeyInfo.
    let key = DecodingKey::from_rsa_der(&public_key.to_spki_der());
    let mut validation = Validation::new(Algorithm::PS384);
    validation.set_required_spec_claims(&["iss", "sub", "aud", "exp"]);
    validation.set_issuer(&[&unverified.iss]);
    validation.sub = Some(unverified.iss.clone());
    validation.set_audience(audiences);
    validation.leeway = 0;
    let claims = jsonwebtoken::decode::<Claims>(jwt, &key, &validation)
        .map_err(|error| refusal(error.kind(), audiences))?
        .claims;

    // `jsonwebtoken` takes an `exp` of this very second; RFC 7519 refuses it "on or after".
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

/// RFC 7515, section 4.1.11: extensions named critical must be understood, and this endpoint
/// understands none. `jsonwebtoken` accepts `crit: ["b64"]`, reads `crit: null` as no `crit`
/// and calls any other `crit` a malformed JWT, so the header's names are looked at first (a
/// header that is not base64url JSON is left to `jsonwebtoken` to refuse).
fn refuse_critical(jwt: &str) -> Result<(), Refusal> {
    let header = jwt.split('.').next().unwrap_or_default();
    let names: Option<serde_json::Map<String, serde_json::Value>> = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok());
    if names.is_some_and(|names| names.contains_key("crit")) {
        return Err(
            "The JWT header has `crit`: this endpoint understands no critical extension".to_owned(),
        );
    }
    Ok(())
}

/// The `error_description` of what `jsonwebtoken` refused.
fn refusal(kind: &ErrorKind, audiences: &[String]) -> Refusal {
    match kind {
        ErrorKind::InvalidSignature | ErrorKind::InvalidRsaKey(_) => {
            "The JWT signature is not the application's PS384 signature".to_owned()
        }
        ErrorKind::InvalidAudience => audience_refusal(audiences),
        ErrorKind::InvalidClaimFormat(claim) if claim == "aud" => audience_refusal(audiences),
        ErrorKind::ExpiredSignature => "The JWT has expired (`exp`)".to_owned(),
        ErrorKind::InvalidIssuer | ErrorKind::InvalidSubject => ISSUER_REFUSAL.to_owned(),
        ErrorKind::MissingRequiredClaim(_)
        | ErrorKind::InvalidClaimFormat(_)
        | ErrorKind::Json(_)
        | ErrorKind::Utf8(_) => CLAIMS_REFUSAL.to_owned(),
        // Of a header `decode_header` read: its `b64`, which RFC 7797 names.
        ErrorKind::InvalidToken => {
            "The JWT header has `b64`: the claims must be base64url JSON, as without it".to_owned()
        }
        ErrorKind::Base64(_) => "The JWT is not three base64url parts".to_owned(),
        _ => malformed(),
    }
}

fn audience_refusal(audiences: &[String]) -> Refusal {
    format!(
        "The JWT `aud` must be this token endpoint's URL ({})",
        audiences.join(" or ")
    )
}

fn malformed() -> Refusal {
    "The client_assertion is not a JWT (three base64url parts)".to_owned()
}

/// At most 64 characters of what the request said, to quote it back.
fn shorten(text: &str) -> String {
    text.chars().take(64).collect()
}
