//! Reading the two response bodies into checked values, step by step: the receipt first (which
//! says whether a wrapped item key is needed at all), then the wrapped item key, then decryption.

use std::fmt;
use std::ops::RangeInclusive;

use bytes::Bytes;
use prost::Message;

use super::body::{self, ContentBody, Encoded, ReceiptBody, Text, WrappedItemKeyBody};
use super::content::ReceiptContent;
use super::crypto::{GCM_NONCE_LEN, ReceiptKey, WRAPPED_KEY_LEN};
use super::error::{Body, ContentField, FieldSize, JsonError, ReceiptError};
use super::failure::FailureReceipt;
use super::key::{MAX_KEY_BITS, MIN_KEY_BITS, PrivateKey};
use super::metadata::ReceiptMetadata;
use crate::proto::EncryptedData;
use yoti_policy::__private::Len;

/// A receipt response, read but not decrypted: a success that needs its wrapped item key, or a
/// failure that must not fetch one.
///
/// ```
/// # #[cfg(feature = "produce")] {
/// use yoti_protocol::receipt::ReceiptResponse;
///
/// # use aws_lc_rs::{encoding::AsDer, rsa::{KeyPair, KeySize}};
/// # use prost::Message;
/// # use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
/// # use yoti_protocol::receipt::{ReceiptContent, encrypt::produce_receipt};
/// # let pkcs8 = KeyPair::generate(KeySize::Rsa2048)?.as_der()?;
/// # let key = yoti_protocol::receipt::PrivateKey::from_pkcs8_der(pkcs8.as_ref())?;
/// # let attribute = |name: &str, value: &'static str| Attribute {
/// #     name: name.into(),
/// #     value: value.into(),
/// #     content_type: ContentType::String as i32,
/// #     ..Attribute::default()
/// # };
/// # let user = AttributeList {
/// #     attributes: vec![attribute("full_name", "Jane Doe"), attribute("phone_number", "+447700900123")],
/// # };
/// # let metadata = yoti_protocol::receipt::ReceiptMetadata {
/// #     id: "cmVjZWlwdC0x".into(),
/// #     session_id: "ss.v2.example".into(),
/// #     timestamp: "2025-01-01T00:00:00Z".into(),
/// #     ..Default::default()
/// # };
/// # let content = ReceiptContent { user_profile: Some(user.encode_to_vec().into()), ..Default::default() };
/// # let produced = produce_receipt(&key.public_key(), &metadata, "item-key-1", &content)?;
/// # let receipt_body = produced.receipt_json.into_bytes();
/// # let item_key_body = produced.wrapped_item_key_json.into_bytes();
/// // `receipt_body`: the answer to `GET /v2/receipts/{receiptId}`.
/// let response = ReceiptResponse::from_json(&receipt_body)?;
/// // Fetch `GET /v2/wrapped-item-keys/{id}` only when there is an id.
/// assert_eq!(response.wrapped_item_key_id(), Some("item-key-1"));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
// One value per receipt, moved once: boxing the large variant would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum ReceiptResponse {
    /// A completed share: decrypt it with [`EncryptedReceipt::decrypt_with`].
    Success(EncryptedReceipt),
    /// A share that did not satisfy the policy (`error` present and non-empty).
    Failure(FailureReceipt),
}

impl ReceiptResponse {
    /// Reads a receipt response body: a non-empty `error` makes it a failure; otherwise
    /// `wrappedItemKeyId` and `wrappedKey` are required (docs/protocol.md, "Success or failure"),
    /// and `wrappedKey` must be the 48 bytes of a sealed receipt key.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::Json`], [`ReceiptError::MissingField`], [`ReceiptError::WrongSize`],
    /// [`ReceiptError::InvalidBase64`] or [`ReceiptError::InvalidEncryptedData`].
    pub fn from_json(body: &[u8]) -> Result<Self, ReceiptError> {
        // Borrowed: the content's base64 is decoded straight from the input, never copied first.
        let body: ReceiptBody<'_> =
            serde_json::from_slice(body).map_err(|source| ReceiptError::Json {
                body: Body::Receipt,
                source: JsonError::new(source),
            })?;
        Self::read(body)
    }

