//! A policy as plain data, and the writer of its canonical JSON: keys in the official Node SDK's
//! order, so that the output can be compared byte for byte (docs/protocol.md, "Policy JSON").
//!
//! The derive macro fills a [`PolicySpec`] from `#[yoti(...)]` attributes and embeds
//! [`PolicySpec::to_json`] as a string literal. `yoti-policy` serialises its runtime `Policy` by
//! converting it into a [`PolicySpec`] and handing [`PolicySpec::to_json_value`] to serde: the key
//! names and their order are spelled here only, so both write the same bytes.
//!
//! ```
//! use yoti_policy_core::spec::{PolicySpec, WantedSpec};
//!
//! let mut policy = PolicySpec::default();
//! policy.wanted.push(WantedSpec::new("date_of_birth").derivation("age_over:18"));
//! assert_eq!(
//!     policy.to_json(),
//!     r#"{"wanted":[{"name":"date_of_birth","optional":false,"derivation":"age_over:18"}],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#
//! );
//! ```

use crate::catalogue::SOURCE_CONSTRAINT;
use crate::json::{Map, Value};

/// The policy of a share session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicySpec {
    /// The wanted attributes, in order.
    pub wanted: Vec<WantedSpec>,
    /// Wanted authentication types (`1` selfie, `2` PIN, others passed through), in order, no
    /// repeats.
    pub auth_types: Vec<u32>,
    /// `wanted_remember_me`.
    pub remember_me: bool,
    /// `wanted_remember_me_optional`.
    pub remember_me_optional: bool,
    /// `identity_profile_requirements`, written only when set and when
    /// `advanced_identity_profile` is not.
    pub identity_profile: Option<Value>,
    /// `advanced_identity_profile_requirements`, written only when set.
    pub advanced_identity_profile: Option<Value>,
}

/// One wanted attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WantedSpec {
    /// The attribute name.
    pub name: String,
    /// Whether the share may go ahead without it.
    pub optional: bool,
    /// A derivation such as `age_over:18`.
    pub derivation: Option<String>,
    /// The `SOURCE` constraints, in order (the only constraint type Yoti has), written only when
    /// not empty. The derive writes at most one; a runtime policy may hold several.
    pub constraints: Vec<SourceSpec>,
    /// `accept_self_asserted`, written only when set.
    pub accept_self_asserted: Option<bool>,
    /// `alternative_names`, written only when not empty.
    pub alternative_names: Vec<String>,
}

/// A `SOURCE` constraint: the documents an attribute may come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpec {
    /// `(anchor name, sub type)` pairs such as `("DRIVING_LICENCE", "NFC")`; sub type `""` when
    /// none.
    pub anchors: Vec<(String, String)>,
    /// `true`: a preference; `false`: only these sources are acceptable.
    pub soft_preference: bool,
}

impl WantedSpec {
    /// A required attribute with nothing else set.
    pub fn new(name: impl Into<String>) -> Self {
        WantedSpec {
            name: name.into(),
            optional: false,
            derivation: None,
            constraints: Vec::new(),
            accept_self_asserted: None,
            alternative_names: Vec::new(),
        }
    }

    /// Sets the derivation.
    #[must_use]
    pub fn derivation(mut self, derivation: impl Into<String>) -> Self {
        self.derivation = Some(derivation.into());
        self
    }

    /// The identity of this entry for de-duplication, as the official Node SDK keys its ordered
    /// map: the derivation if set, else the name, plus the constraints. Two entries with the same
    /// key ask for the same thing.
    pub fn dedup_key(&self) -> (&str, &[SourceSpec]) {
        (
            self.derivation.as_deref().unwrap_or(&self.name),
            &self.constraints,
        )
    }

    /// This entry as a JSON value, keys in Node's order.
    pub fn to_json_value(&self) -> Value {
        let mut members = Map::new();
        members.insert("name".to_owned(), Value::from(self.name.as_str()));
        members.insert("optional".to_owned(), Value::Bool(self.optional));
        if let Some(derivation) = &self.derivation {
            members.insert("derivation".to_owned(), Value::from(derivation.as_str()));
        }
        if !self.constraints.is_empty() {
            let constraints = self.constraints.iter().map(SourceSpec::to_json_value);
            members.insert("constraints".to_owned(), constraints.collect());
        }
        if let Some(accept) = self.accept_self_asserted {
            members.insert("accept_self_asserted".to_owned(), Value::Bool(accept));
        }
        if !self.alternative_names.is_empty() {
            let names = self.alternative_names.iter().map(String::as_str);
            members.insert("alternative_names".to_owned(), names.collect());
        }
        Value::Object(members)
    }
}

