//! The code behind the runnable examples of the workspace, kept in a library so that the
//! `web` example and the browser test run the same application.
//!
//! - [`policy`]: what the web application asks for, as a `#[derive(SharePolicy)]` struct;
//! - [`backend`]: the client, for the real Yoti API when `YOTI_*` variables are set, else for
//!   an emulator started in this process;
//! - [`web`]: the axum application: a page that starts a share, and the redirect endpoint that
//!   decrypts the receipt into the struct;
//! - [`script`] and [`qr`]: the values of the page's inline script and the server-side QR code.
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod backend;
pub mod policy;
pub mod qr;
pub mod script;
pub mod web;

// The READMEs' Rust examples compile and run as doc tests of this crate, so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadme;
#[cfg(doctest)]
#[doc = include_str!("../../yoti-policy/README.md")]
struct PolicyReadme;
#[cfg(doctest)]
#[doc = include_str!("../../yoti-policy-derive/README.md")]
struct DeriveReadme;
#[cfg(doctest)]
#[doc = include_str!("../../yoti-policy-core/README.md")]
struct CoreReadme;
#[cfg(doctest)]
#[doc = include_str!("../../yoti-client/README.md")]
struct ClientReadme;
