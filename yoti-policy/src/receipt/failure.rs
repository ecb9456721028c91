//! Failure receipts (docs/protocol.md, "Failure receipts"): a share that did not satisfy the
//! policy. They carry no keys and no content, only the reason.

use std::fmt;

use super::wire::{ReceiptBody, RequirementNotMetBody};

/// A failure receipt with every detail Yoti sent, returned instead of a profile.
///
/// ```
/// use yoti_policy::receipt::ReceiptResponse;
///
/// let body = br#"{"id":"r1","sessionId":"ss.v2.s","timestamp":"2025-05-21T11:01:07Z",
///   "error":"FRAUD_DETECTED"}"#;
/// let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(body)? else {
///     unreachable!()
/// };
/// assert_eq!(failure.error, "FRAUD_DETECTED");
/// assert!(failure.requirements_not_met.is_empty());
/// # Ok::<(), yoti_policy::receipt::ReceiptError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// One requirement of the policy that the share did not meet. Any field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
        body: ReceiptBody,
    ) -> Self {
        let requirements_not_met = body
            .error_reason
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
            "the share did not complete: {} (receipt {}, session {})",
            self.error, self.id, self.session_id
        )?;
        for requirement in &self.requirements_not_met {
            let parts = [
                &requirement.failure_type,
                &requirement.document_type,
                &requirement.document_country_iso_code,
                &requirement.details,
            ];
            let text: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
            write!(f, "; requirement not met: {}", text.join(" "))?;
            if let Some(audit_id) = &requirement.audit_id {
                write!(f, " (audit id {audit_id})")?;
            }
        }
        Ok(())
    }
}
