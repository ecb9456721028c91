//! Bearer tokens issued by the token endpoint: opaque random strings, each with the application
//! it was issued to and its expiry. Only a hash of each token is kept. Their number is bounded
//! per application, so that one application asking without end locks out no other: at an
//! application's bound its expired tokens are forgotten first, then no new token is issued to it.

use std::collections::HashMap;
use std::time::Instant;

use aws_lc_rs::digest::{SHA256, digest};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::ids::{self, RandomError};

/// The most tokens held at once for one application (each about 100 bytes). The applications
/// are those the emulator was started with, so the whole store is bounded too.
pub(crate) const MAX_TOKENS_PER_APPLICATION: usize = 10_000;

/// Why no token was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssueError {
    /// [`MAX_TOKENS_PER_APPLICATION`] unexpired tokens are held for the application.
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
    /// How many of `by_hash` each application holds; no entry for none.
    held: HashMap<String, usize>,
}

impl TokenStore {
    /// A new token for `sdk_id`, valid until `expires`.
    pub(crate) fn issue(
        &mut self,
        sdk_id: &str,
        now: Instant,
        expires: Instant,
    ) -> Result<String, IssueError> {
        if self.held_by(sdk_id) >= MAX_TOKENS_PER_APPLICATION {
            self.forget_expired(now);
        }
        if self.held_by(sdk_id) >= MAX_TOKENS_PER_APPLICATION {
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
        *self.held.entry(sdk_id.to_owned()).or_default() += 1;
        Ok(token)
    }

    fn held_by(&self, sdk_id: &str) -> usize {
        self.held.get(sdk_id).copied().unwrap_or(0)
    }

    /// Forgets the tokens of every application that have expired by `now`.
    fn forget_expired(&mut self, now: Instant) {
        let held = &mut self.held;
        self.by_hash.retain(|_, issued| {
            let live = issued.expires > now;
            if !live && let Some(count) = held.get_mut(&issued.sdk_id) {
                *count = count.saturating_sub(1);
            }
            live
        });
        held.retain(|_, count| *count > 0);
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
        self.held.clear();
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
        for _ in 0..MAX_TOKENS_PER_APPLICATION {
            store.issue("app", now, later).unwrap();
        }
        assert_eq!(store.issue("app", now, later), Err(IssueError::Full));
        assert!(
            store
                .issue("app", later, later + Duration::from_secs(1))
                .is_ok()
        );
        // The expired ones were forgotten: room for all but the one just issued.
        assert_eq!(store.held_by("app"), 1);
        assert_eq!(store.by_hash.len(), 1);
    }

    #[test]
    fn one_application_at_its_bound_locks_out_no_other() {
        let mut store = TokenStore::default();
        let now = Instant::now();
        let later = now + Duration::from_secs(5);
        for _ in 0..MAX_TOKENS_PER_APPLICATION {
            store.issue("greedy", now, later).unwrap();
        }
        assert_eq!(store.issue("greedy", now, later), Err(IssueError::Full));
        let token = store.issue("other", now, later).unwrap();
        assert_eq!(store.holder(&token, now), Some("other"));
        assert_eq!(store.issue("greedy", now, later), Err(IssueError::Full));
        store.expire_all();
        assert!(store.issue("greedy", now, later).is_ok());
    }
}
