//! Conversions between the runtime [`Policy`] and `yoti-policy-core`'s [`PolicySpec`]: the
//! derive's policy becomes a `Policy`, and a `Policy` becomes a spec again to be written by core's
//! one writer (see `write.rs`).

use serde_json::{Map, Number, Value};
use yoti_policy_core::json::Json;
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
            identity_profile_requirements: spec.identity_profile.map(json_to_value),
            advanced_identity_profile_requirements: spec
                .advanced_identity_profile
                .map(json_to_value),
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
            identity_profile: policy
                .identity_profile_requirements
                .as_ref()
                .map(value_to_json),
            advanced_identity_profile: policy
                .advanced_identity_profile_requirements
                .as_ref()
                .map(value_to_json),
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

/// Converts keeping key order; a number keeps the text `serde_json` writes for it.
fn value_to_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(number) => Json::Number(number.to_string()),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(value_to_json).collect()),
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|(key, value)| (key.clone(), value_to_json(value)))
                .collect(),
        ),
    }
}

/// Converts keeping key order. A number's text becomes a `serde_json` number, so integers keep
/// their bytes; a number `serde_json` cannot hold (e.g. `1e400`) is kept as its text in a string.
fn json_to_value(json: Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Number(text) => match text.parse::<Number>() {
            Ok(number) => Value::Number(number),
            Err(_) => Value::String(text),
        },
        Json::String(s) => Value::String(s),
        Json::Array(items) => Value::Array(items.into_iter().map(json_to_value).collect()),
        Json::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(key, value)| (key, json_to_value(value)))
                .collect::<Map<String, Value>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_converts_keeping_key_order_and_number_bytes() {
        let json = Json::Object(vec![
            ("z".into(), Json::Number("-12".into())),
            ("a".into(), Json::Array(vec![Json::Null, Json::Bool(true)])),
            ("m".into(), Json::String("é\n".into())),
            ("big".into(), Json::Number("18446744073709551615".into())),
        ]);
        let value = json_to_value(json.clone());
        assert_eq!(serde_json::to_string(&value).unwrap(), json.to_compact());
    }

    #[test]
    fn value_converts_back_keeping_key_order_and_number_bytes() {
        let value =
            serde_json::json!({"z": -12, "a": [null, true, 1.5], "m": "é\n", "big": u64::MAX});
        assert_eq!(
            value_to_json(&value).to_compact(),
            serde_json::to_string(&value).unwrap()
        );
        assert_eq!(json_to_value(value_to_json(&value)), value);
    }

    #[test]
    fn a_number_serde_json_cannot_hold_is_kept_as_text() {
        assert_eq!(
            json_to_value(Json::Number("1e400".into())),
            Value::String("1e400".into())
        );
        assert_eq!(
            json_to_value(Json::Number("1.5".into())),
            serde_json::json!(1.5)
        );
    }
}
