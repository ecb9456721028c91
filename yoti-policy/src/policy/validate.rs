//! The checks Yoti makes on a policy, run before it is sent.

use serde_json::Value;
use yoti_policy_core::catalogue::{AGE_OVER, AGE_UNDER, MAX_AGE};

use super::constraint::Constraint;
use super::errors::{PolicyError, json_type};
use super::model::{Policy, WantedAttribute};

impl Policy {
    /// Checks what Yoti would reject: empty attribute names, derivations other than
    /// `age_over:N`, `age_under:N` and `age_over:N:BUFFER`, ages outside 1..=999, buffers above
    /// 999, source constraints without anchors, and identity profile requirements that are not
    /// JSON objects. [`PolicyBuilder::build`](super::PolicyBuilder::build) runs it; call it on a
    /// deserialised policy to check one received from elsewhere.
    ///
    /// # Errors
    ///
    /// The first problem found, as a [`PolicyError`].
    ///
    /// ```
    /// use yoti_policy::policy::{Policy, PolicyError};
    ///
    /// let policy: Policy = serde_json::from_str(
    ///     r#"{"wanted":[{"name":"date_of_birth","derivation":"age_over:1000"}]}"#,
    /// )?;
    /// assert!(matches!(policy.validate(), Err(PolicyError::AgeOutOfRange { age: 1000, .. })));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), PolicyError> {
        for (index, wanted) in self.wanted.iter().enumerate() {
            validate_wanted(index, wanted)?;
        }
        check_object(
            "identity_profile_requirements",
            self.identity_profile_requirements.as_ref(),
        )?;
        check_object(
            "advanced_identity_profile_requirements",
            self.advanced_identity_profile_requirements.as_ref(),
        )
    }
}

pub(super) fn check_object(key: &'static str, value: Option<&Value>) -> Result<(), PolicyError> {
    match value {
        None | Some(Value::Object(_)) => Ok(()),
        Some(other) => Err(PolicyError::IdentityProfileNotObject {
            key,
            found: json_type(other),
        }),
    }
}

fn validate_wanted(index: usize, wanted: &WantedAttribute) -> Result<(), PolicyError> {
    let name = wanted.name();
    if name.is_empty() {
        return Err(PolicyError::EmptyAttributeName { index });
    }
    if let Some(derivation) = wanted.derivation() {
        validate_derivation(name, derivation)?;
    }
    for constraint in wanted.constraints() {
        match constraint {
            Constraint::Source(source) => {
                if source.anchors().is_empty() {
                    return Err(PolicyError::EmptySourceAnchors {
                        name: name.to_owned(),
                    });
                }
                if source.anchors().iter().any(|a| a.name().is_empty()) {
                    return Err(PolicyError::EmptyAnchorName {
                        name: name.to_owned(),
                    });
                }
            }
        }
    }
    if wanted.alternative_names().iter().any(String::is_empty) {
        return Err(PolicyError::EmptyAlternativeName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// Accepts `age_over:N`, `age_under:N` and `age_over:N:B` with N in 1..=999 and B in 0..=999.
fn validate_derivation(name: &str, derivation: &str) -> Result<(), PolicyError> {
    let malformed = || PolicyError::MalformedDerivation {
        name: name.to_owned(),
        derivation: derivation.to_owned(),
    };
    let mut parts = derivation.split(':');
    let kind = parts.next().unwrap_or_default();
    let age = parts.next().map(parse_number).ok_or_else(malformed)?;
    let buffer = parts.next().map(parse_number);
    if parts.next().is_some() || !(kind == AGE_OVER || kind == AGE_UNDER) {
        return Err(malformed());
    }
    if buffer.is_some() && kind != AGE_OVER {
        return Err(malformed());
    }
    let age = age.ok_or_else(malformed)?;
    if age == 0 || age > u64::from(MAX_AGE) {
        return Err(PolicyError::AgeOutOfRange {
            derivation: derivation.to_owned(),
            age,
        });
    }
    if let Some(buffer) = buffer {
        let buffer = buffer.ok_or_else(malformed)?;
        if buffer > u64::from(MAX_AGE) {
            return Err(PolicyError::BufferOutOfRange {
                derivation: derivation.to_owned(),
                buffer,
            });
        }
    }
    Ok(())
}

/// A whole number written with ASCII digits only (no sign, no spaces).
fn parse_number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Too many digits for u64 is certainly out of range: saturate rather than fail.
    Some(text.parse().unwrap_or(u64::MAX))
}
