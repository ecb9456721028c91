//! Share sessions: the answers of `POST /v2/sessions` and `GET /v2/sessions/{id}`
//! (docs/protocol.md, "Create share session" and "Get share session").

use serde::{Deserialize, Serialize};

use super::ids::SessionId;
use super::status::ShareSessionStatus;
use yoti_policy::Timestamp;

/// A created share session: the answer of `POST /v2/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareSession {
    /// The session id, e.g. `ss.v2.ChZ...`.
    pub id: SessionId,
    /// The status, `CREATED` for a new session.
    pub status: ShareSessionStatus,
    /// When the session expires.
    pub expiry: Timestamp,
}

impl ShareSession {
    /// The body of a created session.
    pub fn new(id: SessionId, status: ShareSessionStatus, expiry: Timestamp) -> Self {
        ShareSession { id, status, expiry }
    }
}

/// A share session as `GET /v2/sessions/{id}` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareSessionDetails {
    /// The session id.
    pub id: SessionId,
    /// The status.
    pub status: ShareSessionStatus,
    /// When it was created.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Timestamp>,
    /// The QR code that was created or scanned, once there is one.
    #[serde(default, rename = "qrCode", skip_serializing_if = "Option::is_none")]
    pub qr_code: Option<IdRef>,
    /// The receipt, once the share has produced one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<IdRef>,
}

impl ShareSessionDetails {
    /// The body of a session without expiry, QR code or receipt; add them with the `with_`
    /// methods.
    pub fn new(
        id: SessionId,
        status: ShareSessionStatus,
        created: Timestamp,
        updated: Timestamp,
    ) -> Self {
        ShareSessionDetails {
            id,
            status,
            created,
            updated,
            expiry: None,
            qr_code: None,
            receipt: None,
        }
    }

    /// With `expiry`.
    #[must_use]
    pub fn with_expiry(mut self, expiry: Timestamp) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// With `qrCode.id`, when there is one.
    #[must_use]
    pub fn with_qr_code(mut self, id: Option<impl Into<String>>) -> Self {
        self.qr_code = id.map(IdRef::new);
        self
    }

    /// With `receipt.id`, when there is one.
    #[must_use]
    pub fn with_receipt(mut self, id: Option<impl Into<String>>) -> Self {
        self.receipt = id.map(IdRef::new);
        self
    }
}

/// A reference to another resource by id: `{"id": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdRef {
    /// The id.
    pub id: String,
}

impl IdRef {
    /// A reference to `id`.
    pub fn new(id: impl Into<String>) -> Self {
        IdRef { id: id.into() }
    }
}
