//! Bearer tokens issued by the token endpoint: opaque random strings, each with the application
//! it was issued to and its expiry. Only a hash of each token is kept. Their number is bounded:
//! expired ones are forgotten first, and at the bound no new token is issued.

use std::collections::HashMap;
use std::time::Instant;

use aws_lc_rs::digest::{SHA256, digest};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::ids::{self, RandomError};

/// The most tokens held at once (each about 100 bytes).
pub(crate) const MAX_TOKENS: usize = 10_000;

/// Why no token was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssueError {
    /// [`MAX_TOKENS`] unexpired tokens are held.
    Full,
    /// The system random generator failed.
    Random,
}

impl From<RandomError> for IssueError {
    fn from(_: RandomError) -> Self {
        IssueError::Random
    }
}

struct Issued {
    sdk_id: String,
    expires: Instant,
}

/// The tokens issued and not yet forgotten.
#[derive(Default)]
pub(crate) struct TokenStore {
    by_hash: HashMap<[u8; 32], Issued>,
}

impl TokenStore {
    /// A new token for `sdk_id`, valid until `expires`.
    pub(crate) fn issue(
        &mut self,
        sdk_id: &str,
        now: Instant,
        expires: Instant,
    ) -> Result<String, IssueError> {
        if self.by_hash.len() >= MAX_TOKENS {
            self.by_hash.retain(|_, issued| issued.expires > now);
        }
        if self.by_hash.len() >= MAX_TOKENS {
            return Err(IssueError::Full);
        }
        let token = URL_SAFE_NO_PAD.encode(ids::random::<32>()?);
        self.by_hash.insert(
            hash(&token),
            Issued {
                sdk_id: sdk_id.to_owned(),
                expires,
            },
        );
        Ok(token)
    }

    /// The application `token` was issued to, if it is known and has not expired.
    pub(crate) fn holder(&self, token: &str, now: Instant) -> Option<&str> {
        self.by_hash
            .get(&hash(token))
            .filter(|issued| issued.expires > now)
            .map(|issued| issued.sdk_id.as_str())
    }

    /// Expires every token: the next request with one gets 401.
    pub(crate) fn expire_all(&mut self) {
        self.by_hash.clear();
    }
}

fn hash(token: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, token.as_bytes()).as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn tokens_name_their_application_until_they_expire() {
        let mut store = TokenStore::default();
        let now = Instant::now();
        let token = store
            .issue("app", now, now + Duration::from_secs(10))
            .unwrap();
        assert_eq!(store.holder(&token, now), Some("app"));
        assert_eq!(store.holder(&format!("{token}x"), now), None);
        assert_eq!(store.holder(&token, now + Duration::from_secs(10)), None);
        let other = store
            .issue("app", now, now + Duration::from_secs(10))
            .unwrap();
        assert_ne!(token, other);
        store.expire_all();
        assert_eq!(store.holder(&other, now), None);
    }

    #[test]
    fn at_the_bound_expired_tokens_make_room_and_live_ones_do_not() {
        let mut store = TokenStore::default();
        let now = Instant::now();
        let later = now + Duration::from_secs(5);
        for _ in 0..MAX_TOKENS {
            store.issue("app", now, later).unwrap();
        }
        assert_eq!(store.issue("app", now, later), Err(IssueError::Full));
        assert!(
            store
                .issue("app", later, later + Duration::from_secs(1))
                .is_ok()
        );
    }
}
