//! `Serialize` for the policy model, through `yoti-policy-core`'s writer: each value becomes a
//! core spec, core builds its JSON (key names and order are spelled there only), and that JSON
//! value is handed to whichever serde serializer asked. The derive's `POLICY_JSON` comes from the
//! same writer, so the two cannot disagree about a byte.

use serde::ser::{Error as _, SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use yoti_policy_core::json::Json;
use yoti_policy_core::spec::{PolicySpec, SourceSpec, WantedSpec, source_anchor};

use super::constraint::{Constraint, SourceAnchor, SourceConstraint};
use super::model::{Policy, WantedAttribute};

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        JsonTree(&PolicySpec::from(self).to_json_value()).serialize(serializer)
    }
}

impl Serialize for WantedAttribute {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        JsonTree(&WantedSpec::from(self).to_json_value()).serialize(serializer)
    }
}

impl Serialize for Constraint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        JsonTree(&SourceSpec::from(self).to_json_value()).serialize(serializer)
    }
}

impl Serialize for SourceConstraint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        JsonTree(&SourceSpec::from(self).preferred_sources()).serialize(serializer)
    }
}

impl Serialize for SourceAnchor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        JsonTree(&source_anchor(self.name(), self.sub_type())).serialize(serializer)
    }
}

/// A core JSON value as serde data: objects as maps in key order, numbers through
/// `serde_json::Number` so that `serde_json` writes the very text core would.
struct JsonTree<'a>(&'a Json);

impl Serialize for JsonTree<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(text) => text
                .parse::<serde_json::Number>()
                .map_err(|_| S::Error::custom("a policy holds a number serde_json cannot hold"))?
                .serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&JsonTree(item))?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, &JsonTree(value))?;
                }
                map.end()
            }
        }
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
    fn a_number_serde_json_cannot_hold_is_a_serializer_error_not_a_panic() {
        let error = serde_json::to_string(&JsonTree(&Json::Number("1e400".into()))).unwrap_err();
        assert!(error.to_string().contains("number"));
    }

    #[test]
    fn other_serializers_get_the_same_tree() {
        let policy = Policy::builder().age_over(21).build().unwrap();
        let value = serde_json::to_value(&policy).unwrap();
        assert_eq!(value.to_string(), serde_json::to_string(&policy).unwrap());
    }
}
