//! The share session configuration: the body of `POST /v2/sessions`.
//!
//! (Skeleton: the typed-policy work fills this in.)

use crate::Policy;

/// The configuration of a share session.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSessionConfiguration {
    policy: Policy,
    redirect_uri: String,
}

impl ShareSessionConfiguration {
    /// The configuration for policy `P` and the URI the person is sent back to.
    pub fn new<P: crate::SharePolicy>(redirect_uri: impl Into<String>) -> Self {
        ShareSessionConfiguration {
            policy: P::policy(),
            redirect_uri: redirect_uri.into(),
        }
    }
}
