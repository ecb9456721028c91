//! The bearer token itself: a secret the client holds in memory only as long as it needs it.

use zeroize::Zeroizing;

/// An OAuth2 access token for the share API, sent as `Authorization: Bearer <token>`.
///
/// It is a credential: its `Debug` prints `<redacted>`, it has no `Display`, and its text is
/// zeroized when the last copy is dropped.
///
/// ```
/// use yoti_client::auth::AccessToken;
///
/// let token = AccessToken::new("eyJhbGciOi...");
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// assert_eq!(token.secret(), "eyJhbGciOi...");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Zeroizing<String>);

impl AccessToken {
    /// Wraps a token obtained elsewhere (e.g. from Yoti's token endpoint by another service).
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(Zeroizing::new(token.into()))
    }

    /// The token's text, to put in a header. Never log it.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// Whether the token is empty (or only white space), which no server accepts.
    pub(crate) fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}
