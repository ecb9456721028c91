//! A thin async client of the Yoti Digital ID share API, and the one dependency an application
//! needs: the whole flow, here against the in-process emulator (`yoti-emulator`, a
//! dev-dependency) with a generated key; against Yoti, build the client with
//! [`DigitalIdentityClient::from_env`] instead.
//!
//! ```
//! use yoti_client::{DigitalIdentityClient, ShareOutcome, SharePolicy, ShareSessionConfiguration};
//! use yoti_emulator::{DemoApplication, Emulator};
//!
//! #[derive(SharePolicy)]
//! struct Visitor {
//!     #[yoti(full_name)]
//!     name: String,
//!     #[yoti(age_over = 18)]
//!     adult: bool,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let demo = DemoApplication::generate()?;
//! let emulator = Emulator::builder().application(demo.application()).start().await?;
//! let client = DigitalIdentityClient::builder(demo.sdk_id(), demo.private_key())
//!     .base_url(emulator.base_url())
//!     .build()?;
//!
//! // 1. A share session asking for `Visitor`, and its QR code for the person to scan.
//! let config = ShareSessionConfiguration::new::<Visitor>("https://shop.example/callback")?;
//! let session = client.create_share_session(&config).await?;
//! let qr_code = client.create_share_qr_code(&session.id).await?;
//! assert!(qr_code.uri.is_some());
//!
//! // 2. The person shares; Yoti sends their browser to the callback with `?receiptId=...`.
//! //    Here the emulator's demo persona shares.
//! let receipt_id = emulator.share_persona(&session.id)?.receipt_id;
//!
//! // 3. On the callback: fetch, decrypt and decode the receipt into `Visitor`. A share that
//! //    did not complete is an outcome to show, not an error.
//! match client.get_share_receipt::<Visitor>(&receipt_id).await? {
//!     ShareOutcome::Shared(receipt) => {
//!         assert_eq!(receipt.user().name, "Jane Alexandra Doe");
//!         assert!(receipt.user().adult);
//!     }
//!     ShareOutcome::NotShared(failure) => panic!("the persona shares: {failure}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Crates: **`yoti-client`** (the one an application depends on: it re-exports what you name),
//! [`yoti-policy`](https://docs.rs/yoti-policy) (policies, profile types),
//! [`yoti-protocol`](https://docs.rs/yoti-protocol) (keys, signing, receipt decryption),
//! [`yoti-emulator`](https://docs.rs/yoti-emulator) (the share API on your machine, for tests),
//! [`yoti-policy-derive`](https://docs.rs/yoti-policy-derive) (the derive),
//! [`yoti-policy-core`](https://docs.rs/yoti-policy-core) (the attribute catalogue).
//!
//! It signs every request (or sends a bearer token, see [`auth`]), creates share sessions and QR
//! codes, and turns a receipt id into the struct your `#[derive(SharePolicy)]` declared. It holds
//! no policy logic of its own (that lives in `yoti-policy`) and no cryptography (that lives in
//! `yoti-protocol`): it is the transport. Both crates are re-exported, with the items an
//! application names at the root, so that this one dependency is enough. The requests it sends
//! are described in the [protocol reference].
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
//!
//! # Cargo features
//!
//! - `serde` (off by default): `Serialize` and `Deserialize` for receipts, failure receipts and
//!   the profile values in them, in the stable JSON form of `yoti-protocol`'s "serde" section, so
//!   that a backend can store what it received.
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod auth;
mod body;
mod client;
pub mod config;
mod error;
mod http;
pub mod model;
mod outcome;
mod request_id;
mod retry;
mod server_text;
mod session_bound;
mod session_check;
pub mod signing;
mod transport;
pub mod webhook;

pub use client::DigitalIdentityClient;
pub use config::ClientBuilder;
pub use error::{ApiError, ClientError, ConfigError};
pub use model::{ShareQrCode, ShareQrCodeDetails, ShareSession, ShareSessionDetails};
pub use outcome::ShareOutcome;
/// The HTTP library, at the version [`ClientBuilder::http_client`] takes its builder from.
pub use reqwest;
pub use retry::RetryPolicy;
pub use yoti_protocol::api::{IdError, QrCodeId, ReceiptId, SessionId};
pub use yoti_protocol::{
    FailureReceipt, KeyError, PrivateKey, Receipt, ReceiptError, ReceiptMetadata,
};
pub use {yoti_policy, yoti_protocol};

// What an application names, so that yoti-client is its one dependency. `SharePolicy` is both
// the trait and the derive; the derive finds `yoti_policy` through this crate's re-export when
// the application does not depend on it.
pub use yoti_policy::{
    AgeVerification, Anchor, Attribute, AttributeValue, Date, DecodeError, DocumentDetails,
    FromUserProfile, IdentityProfileReport, Image, Profile, SharePolicy, ShareSessionConfiguration,
    StructuredPostalAddress,
};
