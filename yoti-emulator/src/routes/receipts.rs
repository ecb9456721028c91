//! Receipts and wrapped item keys: `GET /v2/receipts/{id}`, `GET /v2/wrapped-item-keys/{id}`.
//! Only the application whose session produced them can read them; for any other they do not
//! exist.

use std::sync::Arc;

use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::raw_json_response;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::ids;
use crate::state::Shared;

/// `GET /v2/receipts/{receiptId}`: the id in base64url or standard base64, padded or not.
pub(crate) async fn get_receipt(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    // Documented by Yoti: 404 "Receipt not found".
    let not_found = || ApiError::not_found("Receipt not found");
    let id = path.map_err(|_| not_found())?.0;
    let bytes = ids::receipt_id_bytes(&id).ok_or_else(not_found)?;
    let store = shared.store();
    let receipt = store
        .receipt(&bytes)
        .filter(|r| r.sdk_id == caller.0)
        .ok_or_else(not_found)?;
    Ok(raw_json_response(StatusCode::OK, receipt.json.clone()))
}

/// `GET /v2/wrapped-item-keys/{wrappedItemKeyId}`.
pub(crate) async fn get_wrapped_item_key(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found("Wrapped item key not found");
    let id = path.map_err(|_| not_found())?.0;
    let store = shared.store();
    let key = store
        .item_key(&id)
        .filter(|k| k.sdk_id == caller.0)
        .ok_or_else(not_found)?;
    Ok(raw_json_response(StatusCode::OK, key.json.clone()))
}
