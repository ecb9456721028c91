//! QR codes: `POST /v2/sessions/{id}/qr-codes` and `GET /v2/qr-codes/{id}` (docs/protocol.md,
//! "Create QR code" and "Get QR code").

use serde::{Deserialize, Serialize};

use super::ids::{QrCodeId, SessionId};
use super::status::ShareSessionStatus;
use yoti_policy::Timestamp;

/// The request body of `POST /v2/sessions/{id}/qr-codes`: the empty object `{}`, as the
/// official Node and Java SDKs send it (the signed string then ends with `&e30=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareQrCodeRequest {}

/// A created QR code: the answer of `POST /v2/sessions/{id}/qr-codes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareQrCode {
    /// The QR code id.
    pub id: QrCodeId,
    /// The URI to encode in the QR image (or to open on a phone). Yoti sends it with every QR
    /// code it creates; it is `None` only when an answer leaves it out, which the official SDKs
    /// tolerate too (Node reads it only when present), so a missing `uri` is not an error here
    /// either; an application without one creates another QR code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

impl ShareQrCode {
    /// The body of a created QR code.
    pub fn new(id: QrCodeId, uri: Option<String>) -> Self {
        ShareQrCode { id, uri }
    }
}

/// A QR code as `GET /v2/qr-codes/{id}` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareQrCodeDetails {
    /// The QR code id.
    pub id: QrCodeId,
    /// When it expires.
    pub expiry: Timestamp,
    /// The policy, as the API returns it: the service sends it as a string of JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<serde_json::Value>,
    /// The extensions of the session.
    #[serde(default)]
    pub extensions: Vec<serde_json::Value>,
    /// The session it belongs to.
    pub session: QrCodeSession,
    /// Where the person is sent after sharing.
    #[serde(rename = "redirectUri")]
    pub redirect_uri: String,
}

impl ShareQrCodeDetails {
    /// The body of a QR code without policy or extensions; add them with the `with_` methods.
    pub fn new(
        id: QrCodeId,
        expiry: Timestamp,
        session: QrCodeSession,
        redirect_uri: impl Into<String>,
    ) -> Self {
        ShareQrCodeDetails {
            id,
            expiry,
            policy: None,
            extensions: Vec::new(),
            session,
            redirect_uri: redirect_uri.into(),
        }
    }

    /// With `policy`.
    #[must_use]
    pub fn with_policy(mut self, policy: serde_json::Value) -> Self {
        self.policy = Some(policy);
        self
    }

    /// With `extensions`.
    #[must_use]
    pub fn with_extensions(mut self, extensions: Vec<serde_json::Value>) -> Self {
        self.extensions = extensions;
        self
    }
}

/// The session of a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QrCodeSession {
    /// The session id.
    pub id: SessionId,
    /// The session status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ShareSessionStatus>,
    /// When the session expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Timestamp>,
}

impl QrCodeSession {
    /// The session `id` with its status and expiry.
    pub fn new(
        id: SessionId,
        status: Option<ShareSessionStatus>,
        expiry: Option<Timestamp>,
    ) -> Self {
        QrCodeSession { id, status, expiry }
    }
}
