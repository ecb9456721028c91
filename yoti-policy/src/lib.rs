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
//! Receipts are read by `yoti-protocol` (keys, decryption, protobuf) and fetched by
//! `yoti-client`; this crate has no cryptography and no protobuf, so it builds fast: policies,
//! session configuration, the derive, the profile types and decoding a [`Profile`] into a struct.
//!
//! # Cargo features
//!
//! - `time`, `chrono`: conversions of [`Date`] to `time::Date` and `chrono::NaiveDate`.
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod decode;
pub mod policy;
pub mod profile;
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
pub use share_policy::{FromUserProfile, SharePolicy};
/// Derives [`SharePolicy`] from `#[yoti(...)]` attributes on a struct.
pub use yoti_policy_derive::SharePolicy;
