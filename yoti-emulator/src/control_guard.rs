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

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::Shared;

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
