//! Producing receipts: the exact inverse of the decryption chain (docs/protocol.md, "Producing
//! receipts"), for a local stand-in of the API and for tests.
//!
//! A fresh 32-byte item key and receipt key, a fresh 12-byte GCM nonce and a fresh 16-byte CBC IV
//! per content blob, all from the system random generator:
//!
//! ```
//! use prost::Message;
//! use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
//! use yoti_protocol::receipt::encrypt::produce_receipt;
//! use yoti_protocol::receipt::{PrivateKey, Receipt, ReceiptContent, ReceiptMetadata};
//!
//! # use aws_lc_rs::{encoding::AsDer, rsa::{KeyPair, KeySize}};
//! # let pkcs8 = KeyPair::generate(KeySize::Rsa2048)?.as_der()?;
//! let key = PrivateKey::from_pkcs8_der(pkcs8.as_ref())?;
//! let user = AttributeList {
//!     attributes: vec![Attribute {
//!         name: "full_name".into(),
//!         value: "Jane Doe".into(),
//!         content_type: ContentType::String as i32,
//!         ..Attribute::default()
//!     }],
//! };
//! let metadata = ReceiptMetadata {
//!     id: "receipt-1".into(),
//!     session_id: "ss.v2.session-1".into(),
//!     timestamp: "2025-01-01T00:00:00Z".into(),
//!     ..ReceiptMetadata::default()
//! };
//! let content = ReceiptContent {
//!     user_profile: Some(user.encode_to_vec().into()),
//!     ..ReceiptContent::default()
//! };
//! let produced = produce_receipt(&key.public_key(), &metadata, "item-key-1", &content)?;
//!
//! let receipt: Receipt = Receipt::decrypt(
//!     produced.receipt_json.as_bytes(),
//!     produced.wrapped_item_key_json.as_bytes(),
//!     &key,
//! )?;
//! assert_eq!(receipt.user().full_name().unwrap().value(), "Jane Doe");
//! assert_eq!(receipt.id(), "receipt-1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use prost::Message;

use super::body::{
    ContentBody, ErrorReasonBody, ReceiptBody, RequirementNotMetBody, WrappedItemKeyBody,
};
use super::content::ReceiptContent;
use super::crypto::{self, CBC_IV_LEN, GCM_NONCE_LEN, ItemKey, ReceiptKey};
pub use super::error::EncryptError;
use super::failure::RequirementNotMet;
use super::key::PublicKey;
use super::metadata::ReceiptMetadata;
use crate::proto::EncryptedData;
use yoti_policy::__private::Len;

/// The two response bodies of a produced receipt. `Debug` shows their sizes: the receipt body
/// holds the remember-me ids in clear.
#[derive(Clone, PartialEq, Eq)]
pub struct ProducedReceipt {
    /// The body of `GET /v2/receipts/{id}`.
    pub receipt_json: String,
    /// The body of `GET /v2/wrapped-item-keys/{id}`.
    pub wrapped_item_key_json: String,
}

impl fmt::Debug for ProducedReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProducedReceipt")
            .field("receipt_json", &Len(self.receipt_json.len()))
            .field(
                "wrapped_item_key_json",
                &Len(self.wrapped_item_key_json.len()),
            )
            .finish()
    }
}

