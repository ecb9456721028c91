//! Yoti Digital ID share policies declared as Rust types, and the typed receipts they produce.
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
//! # Cargo features
//!
//! - `receipt` (off by default; `yoti-client` turns it on): everything that reads a receipt's
//!   bytes. The `receipt` module loads the application's private key, decrypts receipts (RSA,
//!   AES-GCM and AES-CBC with `aws-lc-rs`) into a `Receipt<T>` in one call, signs requests and
//!   encrypts receipts for test servers; the `proto` module holds the protobuf messages, and
//!   `Profile::from_protobuf`, `Anchor::from_protobuf` (with the X.509 certificates) and
//!   `ExtraData::from_protobuf` decode them. Without it the crate builds several times faster
//!   (no C library, no protobuf or X.509 code): policies, session configuration, the derive, and
//!   decoding a [`Profile`] into a struct all work the same, and the derive's generated code is
//!   identical either way.
//! - `time`, `chrono`: conversions of [`Date`] to `time::Date` and `chrono::NaiveDate`.
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod decode;
mod der;
pub mod policy;
pub mod profile;
#[cfg(feature = "receipt")]
pub mod proto;
#[cfg(feature = "receipt")]
pub mod receipt;
mod redact;
pub mod session;
mod share_policy;

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
pub use share_policy::SharePolicy;
/// Derives [`SharePolicy`] from `#[yoti(...)]` attributes on a struct.
pub use yoti_policy_derive::SharePolicy;
