//! The JSON bodies of `GET /v2/receipts/{id}` and `GET /v2/wrapped-item-keys/{id}` exactly as
//! they travel (docs/protocol.md, "Receipt body" and "Read a wrapped item key"). Every field is
//! optional here; which ones a receipt needs is decided when it is read
//! ([`ReceiptResponse`](super::ReceiptResponse)).
//!
//! The producer (`encrypt`, feature `produce`) writes these same structs, so that it writes
//! exactly what the decoder reads.

use serde::{Deserialize, Serialize};

/// The body of a receipt response, success or failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptBody {
    /// The receipt id (standard base64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The share session id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// When the share completed (RFC 3339, as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The person's remember-me id for this application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember_me_id: Option<String>,
    /// The person's remember-me id for the parent organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_remember_me_id: Option<String>,
    /// The application content: its own profile and extra data.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "content_or_empty"
    )]
    pub content: Option<ContentBody>,
    /// The user content: the shared attributes and extra data.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "content_or_empty"
    )]
    pub other_party_content: Option<ContentBody>,
    /// The id of the wrapped item key to fetch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapped_item_key_id: Option<String>,
    /// base64 of the GCM-wrapped receipt key, `ciphertext || tag`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapped_key: Option<String>,
    /// The failure code of a failure receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why a failure receipt failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_reason: Option<ErrorReasonBody>,
}

/// Reads `content` / `otherPartyContent`, where `null` and `""` also mean "no content".
fn content_or_empty<'de, D>(deserializer: D) -> Result<Option<ContentBody>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ContentOrText {
        Content(ContentBody),
        Text(String),
    }
    match Option::<ContentOrText>::deserialize(deserializer)? {
        Some(ContentOrText::Content(content)) => Ok(Some(content)),
        Some(ContentOrText::Text(text)) if text.is_empty() => Ok(None),
        Some(ContentOrText::Text(_)) => Err(serde::de::Error::custom(
            "content must be an object, null or an empty string",
        )),
        None => Ok(None),
    }
}

/// `content` / `otherPartyContent`: base64 of protobuf `EncryptedData` blobs. Absent, `null` and
/// `""` all mean "no content".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentBody {
    /// The encrypted `AttributeList`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The encrypted `ExtraData`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_data: Option<String>,
}

/// `errorReason` of a failure receipt (snake_case inside).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReasonBody {
    /// One entry per unmet requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements_not_met_details: Option<Vec<RequirementNotMetBody>>,
}

/// One `errorReason.requirements_not_met_details[]` entry; any field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementNotMetBody {
    /// e.g. `ID_DOCUMENT_COUNTRY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_type: Option<String>,
    /// e.g. `PASSPORT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// e.g. `IRL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_country_iso_code: Option<String>,
    /// Yoti's audit id, for support requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_id: Option<String>,
    /// e.g. `NOT_APPLICABLE_FOR_SCHEME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// The body of a wrapped item key response; written by the producer.
#[cfg_attr(not(feature = "produce"), allow(dead_code))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedItemKeyBody {
    /// The wrapped item key id (the receipt's `wrappedItemKeyId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// base64 of the GCM nonce for the receipt's `wrappedKey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iv: Option<String>,
    /// base64 of the RSA-encrypted item key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_receipt_has_an_error_and_no_content() {
        let body: ReceiptBody = serde_json::from_str(
            r#"{"id":"abc","sessionId":"ss.v2.x","timestamp":"2025-05-21T11:01:07Z","error":"FRAUD_DETECTED"}"#,
        )
        .unwrap();
        assert_eq!(body.error.as_deref(), Some("FRAUD_DETECTED"));
        assert!(body.content.is_none());
    }

    #[test]
    fn null_and_missing_fields_are_none() {
        let body: ReceiptBody = serde_json::from_str(
            r#"{"id":"a","content":null,"otherPartyContent":{"profile":"","extraData":null}}"#,
        )
        .unwrap();
        assert!(body.content.is_none());
        let other = body.other_party_content.unwrap();
        assert_eq!(other.profile.as_deref(), Some(""));
        assert_eq!(other.extra_data, None);
    }

    #[test]
    fn serialises_without_absent_fields() {
        let body = WrappedItemKeyBody {
            id: Some("k".into()),
            iv: Some("aXY=".into()),
            value: None,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"id":"k","iv":"aXY="}"#
        );
    }

    #[test]
    fn wrong_types_are_errors() {
        assert!(serde_json::from_str::<ReceiptBody>(r#"{"id":5}"#).is_err());
        assert!(serde_json::from_str::<ReceiptBody>(r#""receipt""#).is_err());
        assert!(serde_json::from_str::<WrappedItemKeyBody>(r#"{"iv":["x"]}"#).is_err());
        assert!(serde_json::from_str::<ReceiptBody>(r#"{"content":"x"}"#).is_err());
        assert!(serde_json::from_str::<ReceiptBody>(r#"{"content":7}"#).is_err());
    }
}
