//! The Yoti Digital ID wire protocol, as the [protocol reference] specifies it: the
//! application's keys and request signing, the JSON bodies of the share API ([`api`]), the
//! protobuf messages, and the decryption of a receipt into the profile types of `yoti-policy`.
//!
//! Most applications use it through `yoti-client`, which re-exports what they name.
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
//!
//! # Cargo features
//!
//! - `produce` (off by default): the receipt producer (`receipt::encrypt`) and the raw
//!   primitives (`receipt::crypto`), for test servers such as `yoti-emulator`, benchmarks and
//!   fuzzing. An application reading receipts never needs it.
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod api;
// Protobuf to profile types: what `Receipt` uses, public for the emulator, the tests and the
// fuzz targets; an application gets its profiles from `Receipt`.
#[doc(hidden)]
pub mod convert;
mod der;
pub mod proto;
pub mod receipt;

pub use receipt::{
    EncryptedReceipt, FailureReceipt, KeyError, PrivateKey, PublicKey, Receipt, ReceiptError,
    ReceiptMetadata, ReceiptResponse, WrappedItemKey,
};
