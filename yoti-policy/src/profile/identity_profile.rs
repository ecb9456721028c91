//! The `identity_profile_report` attribute (docs/protocol.md, "Identity profile report").

use std::fmt;

use serde_json::{Map, Value};

/// The identity profile report of a share that asked for identity profile requirements (RTW,
/// RTR, DBS, ...), kept as generic JSON with accessors for the documented top-level keys.
/// `Debug` shows the top-level keys, not the values.
///
/// ```
/// use yoti_policy::profile::IdentityProfileReport;
///
/// let report = IdentityProfileReport::from_json(serde_json::json!({
///     "proof": "<signature provided here>",
/// }))
/// .unwrap();
/// assert_eq!(report.proof(), Some("<signature provided here>"));
/// assert!(report.verification_report().is_none());
/// ```
#[derive(Clone, PartialEq)]
pub struct IdentityProfileReport {
    json: Map<String, Value>,
}

impl IdentityProfileReport {
    /// Wraps a JSON value; `None` when it is not an object.
    pub fn from_json(json: Value) -> Option<Self> {
        match json {
            Value::Object(json) => Some(IdentityProfileReport { json }),
            _ => None,
        }
    }

    /// `identity_assertion`: the current name and date of birth that were asserted.
    pub fn identity_assertion(&self) -> Option<&Map<String, Value>> {
        self.json
            .get("identity_assertion")
            .and_then(Value::as_object)
    }

    /// `verification_report`: trust framework, schemes compliance, assurance process, evidence.
    pub fn verification_report(&self) -> Option<&Map<String, Value>> {
        self.json
            .get("verification_report")
            .and_then(Value::as_object)
    }

    /// `authentication_report`: report id, timestamp, policy and level.
    pub fn authentication_report(&self) -> Option<&Map<String, Value>> {
        self.json
            .get("authentication_report")
            .and_then(Value::as_object)
    }

    /// `proof`.
    pub fn proof(&self) -> Option<&str> {
        self.json.get("proof").and_then(Value::as_str)
    }

    /// The whole JSON object.
    pub fn json(&self) -> &Map<String, Value> {
        &self.json
    }

    /// The whole JSON object, by value.
    pub fn into_json(self) -> Map<String, Value> {
        self.json
    }
}

/// The keys only: the values are personal data.
impl fmt::Debug for IdentityProfileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityProfileReport")
            .field("keys", &self.json.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