    /// Checks a body that was read.
    fn read(body: ReceiptBody<'_>) -> Result<Self, ReceiptError> {
        let id = required(Body::Receipt, &body.id, "id")?.to_owned();
        let session_id = required(Body::Receipt, &body.session_id, "sessionId")?.to_owned();
        let timestamp = required(Body::Receipt, &body.timestamp, "timestamp")?.to_owned();
        let owned = |text: Option<Text<'_>>| text.map(|text| text.0.into_owned());
        let metadata = ReceiptMetadata {
            id,
            session_id,
            timestamp,
            remember_me_id: owned(body.remember_me_id),
            parent_remember_me_id: owned(body.parent_remember_me_id),
        };
        if let Some(error) = Text::non_empty(&body.error) {
            let error = error.to_owned();
            return Ok(ReceiptResponse::Failure(FailureReceipt::from_body(
                metadata,
                error,
                body.error_reason,
            )));
        }
        let wrapped_item_key_id =
            required(Body::Receipt, &body.wrapped_item_key_id, "wrappedItemKeyId")?.to_owned();
        let wrapped_key = decode_sized(
            Body::Receipt,
            "wrappedKey",
            required(Body::Receipt, &body.wrapped_key, "wrappedKey")?.as_bytes(),
            WRAPPED_KEY_LEN..=WRAPPED_KEY_LEN,
        )?;
        let content = body.content.unwrap_or_default();
        let other = body.other_party_content.unwrap_or_default();
        Ok(ReceiptResponse::Success(EncryptedReceipt {
            metadata,
            wrapped_item_key_id,
            wrapped_key,
            application_profile: encrypted(&content, ContentField::ApplicationProfile)?,
            application_extra_data: encrypted(&content, ContentField::ApplicationExtraData)?,
            user_profile: encrypted(&other, ContentField::UserProfile)?,
            user_extra_data: encrypted(&other, ContentField::UserExtraData)?,
        }))
    }

    /// The wrapped item key to fetch, or `None` for a failure receipt (fetch nothing).
    pub fn wrapped_item_key_id(&self) -> Option<&str> {
        match self {
            ReceiptResponse::Success(receipt) => Some(receipt.wrapped_item_key_id()),
            ReceiptResponse::Failure(_) => None,
        }
    }

    /// The encrypted receipt of a success.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::Failure`] for a failure receipt.
    pub fn into_success(self) -> Result<EncryptedReceipt, ReceiptError> {
        match self {
            ReceiptResponse::Success(receipt) => Ok(receipt),
            ReceiptResponse::Failure(failure) => Err(ReceiptError::Failure(Box::new(failure))),
        }
    }
}

/// A text field that must be present and non-empty.
fn required<'a>(
    body: Body,
    value: &'a Option<Text<'_>>,
    field: &'static str,
) -> Result<&'a str, ReceiptError> {
    Text::non_empty(value).ok_or(ReceiptError::MissingField { body, field })
}

/// Standard base64; padding optional, since nothing is lost without it.
fn decode_base64(body: Body, field: &'static str, text: &[u8]) -> Result<Vec<u8>, ReceiptError> {
    body::decode_base64(text).ok_or(ReceiptError::InvalidBase64 { body, field })
}

/// [`decode_base64`] of a field that must decode to `expected` bytes. The text's length is
/// checked first, so that an oversized field is rejected without being decoded, then the
/// decoded length.
fn decode_sized(
    body: Body,
    field: &'static str,
    text: &[u8],
    expected: RangeInclusive<usize>,
) -> Result<Vec<u8>, ReceiptError> {
    let wrong_size = |found| ReceiptError::WrongSize {
        body,
        field,
        expected: expected.clone(),
        found,
    };
    if !body::base64_len_range(&expected).contains(&text.len()) {
        return Err(wrong_size(FieldSize::Base64Chars(text.len())));
    }
    let bytes = decode_base64(body, field, text)?;
    if !expected.contains(&bytes.len()) {
        return Err(wrong_size(FieldSize::Bytes(bytes.len())));
    }
    Ok(bytes)
}

fn encrypted(
    content: &ContentBody<'_>,
    field: ContentField,
) -> Result<Option<EncryptedData>, ReceiptError> {
    let text = match field {
        ContentField::ApplicationProfile | ContentField::UserProfile => &content.profile,
        ContentField::ApplicationExtraData | ContentField::UserExtraData => &content.extra_data,
    };
    let Some(text) = Encoded::non_empty(text) else {
        return Ok(None);
    };
    let bytes = decode_base64(Body::Receipt, field.json_path(), text)?;
    // From `Bytes`, so that `cipher_text` shares the decoded buffer instead of copying it.
    EncryptedData::decode(Bytes::from(bytes))
        .map(Some)
        .map_err(|source| ReceiptError::InvalidEncryptedData { field, source })
}

/// A success receipt, read and checked, still encrypted. `Debug` shows the metadata (see
/// [`ReceiptMetadata`]) and the sizes of the rest.
#[derive(Clone, PartialEq)]
pub struct EncryptedReceipt {
    metadata: ReceiptMetadata,
    wrapped_item_key_id: String,
    wrapped_key: Vec<u8>,
    application_profile: Option<EncryptedData>,
    application_extra_data: Option<EncryptedData>,
    user_profile: Option<EncryptedData>,
    user_extra_data: Option<EncryptedData>,
}

