//! The body of every non-2xx answer (docs/protocol.md, "Errors"):
//! `{"id":"<trace id>","status":401,"error":"<CODE>","message":"<text>"}`.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};

/// The JSON error body of the API. Every key is optional when read: the official SDKs fall back
/// to the raw body when it is not this JSON; `yoti-client` keeps only its size, since a gateway's
/// page may quote the request.
///
/// ```
/// use yoti_protocol::api::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"id":"8f6a","status":401,"error":"INVALID_REQUEST_SIGNATURE","message":"Invalid request signature"}"#,
/// )?;
/// assert_eq!(body.error.as_deref(), Some("INVALID_REQUEST_SIGNATURE"));
/// assert_eq!(body.status, Some(401));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorBody {
    /// Yoti's opaque trace id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The HTTP status, repeated. A value that is not a status is read as `None`: the status
    /// line says it anyway.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "status_or_none"
    )]
    pub status: Option<u16>,
    /// The machine code, e.g. `INVALID_REQUEST_SIGNATURE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The human message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ErrorBody {
    /// An error body with every key.
    pub fn new(
        trace_id: impl Into<String>,
        status: u16,
        error: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ErrorBody {
            id: Some(trace_id.into()),
            status: Some(status),
            error: Some(error.into()),
            message: Some(message.into()),
        }
    }
}

fn status_or_none<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u16>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StatusOrAnything {
        Status(u16),
        Anything(IgnoredAny),
    }
    Ok(match StatusOrAnything::deserialize(deserializer)? {
        StatusOrAnything::Status(status) => Some(status),
        StatusOrAnything::Anything(_) => None,
    })
}
