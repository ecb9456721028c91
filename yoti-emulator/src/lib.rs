//! A local stand-in for the Yoti Digital ID share API, for development and tests.
//!
//! It serves the share v2 endpoints under `/share`, so that a client configured with the base
//! URL `http://127.0.0.1:PORT/share` uses the real paths; it authenticates requests as Yoti does,
//! keeps share sessions, QR codes and receipts in memory, and encrypts receipts for the
//! application exactly as Yoti does. A control API under `/emulator/v1` completes shares (as a
//! built-in persona or with given attributes), changes application states, injects faults and
//! counts requests; the QR code `uri` opens a page with a Share button. See the README for every
//! route, and the [protocol reference] for the API it emulates.
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
//!
//! Memory is bounded: nonces, sessions (with their QR codes and receipts) and fault rules are
//! evicted once they can no longer matter, and their numbers are capped (see
//! [`EmulatorBuilder`]); at a cap, requests get 503 `EMULATOR_LIMIT_REACHED`. The control API
//! answers only requests addressed to the emulator itself and, when they carry an `Origin`, from
//! its own pages; bodies must be declared JSON, and a control token can be required
//! ([`EmulatorBuilder::control_token`]).
//!
//! In a test of your application, the handle completes shares in one call: as the persona,
//! with chosen attributes, or as a failure; and sets faults, application states and token
//! expiry, and counts requests ([`EmulatorHandle`]).
//!
//! ```
//! use yoti_client::{
//!     ClientError, DigitalIdentityClient, ShareOutcome, SharePolicy, ShareSessionConfiguration,
//! };
//! use yoti_emulator::{
//!     DemoApplication, Emulator, FailureType, Fault, FaultRule, Share, UnmetRequirement,
//! };
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
//! // An SDK id and a fresh key for local work; against Yoti, the application's key from Yoti Hub.
//! let demo = DemoApplication::generate()?;
//! let emulator = Emulator::builder().application(demo.application()).start().await?;
//! let client = DigitalIdentityClient::builder(demo.sdk_id(), demo.private_key())
//!     .base_url(emulator.base_url())
//!     .build()?;
//! let config = ShareSessionConfiguration::new::<Visitor>("/callback")?;
//!
//! // The built-in persona shares.
//! let session = client.create_share_session(&config).await?;
//! let receipt_id = emulator.share_persona(&session.id)?.receipt_id;
//! let receipt = client.get_share_receipt::<Visitor>(&receipt_id).await?.into_receipt().unwrap();
//! assert_eq!(receipt.user().name, "Jane Alexandra Doe");
//!
//! // Chosen attributes; `age_over:18` is derived from the date of birth, as Yoti does.
//! let session = client.create_share_session(&config).await?;
//! let ada = Share::new().text("full_name", "Ada").date("date_of_birth", "2015-12-10");
//! let receipt_id = emulator.share(&session.id, &ada)?.receipt_id;
//! let receipt = client.get_share_receipt::<Visitor>(&receipt_id).await?.into_receipt().unwrap();
//! assert!(!receipt.user().adult);
//!
//! // A failure: the receipt lists the requirement that was not met.
//! let session = client.create_share_session(&config).await?;
//! let unmet = UnmetRequirement::new(FailureType::AttributeNotProvided, "full_name");
//! let receipt_id = emulator.share(&session.id, &Share::failure([unmet]))?.receipt_id;
//! let outcome = client.get_share_receipt::<Visitor>(&receipt_id).await?;
//! assert!(matches!(outcome, ShareOutcome::NotShared(failure) if failure.requirements_not_met.len() == 1));
//!
//! // A fault on the next create session.
//! emulator.add_fault(FaultRule::new(Fault::status(503)).route("POST /v2/sessions").times(1))?;
//! assert!(matches!(
//!     client.create_share_session(&config).await,
//!     Err(ClientError::Server(_))
//! ));
//! assert_eq!(emulator.request_count("POST /v2/sessions"), 4);
//! # Ok(())
//! # }
//! ```
//!
//! Request checks follow what Yoti enforces, so that every official SDK passes unmodified: the
//! signature over the exact bytes of the request and single-use nonces are always checked; the
//! request timestamp only with [`EmulatorBuilder::strict_timestamps`], since the official Java
//! SDK sends microseconds of a monotonic clock rather than epoch milliseconds.
//!
//! Crates: [**`yoti-client`**](https://docs.rs/yoti-client) (the one an application depends on: it re-exports what you name),
//! [`yoti-policy`](https://docs.rs/yoti-policy) (policies, profile types),
//! [`yoti-protocol`](https://docs.rs/yoti-protocol) (keys, signing, receipt decryption),
//! `yoti-emulator` (the share API on your machine, for tests),
//! [`yoti-policy-derive`](https://docs.rs/yoti-policy-derive) (the derive),
//! [`yoti-policy-core`](https://docs.rs/yoti-policy-core) (the attribute catalogue).
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod anchors;
mod application;
mod assertion;
mod auth;
mod control_access;
mod control_guard;
mod demo;
mod error;
mod faults;
mod handle;
mod ids;
mod json_body;
pub mod keys;
mod nonces;
mod persona;
mod requirement;
mod routes;
mod server;
mod share;
mod share_input;
mod share_request;
mod state;
mod store;
mod third_party;
mod times;
mod tokens;
mod webhook;

pub use application::{Application, ApplicationState};
pub use demo::{DEMO_SDK_ID, DemoApplication};
pub use error::StartError;
pub use faults::{ActiveFault, Fault, FaultError, FaultRule};
pub use handle::{CompletedShare, ShareError};
pub use requirement::{FailureType, UnmetRequirement};
pub use server::{
    DEFAULT_BODY_LIMIT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_NONCES, DEFAULT_MAX_RECEIPTS,
    DEFAULT_MAX_SESSIONS, DEFAULT_READ_TIMEOUT, DEFAULT_RETENTION, DEFAULT_SESSION_LIFETIME,
    DEFAULT_TIMESTAMP_WINDOW, DEFAULT_TOKEN_TTL, Emulator, EmulatorBuilder, EmulatorHandle,
};
pub use share_input::{Share, ShareAttribute};

/// The base path of the share API: a client's base URL is the emulator's origin plus this.
pub const BASE_PATH: &str = "/share";
/// The base path of the control API.
pub const CONTROL_PATH: &str = "/emulator/v1";
/// Where QR code URIs point.
pub(crate) const QR_PAGE_PATH: &str = "/emulator/v1/qr";
