//! A cache of the current bearer token that renews it before it expires, with one token request
//! in flight however many calls wait for it.

use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::{AccessToken, AuthenticationTokenGenerator, TokenError};

/// The most a token is renewed before it expires: a minute, or a tenth of its lifetime when that
/// is shorter, so that a request sent just before renewal still arrives with a valid token.
const MAX_RENEWAL_MARGIN: Duration = Duration::from_secs(60);

struct Cached {
    token: AccessToken,
    renew_at: Instant,
}

/// Tokens from a generator for fixed scopes.
pub(crate) struct TokenSource {
    generator: AuthenticationTokenGenerator,
    scopes: Vec<String>,
    /// Held across the token request: callers that need a token while one is being requested
    /// wait for it here instead of requesting their own.
    cached: Mutex<Option<Cached>>,
}

impl TokenSource {
    pub(crate) fn new(generator: AuthenticationTokenGenerator, scopes: Vec<String>) -> Self {
        TokenSource {
            generator,
            scopes,
            cached: Mutex::new(None),
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
        let mut cached = self.cached.lock().await;
        if let Some(current) = cached.as_ref()
            && Instant::now() < current.renew_at
            && rejected != Some(&current.token)
        {
            return Ok(current.token.clone());
        }
        // Forget a refused or stale token even if the request below fails.
        *cached = None;
        let issued = self.generator.generate(&self.scopes).await?;
        let margin = MAX_RENEWAL_MARGIN.min(issued.expires_in / 10);
        let token = issued.access_token;
        *cached = Some(Cached {
            token: token.clone(),
            renew_at: Instant::now() + (issued.expires_in - margin),
        });
        Ok(token)
    }
}
