//! The serde model of a policy and of its wanted attributes.

use serde::Deserialize;
use serde_json::Value;
use yoti_policy_core::catalogue::{AGE_OVER, AGE_UNDER, DATE_OF_BIRTH, ESTIMATED_AGE};

use super::constraint::Constraint;
use crate::null::null_as_default;

/// A share policy: what the person is asked to share.
///
/// It serialises to the canonical JSON in the official Node SDK's key order (docs/protocol.md,
/// "Policy JSON"), byte for byte what `#[derive(SharePolicy)]` writes for the same policy: both
/// are written by `yoti-policy-core` (see `policy/write.rs`). It
/// holds at most one kind of identity profile requirements: when both are given, only the advanced
/// ones are kept, as they are the only ones Yoti receives.
///
/// Deserialising is lenient where Yoti is: a missing or `null` `optional`, flag or list takes its
/// default, and a `null` identity profile is none.
///
/// ```
/// use yoti_policy::Policy;
///
/// let policy = Policy::builder().full_name().age_over(18).selfie_authentication(true).build()?;
/// let json = serde_json::to_string(&policy)?;
/// assert_eq!(
///     json,
///     r#"{"wanted":[{"name":"full_name","optional":false},{"name":"date_of_birth","optional":false,"derivation":"age_over:18"}],"wanted_auth_types":[1],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#
/// );
/// assert_eq!(serde_json::from_str::<Policy>(&json)?, policy);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "PolicyRepr")]
pub struct Policy {
    pub(super) wanted: Vec<WantedAttribute>,
    pub(super) wanted_auth_types: Vec<u32>,
    pub(super) wanted_remember_me: bool,
    pub(super) wanted_remember_me_optional: bool,
    pub(super) identity_profile_requirements: Option<Value>,
    pub(super) advanced_identity_profile_requirements: Option<Value>,
}

impl Policy {
    /// The wanted attributes, in order.
    pub fn wanted(&self) -> &[WantedAttribute] {
        &self.wanted
    }

    /// The wanted authentication types (`1` selfie, `2` PIN, others passed through), in order.
    pub fn wanted_auth_types(&self) -> &[u32] {
        &self.wanted_auth_types
    }

    /// Whether the application asks for the person's remember-me id.
    pub fn wanted_remember_me(&self) -> bool {
        self.wanted_remember_me
    }

    /// `wanted_remember_me_optional`.
    pub fn wanted_remember_me_optional(&self) -> bool {
        self.wanted_remember_me_optional
    }

    /// The identity profile requirements, when set and no advanced ones are.
    pub fn identity_profile_requirements(&self) -> Option<&Value> {
        self.identity_profile_requirements.as_ref()
    }

    /// The advanced identity profile requirements, when set.
    pub fn advanced_identity_profile_requirements(&self) -> Option<&Value> {
        self.advanced_identity_profile_requirements.as_ref()
    }

    /// Keeps at most one kind of identity profile requirements, the advanced one winning, as
    /// Yoti only ever receives that one.
    pub(super) fn normalised(mut self) -> Self {
        if self.advanced_identity_profile_requirements.is_some() {
            self.identity_profile_requirements = None;
        }
        self
    }
}

/// The wire form as Yoti accepts it: everything but `wanted` may be missing or `null`.
#[derive(Deserialize)]
struct PolicyRepr {
    wanted: Vec<WantedAttribute>,
    #[serde(default, deserialize_with = "null_as_default")]
    wanted_auth_types: Vec<u32>,
    #[serde(default, deserialize_with = "null_as_default")]
    wanted_remember_me: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    wanted_remember_me_optional: bool,
    #[serde(default)]
    identity_profile_requirements: Option<Value>,
    #[serde(default)]
    advanced_identity_profile_requirements: Option<Value>,
}

impl From<PolicyRepr> for Policy {
    fn from(repr: PolicyRepr) -> Self {
        // `Option<Value>` maps `null` to `None`, which is what an absent key means too.
        Policy {
            wanted: repr.wanted,
            wanted_auth_types: repr.wanted_auth_types,
            wanted_remember_me: repr.wanted_remember_me,
            wanted_remember_me_optional: repr.wanted_remember_me_optional,
            identity_profile_requirements: repr.identity_profile_requirements,
            advanced_identity_profile_requirements: repr.advanced_identity_profile_requirements,
        }
        .normalised()
    }
}