/// Encrypts a receipt for the application that owns `public_key`.
///
/// # Errors
///
/// [`EncryptError`] when the random generator or the crypto library fails, or the key cannot
/// carry 32 bytes.
pub fn produce_receipt(
    public_key: &PublicKey,
    metadata: &ReceiptMetadata,
    wrapped_item_key_id: &str,
    content: &ReceiptContent,
) -> Result<ProducedReceipt, EncryptError> {
    let item_key = ItemKey::generate()?;
    let receipt_key = ReceiptKey::generate()?;
    let nonce = random::<GCM_NONCE_LEN>()?;
    let wrapped_key = item_key.wrap_receipt_key(&nonce, &receipt_key)?;
    let value = public_key.encrypt_pkcs1(item_key.as_bytes())?;

    let blob = |plaintext: &Option<Bytes>| -> Result<Option<String>, EncryptError> {
        plaintext
            .as_deref()
            .map(|plaintext| encrypt_content(&receipt_key, plaintext))
            .transpose()
    };
    let section = |profile: Option<String>, extra_data: Option<String>| {
        (profile.is_some() || extra_data.is_some()).then(|| ContentBody {
            profile: profile.map(Into::into),
            extra_data: extra_data.map(Into::into),
        })
    };
    let body = ReceiptBody {
        content: section(
            blob(&content.application_profile)?,
            blob(&content.application_extra_data)?,
        ),
        other_party_content: section(
            blob(&content.user_profile)?,
            blob(&content.user_extra_data)?,
        ),
        wrapped_item_key_id: Some(wrapped_item_key_id.into()),
        wrapped_key: Some(STANDARD.encode(wrapped_key).into()),
        ..metadata_body(metadata)
    };
    let item_key_body = WrappedItemKeyBody {
        id: Some(wrapped_item_key_id.into()),
        iv: Some(STANDARD.encode(nonce).into()),
        value: Some(STANDARD.encode(value).into()),
    };
    Ok(ProducedReceipt {
        receipt_json: serde_json::to_string(&body).map_err(|_| EncryptError::Json)?,
        wrapped_item_key_json: serde_json::to_string(&item_key_body)
            .map_err(|_| EncryptError::Json)?,
    })
}

/// Writes a failure receipt body (no keys, no content): `error` and, when `requirements` is not
/// empty, `errorReason.requirements_not_met_details`.
///
/// ```
/// use yoti_protocol::receipt::encrypt::produce_failure_receipt;
/// use yoti_protocol::receipt::{ReceiptMetadata, ReceiptResponse};
///
/// let metadata = ReceiptMetadata { id: "r".into(), session_id: "s".into(), ..Default::default() };
/// # let metadata = ReceiptMetadata { timestamp: "2025-01-01T00:00:00Z".into(), ..metadata };
/// let json = produce_failure_receipt(&metadata, "FRAUD_DETECTED", &[])?;
/// let response = ReceiptResponse::from_json(json.as_bytes())?;
/// assert_eq!(response.wrapped_item_key_id(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`EncryptError::Json`] only if the JSON writer fails.
pub fn produce_failure_receipt(
    metadata: &ReceiptMetadata,
    error: &str,
    requirements: &[RequirementNotMet],
) -> Result<String, EncryptError> {
    let body = ReceiptBody {
        error: Some(error.into()),
        error_reason: (!requirements.is_empty()).then(|| ErrorReasonBody {
            requirements_not_met_details: Some(
                requirements
                    .iter()
                    .map(RequirementNotMetBody::from)
                    .collect(),
            ),
        }),
        ..metadata_body(metadata)
    };
    serde_json::to_string(&body).map_err(|_| EncryptError::Json)
}

/// The fields every receipt body has, success or failure.
fn metadata_body(metadata: &ReceiptMetadata) -> ReceiptBody<'_> {
    ReceiptBody {
        id: Some(metadata.id.as_str().into()),
        session_id: Some(metadata.session_id.as_str().into()),
        timestamp: Some(metadata.timestamp.as_str().into()),
        remember_me_id: metadata.remember_me_id.as_deref().map(Into::into),
        parent_remember_me_id: metadata.parent_remember_me_id.as_deref().map(Into::into),
        ..ReceiptBody::default()
    }
}

/// One content field: base64 of `EncryptedData { iv, AES-256-CBC-PKCS#7(plaintext) }`.
fn encrypt_content(receipt_key: &ReceiptKey, plaintext: &[u8]) -> Result<String, EncryptError> {
    let iv = random::<CBC_IV_LEN>()?;
    let cipher_text = crypto::aes_cbc_encrypt(receipt_key.as_bytes(), &iv, plaintext)?;
    let data = EncryptedData {
        iv: iv.to_vec().into(),
        cipher_text: cipher_text.into(),
    };
    Ok(STANDARD.encode(data.encode_to_vec()))
}

fn random<const N: usize>() -> Result<[u8; N], EncryptError> {
    let mut bytes = [0u8; N];
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| EncryptError::Random)?;
    Ok(bytes)
}
