//! The token that opens `GET /verifications`. That page lists every stored name, so it is
//! served only when a token is configured, and only to requests carrying
//! `Authorization: Bearer <token>`, compared in constant time.

use aws_lc_rs::constant_time::verify_slices_are_equal;
use aws_lc_rs::digest::{Digest, SHA256, digest};
use axum::http::{HeaderMap, header};

/// The shortest token accepted: a guessable one would open every stored name.
pub(super) const MIN_TOKEN_LEN: usize = 16;

/// The expected `Authorization` value, kept only as its SHA-256: the token itself is not kept,
/// so no Debug print can show it.
#[derive(Clone)]
pub(super) struct StaffToken {
    expected: Digest,
}

impl std::fmt::Debug for StaffToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffToken(..)")
    }
}

impl StaffToken {
    /// `None` unless `token` is at least [`MIN_TOKEN_LEN`] visible ASCII characters (what a
    /// header can carry).
    pub(super) fn new(token: &str) -> Option<Self> {
        let usable = token.len() >= MIN_TOKEN_LEN && token.bytes().all(|b| b.is_ascii_graphic());
        usable.then(|| StaffToken {
            expected: digest(&SHA256, format!("Bearer {token}").as_bytes()),
        })
    }

    /// Whether `headers` carry one `Authorization` header with the token. The digests are
    /// compared, so that neither the token's content nor its length shows in the time taken.
    pub(super) fn allows(&self, headers: &HeaderMap) -> bool {
        let mut values = headers.get_all(header::AUTHORIZATION).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return false;
        };
        let received = digest(&SHA256, value.as_bytes());
        verify_slices_are_equal(received.as_ref(), self.expected.as_ref()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    const TOKEN: &str = "a-staff-token-0123456789";

    fn with_authorization(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn only_the_bearer_token_itself_is_allowed() {
        let token = StaffToken::new(TOKEN).unwrap();
        assert!(token.allows(&with_authorization(&[&format!("Bearer {TOKEN}")])));
        for wrong in [
            vec![],
            vec![TOKEN.to_owned()],
            vec![format!("Bearer {TOKEN}x")],
            vec![format!("bearer {TOKEN}")],
            vec![format!("Basic {TOKEN}")],
            vec![format!("Bearer {TOKEN}"), format!("Bearer {TOKEN}")],
        ] {
            let values: Vec<&str> = wrong.iter().map(String::as_str).collect();
            assert!(!token.allows(&with_authorization(&values)), "{wrong:?}");
        }
        assert_eq!(format!("{token:?}"), "StaffToken(..)");
    }

    #[test]
    fn short_blank_or_unsendable_tokens_are_refused() {
        for token in [
            "",
            "short",
            "                    ",
            "token with spaces in it",
            "tøken-0123456789abc",
        ] {
            assert!(StaffToken::new(token).is_none(), "{token:?}");
        }
    }
}
