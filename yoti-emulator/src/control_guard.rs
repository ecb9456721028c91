//! Who may drive the control API. It is not signed, so without these checks any web page the
//! developer opens could drive a running emulator: by a form or `fetch` posting to
//! `127.0.0.1` (cross-site request forgery), or through a host name of its own that it points
//! at `127.0.0.1` after the page has loaded (DNS rebinding). So:
//!
//! * the `Host` must be the emulator's own: a loopback name or address with its port, or the
//!   configured public origin; else 403 `FORBIDDEN_HOST`;
//! * an `Origin`, when present, must be the emulator's own too (a page it served, such as the QR
//!   code page); else 403 `FORBIDDEN_ORIGIN`;
//! * a request with a body must say `Content-Type: application/json` (which a page on another
//!   origin cannot send without a CORS preflight, which the emulator never grants); else 415;
//! * when a control token is configured, `Authorization: Bearer <token>`, compared in constant
//!   time; else 401. The QR code page and its Share form do not need it: a browser opens them
//!   from the QR code URI, which names an unguessable QR code id.

use std::fmt;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use zeroize::Zeroizing;

use crate::error::ApiError;
use crate::state::Shared;

/// Names the emulator is reached by on this machine. It listens on 127.0.0.1 only; `localhost`
/// and `[::1]` are what a browser or proxy may write in `Host` for it.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// The secret the control API asks for, when configured. Never printed.
#[derive(Clone)]
pub(crate) struct ControlToken(Zeroizing<String>);

impl ControlToken {
    pub(crate) fn new(token: String) -> Self {
        ControlToken(Zeroizing::new(token))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `given` is the token, in time that does not depend on where they differ.
    fn matches(&self, given: &[u8]) -> bool {
        aws_lc_rs::constant_time::verify_slices_are_equal(self.0.as_bytes(), given).is_ok()
    }
}

impl fmt::Debug for ControlToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ControlToken(..)")
    }
}

/// A `host` and port, the host in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Authority {
    host: String,
    port: u16,
}

impl Authority {
    /// `host[:port]` (an IPv6 host in brackets); the port defaults to `default_port`. User
    /// information (`user@host`) is refused: a `Host` header never has any.
    fn parse(text: &str, default_port: u16) -> Option<Self> {
        let authority: axum::http::uri::Authority = text.trim().parse().ok()?;
        if authority.as_str().contains('@') || authority.host().is_empty() {
            return None;
        }
        Some(Authority {
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(default_port),
        })
    }
}

/// A `scheme://host[:port]` origin.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    https: bool,
    authority: Authority,
}

impl Origin {
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches('/');
        let (https, rest) = if let Some(rest) = strip_prefix_ignore_case(text, "https://") {
            (true, rest)
        } else {
            (false, strip_prefix_ignore_case(text, "http://")?)
        };
        let default_port = if https { 443 } else { 80 };
        let authority = Authority::parse(rest, default_port)?;
        Some(Origin { https, authority })
    }

    fn default_port(&self) -> u16 {
        if self.https { 443 } else { 80 }
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    if text.get(..prefix.len())?.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// The emulator's own origins and the optional control token.
#[derive(Debug, Clone)]
pub(crate) struct ControlAccess {
    port: u16,
    /// The configured public origin, when it parses as one.
    public: Option<Origin>,
    token: Option<ControlToken>,
}

impl ControlAccess {
    pub(crate) fn new(port: u16, public_origin: &str, token: Option<ControlToken>) -> Self {
        ControlAccess {
            port,
            public: Origin::parse(public_origin),
            token,
        }
    }

    fn is_loopback(&self, authority: &Authority) -> bool {
        authority.port == self.port && LOOPBACK_HOSTS.contains(&authority.host.as_str())
    }

    /// Whether a `Host` header names the emulator. Without a port, a `Host` means the default
    /// port of the scheme: HTTP for the emulator itself, the public origin's scheme for a proxy
    /// in front of it.
    fn host_allowed(&self, host: &str) -> bool {
        Authority::parse(host, 80).is_some_and(|a| self.is_loopback(&a))
            || self.public.as_ref().is_some_and(|public| {
                Authority::parse(host, public.default_port()) == Some(public.authority.clone())
            })
    }

    /// Whether an `Origin` header is one of the emulator's own.
    fn origin_allowed(&self, origin: &str) -> bool {
        Origin::parse(origin).is_some_and(|origin| {
            (!origin.https && self.is_loopback(&origin.authority))
                || self.public.as_ref() == Some(&origin)
        })
    }
}

/// The `Host`, `Origin` and `Content-Type` checks, for every control API route.
pub(crate) async fn same_origin_only(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let access = &shared.settings.control;
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()));
    if !host.is_some_and(|host| access.host_allowed(&host)) {
        return forbidden(
            "FORBIDDEN_HOST",
            "The control API answers only requests addressed to the emulator itself (Host \
             127.0.0.1, localhost or [::1] with its port, or its public base URL)",
        );
    }
    if let Some(origin) = headers.get(header::ORIGIN)
        && !origin.to_str().is_ok_and(|o| access.origin_allowed(o))
    {
        return forbidden(
            "FORBIDDEN_ORIGIN",
            "The control API answers only requests from the emulator's own pages; a page of \
             another origin cannot drive it",
        );
    }
    let (parts, body) = request.into_parts();
    // The body was read into memory by `buffer_body`.
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if !body.is_empty() && !is_json(&parts.headers) {
        return ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "A control API request with a body must have `Content-Type: application/json`",
        )
        .into_response();
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// The control token check, for every control API route but the QR code page and its form.
pub(crate) async fn token_if_configured(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = &shared.settings.control.token else {
        return next.run(request).await;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, credentials) = v.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then_some(credentials.trim())
        });
    let refusal = match given {
        None => "The control API needs `Authorization: Bearer <control token>`",
        Some(given) if !token.matches(given.as_bytes()) => "The control token is not the right one",
        Some(_) => return next.run(request).await,
    };
    let mut response =
        ApiError::new(StatusCode::UNAUTHORIZED, "INVALID_CONTROL_TOKEN", refusal).into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"yoti-emulator control API\""),
    );
    response
}

