//! Extra data of a receipt and the third-party attribute issuance details in it
//! (docs/protocol.md, "Extra data").

use std::fmt;
use std::time::SystemTime;

#[cfg(feature = "receipt")]
use base64::Engine;
#[cfg(feature = "receipt")]
use bytes::Bytes;
#[cfg(feature = "receipt")]
use prost::Message;

#[cfg(feature = "receipt")]
use super::ProfileError;
#[cfg(feature = "receipt")]
use super::rfc3339;
#[cfg(feature = "receipt")]
use crate::proto::{self, DataEntryType};
use crate::redact::Len;

/// The decrypted extra data of a receipt.
///
/// ```
/// # #[cfg(feature = "receipt")] {
/// use yoti_policy::profile::ExtraData;
///
/// let extra = ExtraData::from_protobuf(bytes::Bytes::new())?;
/// assert!(extra.attribute_issuance_details().is_none());
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraData {
    issuance_details: Vec<AttributeIssuanceDetails>,
}

impl ExtraData {
    /// Reads a decrypted `ExtraData` message. Only `THIRD_PARTY_ATTRIBUTE` entries are
    /// interpreted; other entries, and third-party entries that do not parse or have an empty
    /// token, are skipped.
    ///
    /// # Errors
    ///
    /// [`ProfileError::ExtraData`] when the bytes are not an `ExtraData` message.
    #[cfg(feature = "receipt")]
    pub fn from_protobuf(plaintext: Bytes) -> Result<ExtraData, ProfileError> {
        let extra = proto::ExtraData::decode(plaintext).map_err(|_| ProfileError::ExtraData)?;
        let issuance_details = extra
            .list
            .into_iter()
            .filter(|entry| entry.r#type == DataEntryType::ThirdPartyAttribute as i32)
            .filter_map(|entry| proto::ThirdPartyAttribute::decode(entry.value).ok())
            .filter_map(AttributeIssuanceDetails::from_protobuf)
            .collect();
        Ok(ExtraData { issuance_details })
    }

    /// The first third-party attribute issuance details, as the official SDKs expose them.
    pub fn attribute_issuance_details(&self) -> Option<&AttributeIssuanceDetails> {
        self.issuance_details.first()
    }

    /// Every third-party attribute issuance details entry, in order.
    pub fn all_attribute_issuance_details(&self) -> &[AttributeIssuanceDetails] {
        &self.issuance_details
    }
}

/// What a third party may issue to the person: the token, until when, and which attributes.
/// `Debug` shows the token's length only.
#[derive(Clone, PartialEq, Eq)]
pub struct AttributeIssuanceDetails {
    token: String,
    expiry: Option<SystemTime>,
    expiry_text: String,
    definitions: Vec<String>,
}

impl AttributeIssuanceDetails {
    /// Interprets a `ThirdPartyAttribute`; `None` when its token is empty.
    ///
    /// ```
    /// use yoti_policy::profile::AttributeIssuanceDetails;
    /// use yoti_policy::proto::ThirdPartyAttribute;
    ///
    /// let details = AttributeIssuanceDetails::from_protobuf(ThirdPartyAttribute {
    ///     issuance_token: bytes::Bytes::from_static(b"someIssuanceToken"),
    ///     issuing_attributes: None,
    /// })
    /// .unwrap();
    /// assert_eq!(details.token(), "c29tZUlzc3VhbmNlVG9rZW4=");
    /// assert_eq!(details.expiry(), None);
    /// ```
    #[cfg(feature = "receipt")]
    pub fn from_protobuf(third_party: proto::ThirdPartyAttribute) -> Option<Self> {
        if third_party.issuance_token.is_empty() {
            return None;
        }
        let token = base64::engine::general_purpose::STANDARD.encode(&third_party.issuance_token);
        let issuing = third_party.issuing_attributes.unwrap_or_default();
        Some(AttributeIssuanceDetails {
            token,
            expiry: rfc3339::parse(&issuing.expiry_date),
            expiry_text: issuing.expiry_date,
            definitions: issuing
                .definitions
                .into_iter()
                .map(|definition| definition.name)
                .collect(),
        })
    }

    /// The issuance token, as standard base64 of its bytes.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Until when the attributes may be issued; `None` when the receipt gives no expiry or one
    /// that is not an RFC 3339 date-time.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The expiry as written in the receipt (empty when absent).
    pub fn expiry_text(&self) -> &str {
        &self.expiry_text
    }

    /// The names of the attributes that may be issued, e.g. `com.thirdparty.id`.
    pub fn definitions(&self) -> &[String] {
        &self.definitions
    }
}

impl fmt::Debug for AttributeIssuanceDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttributeIssuanceDetails")
            .field("token", &Len(self.token.len()))
            .field("expiry_text", &self.expiry_text)
            .field("definitions", &self.definitions)
            .finish_non_exhaustive()
    }
}
