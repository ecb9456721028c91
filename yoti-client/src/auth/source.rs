//! A cache of the current bearer token that renews it before it expires, with one token request
//! in flight however many calls wait for it. A failed request is the answer of every call that
//! waited for it, and the next request after a failure waits for a backoff, so that an endpoint
//! that fails is not asked once per call.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::{AccessToken, AuthenticationTokenGenerator, TokenError};

/// The most a token is renewed before it expires: a minute, or a tenth of its lifetime when that
/// is shorter, so that a request sent just before renewal still arrives with a valid token.
const MAX_RENEWAL_MARGIN: Duration = Duration::from_secs(60);

/// The longest a token is cached, however long the endpoint says it lasts: a day. (An
/// `expires_in` near `u64::MAX` seconds is past what the clock can count.)
const MAX_CACHED_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The backoff after one failed token request, doubled after each further one up to
/// [`MAX_BACKOFF`].
const BASE_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

struct Cached {
    token: AccessToken,
    renew_at: Instant,
}

struct Failure {
    error: TokenError,
    /// The number of the token request that failed.
    request: u64,
    /// How many token requests in a row have failed.
    streak: u32,
    /// When the next token request may be sent.
    retry_at: Instant,
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    failure: Option<Failure>,
}

/// Tokens from a generator for fixed scopes.
pub(crate) struct TokenSource {
    generator: AuthenticationTokenGenerator,
    scopes: Vec<String>,
    /// Held across the token request (and the backoff before it): callers that need a token
    /// meanwhile wait here for its outcome instead of requesting their own.
    state: Mutex<State>,
    /// How many token requests have finished; a caller reads it before it waits for `state`, so
    /// that a request that failed while it waited is its answer too.
    finished: AtomicU64,
}

impl TokenSource {
    pub(crate) fn new(generator: AuthenticationTokenGenerator, scopes: Vec<String>) -> Self {
        TokenSource {
            generator,
            scopes,
            state: Mutex::new(State::default()),
            finished: AtomicU64::new(0),
        }
    }

    /// The cached token while it is fresh, else a new one.
    pub(crate) async fn token(&self) -> Result<AccessToken, TokenError> {
        self.token_other_than(None).await
    }

    /// A token other than `rejected`, which the API refused: the cached one if another caller
    /// has renewed it meanwhile, else a new one.
    pub(crate) async fn renew(&self, rejected: &AccessToken) -> Result<AccessToken, TokenError> {
        self.token_other_than(Some(rejected)).await
    }

    async fn token_other_than(
        &self,
        rejected: Option<&AccessToken>,
    ) -> Result<AccessToken, TokenError> {
        let finished_before = self.finished.load(Ordering::Acquire);
        let mut state = self.state.lock().await;
        if let Some(current) = state.cached.as_ref()
            && Instant::now() < current.renew_at
            && rejected != Some(&current.token)
        {
            return Ok(current.token.clone());
        }
        if let Some(failure) = &state.failure {
            if failure.request > finished_before {
                return Err(failure.error.clone());
            }
            tokio::time::sleep_until(failure.retry_at.into()).await;
        }
        // Forget a refused or stale token even if the request below fails.
        state.cached = None;
        let outcome = self.generator.generate(&self.scopes).await;
        // Only the holder of `state` counts, so this is the number of this request.
        let request = self.finished.load(Ordering::Acquire) + 1;
        let now = Instant::now();
        let result = match outcome {
            Ok(issued) => {
                let lifetime = issued.expires_in.min(MAX_CACHED_LIFETIME);
                let margin = MAX_RENEWAL_MARGIN.min(lifetime / 10);
                let token = issued.access_token;
                state.cached = Some(Cached {
                    token: token.clone(),
                    renew_at: now.checked_add(lifetime - margin).unwrap_or(now),
                });
                state.failure = None;
                Ok(token)
            }
            Err(error) => {
                let streak = state
                    .failure
                    .as_ref()
                    .map_or(1, |failure| failure.streak.saturating_add(1));
                let random = fastrand::u64(..);
                let backoff = backoff(streak, random);
                state.failure = Some(Failure {
                    error: error.clone(),
                    request,
                    streak,
                    retry_at: now.checked_add(backoff).unwrap_or(now),
                });
                tracing::debug!(streak, ?backoff, "token request failed");
                Err(error)
            }
        };
        self.finished.store(request, Ordering::Release);
        result
    }
}

/// The wait before the next token request after `streak` failures in a row (at least 1), given a
/// random number: between half and all of the capped exponential backoff, so that the requests
/// of many clients spread out yet none comes right after a failure.
fn backoff(streak: u32, random: u64) -> Duration {
    let doublings = streak.saturating_sub(1);
    let cap = BASE_BACKOFF
        .saturating_mul(1u32.checked_shl(doublings).unwrap_or(u32::MAX))
        .min(MAX_BACKOFF);
    let half = cap / 2;
    let half_micros = u64::try_from(half.as_micros()).unwrap_or(u64::MAX);
    half + Duration::from_micros(random % half_micros.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_grows_is_capped_and_never_near_zero() {
        assert_eq!(backoff(1, 0), Duration::from_millis(50));
        assert_eq!(backoff(1, 50_000), Duration::from_millis(100));
        assert_eq!(backoff(2, 0), Duration::from_millis(100));
        assert!(backoff(2, u64::MAX) <= Duration::from_millis(200));
        for streak in [7, 40, u32::MAX] {
            assert_eq!(backoff(streak, 0), MAX_BACKOFF / 2);
            assert!(backoff(streak, u64::MAX) <= MAX_BACKOFF);
        }
        assert_eq!(backoff(0, 0), backoff(1, 0));
    }
}
