//! The HTTP routes: the share API under the base path, the control API and the QR code page
//! under the control path, and the answers for unknown routes. The handlers live here; the
//! server only takes the router.

mod control;
mod layers;
mod qr_page;
mod receipts;
mod sessions;
mod token;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, OriginalUri};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;

pub(crate) use layers::ConnectionKiller;
pub(crate) use token::TOKEN_PATH;

use crate::error::ApiError;
use crate::state::Shared;
use crate::{BASE_PATH, CONTROL_PATH};

/// The whole application.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    // Nested routes see the request path without their base path: the share API's handlers,
    // fault rules and signature check work on `/v2/...`, as a client signs it.
    let share_api = Router::new()
        .route("/v2/sessions", post(sessions::create_session))
        .route("/v2/sessions/{session_id}", get(sessions::get_session))
        .route(
            "/v2/sessions/{session_id}/qr-codes",
            post(sessions::create_qr_code),
        )
        .route("/v2/qr-codes/{qr_code_id}", get(sessions::get_qr_code))
        .route("/v2/receipts/{receipt_id}", get(receipts::get_receipt))
        .route(
            "/v2/wrapped-item-keys/{item_key_id}",
            get(receipts::get_wrapped_item_key),
        )
        .route_layer(middleware::from_fn_with_state(
            shared.clone(),
            layers::api_layer,
        ));
    Router::new()
        .nest(BASE_PATH, share_api)
        .nest(CONTROL_PATH, control::router(shared.clone()))
        .route(TOKEN_PATH, post(token::issue))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            layers::buffer_body,
        ))
        .layer(DefaultBodyLimit::disable())
        .with_state(shared)
}

/// An unknown route under the share API or the control API is Yoti's coded 404. Anywhere else
/// the API is not there at all, as behind a gateway: a 404 without Yoti's `code`, which
/// `yoti-client` reports as `NoRoute`, the hint that the base URL lacks `/share`.
async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> Response {
    let path = uri.path();
    let under = |base: &str| {
        path.strip_prefix(base)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    if under(BASE_PATH) || under(CONTROL_PATH) {
        return ApiError::not_found(format!("No route for {method} {path}")).into_response();
    }
    let body = serde_json::json!({
        "status": 404,
        "message": format!(
            "No route for {method} {path}: the share API is served under {BASE_PATH}, \
             e.g. {BASE_PATH}/v2/sessions"
        ),
    });
    let content_type = [(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    )];
    (StatusCode::NOT_FOUND, content_type, body.to_string()).into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// A JSON answer.
pub(crate) fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => raw_json_response(status, text),
        Err(e) => {
            ApiError::internal(format!("the answer could not be written: {e}")).into_response()
        }
    }
}

/// A JSON answer from JSON text.
pub(crate) fn raw_json_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
