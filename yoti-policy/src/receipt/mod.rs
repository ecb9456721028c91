//! Receipts: the application's private key, the decryption chain, and the one call from a receipt
//! to the user's struct.
//!
//! The chain (PROTOCOL.md section 9): the wrapped item key's `value` is RSA-decrypted with the
//! application's [`PrivateKey`] into the item key; the item key GCM-unwraps the receipt's
//! `wrappedKey` into the [`ReceiptKey`]; the receipt key CBC-decrypts each content blob into a
//! protobuf `AttributeList` or `ExtraData`.
//!
//! One call does it all ([`Receipt::decrypt`]); a client that fetches the bodies itself goes step
//! by step: [`ReceiptResponse::from_json`] tells whether a wrapped item key is needed at all
//! (never for a failure receipt), then [`EncryptedReceipt::decrypt_with`] and
//! [`Receipt::from_content`].
//!
//! ```
//! use yoti_policy::receipt::{PrivateKey, Receipt, ReceiptResponse, WrappedItemKey};
//! use yoti_policy::{Image, SharePolicy};
//!
//! #[derive(SharePolicy)]
//! struct Checkout {
//!     #[yoti(selfie)]
//!     selfie: Image,
//!     #[yoti(phone_number)]
//!     phone: String,
//! }
//!
//! let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/fixtures");
//! let key = PrivateKey::from_pem_file(format!("{fixtures}/keys/node-2048.pem"))?;
//! let receipt_body = std::fs::read(format!("{fixtures}/receipts/v2-synthetic-receipt.json"))?;
//!
//! // 1. Read the receipt: a failure receipt has no wrapped item key to fetch.
//! let receipt = ReceiptResponse::from_json(&receipt_body)?.into_success()?;
//! assert_eq!(receipt.wrapped_item_key_id(), "synthetic-wrapped-item-key-id");
//!
//! // 2. Fetch `GET /v2/wrapped-item-keys/{id}` (here: the fixture) and decrypt.
//! let item_key_body =
//!     std::fs::read(format!("{fixtures}/receipts/v2-synthetic-wrapped-item-key.json"))?;
//! let item_key = WrappedItemKey::from_json(&item_key_body)?;
//! let content = receipt.decrypt_with(&item_key, &key)?;
//!
//! // 3. Decode into the struct.
//! let decoded = Receipt::<Checkout>::from_content(receipt.metadata().clone(), content)?;
//! assert_eq!(decoded.user().phone, "+447474747474");
//! assert_eq!(decoded.user().selfie.data().len(), 152536);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod crypto;
mod decrypted;
pub mod encrypt;
mod error;
mod failure;
mod gcm;
mod key;
mod pem;
mod read;
mod response;
mod scan;
pub mod wire;

pub use crypto::{DecryptionError, ItemKey, ReceiptKey};
pub use decrypted::{FromUserProfile, Receipt};
pub use encrypt::EncryptError;
pub use error::{Body, ContentField, FieldSize, JsonError, ReceiptError};
pub use failure::{FailureReceipt, RequirementNotMet};
pub use key::{KeyError, MAX_KEY_BITS, MIN_KEY_BITS, PrivateKey, PublicKey, SignError};
pub use response::{
    DecryptedContent, EncryptedReceipt, ReceiptMetadata, ReceiptResponse, WrappedItemKey,
};