fn forbidden(code: &str, message: &str) -> Response {
    ApiError::new(StatusCode::FORBIDDEN, code, message).into_response()
}

/// `application/json`, with or without parameters such as `charset`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(public: &str) -> ControlAccess {
        ControlAccess::new(8765, public, None)
    }

    #[test]
    fn loopback_hosts_with_the_port_are_the_emulator() {
        let access = access("http://127.0.0.1:8765");
        for host in [
            "127.0.0.1:8765",
            "localhost:8765",
            "LOCALHOST:8765",
            "[::1]:8765",
        ] {
            assert!(access.host_allowed(host), "{host}");
        }
        for host in [
            "127.0.0.1:8766",
            "127.0.0.1",
            "evil.example:8765",
            "localhost.evil.example:8765",
            "127.0.0.1:8765@evil",
            "[::1]",
            "",
            "127.0.0.1:x",
        ] {
            assert!(!access.host_allowed(host), "{host}");
        }
    }

    #[test]
    fn the_public_origin_is_the_emulator_too() {
        let access = access("https://emulator.test");
        assert!(access.host_allowed("emulator.test"));
        assert!(access.host_allowed("emulator.test:443"));
        assert!(!access.host_allowed("emulator.test:80"));
        assert!(access.origin_allowed("https://emulator.test"));
        assert!(access.origin_allowed("https://emulator.test:443"));
        assert!(!access.origin_allowed("http://emulator.test"));
        // A bare loopback name means port 80, which is not the emulator's.
        assert!(!access.host_allowed("localhost"));
        let on_80 = ControlAccess::new(80, "http://127.0.0.1", None);
        assert!(on_80.host_allowed("localhost"));
    }

    #[test]
    fn only_the_emulators_own_origins_are_allowed() {
        let access = access("http://localhost:9999");
        for origin in [
            "http://127.0.0.1:8765",
            "http://localhost:8765",
            "http://[::1]:8765",
            "http://localhost:9999",
        ] {
            assert!(access.origin_allowed(origin), "{origin}");
        }
        for origin in [
            "null",
            "https://127.0.0.1:8765",
            "http://127.0.0.1:3000",
            "http://evil.example",
            "http://evil.example:8765",
            "file://",
            "",
        ] {
            assert!(!access.origin_allowed(origin), "{origin}");
        }
    }

    #[test]
    fn tokens_compare_whole_and_never_print() {
        let token = ControlToken::new("s3cret".into());
        assert!(token.matches(b"s3cret"));
        assert!(!token.matches(b"s3cre"));
        assert!(!token.matches(b"s3cret!"));
        assert!(!token.matches(b""));
        assert_eq!(format!("{token:?}"), "ControlToken(..)");
    }
}
