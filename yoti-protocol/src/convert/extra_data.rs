//! Extra data from protobuf: the third-party attribute issuance details (docs/protocol.md,
//! "Extra data").

use base64::Engine;
use bytes::Bytes;
use prost::Message;
use yoti_policy::profile::{AttributeIssuanceDetails, ExtraData};

use super::error::ProfileError;
use crate::proto::{self, DataEntryType};

/// Reads a decrypted `ExtraData` message. Only `THIRD_PARTY_ATTRIBUTE` entries are interpreted;
/// other entries, and third-party entries that do not parse or have an empty token, are
/// skipped.
///
/// ```
/// let extra = yoti_protocol::convert::extra_data(bytes::Bytes::new())?;
/// assert!(extra.attribute_issuance_details().is_none());
/// # Ok::<(), yoti_protocol::convert::ProfileError>(())
/// ```
///
/// # Errors
///
/// [`ProfileError::ExtraData`] when the bytes are not an `ExtraData` message.
pub fn extra_data(plaintext: Bytes) -> Result<ExtraData, ProfileError> {
    let extra = proto::ExtraData::decode(plaintext).map_err(|_| ProfileError::ExtraData)?;
    Ok(ExtraData::new(
        extra
            .list
            .into_iter()
            .filter(|entry| entry.r#type == DataEntryType::ThirdPartyAttribute as i32)
            .filter_map(|entry| proto::ThirdPartyAttribute::decode(entry.value).ok())
            .filter_map(issuance_details)
            .collect(),
    ))
}

/// Interprets a `ThirdPartyAttribute`; `None` when its token is empty.
///
/// ```
/// use yoti_protocol::convert;
/// use yoti_protocol::proto::ThirdPartyAttribute;
///
/// let details = convert::issuance_details(ThirdPartyAttribute {
///     issuance_token: bytes::Bytes::from_static(b"someIssuanceToken"),
///     issuing_attributes: None,
/// })
/// .unwrap();
/// assert_eq!(details.token(), "c29tZUlzc3VhbmNlVG9rZW4=");
/// assert_eq!(details.expiry(), None);
/// ```
pub fn issuance_details(
    third_party: proto::ThirdPartyAttribute,
) -> Option<AttributeIssuanceDetails> {
    if third_party.issuance_token.is_empty() {
        return None;
    }
    let token = base64::engine::general_purpose::STANDARD.encode(&third_party.issuance_token);
    let issuing = third_party.issuing_attributes.unwrap_or_default();
    Some(AttributeIssuanceDetails::new(
        token,
        issuing.expiry_date,
        issuing
            .definitions
            .into_iter()
            .map(|definition| definition.name)
            .collect(),
    ))
}
