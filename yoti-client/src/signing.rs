//! Request signing (docs/protocol.md, "Request signing"): every share v2 request carries a fresh
//! nonce and a timestamp in its query, and an RSA PKCS#1 v1.5 SHA-256 signature of
//! `METHOD&/v2/path?query[&base64(body)]` in `X-Yoti-Auth-Digest`.
//!
//! The bytes signed are the bytes sent: [`SignedRequest`] holds the exact path, query and body
//! that the client puts on the wire.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use yoti_protocol::receipt::PrivateKey;

use crate::ClientError;

/// One request, signed and ready to send.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// The endpoint path and query, without the base URL's own path:
    /// `/v2/sessions?nonce=...&timestamp=...`.
    pub path_and_query: String,
    /// The exact body bytes, if any.
    pub body: Option<Vec<u8>>,
    /// The value of `X-Yoti-Auth-Digest`: standard base64 of the signature.
    pub digest: String,
}

impl std::fmt::Debug for SignedRequest {
    // The body of a share session configuration may hold a subject id; keep it out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// The string that is signed (docs/protocol.md, "The string to sign"); its one definition lives
/// next to the key that signs it, and the emulator checks signatures with the same function.
pub use yoti_protocol::receipt::signing::string_to_sign;

/// Signs a request with the given nonce and timestamp (milliseconds since the Unix epoch).
///
/// `path` is the endpoint path starting with `/v2/`, already in its final encoded form.
///
/// # Errors
///
/// [`ClientError::Signing`] if the key cannot sign.
pub fn sign_request(
    key: &PrivateKey,
    method: &'static str,
    path: &str,
    nonce: &str,
    timestamp_ms: u64,
    body: Option<Vec<u8>>,
) -> Result<SignedRequest, ClientError> {
    let query = format!("nonce={nonce}&timestamp={timestamp_ms}");
    let message = string_to_sign(method, path, &query, body.as_deref());
    let signature = key
        .sign(message.as_bytes())
        .map_err(|_| ClientError::Signing)?;
    Ok(SignedRequest {
        method,
        path_and_query: format!("{path}?{query}"),
        body,
        digest: STANDARD.encode(signature),
    })
}

/// A fresh nonce: a lower-case random v4 UUID, as the official Node SDK sends.
pub fn new_nonce() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Milliseconds since the Unix epoch now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn signatures_match_the_known_answer_vectors() {
        let key = PrivateKey::from_pem(yoti_test_support::vector("keys/node-2048.pem")).unwrap();
        let vectors: Value =
            serde_json::from_slice(&yoti_test_support::vector("signing/v2-signatures.json"))
                .unwrap();
        let requests = vectors["requests"].as_array().unwrap();
        assert_eq!(requests.len(), 3);
        for request in requests {
            let method = match request["method"].as_str().unwrap() {
                "GET" => "GET",
                "POST" => "POST",
                other => panic!("unexpected method {other}"),
            };
            let body = request["body"].as_str().map(|b| b.as_bytes().to_vec());
            let signed = sign_request(
                &key,
                method,
                request["path"].as_str().unwrap(),
                "35351ced-96a4-4fc8-994e-98f98045ff7e",
                1_476_441_361_239,
                body.clone(),
            )
            .unwrap();
            assert_eq!(
                signed.digest,
                request["x_yoti_auth_digest"].as_str().unwrap(),
                "{}",
                request["name"]
            );
            assert_eq!(
                format!("https://api.yoti.com/share{}", signed.path_and_query),
                request["url"].as_str().unwrap()
            );
        }
    }

    #[test]
    fn nonces_are_fresh_lower_case_v4_uuids() {
        let (a, b) = (new_nonce(), new_nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert_eq!(a, a.to_lowercase());
    }

    #[test]
    fn debug_does_not_show_the_body() {
        let request = SignedRequest {
            method: "POST",
            path_and_query: "/v2/sessions?nonce=n&timestamp=1".into(),
            body: Some(b"{\"subject\":{\"subject_id\":\"secret-subject\"}}".to_vec()),
            digest: "d".into(),
        };
        assert!(!format!("{request:?}").contains("secret-subject"));
    }
}
