//! Share sessions and QR codes: `POST /v2/sessions`, `GET /v2/sessions/{id}`,
//! `POST /v2/sessions/{id}/qr-codes`, `GET /v2/qr-codes/{id}`.

use std::sync::Arc;
use std::time::SystemTime;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};
use yoti_policy::ShareSessionConfiguration;
use yoti_policy::catalogue;
use yoti_policy::session::Extension as SessionExtension;
use yoti_protocol::api::{QrCodeSession, ShareQrCode, ShareQrCodeDetails, ShareSessionDetails};

use super::json_response;
use crate::application::ApplicationState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::Shared;
use crate::store::{Session, SessionStatus, Store};
use crate::{QR_PAGE_PATH, ids, json_body, third_party, times};

/// Yoti's documented message for unknown attribute names.
pub(crate) const UNKNOWN_ATTRIBUTES: &str = "One or more of the specified attributes are not known";
/// Yoti's documented message for any other invalid configuration; the emulator adds what is
/// wrong.
const INVALID_PAYLOAD: &str = "Invalid request payload sent";

/// `POST /v2/sessions`.
pub(crate) async fn create_session(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let state = shared
        .apps_read()
        .get(&caller.0)
        .map(|entry| entry.app.state)
        .unwrap_or_default();
    refuse_state(state, ThirdParty::default())?;
    let config = read_configuration(&body).map_err(yoti_wording)?;
    let third_party = ThirdParty {
        issues: config
            .extensions()
            .iter()
            .any(|e| matches!(e, SessionExtension::ThirdPartyAttribute(_))),
        requests: config
            .policy()
            .wanted()
            .iter()
            .any(|w| third_party::is_attribute_name(w.name())),
    };
    refuse_state(state, third_party)?;

    let now = SystemTime::now();
    let session = Session::new(
        ids::session_id()?,
        caller.0,
        config,
        now,
        shared.settings.session_lifetime,
    );
    // As `GET` shows it: the Go and Java SDKs read both answers into one type.
    let body = details(&session, now)?;
    shared.store().add_session(session, now)?;
    Ok(json_response(StatusCode::CREATED, &body))
}

/// What a session does with third-party attributes.
#[derive(Debug, Clone, Copy, Default)]
struct ThirdParty {
    /// It has a `THIRD_PARTY_ATTRIBUTE` extension.
    issues: bool,
    /// Its policy wants a third-party attribute.
    requests: bool,
}

/// The 403 of an application state; the third-party states only for sessions that issue or
/// request third-party attributes.
fn refuse_state(state: ApplicationState, third_party: ThirdParty) -> Result<(), ApiError> {
    let applies = match state {
        ApplicationState::ThirdPartyIssuanceNotAllowed => third_party.issues,
        ApplicationState::ThirdPartyRequestNotAllowed => third_party.requests,
        _ => true,
    };
    match (state.code(), state.message()) {
        (Some(code), Some(message)) if applies => {
            Err(ApiError::new(StatusCode::FORBIDDEN, code, message))
        }
        _ => Ok(()),
    }
}

/// An invalid payload in Yoti's words, followed by the emulator's own.
fn yoti_wording(mut error: ApiError) -> ApiError {
    if error.code == "INVALID_PAYLOAD" && !error.message.starts_with(UNKNOWN_ATTRIBUTES) {
        error.message = format!("{INVALID_PAYLOAD}: {}", error.message);
    }
    error
}

/// Reads and checks a share session configuration as the real service does.
fn read_configuration(body: &[u8]) -> Result<ShareSessionConfiguration, ApiError> {
    let value = json_body::parse(body)?;
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::invalid_payload("The request body must be a JSON object"))?;
    let policy = object
        .get("policy")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::invalid_payload("`policy` is missing or not an object"))?;
    let wanted = policy
        .get("wanted")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::invalid_payload("`policy.wanted` is missing or not an array"))?;
    match object.get("redirectUri") {
        Some(Value::String(uri)) if !uri.is_empty() => {}
        Some(Value::String(_)) => return Err(ApiError::invalid_payload("`redirectUri` is empty")),
        _ => {
            return Err(ApiError::invalid_payload(
                "`redirectUri` is missing or not a string",
            ));
        }
    }
    let mut unknown = Vec::new();
    for (index, entry) in wanted.iter().enumerate() {
        let name = entry
            .as_object()
            .and_then(|o: &Map<String, Value>| o.get("name"))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ApiError::invalid_payload(format!(
                    "`policy.wanted[{index}].name` is missing or not a string"
                ))
            })?;
        if !catalogue::is_requestable(name) && !third_party::is_attribute_name(name) {
            unknown.push(name.to_owned());
        }
    }
    if !unknown.is_empty() {
        return Err(ApiError::invalid_payload(format!(
            "{UNKNOWN_ATTRIBUTES}: {}",
            unknown.join(", ")
        )));
    }
    let config: ShareSessionConfiguration = serde_json::from_value(value).map_err(|e| {
        ApiError::invalid_payload(format!("The share session configuration is invalid: {e}"))
    })?;
    config
        .policy()
        .validate()
        .map_err(|e| ApiError::invalid_payload(format!("The policy is invalid: {e}")))?;
    Ok(config)
}

