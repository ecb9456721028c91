//! Why a policy would be rejected by Yoti.

/// A policy that Yoti would reject, found by [`PolicyBuilder::build`](super::PolicyBuilder::build)
/// or [`Policy::validate`](super::Policy::validate).
///
/// ```
/// use yoti_policy::policy::{Policy, PolicyError};
///
/// let err = Policy::builder().age_over(0).build().unwrap_err();
/// assert!(matches!(err, PolicyError::AgeOutOfRange { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A wanted attribute has an empty name.
    #[error(
        "wanted attribute #{index} has an empty name; give the attribute name, e.g. `full_name`"
    )]
    EmptyAttributeName {
        /// Position of the wanted attribute in the policy.
        index: usize,
    },
    /// A derivation is not one of the forms Yoti knows.
    #[error(
        "wanted attribute `{name}` has derivation `{derivation}`, which Yoti does not know; use `age_over:N`, `age_under:N` or `age_over:N:BUFFER` with whole numbers"
    )]
    MalformedDerivation {
        /// The attribute name.
        name: String,
        /// The derivation as given.
        derivation: String,
    },
    /// The age of an age derivation is 0 or above the largest age Yoti accepts.
    #[error(
        "derivation `{derivation}` asks about age {age}; ages must be between 1 and {max}",
        max = yoti_policy_core::catalogue::MAX_AGE
    )]
    AgeOutOfRange {
        /// The derivation.
        derivation: String,
        /// The age it names.
        age: u64,
    },
    /// The buffer of an estimated age check is above the largest value Yoti accepts.
    #[error(
        "derivation `{derivation}` has buffer {buffer}; buffers must be between 0 and {max}",
        max = yoti_policy_core::catalogue::MAX_AGE
    )]
    BufferOutOfRange {
        /// The derivation.
        derivation: String,
        /// The buffer it names.
        buffer: u64,
    },
    /// A `SOURCE` constraint lists no anchors.
    #[error(
        "the source constraint of wanted attribute `{name}` lists no documents; add at least one anchor such as `PASSPORT`"
    )]
    EmptySourceAnchors {
        /// The attribute name.
        name: String,
    },
    /// An anchor of a `SOURCE` constraint has an empty name.
    #[error(
        "the source constraint of wanted attribute `{name}` has an anchor with an empty name; use `PASSPORT`, `DRIVING_LICENCE`, `NATIONAL_ID` or `PASS_CARD`"
    )]
    EmptyAnchorName {
        /// The attribute name.
        name: String,
    },
    /// An alternative name of a wanted attribute is empty.
    #[error("wanted attribute `{name}` has an empty alternative name; remove it or give a name")]
    EmptyAlternativeName {
        /// The attribute name.
        name: String,
    },
    /// Identity profile requirements that are not a JSON object.
    #[error("`{key}` must be a JSON object, found {found}")]
    IdentityProfileNotObject {
        /// `identity_profile_requirements` or `advanced_identity_profile_requirements`.
        key: &'static str,
        /// The JSON type found instead.
        found: &'static str,
    },
}

/// The JSON type of `value`, for error messages.
pub(crate) fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
