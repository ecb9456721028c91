//! Receipts: the application's private key, the decryption chain, and the one call from a receipt
//! to the user's struct.
//!
//! The chain (docs/protocol.md, "Receipt encryption"): the wrapped item key's `value` is
//! RSA-decrypted with the application's [`PrivateKey`] into the item key; the item key
//! GCM-unwraps the receipt's `wrappedKey` into the receipt key; the receipt key CBC-decrypts
//! each content blob into a protobuf `AttributeList` or `ExtraData`.
//!
//! One call does it all ([`Receipt::decrypt`]); a client that fetches the bodies itself goes step
//! by step: [`ReceiptResponse::from_json`] tells whether a wrapped item key is needed at all
//! (never for a failure receipt), then [`EncryptedReceipt::decrypt_with`] and
//! [`Receipt::from_content`].
//!
//! ```
//! # #[cfg(feature = "produce")] {
//! use yoti_policy::SharePolicy;
//! use yoti_protocol::receipt::{Receipt, ReceiptResponse, WrappedItemKey};
//!
//! #[derive(SharePolicy)]
//! struct Checkout {
//!     #[yoti(full_name)]
//!     name: String,
//!     #[yoti(phone_number)]
//!     phone: String,
//! }
//!
//! # use aws_lc_rs::{encoding::AsDer, rsa::{KeyPair, KeySize}};
//! # use prost::Message;
//! # use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
//! # use yoti_protocol::receipt::{ReceiptContent, encrypt::produce_receipt};
//! # let pkcs8 = KeyPair::generate(KeySize::Rsa2048)?.as_der()?;
//! # let key = yoti_protocol::receipt::PrivateKey::from_pkcs8_der(pkcs8.as_ref())?;
//! # let attribute = |name: &str, value: &'static str| Attribute {
//! #     name: name.into(),
//! #     value: value.into(),
//! #     content_type: ContentType::String as i32,
//! #     ..Attribute::default()
//! # };
//! # let user = AttributeList {
//! #     attributes: vec![attribute("full_name", "Jane Doe"), attribute("phone_number", "+447700900123")],
//! # };
//! # let metadata = yoti_protocol::receipt::ReceiptMetadata {
//! #     id: "cmVjZWlwdC0x".into(),
//! #     session_id: "ss.v2.example".into(),
//! #     timestamp: "2025-01-01T00:00:00Z".into(),
//! #     ..Default::default()
//! # };
//! # let content = ReceiptContent { user_profile: Some(user.encode_to_vec().into()), ..Default::default() };
//! # let produced = produce_receipt(&key.public_key(), &metadata, "item-key-1", &content)?;
//! # let receipt_body = produced.receipt_json.into_bytes();
//! # let item_key_body = produced.wrapped_item_key_json.into_bytes();
//! // `key` is the application's `PrivateKey`; `receipt_body` the answer to
//! // `GET /v2/receipts/{receiptId}` (here made for the key by the crate's own producer).
//!
//! // 1. Read the receipt: a failure receipt has no wrapped item key to fetch.
//! let receipt = ReceiptResponse::from_json(&receipt_body)?.into_success()?;
//! assert_eq!(receipt.wrapped_item_key_id(), "item-key-1");
//!
//! // 2. Fetch `GET /v2/wrapped-item-keys/{id}` into `item_key_body`, and decrypt.
//! let item_key = WrappedItemKey::from_json(&item_key_body)?;
//! let content = receipt.decrypt_with(&item_key, &key)?;
//!
//! // 3. Decode into the struct.
//! let decoded = Receipt::<Checkout>::from_content(receipt.metadata().clone(), content)?;
//! assert_eq!(decoded.user().name, "Jane Doe");
//! assert_eq!(decoded.user().phone, "+447700900123");
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// The raw primitives: public only for producers (test servers, benchmarks, fuzzing).
mod body;
mod content;
#[cfg(feature = "produce")]
pub mod crypto;
#[cfg(not(feature = "produce"))]
pub(crate) mod crypto;
mod decrypted;
#[cfg(feature = "produce")]
pub mod encrypt;
mod error;
mod failure;
mod key;
mod key_file;
mod metadata;
mod pem;
mod response;
pub mod signing;

pub use content::ReceiptContent;
#[cfg(feature = "produce")]
pub use crypto::{ItemKey, ReceiptKey};
pub use decrypted::Receipt;
pub use error::{
    Body, ContentField, DecryptionError, EncryptError, FieldSize, JsonError, KeyError, ReceiptError,
};
pub use failure::{FailureReceipt, RequirementNotMet};
pub use key::{MAX_KEY_BITS, MIN_KEY_BITS, MIN_PUBLIC_EXPONENT, PrivateKey, PublicKey, SignError};
pub use key_file::{MAX_KEY_FILE_SIZE, read_key_file};
pub use metadata::ReceiptMetadata;
pub use response::{EncryptedReceipt, ReceiptResponse, WrappedItemKey};
pub use yoti_policy::FromUserProfile;
