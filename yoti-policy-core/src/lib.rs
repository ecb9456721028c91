//! The parts of a Yoti Digital ID share policy that both `yoti-policy` (at run time) and
//! `yoti-policy-derive` (at compile time) need: the attribute catalogue, a small JSON model, and the
//! writer of the canonical policy JSON.
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
