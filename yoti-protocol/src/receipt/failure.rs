//! Failure receipts (docs/protocol.md, "Failure receipts"): a share that did not satisfy the
//! policy. They carry no keys and no content, only the reason.

use std::fmt;

use super::body::{ErrorReasonBody, RequirementNotMetBody};
use yoti_policy::__private::{Len, len_of};

/// A failure receipt with every detail Yoti sent, returned instead of a profile.
///
/// Its message (`Display`) and `Debug` give the failure codes, the session id and the audit ids,
/// which are what support needs. They leave out the receipt id (it fetches the receipt, like a
/// bearer token; `Debug` shows its length) and the type and country of the person's document.
///
/// ```
/// use yoti_protocol::receipt::ReceiptResponse;
///
/// let body = br#"{"id":"r1","sessionId":"ss.v2.s","timestamp":"2025-05-21T11:01:07Z",
///   "error":"FRAUD_DETECTED"}"#;
/// let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(body)? else {
///     unreachable!()
/// };
/// assert_eq!(failure.error, "FRAUD_DETECTED");
/// assert!(failure.requirements_not_met.is_empty());
/// assert_eq!(failure.to_string(), "the share did not complete: FRAUD_DETECTED (session ss.v2.s)");
/// # Ok::<(), yoti_protocol::receipt::ReceiptError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailureReceipt {
    /// The receipt id.
    pub id: String,
    /// The share session id.
    pub session_id: String,
    /// When the share ended, as sent.
    pub timestamp: String,
    /// The failure code, e.g. `MANDATORY_DOCUMENT_NOT_PROVIDED` or `FRAUD_DETECTED`.
    pub error: String,
    /// Every `errorReason.requirements_not_met_details` entry, in order.
    pub requirements_not_met: Vec<RequirementNotMet>,
}

/// One requirement of the policy that the share did not meet. Any field may be missing. `Debug`
/// shows the lengths of the document type and country, which describe the person's document.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequirementNotMet {
    /// e.g. `ID_DOCUMENT_COUNTRY`.
    pub failure_type: Option<String>,
    /// e.g. `PASSPORT`.
    pub document_type: Option<String>,
    /// e.g. `IRL`.
    pub document_country_iso_code: Option<String>,
    /// Yoti's audit id, for support requests.
    pub audit_id: Option<String>,
    /// e.g. `NOT_APPLICABLE_FOR_SCHEME`.
    pub details: Option<String>,
}

impl FailureReceipt {
    pub(crate) fn from_body(
        id: String,
        session_id: String,
        timestamp: String,
        error: String,
        reason: Option<ErrorReasonBody>,
    ) -> Self {
        let requirements_not_met = reason
            .and_then(|reason| reason.requirements_not_met_details)
            .unwrap_or_default()
            .into_iter()
            .map(RequirementNotMet::from)
            .collect();
        Self {
            id,
            session_id,
            timestamp,
            error,
            requirements_not_met,
        }
    }
}

impl From<RequirementNotMetBody> for RequirementNotMet {
    fn from(body: RequirementNotMetBody) -> Self {
        Self {
            failure_type: body.failure_type,
            document_type: body.document_type,
            document_country_iso_code: body.document_country_iso_code,
            audit_id: body.audit_id,
            details: body.details,
        }
    }
}

impl From<&RequirementNotMet> for RequirementNotMetBody {
    fn from(requirement: &RequirementNotMet) -> Self {
        Self {
            failure_type: requirement.failure_type.clone(),
            document_type: requirement.document_type.clone(),
            document_country_iso_code: requirement.document_country_iso_code.clone(),
            audit_id: requirement.audit_id.clone(),
            details: requirement.details.clone(),
        }
    }
}

impl RequirementNotMet {
    /// A requirement with every field missing; fill in what is known.
    pub fn new() -> Self {
        Self::default()
    }
}

impl fmt::Display for FailureReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the share did not complete: {} (session {})",
            self.error, self.session_id
        )?;
        for requirement in &self.requirements_not_met {
            let parts = [&requirement.failure_type, &requirement.details];
            let text: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
            write!(f, "; requirement not met: {}", text.join(" "))?;
            if let Some(audit_id) = &requirement.audit_id {
                write!(f, " (audit id {audit_id})")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for FailureReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FailureReceipt")
            .field("id", &Len(self.id.len()))
            .field("session_id", &self.session_id)
            .field("timestamp", &self.timestamp)
            .field("error", &self.error)
            .field("requirements_not_met", &self.requirements_not_met)
            .finish()
    }
}

impl fmt::Debug for RequirementNotMet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequirementNotMet")
            .field("failure_type", &self.failure_type)
            .field("document_type", &len_of(&self.document_type))
            .field(
                "document_country_iso_code",
                &len_of(&self.document_country_iso_code),
            )
            .field("audit_id", &self.audit_id)
            .field("details", &self.details)
            .finish()
    }
}
