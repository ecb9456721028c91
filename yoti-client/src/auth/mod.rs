//! Bearer-token authentication ("central auth", docs/protocol.md, "Bearer tokens"): instead of
//! signing each request, the client sends `Authorization: Bearer <token>`, the token obtained
//! from Yoti's OAuth2 token endpoint with a client assertion signed by the application key.
//!
//! Receipts are still decrypted with the application key either way.

mod assertion;
mod error;
mod generator;
mod source;
mod token;

pub use assertion::{ASSERTION_LIFETIME_SECS, client_assertion};
pub use error::TokenError;
pub use generator::{AuthenticationToken, AuthenticationTokenGenerator, MAX_TOKEN_RESPONSE_SIZE};
pub use token::AccessToken;

pub(crate) use source::TokenSource;

/// Yoti's token endpoint. (Here rather than beside the generator, so that the configuration can
/// name it without the two files importing each other.)
pub const DEFAULT_AUTH_URL: &str = "https://auth.api.yoti.com/v1/oauth/token";

/// How the share API's requests are authenticated.
#[derive(Debug, Clone, Default)]
pub(crate) enum Authentication {
    /// Each request signed with the application key (the default).
    #[default]
    SignedRequests,
    /// A token the application obtained itself; a 401 is returned as is.
    BearerToken(AccessToken),
    /// Tokens for these scopes from the token endpoint, cached and renewed by the client.
    CentralAuth(Vec<String>),
}

/// The authentication of a running client.
pub(crate) enum Auth {
    Signed,
    Fixed(AccessToken),
    // Boxed: the cache and its last failure are far larger than the other variants.
    Source(Box<TokenSource>),
}

impl Auth {
    /// The token for the next request, `None` for signed requests.
    pub(crate) async fn token(&self) -> Result<Option<AccessToken>, TokenError> {
        match self {
            Auth::Signed => Ok(None),
            Auth::Fixed(token) => Ok(Some(token.clone())),
            Auth::Source(source) => source.token().await.map(Some),
        }
    }

    /// A fresh token after `rejected` was refused, when tokens can be renewed.
    pub(crate) async fn renew(
        &self,
        rejected: &AccessToken,
    ) -> Option<Result<AccessToken, TokenError>> {
        match self {
            Auth::Source(source) => Some(source.renew(rejected).await),
            Auth::Signed | Auth::Fixed(_) => None,
        }
    }
}
