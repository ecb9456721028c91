//! Middleware: request bodies read once with a size limit and a time limit; for the share API, counting,
//! injected faults and authentication.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::sync::Notify;

use crate::BASE_PATH;
use crate::auth::{self, AUTH_ID};
use crate::error::ApiError;
use crate::faults::Fault;
use crate::state::Shared;

/// Closes the connection a request arrived on, without an answer. Put in every request's
/// extensions by the accept loop.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionKiller(pub(crate) Arc<Notify>);

impl ConnectionKiller {
    /// Closes the connection; the caller should then wait forever, as its future is dropped.
    pub(crate) fn kill(&self) {
        self.0.notify_one();
    }
}

/// Reads the body into memory, refusing more than the configured limit with 413.
pub(crate) async fn buffer_body(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let limit = shared.settings.body_limit;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            format!("The request body is larger than {limit} bytes"),
        )
        .into_response()
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(
        shared.settings.read_timeout,
        axum::body::to_bytes(body, limit),
    );
    let Ok(read) = read.await else {
        return ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "REQUEST_TIMEOUT",
            "The request body was not received in time",
        )
        .into_response();
    };
    let Ok(bytes) = read else {
        return too_large();
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Counts the request, applies injected faults, authenticates, then lets the route answer.
pub(crate) async fn api_layer(
    State(shared): State<Arc<Shared>>,
    matched: MatchedPath,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().as_str().to_owned();
    // The matched route names the full path, the request's URI the path under the base path.
    let route = matched.as_str();
    let route = route.strip_prefix(BASE_PATH).unwrap_or(route);
    *shared
        .counters()
        .entry(format!("{method} {route}"))
        .or_default() += 1;

    let path = request.uri().path().to_owned();
    let sdk_id = request
        .headers()
        .get(AUTH_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| auth::bearer_holder(&shared, request.headers()));
    let plan = shared
        .faults()
        .take(&method, &path, sdk_id.as_deref(), Instant::now());
    if !plan.latency.is_zero() {
        tokio::time::sleep(plan.latency).await;
    }
    let killer = request.extensions().get::<ConnectionKiller>().cloned();
    match &plan.fault {
        Some(Fault::Error {
            status,
            error,
            message,
        }) => return injected_error(*status, error.as_deref(), message.as_deref()),
        Some(Fault::Drop) => return drop_connection(killer).await,
        Some(Fault::NotJson { status }) => return not_json(status.unwrap_or(200)),
        _ => {}
    }

    let (parts, body) = request.into_parts();
    // The body was read into memory by `buffer_body`.
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let caller = match auth::authenticate(&shared, &parts.method, &parts.uri, &parts.headers, &body)
    {
        Ok(caller) => caller,
        Err(error) => return error.into_response(),
    };
    let mut request = Request::from_parts(parts, Body::from(body));
    request.extensions_mut().insert(caller);
    let response = next.run(request).await;

    match plan.fault {
        Some(Fault::TruncatedBody) => truncated(response).await,
        Some(Fault::DropMidBody) => drop_mid_body(response, killer).await,
        _ => response,
    }
}

fn injected_error(status: u16, error: Option<&str>, message: Option<&str>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let code = error.unwrap_or(match status.as_u16() {
        400 => "INVALID_PAYLOAD",
        401 => "INVALID_REQUEST_SIGNATURE",
        403 => "INVALID_ORG_STATUS",
        404 => "NOT_FOUND",
        429 => "TOO_MANY_REQUESTS",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => "INTERNAL_ERROR",
    });
    let message = message
        .map(str::to_owned)
        .unwrap_or_else(|| format!("Injected fault: {status}"));
    ApiError::new(status, code, message).into_response()
}

fn not_json(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (
        status,
        "<html><body><h1>Gateway page</h1><p>This is not JSON.</p></body></html>",
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

async fn drop_connection(killer: Option<ConnectionKiller>) -> Response {
    match killer {
        Some(killer) => {
            killer.kill();
            std::future::pending::<Response>().await
        }
        None => ApiError::internal("the connection cannot be dropped here").into_response(),
    }
}

/// The first half of the body, with a `Content-Length` that matches it.
async fn truncated(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}

/// The head with the full `Content-Length` and half of the body, then the connection closes.
async fn drop_mid_body(response: Response, killer: Option<ConnectionKiller>) -> Response {
    let Some(killer) = killer else {
        return ApiError::internal("the connection cannot be dropped here").into_response();
    };
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let full = bytes.len();
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
    let first = futures_util::stream::once(std::future::ready(Ok::<Bytes, std::io::Error>(
        bytes.slice(..full / 2),
    )));
    let rest = futures_util::stream::once(async move {
        // Give the first half time to be written before the connection goes.
        tokio::time::sleep(Duration::from_millis(50)).await;
        killer.kill();
        std::future::pending::<Result<Bytes, std::io::Error>>().await
    });
    Response::from_parts(parts, Body::from_stream(first.chain(rest)))
}
