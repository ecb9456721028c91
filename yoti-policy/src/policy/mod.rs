//! The policy of a share session as a serde model ([`Policy`], [`WantedAttribute`],
//! [`Constraint`]), and a builder for policies known only at run time ([`PolicyBuilder`]).
//!
//! A policy from `#[derive(SharePolicy)]` and the same policy from the builder serialise to the
//! same bytes.

mod builder;
mod constraint;
mod errors;
pub(crate) mod model;
mod spec;
mod validate;
mod write;

pub use builder::PolicyBuilder;
pub use constraint::{Constraint, SourceAnchor, SourceConstraint};
pub use errors::PolicyError;
pub(crate) use errors::json_type;
pub use model::{Policy, WantedAttribute};
