//! A thin async client of the Yoti Digital ID share API.
//!
//! It signs every request (or sends a bearer token, see [`auth`]), creates share sessions and QR
//! codes, and turns a receipt id into the struct your `#[derive(SharePolicy)]` declared. It holds
//! no policy logic of its own (that lives in `yoti-policy`) and no cryptography (that lives in
//! `yoti-protocol`): it is the transport. Both crates are re-exported, with the items an
//! application names at the root, so that this one dependency is enough. The requests it sends
//! are described in the [protocol reference].
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod auth;
mod body;
mod client;
pub mod config;
mod error;
pub mod model;
mod receipt_id;
mod request_id;
mod retry;
mod session_bound;
pub mod signing;
mod transport;
pub mod webhook;

pub use client::DigitalIdentityClient;
pub use config::ClientBuilder;
pub use error::{ApiError, ClientError, ConfigError};
pub use model::{ShareQrCode, ShareQrCodeDetails, ShareSession, ShareSessionDetails};
pub use receipt_id::ReceiptId;
/// The HTTP library, at the version [`ClientBuilder::http_client`] takes its builder from.
pub use reqwest;
pub use retry::RetryPolicy;
pub use yoti_protocol::{FailureReceipt, KeyError, PrivateKey, Receipt, ReceiptError};
pub use {yoti_policy, yoti_protocol};

// What an application names, so that yoti-client is its one dependency. `SharePolicy` is both
// the trait and the derive; the derive finds `yoti_policy` through this crate's re-export when
// the application does not depend on it.
pub use yoti_policy::{
    AgeVerification, Anchor, Attribute, AttributeValue, Date, DecodeError, DocumentDetails,
    FromUserProfile, IdentityProfileReport, Image, Profile, SharePolicy, ShareSessionConfiguration,
    StructuredPostalAddress,
};