/// One attribute the person is asked to share.
///
/// ```
/// use yoti_policy::policy::{Constraint, SourceAnchor, SourceConstraint, WantedAttribute};
///
/// let family_name = WantedAttribute::new("family_name")
///     .with_constraint(Constraint::Source(
///         SourceConstraint::new().with_anchor(SourceAnchor::new("PASSPORT", "")),
///     ))
///     .with_accept_self_asserted(true);
/// assert_eq!(family_name.name(), "family_name");
/// assert!(!family_name.is_optional());
///
/// let estimated = WantedAttribute::estimated_age_over(18, 5);
/// assert_eq!(
///     serde_json::to_string(&estimated).unwrap(),
///     r#"{"name":"estimated_age","optional":false,"derivation":"age_over:18:5","alternative_names":["date_of_birth"]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct WantedAttribute {
    pub(super) name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub(super) optional: bool,
    #[serde(default)]
    pub(super) derivation: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub(super) constraints: Vec<Constraint>,
    #[serde(default)]
    pub(super) accept_self_asserted: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub(super) alternative_names: Vec<String>,
}

impl WantedAttribute {
    /// A required attribute by name, with nothing else set.
    pub fn new(name: impl Into<String>) -> Self {
        WantedAttribute {
            name: name.into(),
            optional: false,
            derivation: None,
            constraints: Vec::new(),
            accept_self_asserted: None,
            alternative_names: Vec::new(),
        }
    }

    /// Whether the person is over `age`: `date_of_birth` with derivation `age_over:AGE`.
    pub fn age_over(age: u32) -> Self {
        WantedAttribute::new(DATE_OF_BIRTH).with_derivation(format!("{AGE_OVER}:{age}"))
    }

    /// Whether the person is under `age`: `date_of_birth` with derivation `age_under:AGE`.
    pub fn age_under(age: u32) -> Self {
        WantedAttribute::new(DATE_OF_BIRTH).with_derivation(format!("{AGE_UNDER}:{age}"))
    }

    /// Whether the person's estimated age is over `age` with a safety `buffer`: `estimated_age`
    /// with derivation `age_over:AGE:BUFFER`, falling back to `date_of_birth`.
    pub fn estimated_age_over(age: u32, buffer: u32) -> Self {
        WantedAttribute::new(ESTIMATED_AGE)
            .with_derivation(format!("{AGE_OVER}:{age}:{buffer}"))
            .with_alternative_name(DATE_OF_BIRTH)
    }

    /// Whether the share may go ahead without this attribute (default `false`).
    #[must_use]
    pub fn with_optional(mut self, optional: bool) -> Self {
        self.optional = optional;
        self
    }

    /// Sets the derivation, e.g. `age_over:18`.
    #[must_use]
    pub fn with_derivation(mut self, derivation: impl Into<String>) -> Self {
        self.derivation = Some(derivation.into());
        self
    }

    /// Adds a constraint.
    #[must_use]
    pub fn with_constraint(mut self, constraint: impl Into<Constraint>) -> Self {
        self.constraints.push(constraint.into());
        self
    }

    /// Whether a value the person typed in themselves is acceptable; unset by default (Yoti's
    /// default applies).
    #[must_use]
    pub fn with_accept_self_asserted(mut self, accept: bool) -> Self {
        self.accept_self_asserted = Some(accept);
        self
    }

    /// Adds a name Yoti may answer with instead.
    #[must_use]
    pub fn with_alternative_name(mut self, name: impl Into<String>) -> Self {
        self.alternative_names.push(name.into());
        self
    }

    /// The attribute name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the share may go ahead without it.
    pub fn is_optional(&self) -> bool {
        self.optional
    }

    /// The derivation, e.g. `age_over:18`.
    pub fn derivation(&self) -> Option<&str> {
        self.derivation.as_deref()
    }

    /// The constraints, in order.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// `accept_self_asserted`, when set.
    pub fn accept_self_asserted(&self) -> Option<bool> {
        self.accept_self_asserted
    }

    /// The alternative names, in order.
    pub fn alternative_names(&self) -> &[String] {
        &self.alternative_names
    }

    /// The identity of this entry for de-duplication, as the official Node SDK keys its ordered
    /// map (docs/protocol.md, "De-duplication"): the derivation if set, else the name, plus the
    /// constraints.
    pub fn dedup_key(&self) -> (&str, &[Constraint]) {
        (
            self.derivation.as_deref().unwrap_or(&self.name),
            &self.constraints,
        )
    }
}