impl fmt::Debug for EncryptedReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let blob = |blob: &Option<EncryptedData>| {
            blob.as_ref()
                .map(|blob| Len(blob.iv.len() + blob.cipher_text.len()))
        };
        f.debug_struct("EncryptedReceipt")
            .field("metadata", &self.metadata)
            .field("wrapped_item_key_id", &self.wrapped_item_key_id)
            .field("wrapped_key", &Len(self.wrapped_key.len()))
            .field("application_profile", &blob(&self.application_profile))
            .field(
                "application_extra_data",
                &blob(&self.application_extra_data),
            )
            .field("user_profile", &blob(&self.user_profile))
            .field("user_extra_data", &blob(&self.user_extra_data))
            .finish()
    }
}

impl EncryptedReceipt {
    /// The clear facts of the receipt.
    pub fn metadata(&self) -> &ReceiptMetadata {
        &self.metadata
    }

    /// The id for `GET /v2/wrapped-item-keys/{id}`, to put in the path unchanged.
    pub fn wrapped_item_key_id(&self) -> &str {
        &self.wrapped_item_key_id
    }

    /// The encrypted content blob of `field`, if the receipt has it. (Feature `produce`: raw
    /// ciphertext is for tests and tools, not for applications.)
    #[cfg(feature = "produce")]
    pub fn encrypted_content(&self, field: ContentField) -> Option<&EncryptedData> {
        match field {
            ContentField::ApplicationProfile => self.application_profile.as_ref(),
            ContentField::ApplicationExtraData => self.application_extra_data.as_ref(),
            ContentField::UserProfile => self.user_profile.as_ref(),
            ContentField::UserExtraData => self.user_extra_data.as_ref(),
        }
    }

    /// Unwraps the receipt key: RSA-decrypts the item key, then GCM-unwraps `wrappedKey`.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::WrongItemKey`] when `item_key` is not the receipt's;
    /// [`ReceiptError::WrongSize`] when the item key's `value` is not one RSA block of `key`
    /// (the item key was made for another key size); [`ReceiptError::Decryption`] for every
    /// cryptographic failure.
    #[cfg(feature = "produce")]
    pub fn unwrap_receipt_key(
        &self,
        item_key: &WrappedItemKey,
        key: &PrivateKey,
    ) -> Result<ReceiptKey, ReceiptError> {
        self.receipt_key(item_key, key)
    }

    /// [`unwrap_receipt_key`](Self::unwrap_receipt_key): a receipt key is raw key material, so
    /// only [`decrypt_with`](Self::decrypt_with) and [`decrypt`](Self::decrypt) use it outside
    /// the producer's feature.
    fn receipt_key(
        &self,
        item_key: &WrappedItemKey,
        key: &PrivateKey,
    ) -> Result<ReceiptKey, ReceiptError> {
        if item_key.id != self.wrapped_item_key_id {
            return Err(ReceiptError::WrongItemKey {
                expected: self.wrapped_item_key_id.clone(),
                found: item_key.id.clone(),
            });
        }
        let block = key.modulus_len();
        if item_key.value.len() != block {
            return Err(ReceiptError::WrongSize {
                body: Body::WrappedItemKey,
                field: "value",
                expected: block..=block,
                found: FieldSize::Bytes(item_key.value.len()),
            });
        }
        Ok(ReceiptKey::unwrap_v2(
            key,
            &item_key.value,
            &item_key.iv,
            &self.wrapped_key,
        )?)
    }

    /// Decrypts the four content blobs to their protobuf plaintexts.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::Decryption`] when any blob does not decrypt.
    #[cfg(feature = "produce")]
    pub fn decrypt_content(
        &self,
        receipt_key: &ReceiptKey,
    ) -> Result<ReceiptContent, ReceiptError> {
        self.decrypt_blobs(receipt_key)
    }

    /// [`decrypt_content`](Self::decrypt_content), for [`decrypt_with`](Self::decrypt_with).
    fn decrypt_blobs(&self, receipt_key: &ReceiptKey) -> Result<ReceiptContent, ReceiptError> {
        let decrypt = |blob: &Option<EncryptedData>| -> Result<Option<Bytes>, ReceiptError> {
            blob.as_ref()
                .map(|blob| {
                    receipt_key
                        .decrypt_content(&blob.iv, &blob.cipher_text)
                        .map(Bytes::from)
                })
                .transpose()
                .map_err(ReceiptError::from)
        };
        Ok(ReceiptContent {
            application_profile: decrypt(&self.application_profile)?,
            application_extra_data: decrypt(&self.application_extra_data)?,
            user_profile: decrypt(&self.user_profile)?,
            user_extra_data: decrypt(&self.user_extra_data)?,
        })
    }

