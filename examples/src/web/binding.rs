//! The cookie that ties a browser to the share session it started.
//!
//! Its value is 32 random bytes (aws-lc-rs `SystemRandom`), in hex; the server keeps the
//! token's SHA-256 beside the session id. A random token rather than an HMAC-signed session id:
//! it needs no signing key to keep secret, rotate and persist across restarts, shows nothing
//! about the session, and is revoked by deleting its row. The database is there anyway.
//!
//! A binding lasts as long as its share session, plus a short grace: after that no share can
//! complete and the row is removed, so that page loads do not grow the database for ever.

use std::time::{Duration, SystemTime};

use aws_lc_rs::digest::{SHA256, digest};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use axum::http::{HeaderMap, HeaderValue, header};
use yoti_policy::Timestamp;

/// The cookie's name.
pub const COOKIE: &str = "yoti_share";
const TOKEN_BYTES: usize = 32;
/// How long a binding reserved before its session exists is kept if the session never comes:
/// well past the time the client may take to create one.
pub(super) const RESERVATION: Duration = Duration::from_secs(5 * 60);
/// How long a binding outlives its session: for the redirect of a share made at the last moment.
const GRACE: Duration = Duration::from_secs(10 * 60);
/// The longest a binding is kept, whatever expiry the API gives its session.
const LONGEST: Duration = Duration::from_secs(24 * 60 * 60);

/// When the binding of a session that expires at `session_expiry` is removed: the grace after
/// it, within [`LONGEST`] from `now`; [`LONGEST`] from `now` when the expiry is unreadable.
pub(super) fn expires_at(session_expiry: &Timestamp, now: SystemTime) -> SystemTime {
    let longest = now + LONGEST;
    session_expiry
        .to_system_time()
        .ok()
        .and_then(|expiry| expiry.checked_add(GRACE))
        .map_or(longest, |expiry| expiry.min(longest))
}

/// A new browser token.
pub(super) struct Token(String);

impl Token {
    /// A fresh random token; `None` only if the system's random source fails.
    pub(super) fn generate() -> Option<Self> {
        let mut bytes = [0u8; TOKEN_BYTES];
        SystemRandom::new().fill(&mut bytes).ok()?;
        Some(Token(hex::encode(bytes)))
    }

    /// The `Set-Cookie` value: `HttpOnly` (no script reads it), `SameSite=Lax` (sent on the
    /// top-level redirect back from Yoti, not on cross-site subrequests), `Path=/`, and `Secure`
    /// when the site is served over https.
    pub(super) fn set_cookie(&self, secure: bool) -> Option<HeaderValue> {
        let secure = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{COOKIE}={}; HttpOnly; SameSite=Lax; Path=/{secure}",
            self.0
        ))
        .ok()
    }

    /// What the server keeps: the token's SHA-256, hex.
    pub(super) fn sha256(&self) -> String {
        token_sha256(&self.0)
    }
}

/// The SHA-256 (hex) of the well-formed token in the request's cookies, if there is one.
pub(super) fn token_sha256_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|value| {
            value.len() == 2 * TOKEN_BYTES && value.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(token_sha256)
}

fn token_sha256(token: &str) -> String {
    hex::encode(digest(&SHA256, token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie_header(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_token_is_random_and_its_cookie_has_every_attribute() {
        let (a, b) = (Token::generate().unwrap(), Token::generate().unwrap());
        assert_ne!(a.0, b.0);
        assert_eq!(a.0.len(), 64);
        let cookie = a.set_cookie(false).unwrap();
        let cookie = cookie.to_str().unwrap();
        assert!(
            cookie.starts_with(&format!("yoti_share={}; ", a.0)),
            "{cookie}"
        );
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(attribute), "{cookie}");
        }
        assert!(!cookie.contains("Secure"));
        assert!(
            a.set_cookie(true)
                .unwrap()
                .to_str()
                .unwrap()
                .ends_with("; Secure")
        );
    }

    #[test]
    fn the_token_is_found_among_other_cookies_and_hashed() {
        let token = Token::generate().unwrap();
        let headers = cookie_header(&format!("theme=dark; {COOKIE}={}; other=1", token.0));
        assert_eq!(token_sha256_from(&headers), Some(token.sha256()));
        assert_ne!(token.sha256(), token.0);
    }

    #[test]
    fn a_binding_expires_after_its_session_within_a_day() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_747_825_200);
        let in_ten_minutes = Timestamp::new("2025-05-21T11:10:00Z");
        assert_eq!(
            expires_at(&in_ten_minutes, now),
            now + Duration::from_secs(20 * 60)
        );
        for far_or_unreadable in ["2999-01-01T00:00:00Z", "tomorrow", ""] {
            assert_eq!(
                expires_at(&Timestamp::new(far_or_unreadable), now),
                now + LONGEST,
                "{far_or_unreadable}"
            );
        }
    }

    #[test]
    fn no_malformed_or_foreign_cookie_counts_as_a_token() {
        for value in [
            "theme=dark",
            "yoti_share=",
            "yoti_share=short",
            "xyoti_share=00",
            &format!("yoti_share={}", "g".repeat(64)),
            &format!("yoti_share={}", "0".repeat(65)),
        ] {
            assert_eq!(token_sha256_from(&cookie_header(value)), None, "{value}");
        }
        assert_eq!(token_sha256_from(&HeaderMap::new()), None);
    }
}
