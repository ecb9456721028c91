//! Extra data of a receipt and the third-party attribute issuance details in it
//! (docs/protocol.md, "Extra data").

use std::fmt;
use std::time::SystemTime;

use super::rfc3339;
use crate::redact::Len;

/// The decrypted extra data of a receipt.
///
/// ```
/// use yoti_policy::profile::{AttributeIssuanceDetails, ExtraData};
///
/// assert!(ExtraData::default().attribute_issuance_details().is_none());
/// let extra = ExtraData::new(vec![AttributeIssuanceDetails::new(
///     "c29tZUlzc3VhbmNlVG9rZW4=",
///     "2025-01-01T00:00:00Z",
///     vec!["com.thirdparty.id".into()],
/// )]);
/// let details = extra.attribute_issuance_details().unwrap();
/// assert_eq!(details.definitions(), ["com.thirdparty.id"]);
/// assert!(details.expiry().is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraData {
    issuance_details: Vec<AttributeIssuanceDetails>,
}

impl ExtraData {
    /// Extra data holding these third-party attribute issuance details, in this order.
    pub fn new(issuance_details: Vec<AttributeIssuanceDetails>) -> Self {
        ExtraData { issuance_details }
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
    /// Issuance details: the token as standard base64, the expiry as written in the receipt
    /// (RFC 3339; [`expiry`](Self::expiry) is `None` when it does not parse) and the names of the
    /// attributes that may be issued.
    pub fn new(
        token: impl Into<String>,
        expiry_text: impl Into<String>,
        definitions: Vec<String>,
    ) -> Self {
        let expiry_text = expiry_text.into();
        AttributeIssuanceDetails {
            token: token.into(),
            expiry: rfc3339::parse(&expiry_text),
            expiry_text,
            definitions,
        }
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