/// `GET /v2/sessions/{sessionId}`.
pub(crate) async fn get_session(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path.map_err(|_| session_not_found())?.0;
    let store = shared.store();
    let session = owned_session(&store, &id, &caller)?;
    Ok(json_response(
        StatusCode::OK,
        &details(session, SystemTime::now())?,
    ))
}

/// A session as `GET /v2/sessions/{sessionId}` answers it.
fn details(session: &Session, now: SystemTime) -> Result<ShareSessionDetails, ApiError> {
    Ok(ShareSessionDetails::new(
        ids::typed(&session.id)?,
        session.status(now).as_api(),
        times::timestamp(session.created),
        times::timestamp(session.updated),
    )
    .with_expiry(times::timestamp(session.expiry))
    .with_qr_code(session.qr_code_id())
    .with_receipt(session.receipt_id()))
}

/// `POST /v2/sessions/{sessionId}/qr-codes`.
pub(crate) async fn create_qr_code(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path.map_err(|_| session_not_found())?.0;
    if !body.iter().all(u8::is_ascii_whitespace) && !json_body::parse(&body)?.is_object() {
        return Err(ApiError::invalid_payload(
            "The body of a QR code request must be empty or a JSON object such as {}",
        ));
    }
    let now = SystemTime::now();
    let qr_id = ids::qr_code_id()?;
    let mut store = shared.store();
    let session = owned_session(&store, &id, &caller)?;
    match session.status(now) {
        SessionStatus::Completed => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "SESSION_COMPLETED",
                "The share session has already been shared",
            ));
        }
        SessionStatus::Expired => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "SESSION_EXPIRED",
                "The share session has expired",
            ));
        }
        SessionStatus::Created | SessionStatus::QrCodeCreated => {}
    }
    if !store.add_qr_code(&id, qr_id.clone(), now) {
        return Err(session_not_found());
    }
    let uri = format!("{}{QR_PAGE_PATH}/{qr_id}", shared.settings.public_origin);
    Ok(json_response(
        StatusCode::CREATED,
        &ShareQrCode::new(ids::typed(&qr_id)?, Some(uri)),
    ))
}

/// `GET /v2/qr-codes/{qrCodeId}`.
pub(crate) async fn get_qr_code(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found("QR code not found");
    let id = path.map_err(|_| not_found())?.0;
    let store = shared.store();
    let qr = store
        .qr_code(&id)
        .filter(|qr| qr.sdk_id == caller.0)
        .ok_or_else(not_found)?;
    let session = store.session(&qr.session_id).ok_or_else(not_found)?;
    let config = &session.config;
    let policy = serde_json::to_string(config.policy())
        .map_err(|e| ApiError::internal(format!("the policy could not be written: {e}")))?;
    let extensions = config
        .extensions()
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::internal(format!("the extensions could not be written: {e}")))?;
    let owner = QrCodeSession::new(
        ids::typed(&session.id)?,
        Some(session.status(SystemTime::now()).as_api()),
        Some(times::timestamp(session.expiry)),
    );
    // The service sends the policy as a string of JSON (docs/protocol.md, "Get QR code").
    let body = ShareQrCodeDetails::new(
        ids::typed(&id)?,
        times::timestamp(qr.expiry),
        owner,
        config.redirect_uri(),
    )
    .with_policy(Value::String(policy))
    .with_extensions(extensions);
    Ok(json_response(StatusCode::OK, &body))
}

fn session_not_found() -> ApiError {
    ApiError::not_found("Share session not found")
}

/// The session if it exists and belongs to the caller; another application's session is "not
/// found", so that ids do not leak.
fn owned_session<'a>(store: &'a Store, id: &str, caller: &Caller) -> Result<&'a Session, ApiError> {
    store
        .session(id)
        .filter(|s| s.sdk_id == caller.0)
        .ok_or_else(session_not_found)
}
