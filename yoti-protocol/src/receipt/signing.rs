//! The string a request signature covers: built the same way by the side that signs a request
//! (the application, with [`PrivateKey::sign`](super::PrivateKey::sign)) and the side that checks
//! it (the service, with [`PublicKey::verify`](super::PublicKey::verify)).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The string to sign for one share API request (docs/protocol.md, "The string to sign"):
///
/// ```text
/// <METHOD> "&" <path> "?" <query> [ "&" <base64 of the body bytes> ]
/// ```
///
/// `path` is the endpoint path after the base URL (`/v2/...`) and `query` the query exactly as it
/// is in the URL, byte for byte. A body adds `&` and its standard, padded base64; no body adds
/// nothing, not even the `&`. The message signed is the UTF-8 bytes of the result.
///
/// ```
/// use yoti_protocol::receipt::signing::string_to_sign;
///
/// assert_eq!(
///     string_to_sign("POST", "/v2/sessions/x/qr-codes", "nonce=n&timestamp=1", Some(b"{}")),
///     "POST&/v2/sessions/x/qr-codes?nonce=n&timestamp=1&e30="
/// );
/// assert_eq!(
///     string_to_sign("GET", "/v2/receipts/r", "nonce=n&timestamp=1", None),
///     "GET&/v2/receipts/r?nonce=n&timestamp=1"
/// );
/// ```
pub fn string_to_sign(method: &str, path: &str, query: &str, body: Option<&[u8]>) -> String {
    let mut out = format!("{method}&{path}?{query}");
    if let Some(body) = body {
        out.push('&');
        STANDARD.encode_string(body, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_body_means_no_trailing_ampersand() {
        assert_eq!(
            string_to_sign("GET", "/v2/sessions/a", "nonce=n&timestamp=1", None),
            "GET&/v2/sessions/a?nonce=n&timestamp=1"
        );
    }

    #[test]
    fn an_empty_body_is_still_a_body() {
        // Whether an empty body counts as none is the caller's decision (the emulator passes
        // `None`); the function itself signs what it is given.
        assert_eq!(
            string_to_sign("POST", "/v2/sessions", "nonce=n&timestamp=1", Some(b"")),
            "POST&/v2/sessions?nonce=n&timestamp=1&"
        );
    }
}
