//! The status of a share session, as `status` in the session and QR code bodies.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The status of a share session. Sent as a plain string; a value this crate does not know is
/// kept as [`Other`](Self::Other), never an error.
///
/// `CREATED` is the only value in the official SDKs' fixtures; `QR_CODE_CREATED`, `COMPLETED`
/// and `EXPIRED` are the emulator's.
///
/// ```
/// use yoti_protocol::api::ShareSessionStatus;
///
/// let status: ShareSessionStatus = serde_json::from_str(r#""COMPLETED""#)?;
/// assert_eq!(status, ShareSessionStatus::Completed);
/// let status: ShareSessionStatus = serde_json::from_str(r#""PAUSED""#)?;
/// assert_eq!(status, ShareSessionStatus::Other("PAUSED".into()));
/// assert_eq!(status.to_string(), "PAUSED");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShareSessionStatus {
    /// `CREATED`: waiting for a QR code or a share.
    Created,
    /// `QR_CODE_CREATED`: a QR code was created for it.
    QrCodeCreated,
    /// `ACTIVE`: the person is sharing.
    Active,
    /// `COMPLETED`: shared; the session has a receipt.
    Completed,
    /// `CANCELLED`: the person or the application cancelled the share.
    Cancelled,
    /// `EXPIRED`: it was not shared before its expiry.
    Expired,
    /// `FAILED`: the share failed; the receipt, if any, is a failure receipt.
    Failed,
    /// Any other value, kept as sent.
    Other(String),
}

impl ShareSessionStatus {
    /// The value as sent.
    pub fn as_str(&self) -> &str {
        match self {
            ShareSessionStatus::Created => "CREATED",
            ShareSessionStatus::QrCodeCreated => "QR_CODE_CREATED",
            ShareSessionStatus::Active => "ACTIVE",
            ShareSessionStatus::Completed => "COMPLETED",
            ShareSessionStatus::Cancelled => "CANCELLED",
            ShareSessionStatus::Expired => "EXPIRED",
            ShareSessionStatus::Failed => "FAILED",
            ShareSessionStatus::Other(other) => other,
        }
    }

    /// The status `text` names; [`Other`](Self::Other) for a value not listed here.
    pub fn from_text(text: &str) -> Self {
        match text {
            "CREATED" => ShareSessionStatus::Created,
            "QR_CODE_CREATED" => ShareSessionStatus::QrCodeCreated,
            "ACTIVE" => ShareSessionStatus::Active,
            "COMPLETED" => ShareSessionStatus::Completed,
            "CANCELLED" => ShareSessionStatus::Cancelled,
            "EXPIRED" => ShareSessionStatus::Expired,
            "FAILED" => ShareSessionStatus::Failed,
            other => ShareSessionStatus::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for ShareSessionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for ShareSessionStatus {
    fn from(text: &str) -> Self {
        Self::from_text(text)
    }
}

impl From<String> for ShareSessionStatus {
    fn from(text: String) -> Self {
        match Self::from_text(&text) {
            // Keep the allocation already made.
            ShareSessionStatus::Other(_) => ShareSessionStatus::Other(text),
            known => known,
        }
    }
}

impl PartialEq<str> for ShareSessionStatus {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ShareSessionStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for ShareSessionStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ShareSessionStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}
