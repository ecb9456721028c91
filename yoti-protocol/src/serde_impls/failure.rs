//! Failure receipts as `{"metadata", "error", "requirements_not_met"}`, each requirement with the
//! snake_case fields Yoti sends, left out when absent.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::receipt::{FailureReceipt, ReceiptMetadata, RequirementNotMet};

#[derive(Serialize)]
struct FailureForm<'a> {
    metadata: &'a ReceiptMetadata,
    error: &'a str,
    requirements_not_met: &'a [RequirementNotMet],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedFailureForm {
    metadata: ReceiptMetadata,
    error: String,
    #[serde(default)]
    requirements_not_met: Vec<RequirementNotMet>,
}

impl Serialize for FailureReceipt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FailureForm {
            metadata: &self.metadata,
            error: &self.error,
            requirements_not_met: &self.requirements_not_met,
        }
        .serialize(serializer)
    }
}

/// As reading a receipt: a failure has a non-empty `error`.
impl<'de> Deserialize<'de> for FailureReceipt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = OwnedFailureForm::deserialize(deserializer)?;
        if form.error.is_empty() {
            return Err(D::Error::custom("failure receipt: `error` is empty"));
        }
        Ok(FailureReceipt {
            metadata: form.metadata,
            error: form.error,
            requirements_not_met: form.requirements_not_met,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RequirementForm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    failure_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document_country_iso_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    details: Option<String>,
}

impl Serialize for RequirementNotMet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RequirementForm {
            failure_type: self.failure_type.clone(),
            document_type: self.document_type.clone(),
            document_country_iso_code: self.document_country_iso_code.clone(),
            audit_id: self.audit_id.clone(),
            details: self.details.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RequirementNotMet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = RequirementForm::deserialize(deserializer)?;
        let mut requirement = RequirementNotMet::new();
        requirement.failure_type = form.failure_type;
        requirement.document_type = form.document_type;
        requirement.document_country_iso_code = form.document_country_iso_code;
        requirement.audit_id = form.audit_id;
        requirement.details = form.details;
        Ok(requirement)
    }
}
