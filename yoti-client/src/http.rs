//! The HTTP client the share API and the token endpoint share, and how its errors and redirects
//! are shown: never with a request's query, nonce or token.

use std::error::Error as _;
use std::time::Duration;

use crate::config::HttpSetup;
use crate::error::ConfigError;

/// How long an idle pooled connection is kept: below the idle timeouts servers commonly use.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(20);

/// The HTTP client of the share API and the token endpoint: the application's set-up, if any,
/// then the settings the client's guarantees depend on, which override it.
pub(crate) fn http_client(setup: Option<&HttpSetup>) -> Result<reqwest::Client, ConfigError> {
    // Servers close idle connections (the emulator after 30 s); dropping ours first keeps a
    // request, a POST above all, from going out on a connection being closed. A default the
    // application may change.
    let builder = reqwest::Client::builder().pool_idle_timeout(POOL_IDLE_TIMEOUT);
    let builder = match setup {
        Some(setup) => (setup.0)(builder),
        None => builder,
    };
    builder
        // A redirect would carry the signed headers or the token (and for 307/308 the body) to
        // whatever origin it names, and take that origin's answer as the API's.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(ConfigError::Http)
}

/// reqwest's own description without its URL (which holds the nonce), followed by the error at
/// the bottom of its chain, e.g. `error sending request: Connection refused (os error 111)`.
pub(crate) fn root_cause(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut root = None;
    let mut next = error.source();
    while let Some(cause) = next {
        root = Some(cause);
        next = cause.source();
    }
    if let Some(root) = root.map(ToString::to_string)
        && !text.contains(&root)
    {
        text.push_str(": ");
        text.push_str(&root);
    }
    text
}

/// Where a redirect pointed, as errors may show it: the origin and path, never the query; only
/// the origin when the request's own path is private.
pub(crate) fn redirect_target(response: &reqwest::Response, origin_only: bool) -> Option<String> {
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)?
        .to_str()
        .ok()?;
    let target = response.url().join(location).ok()?;
    if !target.origin().is_tuple() {
        // `mailto:`, `data:` and the like have no origin to show.
        return Some(format!("a `{}:` address", target.scheme()));
    }
    let origin = target.origin().ascii_serialization();
    Some(if origin_only {
        origin
    } else {
        format!("{origin}{}", target.path())
    })
}
