//! The `identity_profile_report` attribute (docs/protocol.md, "Identity profile report"): the
//! JSON object as received, read through typed views that borrow from it.

mod assertion;
mod authentication;
mod evidence;
mod verification;
mod view;

use std::fmt;

use serde_json::{Map, Value};

pub use assertion::{CurrentName, IdentityAssertion};
pub use authentication::AuthenticationReport;
pub use evidence::{Evidence, EvidenceDocument, FaceCapture, Liveness};
pub use verification::{Assurance, AssuranceProcess, Scheme, SchemeCompliance, VerificationReport};

use view::{object_at, objects_at, str_at};

/// The identity profile report of a share that asked for identity profile requirements (RTW,
/// RTR, DBS, ...) or advanced ones. It keeps the JSON object as received; the typed views
/// ([`identity_assertion`](Self::identity_assertion),
/// [`verification_report`](Self::verification_report), ...) borrow from it and read each key
/// leniently: a missing key, or one of another JSON type, is `None`, never an error, and keys
/// the views do not name stay in [`json`](Self::json). `Debug` shows keys, not values.
///
/// ```
/// use yoti_policy::profile::IdentityProfileReport;
///
/// let report = IdentityProfileReport::from_json(serde_json::json!({
///     "verification_report": {
///         "trust_framework": "UK_TFIDA",
///         "schemes_compliance": [{"scheme": {"type": "RTW"}, "requirements_met": true}],
///     },
///     "proof": "<signature provided here>",
/// }))
/// .unwrap();
/// let verification = report.verification_report().unwrap();
/// assert_eq!(verification.trust_framework(), Some("UK_TFIDA"));
/// let rtw = verification.schemes().next().unwrap();
/// assert_eq!(rtw.scheme().unwrap().scheme_type(), Some("RTW"));
/// assert_eq!(rtw.requirements_met(), Some(true));
/// assert_eq!(report.proof(), Some("<signature provided here>"));
/// assert!(report.authentication_report().is_none());
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
    pub fn identity_assertion(&self) -> Option<IdentityAssertion<'_>> {
        object_at(&self.json, "identity_assertion").map(IdentityAssertion::new)
    }

    /// `verification_report`: trust framework, schemes compliance, assurance process, evidence.
    /// An advanced report has [`verification_reports`](Self::verification_reports) instead.
    pub fn verification_report(&self) -> Option<VerificationReport<'_>> {
        object_at(&self.json, "verification_report").map(VerificationReport::new)
    }

    /// `verification_reports` of an advanced report: one per profile of the requirements.
    pub fn verification_reports(&self) -> impl Iterator<Item = VerificationReport<'_>> {
        objects_at(&self.json, "verification_reports").map(VerificationReport::new)
    }

    /// `authentication_report`: report id, timestamp, policy and level. An advanced report has
    /// [`authentication_reports`](Self::authentication_reports) instead.
    pub fn authentication_report(&self) -> Option<AuthenticationReport<'_>> {
        object_at(&self.json, "authentication_report").map(AuthenticationReport::new)
    }

    /// `authentication_reports` of an advanced report.
    pub fn authentication_reports(&self) -> impl Iterator<Item = AuthenticationReport<'_>> {
        objects_at(&self.json, "authentication_reports").map(AuthenticationReport::new)
    }

    /// `proof`.
    pub fn proof(&self) -> Option<&str> {
        str_at(&self.json, "proof")
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
