//! The client assertion of a token request (docs/protocol.md, "Bearer tokens"): a JWT signed
//! PS384 with the application key, naming the application as `sdk:<SDK id>`.
//!
//! A JWT is three base64url parts joined by `.`; the JSON of the header and claims is all this
//! needs, so no JOSE library is pulled in for it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use yoti_protocol::PrivateKey;
use zeroize::Zeroizing;

use super::TokenError;

/// How long an assertion is valid after it is made, in seconds: 5 minutes, as the official
/// SDKs make it.
pub const ASSERTION_LIFETIME_SECS: u64 = 300;

#[derive(Serialize)]
struct Header {
    alg: &'static str,
    typ: &'static str,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    jti: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
}

/// A client assertion for `sdk_id`, addressed to the token endpoint `audience`, with the JWT id
/// `jti` (a fresh UUID v4 for each request), issued at `issued_at` (seconds since the Unix
/// epoch) and valid for [`ASSERTION_LIFETIME_SECS`].
///
/// ```
/// use yoti_client::auth::client_assertion;
/// # use yoti_protocol::PrivateKey;
/// # let key = PrivateKey::from_pem(yoti_test_support::vector("keys/node-2048.pem"))?;
/// let jwt = client_assertion(&key, "my-sdk-id", "https://auth.api.yoti.com/v1/oauth/token",
///     "5b1a0c4e-8f0e-4d8a-9a39-0f6c8d3f4b21", 1_700_000_000)?;
/// let (signed, signature) = jwt.rsplit_once('.').unwrap();
/// assert_eq!(signed.split('.').count(), 2);
/// # use base64::Engine;
/// let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature)?;
/// assert!(key.public_key().verify_ps384(signed.as_bytes(), &signature));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`TokenError::Signing`] if the key cannot sign.
pub fn client_assertion(
    key: &PrivateKey,
    sdk_id: &str,
    audience: &str,
    jti: &str,
    issued_at: u64,
) -> Result<Zeroizing<String>, TokenError> {
    let subject = format!("sdk:{sdk_id}");
    let header = Header {
        alg: "PS384",
        typ: "JWT",
    };
    let claims = Claims {
        iss: &subject,
        sub: &subject,
        jti,
        aud: audience,
        iat: issued_at,
        exp: issued_at.saturating_add(ASSERTION_LIFETIME_SECS),
    };
    // Serialising these plain structs cannot fail; an error would still be a typed one.
    let part = |json: Result<Vec<u8>, serde_json::Error>| {
        json.map(|bytes| URL_SAFE_NO_PAD.encode(bytes))
            .map_err(|_| TokenError::Signing)
    };
    let mut jwt = Zeroizing::new(format!(
        "{}.{}",
        part(serde_json::to_vec(&header))?,
        part(serde_json::to_vec(&claims))?
    ));
    let signature = key
        .sign_ps384(jwt.as_bytes())
        .map_err(|_| TokenError::Signing)?;
    jwt.push('.');
    jwt.push_str(&URL_SAFE_NO_PAD.encode(signature));
    Ok(jwt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_assertion_has_the_documented_header_and_claims_and_verifies() {
        let key = PrivateKey::from_pem(yoti_test_support::vector("keys/node-2048.pem")).unwrap();
        let jwt =
            client_assertion(&key, "sdk-1", "https://auth.example/token", "j-1", 1000).unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let json = |part: &str| -> Value {
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
        };
        assert_eq!(
            json(parts[0]),
            serde_json::json!({"alg": "PS384", "typ": "JWT"})
        );
        assert_eq!(
            json(parts[1]),
            serde_json::json!({"iss": "sdk:sdk-1", "sub": "sdk:sdk-1", "jti": "j-1",
                "aud": "https://auth.example/token", "iat": 1000, "exp": 1300})
        );
        let signed = format!("{}.{}", parts[0], parts[1]);
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        let public = key.public_key();
        assert!(public.verify_ps384(signed.as_bytes(), &signature));
        // PS384, not the PKCS#1 v1.5 SHA-256 of signed requests; and bound to the claims.
        assert!(!public.verify(signed.as_bytes(), &signature));
        assert!(!public.verify_ps384(format!("{signed}x").as_bytes(), &signature));
    }
}
