//! Advanced identity profile requirements, built typed rather than written as JSON
//! (docs/protocol.md, "Identity profile requirements"): several trust frameworks, each with
//! labelled schemes, whose report comes back as `verification_reports`.

use serde_json::{Map, Value};

/// `advanced_identity_profile_requirements`: one profile per trust framework. Hand it to
/// [`PolicyBuilder::advanced_identity_profile_requirements`](crate::policy::PolicyBuilder::advanced_identity_profile_requirements)
/// as JSON with `.into()`.
///
/// ```
/// use yoti_policy::session::{
///     AdvancedIdentityProfile, AdvancedIdentityProfileRequirements, AdvancedIdentityProfileScheme,
/// };
///
/// let requirements = AdvancedIdentityProfileRequirements::new().with_profile(
///     AdvancedIdentityProfile::new("UK_TFIDA")
///         .with_scheme(AdvancedIdentityProfileScheme::new("RTW").with_label("LB912")),
/// );
/// assert_eq!(
///     requirements.to_json().to_string(),
///     r#"{"profiles":[{"trust_framework":"UK_TFIDA","schemes":[{"label":"LB912","type":"RTW"}]}]}"#
/// );
/// let policy = yoti_policy::Policy::builder()
///     .advanced_identity_profile_requirements(requirements.into())
///     .build()?;
/// assert!(policy.advanced_identity_profile_requirements().is_some());
/// # Ok::<(), yoti_policy::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AdvancedIdentityProfileRequirements {
    profiles: Vec<AdvancedIdentityProfile>,
}

/// One profile of advanced requirements: a trust framework (`UK_TFIDA`, `YOTI_GLOBAL`) and the
/// schemes to satisfy under it.
#[derive(Debug, Clone, PartialEq)]
pub struct AdvancedIdentityProfile {
    trust_framework: String,
    schemes: Vec<AdvancedIdentityProfileScheme>,
}

/// A scheme of an advanced profile: its type (`RTW`, `RTR`, `DBS`, `IDENTITY`), an optional
/// objective (`BASIC`, `STANDARD`, `AL_L1`, ...), a label that names it in the report, and an
/// optional `config` object passed through.
#[derive(Debug, Clone, PartialEq)]
pub struct AdvancedIdentityProfileScheme {
    label: Option<String>,
    scheme_type: String,
    objective: Option<String>,
    config: Option<Map<String, Value>>,
}

impl AdvancedIdentityProfileRequirements {
    /// No profiles yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a profile.
    #[must_use]
    pub fn with_profile(mut self, profile: AdvancedIdentityProfile) -> Self {
        self.profiles.push(profile);
        self
    }

    /// The profiles, in order.
    pub fn profiles(&self) -> &[AdvancedIdentityProfile] {
        &self.profiles
    }

    /// The JSON Yoti receives: `{"profiles": [...]}`, keys in the official SDKs' order.
    pub fn to_json(&self) -> Value {
        let profiles = self.profiles.iter().map(AdvancedIdentityProfile::to_json);
        object([("profiles", Some(Value::Array(profiles.collect())))])
    }
}

impl From<AdvancedIdentityProfileRequirements> for Value {
    fn from(requirements: AdvancedIdentityProfileRequirements) -> Self {
        requirements.to_json()
    }
}

impl AdvancedIdentityProfile {
    /// A profile under `trust_framework`, with no schemes yet.
    pub fn new(trust_framework: impl Into<String>) -> Self {
        AdvancedIdentityProfile {
            trust_framework: trust_framework.into(),
            schemes: Vec::new(),
        }
    }

    /// Adds a scheme.
    #[must_use]
    pub fn with_scheme(mut self, scheme: AdvancedIdentityProfileScheme) -> Self {
        self.schemes.push(scheme);
        self
    }

    /// The trust framework.
    pub fn trust_framework(&self) -> &str {
        &self.trust_framework
    }

    /// The schemes, in order.
    pub fn schemes(&self) -> &[AdvancedIdentityProfileScheme] {
        &self.schemes
    }

    fn to_json(&self) -> Value {
        let schemes = self
            .schemes
            .iter()
            .map(AdvancedIdentityProfileScheme::to_json);
        object([
            (
                "trust_framework",
                Some(Value::String(self.trust_framework.clone())),
            ),
            ("schemes", Some(Value::Array(schemes.collect()))),
        ])
    }
}

impl AdvancedIdentityProfileScheme {
    /// A scheme of `scheme_type`, without label, objective or config.
    pub fn new(scheme_type: impl Into<String>) -> Self {
        AdvancedIdentityProfileScheme {
            label: None,
            scheme_type: scheme_type.into(),
            objective: None,
            config: None,
        }
    }

    /// Sets the label, which the report's scheme compliance repeats.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the objective.
    #[must_use]
    pub fn with_objective(mut self, objective: impl Into<String>) -> Self {
        self.objective = Some(objective.into());
        self
    }

    /// Sets the `config` object, passed through as given.
    #[must_use]
    pub fn with_config(mut self, config: Map<String, Value>) -> Self {
        self.config = Some(config);
        self
    }

    /// The label, when set.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The scheme type.
    pub fn scheme_type(&self) -> &str {
        &self.scheme_type
    }

    /// The objective, when set.
    pub fn objective(&self) -> Option<&str> {
        self.objective.as_deref()
    }

    /// The config, when set.
    pub fn config(&self) -> Option<&Map<String, Value>> {
        self.config.as_ref()
    }

    fn to_json(&self) -> Value {
        object([
            ("label", self.label.clone().map(Value::String)),
            ("type", Some(Value::String(self.scheme_type.clone()))),
            ("objective", self.objective.clone().map(Value::String)),
            ("config", self.config.clone().map(Value::Object)),
        ])
    }
}

/// An object of the members that are set, in the order given.
fn object<const N: usize>(members: [(&str, Option<Value>); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect(),
    )
}
