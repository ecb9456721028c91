//! The policy of a share session as a serde model, and a builder for policies known only at run
//! time.
//!
//! (Skeleton: the typed-policy work fills this in.)

use serde::{Deserialize, Serialize};
use yoti_policy_core::spec::PolicySpec;

/// A share policy: what the person is asked to share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    wanted: Vec<serde_json::Value>,
}

impl From<PolicySpec> for Policy {
    fn from(spec: PolicySpec) -> Self {
        let _ = spec;
        Policy::default()
    }
}
