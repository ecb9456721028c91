//! Yoti Digital ID share policies declared as Rust types, and the typed profiles they produce.
//!
//! The wire formats it reads and writes are described in the [protocol reference].
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
//!
//! ```
//! use yoti_policy::{Date, SharePolicy};
//!
//! #[derive(SharePolicy)]
//! #[yoti(selfie_authentication)]
//! struct Checkout {
//!     #[yoti(full_name)]
//!     name: String,
//!     #[yoti(age_over = 18)]
//!     adult: bool,
//!     #[yoti(email_address)]
//!     email: Option<String>,
//! }
//!
//! assert_eq!(
//!     Checkout::POLICY_JSON,
//!     r#"{"wanted":[{"name":"full_name","optional":false},{"name":"date_of_birth","optional":false,"derivation":"age_over:18"},{"name":"email_address","optional":true}],"wanted_auth_types":[1],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#
//! );
//! ```
//!
//! Applications depend on [`yoti-client`](https://docs.rs/yoti-client), which re-exports this
//! crate and its items and runs the flow: a share session for the policy, then the receipt
//! decoded into the struct (see its front page).
//!
//! Crates: [**`yoti-client`**](https://docs.rs/yoti-client) (the one an application depends on: it re-exports what you name),
//! `yoti-policy` (policies, profile types),
//! [`yoti-protocol`](https://docs.rs/yoti-protocol) (keys, signing, receipt decryption),
//! [`yoti-emulator`](https://docs.rs/yoti-emulator) (the share API on your machine, for tests),
//! [`yoti-policy-derive`](https://docs.rs/yoti-policy-derive) (the derive),
//! [`yoti-policy-core`](https://docs.rs/yoti-policy-core) (the attribute catalogue).
//!
//! Receipts are read by `yoti-protocol` (keys, decryption, protobuf) and fetched by
//! `yoti-client`; this crate has no cryptography and no protobuf, so it builds fast: policies,
//! session configuration, the derive, the profile types and decoding a [`Profile`] into a struct.
//!
//! # Cargo features
//!
//! - `time`, `chrono`: conversions of [`Date`] to `time::Date` and `chrono::NaiveDate`, and of
//!   [`Timestamp`] to `time::OffsetDateTime` and `chrono::DateTime<Utc>`.
//! - `serde`: `Serialize` and `Deserialize` for the profile's values, in the form below.
//!
//! # serde
//!
//! With the `serde` feature a backend can store what it verified, a whole derived struct
//! included (`#[derive(SharePolicy, Serialize, Deserialize)]`). The JSON form is stable:
//!
//! | type | form |
//! |---|---|
//! | [`Date`] | ISO 8601 text: `"1980-01-02"` (`"1980-01"`, `"1980"` for a partial date) |
//! | [`Image`] | `{"mime_type": "image/jpeg", "base64": "..."}` (standard base64, padded; `image/png` too) |
//! | [`DocumentDetails`] | `{"document_type", "issuing_country", "document_number", "expiration_date", "issuing_authority"}`, the last two only when present |
//! | [`AgeVerification`] | `{"check": "age_over", "age": 18, "buffer": 5, "result": true}`, `buffer` only for an estimated age check |
//! | [`StructuredPostalAddress`], [`IdentityProfileReport`] | the JSON object Yoti sent |
//! | [`Anchor`] | `{"type": "SOURCE", "value": "PASSPORT", "sub_type": "NFC", "timestamp": "2020-01-26T00:53:20.123456Z"}`, plus `associated_source` when set; `type` is `SOURCE`, `VERIFIER` or `UNKNOWN` |
//! | [`Attribute<T>`](Attribute) | `{"name", "value", "anchors", "id"}`: `value` in the form of `T`, `id` the ephemeral id, left out when empty |
//! | [`AttributeValue`] | tagged by kind: `{"string": ...}`, `{"date": ...}`, `{"image": ...}`, `{"json": ...}`, `{"int": ...}`, `{"multi_value": [...]}` |
//! | [`Profile`] | `{"attributes": [...]}` |
//! | [`ApplicationProfile`](profile::ApplicationProfile) | the form of the [`Profile`] it was read from |
//! | [`ExtraData`](profile::ExtraData) | `{"attribute_issuance_details": [{"token", "expiry", "definitions"}]}`, `expiry` as written in the receipt, left out when it had none |
//!
//! An anchor's X.509 certificates and signatures are not part of the form: an anchor read back
//! has none, like one built with [`Anchor::new`], so it records what was verified without
//! proving it again. Reading applies the same rules as reading a receipt (a real date, standard
//! base64, a known image type, document details without empty parts, an age check's name), and
//! bad input is a serde error, never a panic.
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod decode;
mod null;
pub mod policy;
pub mod profile;
mod redact;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod session;
mod share_policy;
mod timestamp;

#[doc(hidden)]
pub mod __private;

pub use yoti_policy_core::catalogue;

pub use decode::{DecodeError, FromAttribute};
pub use policy::Policy;
pub use profile::{
    AgeVerification, Anchor, AnchorType, Attribute, AttributeValue, Date, DocumentDetails,
    IdentityProfileReport, Image, ImageFormat, Profile, StructuredPostalAddress,
};
pub use session::ShareSessionConfiguration;
pub use share_policy::{FromUserProfile, SharePolicy};
pub use timestamp::{Timestamp, TimestampError};
/// Derives [`SharePolicy`] from `#[yoti(...)]` attributes on a struct.
pub use yoti_policy_derive::SharePolicy;
