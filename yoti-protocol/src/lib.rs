//! The Yoti Digital ID wire protocol, as the [protocol reference] specifies it: the
//! application's keys and request signing, the JSON bodies of the share API ([`api`]), the
//! protobuf messages, and the decryption of a receipt into the profile types of `yoti-policy`.
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
//! - `serde` (off by default): `Serialize` and `Deserialize` for receipts, in the form below
//!   (and, through `yoti-policy/serde`, for the profile values inside them).
//!
//! # serde
//!
//! With the `serde` feature a backend can store a receipt it received, the user's own
//! `#[derive(SharePolicy, Serialize, Deserialize)]` struct included, or a failure receipt. The
//! JSON form is stable, with snake_case keys (not the camelCase of Yoti's bodies):
//!
//! | type | form |
//! |---|---|
//! | [`ReceiptMetadata`] | `{"id", "session_id", "timestamp", "remember_me_id", "parent_remember_me_id"}`: `timestamp` the RFC 3339 text as Yoti sent it, the remember-me ids left out when absent |
//! | [`Receipt<T>`](Receipt) | `{"metadata", "user", "user_profile", "user_extra_data", "application_profile", "application_extra_data"}`: `user` in the form of `T`, the profiles and extra data in the forms of `yoti-policy`'s "serde" section |
//! | [`FailureReceipt`] | `{"metadata", "error", "requirements_not_met"}` |
//! | [`RequirementNotMet`](receipt::RequirementNotMet) | `{"failure_type", "document_type", "document_country_iso_code", "audit_id", "details"}`, each left out when absent |
//!
//! Reading checks what reading a receipt checks (the id, session id, timestamp and a failure's
//! `error` are not empty); unknown keys and bad input are serde errors, never a panic. The form
//! holds the person's data and the remember-me ids in clear: store it as such.
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
#[cfg(feature = "serde")]
mod serde_impls;

pub use receipt::{
    EncryptedReceipt, FailureReceipt, KeyError, PrivateKey, PublicKey, Receipt, ReceiptError,
    ReceiptMetadata, ReceiptResponse, WrappedItemKey,
};
