//! The parts of a Yoti Digital ID share policy that both `yoti-policy` (at run time) and
//! `yoti-policy-derive` (at compile time) need: the attribute catalogue, the reader of the
//! policy's free-form JSON (serde_json, repeated keys refused), and the writer of the canonical
//! policy JSON.
//!
//! ```
//! use yoti_policy_core::catalogue::{ValueKind, attribute};
//!
//! assert_eq!(attribute("date_of_birth").map(|a| a.kind), Some(ValueKind::Date));
//! ```
//!
//! Crates: [**`yoti-client`**](https://docs.rs/yoti-client) (the one an application depends on: it re-exports what you name),
//! [`yoti-policy`](https://docs.rs/yoti-policy) (policies, profile types),
//! [`yoti-protocol`](https://docs.rs/yoti-protocol) (keys, signing, receipt decryption),
//! [`yoti-emulator`](https://docs.rs/yoti-emulator) (the share API on your machine, for tests),
//! [`yoti-policy-derive`](https://docs.rs/yoti-policy-derive) (the derive),
//! `yoti-policy-core` (the attribute catalogue).
//!
//! A proc-macro crate cannot depend on the crate that re-exports it, so these facts live here once
//! and the macro and the runtime builder can never disagree about a name or a byte of JSON. The
//! policy JSON is described in the [protocol reference].
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod catalogue;
pub mod json;
pub mod spec;
