//! Failure receipts (docs/protocol.md, "Failure receipts"): a share that did not satisfy the
//! policy. They carry no keys and no content, only the reason.

use std::fmt;

use super::body::{ErrorReasonBody, RequirementNotMetBody};
use super::metadata::ReceiptMetadata;
use yoti_policy::__private::len_of;

/// A failure receipt with every detail Yoti sent, returned instead of a profile: the receipt's
/// metadata (as a success receipt has it, remember-me ids included), the failure code and every
/// unmet requirement.
///
/// Its message (`Display`) and `Debug` give the failure codes, the session id and the audit ids,
/// which are what support needs. They leave out the receipt id (it fetches the receipt, like a
/// bearer token), the remember-me ids (they identify the person; `Debug` shows the lengths of
/// all three) and the type and country of the person's document.
///
/// ```
/// use yoti_protocol::receipt::ReceiptResponse;
///
/// let body = br#"{"id":"r1","sessionId":"ss.v2.s","timestamp":"2025-05-21T11:01:07Z",
///   "rememberMeId":"cGVyc29u","error":"FRAUD_DETECTED"}"#;
/// let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(body)? else {
///     unreachable!()
/// };
/// assert_eq!(failure.error, "FRAUD_DETECTED");
/// assert_eq!(failure.session_id(), "ss.v2.s");
/// assert_eq!(failure.remember_me_id(), Some("cGVyc29u"));
/// assert!(failure.requirements_not_met.is_empty());
/// assert_eq!(failure.to_string(), "the share did not complete: FRAUD_DETECTED (session ss.v2.s)");
/// assert!(!format!("{failure:?}").contains("cGVyc29u"));
/// # Ok::<(), yoti_protocol::receipt::ReceiptError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailureReceipt {
    /// The facts sent in clear: receipt id, session id, timestamp and remember-me ids.
    pub metadata: ReceiptMetadata,
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
        metadata: ReceiptMetadata,
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
            metadata,
            error,
            requirements_not_met,
        }
    }

    /// The receipt id (standard base64), as received.
    pub fn id(&self) -> &str {
        &self.metadata.id
    }

    /// The share session id.
    pub fn session_id(&self) -> &str {
        &self.metadata.session_id
    }

    /// When the share ended (RFC 3339), as received.
    pub fn timestamp(&self) -> &str {
        &self.metadata.timestamp
    }

    /// The person's remember-me id for this application, as received.
    pub fn remember_me_id(&self) -> Option<&str> {
        self.metadata.remember_me_id.as_deref()
    }

    /// The person's remember-me id for the parent organisation, as received.
    pub fn parent_remember_me_id(&self) -> Option<&str> {
        self.metadata.parent_remember_me_id.as_deref()
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
            self.error, self.metadata.session_id
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
            .field("metadata", &self.metadata)
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

#[cfg(test)]
mod tests {
    use super::super::ReceiptResponse;
    use super::*;

    fn failure(body: &str) -> FailureReceipt {
        match ReceiptResponse::from_json(body.as_bytes()).unwrap() {
            ReceiptResponse::Failure(failure) => failure,
            ReceiptResponse::Success(_) => panic!("not a failure receipt"),
        }
    }

    const BODY: &str = r#"{"id":"cmVjZWlwdA==","sessionId":"ss.v2.s","timestamp":"2025-05-21T11:01:07Z",
        "rememberMeId":"cGVyc29u","parentRememberMeId":"cGFyZW50","error":"MANDATORY_DOCUMENT_NOT_PROVIDED",
        "errorReason":{"requirements_not_met_details":[
          {"failure_type":"ID_DOCUMENT_COUNTRY","document_type":"PASSPORT",
           "document_country_iso_code":"IRL","audit_id":"a-1","details":"NOT_APPLICABLE_FOR_SCHEME"},
          {"failure_type":"ID_DOCUMENT_EXPIRED","document_type":"DRIVING_LICENCE",
           "document_country_iso_code":"GBR","audit_id":"a-2","details":"EXPIRED","unknown":1},
          {}]}}"#;

    #[test]
    fn keeps_the_metadata_of_the_receipt() {
        let failure = failure(BODY);
        assert_eq!(
            failure.metadata,
            ReceiptMetadata {
                id: "cmVjZWlwdA==".into(),
                session_id: "ss.v2.s".into(),
                timestamp: "2025-05-21T11:01:07Z".into(),
                remember_me_id: Some("cGVyc29u".into()),
                parent_remember_me_id: Some("cGFyZW50".into()),
            }
        );
        assert_eq!(failure.id(), "cmVjZWlwdA==");
        assert_eq!(failure.session_id(), "ss.v2.s");
        assert_eq!(failure.timestamp(), "2025-05-21T11:01:07Z");
        assert_eq!(failure.remember_me_id(), Some("cGVyc29u"));
        assert_eq!(failure.parent_remember_me_id(), Some("cGFyZW50"));
    }

    #[test]
    fn keeps_every_requirement_with_every_field_in_order() {
        let failure = failure(BODY);
        let requirement =
            |failure_type: &str, document: &str, country: &str, audit: &str, d: &str| {
                let mut r = RequirementNotMet::new();
                r.failure_type = Some(failure_type.into());
                r.document_type = Some(document.into());
                r.document_country_iso_code = Some(country.into());
                r.audit_id = Some(audit.into());
                r.details = Some(d.into());
                r
            };
        assert_eq!(
            failure.requirements_not_met,
            [
                requirement(
                    "ID_DOCUMENT_COUNTRY",
                    "PASSPORT",
                    "IRL",
                    "a-1",
                    "NOT_APPLICABLE_FOR_SCHEME"
                ),
                requirement(
                    "ID_DOCUMENT_EXPIRED",
                    "DRIVING_LICENCE",
                    "GBR",
                    "a-2",
                    "EXPIRED"
                ),
                RequirementNotMet::new(),
            ]
        );
    }

    #[test]
    fn absent_remember_me_ids_and_reasons_are_none_and_empty() {
        let failure = failure(
            r#"{"id":"r","sessionId":"s","timestamp":"t","error":"FRAUD_DETECTED","errorReason":null}"#,
        );
        assert_eq!(failure.remember_me_id(), None);
        assert_eq!(failure.parent_remember_me_id(), None);
        assert!(failure.requirements_not_met.is_empty());
    }

    #[test]
    fn a_failure_needs_the_metadata_a_success_needs() {
        let error =
            ReceiptResponse::from_json(br#"{"id":"r","timestamp":"t","error":"X"}"#).unwrap_err();
        assert!(
            matches!(
                error,
                crate::ReceiptError::MissingField {
                    field: "sessionId",
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn display_and_debug_show_no_ids_of_the_receipt_or_person_nor_the_document() {
        let failure = failure(BODY);
        let display = failure.to_string();
        let debug = format!("{failure:?}");
        for text in [&display, &debug] {
            for secret in [
                "cmVjZWlwdA==",
                "cGVyc29u",
                "cGFyZW50",
                "PASSPORT",
                "IRL",
                "GBR",
            ] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
        assert!(
            debug.starts_with(
                "FailureReceipt { metadata: ReceiptMetadata { id: <12 bytes>, session_id: \"ss.v2.s\", \
                 timestamp: \"2025-05-21T11:01:07Z\", remember_me_id: Some(<8 bytes>), \
                 parent_remember_me_id: Some(<8 bytes>) }, error: \"MANDATORY_DOCUMENT_NOT_PROVIDED\""
            ),
            "{debug}"
        );
        assert!(display.contains("(audit id a-2)"), "{display}");
    }
}
