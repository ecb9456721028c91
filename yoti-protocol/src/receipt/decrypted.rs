//! The decrypted receipt: metadata, the application's profile, and the person's profile decoded
//! into the caller's type.

use std::fmt;

use yoti_policy::__private::TypeName;
use yoti_policy::profile::{ApplicationProfile, ExtraData};
use yoti_policy::{FromUserProfile, Profile};

use crate::convert;

use super::content::ReceiptContent;
use super::error::{DecryptionError, ReceiptError};
use super::key::PrivateKey;
use super::metadata::ReceiptMetadata;
use super::response::{EncryptedReceipt, ReceiptResponse, WrappedItemKey};

/// A decrypted receipt: the person's data as `T` (a `#[derive(SharePolicy)]` struct, or
/// [`Profile`] for every attribute untyped), plus what else the receipt says.
///
/// `Debug` shows the receipt's structure, not the person: the metadata as [`ReceiptMetadata`]
/// shows it, the name of `T` (not its `Debug`), and the profiles' attribute names, value kinds
/// and sizes.
///
/// ```
/// # #[cfg(feature = "produce")] {
/// use yoti_protocol::receipt::Receipt;
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
/// // The two response bodies, and the application's `PrivateKey`:
/// let receipt = Receipt::<yoti_policy::Profile>::decrypt(&receipt_body, &item_key_body, &key)?;
/// assert_eq!(receipt.session_id(), "ss.v2.example");
/// assert_eq!(receipt.user().len(), 2);
/// assert_eq!(receipt.user().full_name().unwrap().value(), "Jane Doe");
/// // `Debug` shows the structure, so a receipt can be logged without the person in it.
/// let debug = format!("{receipt:?}");
/// assert!(debug.starts_with("Receipt { metadata: ReceiptMetadata { id: <12 bytes>"), "{debug}");
/// assert!(debug.contains(r#"Attribute { name: "phone_number", value: String(<13 bytes>), anchors: 0, .. }"#), "{debug}");
/// assert!(!debug.contains("+447700900123") && !debug.contains("Jane Doe"));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Receipt<T = Profile> {
    // Crate-visible for the serde form (`serde_impls`), which reads and builds them directly.
    pub(crate) metadata: ReceiptMetadata,
    pub(crate) application_profile: ApplicationProfile,
    pub(crate) application_extra_data: ExtraData,
    pub(crate) user: T,
    pub(crate) user_profile: Profile,
    pub(crate) user_extra_data: ExtraData,
}

impl<T: FromUserProfile> Receipt<T> {
    /// The one call: from the receipt response body, the wrapped item key response body and the
    /// application key to the decoded receipt.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::Failure`] for a failure receipt (the item key body is then not read);
    /// [`ReceiptError::Decryption`] for any cryptographic failure; [`ReceiptError::Decode`] when
    /// the person's profile does not fill `T`; the other variants for malformed bodies.
    pub fn decrypt(
        receipt_json: &[u8],
        wrapped_item_key_json: &[u8],
        key: &PrivateKey,
    ) -> Result<Self, ReceiptError> {
        let receipt = ReceiptResponse::from_json(receipt_json)?.into_success()?;
        let item_key = WrappedItemKey::from_json(wrapped_item_key_json)?;
        receipt.decrypt(&item_key, key)
    }

    /// Decodes decrypted content (see [`EncryptedReceipt::decrypt_with`](super::EncryptedReceipt::decrypt_with)).
    /// Absent content is an empty profile or empty extra data.
    ///
    /// # Errors
    ///
    /// [`ReceiptError::Decryption`] when a plaintext is not its protobuf message (the content is
    /// not authenticated, so telling this apart from bad padding would make a padding oracle);
    /// [`ReceiptError::Decode`] when the person's profile does not fill `T`.
    pub fn from_content(
        metadata: ReceiptMetadata,
        content: ReceiptContent,
    ) -> Result<Self, ReceiptError> {
        let profile = |plaintext: Option<bytes::Bytes>| {
            plaintext
                .map(convert::profile)
                .transpose()
                .map(Option::unwrap_or_default)
                .map_err(|_| DecryptionError)
        };
        let extra = |plaintext: Option<bytes::Bytes>| {
            plaintext
                .map(convert::extra_data)
                .transpose()
                .map(Option::unwrap_or_default)
                .map_err(|_| DecryptionError)
        };
        let application = profile(content.application_profile)?;
        let application_extra_data = extra(content.application_extra_data)?;
        let user_profile = profile(content.user_profile)?;
        let user_extra_data = extra(content.user_extra_data)?;
        let user = T::from_user_profile(&user_profile)?;
        Ok(Self {
            metadata,
            application_profile: ApplicationProfile::from_profile(&application),
            application_extra_data,
            user,
            user_profile,
            user_extra_data,
        })
    }
}

impl<T> Receipt<T> {
    /// The clear facts of the receipt.
    pub fn metadata(&self) -> &ReceiptMetadata {
        &self.metadata
    }

    /// The receipt id (standard base64), as received.
    pub fn id(&self) -> &str {
        &self.metadata.id
    }

    /// The share session id.
    pub fn session_id(&self) -> &str {
        &self.metadata.session_id
    }

    /// When the share completed (RFC 3339), as received.
    pub fn timestamp(&self) -> &str {
        &self.metadata.timestamp
    }

    /// The person's remember-me id for this application, as received.
    pub fn remember_me_id(&self) -> Option<&str> {
        self.metadata.remember_me_id.as_deref()
    }

    /// The person's remember-me id for the parent organisation, as received.
    pub fn parent_remember_me_id(&self) -> Option<&str> {
        self.metadata.parent_remember_me_id.as_deref()
    }

    /// The application's own profile, as the person saw it when sharing.
    pub fn application_profile(&self) -> &ApplicationProfile {
        &self.application_profile
    }

    /// The application's extra data (third-party attribute issuance details).
    pub fn application_extra_data(&self) -> &ExtraData {
        &self.application_extra_data
    }

    /// The person's data, decoded.
    pub fn user(&self) -> &T {
        &self.user
    }

    /// The person's data, decoded, without the rest of the receipt.
    pub fn into_user(self) -> T {
        self.user
    }

    /// Every attribute the person shared, untyped, with anchors.
    pub fn user_profile(&self) -> &Profile {
        &self.user_profile
    }

    /// The person's extra data.
    pub fn user_extra_data(&self) -> &ExtraData {
        &self.user_extra_data
    }
}

impl EncryptedReceipt {
    /// Decrypts the content in place and decodes it, moving the metadata into the receipt: what
    /// a client that fetched the two bodies itself calls (no blob or metadata is copied).
    ///
    /// # Errors
    ///
    /// As [`Receipt::decrypt`], less the errors of reading the bodies.
    pub fn decrypt<T: FromUserProfile>(
        self,
        item_key: &WrappedItemKey,
        key: &PrivateKey,
    ) -> Result<Receipt<T>, ReceiptError> {
        let (metadata, content) = self.into_content(item_key, key)?;
        Receipt::from_content(metadata, content)
    }
}

impl<T> fmt::Debug for Receipt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receipt")
            .field("metadata", &self.metadata)
            // The user's own type: its `Debug` may print every value.
            .field("user", &TypeName::of::<T>())
            .field("user_profile", &self.user_profile)
            .field("user_extra_data", &self.user_extra_data)
            .field("application_profile", &self.application_profile)
            .field("application_extra_data", &self.application_extra_data)
            .finish()
    }
}