    /// Unwraps the receipt key and decrypts the content in place, consuming the receipt: each
    /// blob's plaintext takes the buffer its base64 was decoded into, with no copy.
    pub(crate) fn into_content(
        self,
        item_key: &WrappedItemKey,
        key: &PrivateKey,
    ) -> Result<(ReceiptMetadata, ReceiptContent), ReceiptError> {
        let receipt_key = self.receipt_key(item_key, key)?;
        let decrypt = |blob: Option<EncryptedData>| -> Result<Option<Bytes>, ReceiptError> {
            blob.map(|blob| receipt_key.decrypt_blob(blob))
                .transpose()
                .map_err(ReceiptError::from)
        };
        let content = ReceiptContent {
            application_profile: decrypt(self.application_profile)?,
            application_extra_data: decrypt(self.application_extra_data)?,
            user_profile: decrypt(self.user_profile)?,
            user_extra_data: decrypt(self.user_extra_data)?,
        };
        Ok((self.metadata, content))
    }

    /// Unwraps the receipt key and decrypts the content in one step.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::WrongItemKey`] when `item_key` is not the receipt's;
    /// [`ReceiptError::WrongSize`] when the item key's `value` is not one RSA block of `key`;
    /// [`ReceiptError::Decryption`] for every cryptographic failure.
    pub fn decrypt_with(
        &self,
        item_key: &WrappedItemKey,
        key: &PrivateKey,
    ) -> Result<ReceiptContent, ReceiptError> {
        let receipt_key = self.receipt_key(item_key, key)?;
        self.decrypt_blobs(&receipt_key)
    }
}

/// A wrapped item key response, read and checked: its `iv` is a 12-byte GCM nonce and its
/// `value` one RSA block of a 2048- to 4096-bit key. `Debug` shows the id and the sizes.
///
/// ```
/// use yoti_protocol::receipt::{FieldSize, ReceiptError, WrappedItemKey};
///
/// let value = format!("{}AA==", "A".repeat(340)); // 256 bytes: one block of a 2048-bit key
/// let body = format!(r#"{{"id":"k1","iv":"yysFBlkaAECYd1eF","value":"{value}"}}"#);
/// let item_key = WrappedItemKey::from_json(body.as_bytes())?;
/// assert_eq!(item_key.id(), "k1");
/// assert_eq!(item_key.iv().len(), 12);
/// assert_eq!(format!("{item_key:?}"), r#"WrappedItemKey { id: "k1", iv: <12 bytes>, value: <256 bytes> }"#);
///
/// let short = WrappedItemKey::from_json(br#"{"id":"k1","iv":"yysFBlkaAECYd1eF","value":"AAEC"}"#);
/// assert!(matches!(
///     short,
///     Err(ReceiptError::WrongSize { field: "value", found: FieldSize::Base64Chars(4), .. })
/// ));
/// # Ok::<(), yoti_protocol::receipt::ReceiptError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedItemKey {
    id: String,
    iv: Vec<u8>,
    value: Vec<u8>,
}

impl WrappedItemKey {
    /// Reads a wrapped item key body: `id`, `iv` and `value`, all required. The `iv` must be
    /// 12 bytes and the `value` 256 to 512 bytes (one RSA block of a key of
    /// [`MIN_KEY_BITS`] to [`MAX_KEY_BITS`]); that it is one block of the application's own key
    /// is checked when it is used.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::Json`], [`ReceiptError::MissingField`], [`ReceiptError::WrongSize`] or
    /// [`ReceiptError::InvalidBase64`].
    pub fn from_json(body: &[u8]) -> Result<Self, ReceiptError> {
        let body: WrappedItemKeyBody<'_> =
            serde_json::from_slice(body).map_err(|source| ReceiptError::Json {
                body: Body::WrappedItemKey,
                source: JsonError::new(source),
            })?;
        let id = required(Body::WrappedItemKey, &body.id, "id")?.to_owned();
        let base64 = |value, field, expected| {
            decode_sized(
                Body::WrappedItemKey,
                field,
                required(Body::WrappedItemKey, value, field)?.as_bytes(),
                expected,
            )
        };
        let iv = base64(&body.iv, "iv", GCM_NONCE_LEN..=GCM_NONCE_LEN)?;
        let value = base64(&body.value, "value", MIN_KEY_BITS / 8..=MAX_KEY_BITS / 8)?;
        Ok(Self { id, iv, value })
    }

    /// The wrapped item key id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The GCM nonce for the receipt's `wrappedKey`.
    pub fn iv(&self) -> &[u8] {
        &self.iv
    }

    /// The RSA-encrypted item key.
    pub fn value(&self) -> &[u8] {
        &self.value
    }
}

impl fmt::Debug for WrappedItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WrappedItemKey")
            .field("id", &self.id)
            .field("iv", &Len(self.iv.len()))
            .field("value", &Len(self.value.len()))
            .finish()
    }
}
