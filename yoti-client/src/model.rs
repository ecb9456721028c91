//! The response bodies of the share endpoints (docs/protocol.md, "Endpoints"). Date-times are
//! kept as the RFC 3339 strings the API sends.

use serde::Deserialize;

/// A created share session (`POST /v2/sessions`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShareSession {
    /// The session id, e.g. `ss.v2.ChZ...`.
    pub id: String,
    /// The status, e.g. `CREATED`.
    pub status: String,
    /// When the session expires.
    pub expiry: String,
}

/// A share session as `GET /v2/sessions/{id}` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShareSessionDetails {
    /// The session id.
    pub id: String,
    /// The status.
    pub status: String,
    /// When it was created.
    pub created: String,
    /// When it last changed.
    pub updated: String,
    /// When it expires.
    #[serde(default)]
    pub expiry: Option<String>,
    /// The QR code that was created or scanned, once there is one.
    #[serde(default, rename = "qrCode")]
    pub qr_code: Option<IdRef>,
    /// The receipt, once the share has produced one.
    #[serde(default)]
    pub receipt: Option<IdRef>,
}

/// A reference to another resource by id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IdRef {
    /// The id.
    pub id: String,
}

/// A created QR code (`POST /v2/sessions/{id}/qr-codes`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShareQrCode {
    /// The QR code id.
    pub id: String,
    /// The URI to encode in the QR image (or to open on a phone).
    #[serde(default)]
    pub uri: Option<String>,
}

/// A QR code as `GET /v2/qr-codes/{id}` shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ShareQrCodeDetails {
    /// The QR code id.
    pub id: String,
    /// When it expires.
    pub expiry: String,
    /// The policy, as the API returns it.
    #[serde(default)]
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

/// The session of a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct QrCodeSession {
    /// The session id.
    pub id: String,
    /// The session status.
    #[serde(default)]
    pub status: Option<String>,
    /// When the session expires.
    #[serde(default)]
    pub expiry: Option<String>,
}