impl SourceSpec {
    /// This constraint as a JSON value: `{"type":"SOURCE","preferred_sources":{...}}`.
    pub fn to_json_value(&self) -> Value {
        let mut members = Map::new();
        members.insert("type".to_owned(), Value::from(SOURCE_CONSTRAINT));
        members.insert("preferred_sources".to_owned(), self.preferred_sources());
        Value::Object(members)
    }

    /// The `preferred_sources` object alone: the anchors and `soft_preference`.
    pub fn preferred_sources(&self) -> Value {
        let anchors = self
            .anchors
            .iter()
            .map(|(name, sub_type)| source_anchor(name, sub_type));
        let mut members = Map::new();
        members.insert("anchors".to_owned(), anchors.collect());
        members.insert(
            "soft_preference".to_owned(),
            Value::Bool(self.soft_preference),
        );
        Value::Object(members)
    }
}

/// One anchor of `preferred_sources`: `{"name":...,"sub_type":...}`.
pub fn source_anchor(name: &str, sub_type: &str) -> Value {
    let mut members = Map::new();
    members.insert("name".to_owned(), Value::from(name));
    members.insert("sub_type".to_owned(), Value::from(sub_type));
    Value::Object(members)
}

impl PolicySpec {
    /// This policy as a JSON value, keys in Node's order: what [`to_json`](Self::to_json) writes
    /// and what `yoti-policy` hands to serde, so that both write the same bytes.
    pub fn to_json_value(&self) -> Value {
        let mut members = Map::new();
        let wanted = self.wanted.iter().map(WantedSpec::to_json_value);
        members.insert("wanted".to_owned(), wanted.collect());
        let auth_types = self.auth_types.iter().copied();
        members.insert("wanted_auth_types".to_owned(), auth_types.collect());
        members.insert(
            "wanted_remember_me".to_owned(),
            Value::Bool(self.remember_me),
        );
        members.insert(
            "wanted_remember_me_optional".to_owned(),
            Value::Bool(self.remember_me_optional),
        );
        // Node emits at most one of the two, the advanced one winning.
        if let Some(advanced) = &self.advanced_identity_profile {
            members.insert(
                "advanced_identity_profile_requirements".to_owned(),
                advanced.clone(),
            );
        } else if let Some(profile) = &self.identity_profile {
            members.insert("identity_profile_requirements".to_owned(), profile.clone());
        }
        Value::Object(members)
    }

    /// The canonical compact JSON of this policy.
    pub fn to_json(&self) -> String {
        self.to_json_value().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_constraints_and_modifiers_in_node_order() {
        let mut wanted = WantedSpec::new("family_name");
        wanted.constraints.push(SourceSpec {
            anchors: vec![("DRIVING_LICENCE".into(), String::new())],
            soft_preference: false,
        });
        wanted.accept_self_asserted = Some(true);
        assert_eq!(
            wanted.to_json_value().to_string(),
            r#"{"name":"family_name","optional":false,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"DRIVING_LICENCE","sub_type":""}],"soft_preference":false}}],"accept_self_asserted":true}"#
        );
    }

    #[test]
    fn advanced_identity_profile_wins_over_the_plain_one() {
        let policy = PolicySpec {
            identity_profile: Some(Value::Object(Map::new())),
            advanced_identity_profile: Some(crate::json::parse(r#"{"profiles":[]}"#).unwrap()),
            ..PolicySpec::default()
        };
        assert!(
            policy
                .to_json()
                .ends_with(r#""advanced_identity_profile_requirements":{"profiles":[]}}"#)
        );
        assert!(
            !policy
                .to_json()
                .contains("\"identity_profile_requirements\"")
        );
    }

    #[test]
    fn dedup_key_is_derivation_or_name_plus_constraints() {
        let plain = WantedSpec::new("date_of_birth");
        let over = WantedSpec::new("date_of_birth").derivation("age_over:18");
        assert_ne!(plain.dedup_key(), over.dedup_key());
        assert_eq!(over.dedup_key(), over.clone().dedup_key());
    }
}
