//! The Yoti Digital ID wire protocol, as the [protocol reference] specifies it: the
//! application's keys and request signing, the protobuf messages, and the decryption of a
//! receipt into the profile types of `yoti-policy`.
//!
//! Most applications use it through `yoti-client`, which re-exports what they name.
//!
//! ```
//! use yoti_protocol::PrivateKey;
//!
//! // An application loads its key from Yoti Hub: `PrivateKey::from_pem_file(path)`.
//! let key = PrivateKey::generate()?;
//! let signature = key.sign(b"GET&/v2/sessions/abc?nonce=n&timestamp=1")?;
//! assert!(key.public_key().verify(b"GET&/v2/sessions/abc?nonce=n&timestamp=1", &signature));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Crates: [**`yoti-client`**](https://docs.rs/yoti-client) (the one an application depends on: it re-exports what you name),
//! [`yoti-policy`](https://docs.rs/yoti-policy) (policies, profile types),
//! `yoti-protocol` (keys, signing, receipt decryption),
//! [`yoti-emulator`](https://docs.rs/yoti-emulator) (the share API on your machine, for tests),
//! [`yoti-policy-derive`](https://docs.rs/yoti-policy-derive) (the derive),
//! [`yoti-policy-core`](https://docs.rs/yoti-policy-core) (the attribute catalogue).
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

pub mod convert;
mod der;
pub mod proto;
pub mod receipt;

pub use receipt::{
    EncryptedReceipt, FailureReceipt, KeyError, PrivateKey, PublicKey, Receipt, ReceiptError,
    ReceiptMetadata, ReceiptResponse, WrappedItemKey,
};
