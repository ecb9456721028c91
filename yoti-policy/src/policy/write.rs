//! `Serialize` for the policy model, through `yoti-policy-core`'s writer: each value becomes a
//! core spec, core builds its JSON value (key names and order are spelled there only), and that
//! value is handed to whichever serde serializer asked. The derive's `POLICY_JSON` comes from the
//! same writer, so the two cannot disagree about a byte.

use serde::{Serialize, Serializer};
use yoti_policy_core::spec::{PolicySpec, SourceSpec, WantedSpec, source_anchor};

use super::constraint::{Constraint, SourceAnchor, SourceConstraint};
use super::model::{Policy, WantedAttribute};

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PolicySpec::from(self).to_json_value().serialize(serializer)
    }
}

impl Serialize for WantedAttribute {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WantedSpec::from(self).to_json_value().serialize(serializer)
    }
}

impl Serialize for Constraint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SourceSpec::from(self).to_json_value().serialize(serializer)
    }
}

impl Serialize for SourceConstraint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SourceSpec::from(self)
            .preferred_sources()
            .serialize(serializer)
    }
}

impl Serialize for SourceAnchor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        source_anchor(self.name(), self.sub_type()).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runtime_policy_writes_what_core_writes_for_its_spec() {
        let policy = Policy::builder()
            .full_name()
            .age_over(18)
            .selfie_authentication(true)
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_string(&policy).unwrap(),
            PolicySpec::from(&policy).to_json()
        );
    }

    #[test]
    fn several_constraints_on_one_attribute_are_all_written() {
        let wanted = WantedAttribute::new("family_name")
            .with_constraint(SourceConstraint::new().with_anchor(SourceAnchor::new("PASSPORT", "")))
            .with_constraint(
                SourceConstraint::new()
                    .with_anchor(SourceAnchor::new("DRIVING_LICENCE", "NFC"))
                    .with_soft_preference(true),
            );
        assert_eq!(
            serde_json::to_string(&wanted).unwrap(),
            r#"{"name":"family_name","optional":false,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"PASSPORT","sub_type":""}],"soft_preference":false}},{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"DRIVING_LICENCE","sub_type":"NFC"}],"soft_preference":true}}]}"#
        );
    }

    #[test]
    fn other_serializers_get_the_same_tree() {
        let policy = Policy::builder().age_over(21).build().unwrap();
        let value = serde_json::to_value(&policy).unwrap();
        assert_eq!(value.to_string(), serde_json::to_string(&policy).unwrap());
    }
}
