//! Conversions between the runtime [`Policy`] and `yoti-policy-core`'s [`PolicySpec`]: the
//! derive's policy becomes a `Policy`, and a `Policy` becomes a spec again to be written by core's
//! one writer (see `write.rs`).

use yoti_policy_core::spec::{PolicySpec, SourceSpec, WantedSpec};

use super::constraint::{Constraint, SourceAnchor, SourceConstraint};
use super::model::{Policy, WantedAttribute};

impl From<PolicySpec> for Policy {
    fn from(spec: PolicySpec) -> Self {
        Policy {
            wanted: spec.wanted.into_iter().map(WantedAttribute::from).collect(),
            wanted_auth_types: spec.auth_types,
            wanted_remember_me: spec.remember_me,
            wanted_remember_me_optional: spec.remember_me_optional,
            identity_profile_requirements: spec.identity_profile,
            advanced_identity_profile_requirements: spec.advanced_identity_profile,
        }
        .normalised()
    }
}

impl From<WantedSpec> for WantedAttribute {
    fn from(spec: WantedSpec) -> Self {
        WantedAttribute {
            name: spec.name,
            optional: spec.optional,
            derivation: spec.derivation,
            constraints: spec
                .constraints
                .into_iter()
                .map(|source| Constraint::Source(source.into()))
                .collect(),
            accept_self_asserted: spec.accept_self_asserted,
            alternative_names: spec.alternative_names,
        }
    }
}

impl From<SourceSpec> for SourceConstraint {
    fn from(spec: SourceSpec) -> Self {
        spec.anchors
            .into_iter()
            .fold(SourceConstraint::new(), |source, (name, sub_type)| {
                source.with_anchor(SourceAnchor::new(name, sub_type))
            })
            .with_soft_preference(spec.soft_preference)
    }
}

impl From<&Policy> for PolicySpec {
    fn from(policy: &Policy) -> Self {
        PolicySpec {
            wanted: policy.wanted.iter().map(WantedSpec::from).collect(),
            auth_types: policy.wanted_auth_types.clone(),
            remember_me: policy.wanted_remember_me,
            remember_me_optional: policy.wanted_remember_me_optional,
            identity_profile: policy.identity_profile_requirements.clone(),
            advanced_identity_profile: policy.advanced_identity_profile_requirements.clone(),
        }
    }
}

impl From<&WantedAttribute> for WantedSpec {
    fn from(wanted: &WantedAttribute) -> Self {
        WantedSpec {
            name: wanted.name.clone(),
            optional: wanted.optional,
            derivation: wanted.derivation.clone(),
            constraints: wanted.constraints.iter().map(SourceSpec::from).collect(),
            accept_self_asserted: wanted.accept_self_asserted,
            alternative_names: wanted.alternative_names.clone(),
        }
    }
}

impl From<&Constraint> for SourceSpec {
    fn from(constraint: &Constraint) -> Self {
        match constraint {
            Constraint::Source(source) => source.into(),
        }
    }
}

impl From<&SourceConstraint> for SourceSpec {
    fn from(source: &SourceConstraint) -> Self {
        SourceSpec {
            anchors: source
                .anchors()
                .iter()
                .map(|anchor| (anchor.name().to_owned(), anchor.sub_type().to_owned()))
                .collect(),
            soft_preference: source.soft_preference(),
        }
    }
}
