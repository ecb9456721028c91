//! Receipt metadata as `{"id", "session_id", "timestamp", "remember_me_id",
//! "parent_remember_me_id"}`, the remember-me ids left out when absent.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::receipt::ReceiptMetadata;

#[derive(Serialize)]
struct MetadataForm<'a> {
    id: &'a str,
    session_id: &'a str,
    timestamp: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    remember_me_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_remember_me_id: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedMetadataForm {
    id: String,
    session_id: String,
    timestamp: String,
    #[serde(default)]
    remember_me_id: Option<String>,
    #[serde(default)]
    parent_remember_me_id: Option<String>,
}

/// The timestamp is the RFC 3339 text as the receipt sent it.
impl Serialize for ReceiptMetadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MetadataForm {
            id: &self.id,
            session_id: &self.session_id,
            timestamp: &self.timestamp,
            remember_me_id: self.remember_me_id.as_deref(),
            parent_remember_me_id: self.parent_remember_me_id.as_deref(),
        }
        .serialize(serializer)
    }
}

/// As reading a receipt: the id, session id and timestamp must not be empty.
impl<'de> Deserialize<'de> for ReceiptMetadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = OwnedMetadataForm::deserialize(deserializer)?;
        for (field, value) in [
            ("id", &form.id),
            ("session_id", &form.session_id),
            ("timestamp", &form.timestamp),
        ] {
            if value.is_empty() {
                return Err(D::Error::custom(format_args!(
                    "receipt metadata: `{field}` is empty"
                )));
            }
        }
        Ok(ReceiptMetadata {
            id: form.id,
            session_id: form.session_id,
            timestamp: form.timestamp,
            remember_me_id: form.remember_me_id,
            parent_remember_me_id: form.parent_remember_me_id,
        })
    }
}
