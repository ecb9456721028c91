//! Unmet requirements given for a failure receipt, instead of those the policy check finds.

use serde::{Deserialize, Serialize};

/// Why a requirement of the policy was not met, as a failure receipt's `failure_type` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum FailureType {
    /// `ATTRIBUTE_NOT_PROVIDED`: the person did not share it.
    AttributeNotProvided,
    /// `SOURCE_CONSTRAINT_NOT_MET`: it came from a document the policy does not accept.
    SourceConstraintNotMet,
    /// `SELF_ASSERTED_NOT_ACCEPTED`: it was typed in where the policy wants it checked.
    SelfAssertedNotAccepted,
    /// `IDENTITY_PROFILE_NOT_MET`: the identity profile requirements were not satisfied.
    IdentityProfileNotMet,
}

impl FailureType {
    /// The wire name, e.g. `ATTRIBUTE_NOT_PROVIDED`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureType::AttributeNotProvided => "ATTRIBUTE_NOT_PROVIDED",
            FailureType::SourceConstraintNotMet => "SOURCE_CONSTRAINT_NOT_MET",
            FailureType::SelfAssertedNotAccepted => "SELF_ASSERTED_NOT_ACCEPTED",
            FailureType::IdentityProfileNotMet => "IDENTITY_PROFILE_NOT_MET",
        }
    }
}

/// One requirement not met, for [`Share::failure`](crate::Share::failure) or the control API's
/// `requirements_not_met`: its failure type, the wanted attribute or derivation it concerns
/// (`details`), and the document involved.
///
/// ```
/// use yoti_emulator::{FailureType, UnmetRequirement};
///
/// let unmet = UnmetRequirement::new(FailureType::SourceConstraintNotMet, "nationality")
///     .with_document("PASSPORT");
/// assert_eq!(unmet.failure_type(), FailureType::SourceConstraintNotMet);
/// assert_eq!(unmet.document_type(), Some("PASSPORT"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnmetRequirement {
    failure_type: FailureType,
    details: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document_country_iso_code: Option<String>,
}

impl UnmetRequirement {
    /// A requirement of `failure_type` about `details`, e.g. `full_name` or `age_over:18`.
    pub fn new(failure_type: FailureType, details: impl Into<String>) -> Self {
        UnmetRequirement {
            failure_type,
            details: details.into(),
            document_type: None,
            document_country_iso_code: None,
        }
    }

    /// The document involved, e.g. `PASSPORT`; its country is the persona's when it has one
    /// (`GBR` for a passport) unless [`with_document_country`](Self::with_document_country).
    #[must_use]
    pub fn with_document(mut self, document_type: impl Into<String>) -> Self {
        self.document_type = Some(document_type.into());
        self
    }

    /// The document's issuing country, ISO 3166-1 alpha-3, e.g. `FRA`.
    #[must_use]
    pub fn with_document_country(mut self, iso_code: impl Into<String>) -> Self {
        self.document_country_iso_code = Some(iso_code.into());
        self
    }

    /// The failure type.
    pub fn failure_type(&self) -> FailureType {
        self.failure_type
    }

    /// The wanted attribute or derivation it concerns.
    pub fn details(&self) -> &str {
        &self.details
    }

    /// The document involved.
    pub fn document_type(&self) -> Option<&str> {
        self.document_type.as_deref()
    }

    /// The document's issuing country.
    pub fn document_country_iso_code(&self) -> Option<&str> {
        self.document_country_iso_code.as_deref()
    }
}
