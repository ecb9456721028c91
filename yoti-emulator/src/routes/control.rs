//! The control API under `/emulator/v1` (not signed): sharing, application states, fault
//! injection, request counters, and the QR code page.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde_json::json;

use super::{json_response, qr_page};
use crate::application::ApplicationState;
use crate::error::ApiError;
use crate::faults::{FaultError, FaultRule};
use crate::share_request::ShareRequest;
use crate::state::Shared;
use crate::{control_guard, ids, json_body, share};

/// The control API routes, relative to the control path, each behind the checks of
/// [`control_guard`].
pub(crate) fn router(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    // What a browser opens from a QR code URI: no control token.
    let qr_page = Router::new()
        .route("/qr/{qr_code_id}", get(qr_page::page))
        .route("/qr/{qr_code_id}/share", post(qr_page::share));
    Router::new()
        .route("/sessions/{session_id}/share", post(share_session))
        .route("/applications", get(list_applications))
        .route("/applications/{sdk_id}/state", put(set_application_state))
        .route(
            "/faults",
            post(add_fault).get(list_faults).delete(clear_faults),
        )
        .route("/faults/{fault_id}", axum::routing::delete(remove_fault))
        .route(
            "/requests",
            get(request_counts).delete(reset_request_counts),
        )
        .route("/tokens", axum::routing::delete(expire_tokens))
        .route_layer(middleware::from_fn_with_state(
            shared.clone(),
            control_guard::token_if_configured,
        ))
        .merge(qr_page)
        .route_layer(middleware::from_fn_with_state(
            shared,
            control_guard::same_origin_only,
        ))
}

/// `POST /emulator/v1/sessions/{sessionId}/share` → `{"receiptId": "..."}`.
async fn share_session(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path
        .map_err(|_| ApiError::not_found("Share session not found"))?
        .0;
    let request = ShareRequest::parse(&body)?;
    let outcome = share::share(&shared, &id, &request)?;
    Ok(json_response(
        StatusCode::OK,
        &json!({ "receiptId": outcome.receipt_id, "sessionId": outcome.session_id }),
    ))
}

/// `GET /emulator/v1/applications`.
async fn list_applications(State(shared): State<Arc<Shared>>) -> Response {
    let apps = shared.apps_read();
    let mut list: Vec<_> = apps
        .values()
        .map(|entry| {
            json!({
                "sdkId": entry.app.sdk_id,
                "name": entry.app.name,
                "state": entry.app.state,
            })
        })
        .collect();
    list.sort_by(|a, b| a["sdkId"].as_str().cmp(&b["sdkId"].as_str()));
    json_response(StatusCode::OK, &json!(list))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateBody {
    state: ApplicationState,
}

/// `PUT /emulator/v1/applications/{sdkId}/state` with `{"state": "SERVICE_DISABLED"}`.
async fn set_application_state(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found("Application not found");
    let sdk_id = path.map_err(|_| not_found())?.0;
    let body: StateBody = serde_json::from_value(json_body::parse(&body)?).map_err(|e| {
        ApiError::invalid_payload(format!(
            "{e}; expected {{\"state\": \"ACTIVE\"}} with one of ACTIVE, SERVICE_DISABLED, \
             NO_ORGANISATION, ORGANISATION_NOT_VERIFIED, THIRD_PARTY_ISSUANCE_NOT_ALLOWED, \
             THIRD_PARTY_REQUEST_NOT_ALLOWED"
        ))
    })?;
    let mut apps = shared.apps_write();
    let entry = apps.get_mut(&sdk_id).ok_or_else(not_found)?;
    entry.app.state = body.state;
    Ok(json_response(
        StatusCode::OK,
        &json!({ "sdkId": sdk_id, "state": body.state }),
    ))
}

/// `POST /emulator/v1/faults` → 201 with the rule and its id.
async fn add_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Result<Response, ApiError> {
    let spec: FaultRule = serde_json::from_value(json_body::parse(&body)?)
        .map_err(|e| ApiError::invalid_payload(format!("The fault is invalid: {e}")))?;
    let id = ids::fault_id()?;
    let rule = shared
        .faults()
        .add(id, spec, Instant::now())
        .map_err(|e| match e {
            FaultError::TooMany => ApiError::limit_reached(e.to_string()),
            other => ApiError::invalid_payload(other.to_string()),
        })?;
    let body = serde_json::to_value(&rule).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(json_response(StatusCode::CREATED, &body))
}

/// `GET /emulator/v1/faults`.
async fn list_faults(State(shared): State<Arc<Shared>>) -> Result<Response, ApiError> {
    let rules = shared.faults().list();
    let body = serde_json::to_value(&rules).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(json_response(StatusCode::OK, &body))
}

/// `DELETE /emulator/v1/faults`.
async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    shared.faults().clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `DELETE /emulator/v1/faults/{id}`.
async fn remove_fault(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found("Fault not found");
    let id = path.map_err(|_| not_found())?.0;
    if shared.faults().remove(&id) {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(not_found())
    }
}

/// `GET /emulator/v1/requests`: how many requests each share API route received.
async fn request_counts(State(shared): State<Arc<Shared>>) -> Response {
    let counts = shared.counters().clone();
    json_response(StatusCode::OK, &json!(counts))
}

/// `DELETE /emulator/v1/tokens`: every bearer token issued so far expires.
async fn expire_tokens(State(shared): State<Arc<Shared>>) -> Response {
    shared.tokens().expire_all();
    StatusCode::NO_CONTENT.into_response()
}

/// `DELETE /emulator/v1/requests`.
async fn reset_request_counts(State(shared): State<Arc<Shared>>) -> Response {
    shared.counters().clear();
    StatusCode::NO_CONTENT.into_response()
}
