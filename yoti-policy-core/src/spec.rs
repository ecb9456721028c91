//! A policy as plain data, and the writer of its canonical JSON: keys in the official Node SDK's
//! order, so that the output can be compared byte for byte (docs/protocol.md, "Policy JSON").
//!
//! The derive macro fills a [`PolicySpec`] from `#[yoti(...)]` attributes and embeds
//! [`PolicySpec::to_json`] as a string literal; `yoti-policy`'s serde model serialises to the same
//! bytes, which its tests check for many random policies.
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
use crate::json::{Json, write_str};

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
    pub identity_profile: Option<Json>,
    /// `advanced_identity_profile_requirements`, written only when set.
    pub advanced_identity_profile: Option<Json>,
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
    /// A `SOURCE` constraint.
    pub source: Option<SourceSpec>,
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
            source: None,
            accept_self_asserted: None,
            alternative_names: Vec::new(),
        }
    }

    /// Sets the derivation.
    pub fn derivation(mut self, derivation: impl Into<String>) -> Self {
        self.derivation = Some(derivation.into());
        self
    }

    /// The identity of this entry for de-duplication, as the official Node SDK keys its ordered
    /// map: the derivation if set, else the name, plus the constraints. Two entries with the same
    /// key ask for the same thing.
    pub fn dedup_key(&self) -> (&str, Option<&SourceSpec>) {
        (
            self.derivation.as_deref().unwrap_or(&self.name),
            self.source.as_ref(),
        )
    }

    /// Writes the compact JSON of this entry.
    pub fn write(&self, out: &mut String) {
        out.push_str("{\"name\":");
        write_str(out, &self.name);
        out.push_str(",\"optional\":");
        out.push_str(bool_str(self.optional));
        if let Some(derivation) = &self.derivation {
            out.push_str(",\"derivation\":");
            write_str(out, derivation);
        }
        if let Some(source) = &self.source {
            out.push_str(",\"constraints\":[");
            source.write(out);
            out.push(']');
        }
        if let Some(accept) = self.accept_self_asserted {
            out.push_str(",\"accept_self_asserted\":");
            out.push_str(bool_str(accept));
        }
        if !self.alternative_names.is_empty() {
            out.push_str(",\"alternative_names\":[");
            for (i, name) in self.alternative_names.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, name);
            }
            out.push(']');
        }
        out.push('}');
    }
}

impl SourceSpec {
    /// Writes the compact JSON of this constraint.
    pub fn write(&self, out: &mut String) {
        out.push_str("{\"type\":");
        write_str(out, SOURCE_CONSTRAINT);
        out.push_str(",\"preferred_sources\":{\"anchors\":[");
        for (i, (name, sub_type)) in self.anchors.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"name\":");
            write_str(out, name);
            out.push_str(",\"sub_type\":");
            write_str(out, sub_type);
            out.push('}');
        }
        out.push_str("],\"soft_preference\":");
        out.push_str(bool_str(self.soft_preference));
        out.push_str("}}");
    }
}

impl PolicySpec {
    /// The canonical compact JSON of this policy.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"wanted\":[");
        for (i, wanted) in self.wanted.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            wanted.write(&mut out);
        }
        out.push_str("],\"wanted_auth_types\":[");
        for (i, auth_type) in self.auth_types.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&auth_type.to_string());
        }
        out.push_str("],\"wanted_remember_me\":");
        out.push_str(bool_str(self.remember_me));
        out.push_str(",\"wanted_remember_me_optional\":");
        out.push_str(bool_str(self.remember_me_optional));
        // Node emits at most one of the two, the advanced one winning.
        if let Some(advanced) = &self.advanced_identity_profile {
            out.push_str(",\"advanced_identity_profile_requirements\":");
            advanced.write(&mut out);
        } else if let Some(profile) = &self.identity_profile {
            out.push_str(",\"identity_profile_requirements\":");
            profile.write(&mut out);
        }
        out.push('}');
        out
    }
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_constraints_and_modifiers_in_node_order() {
        let mut wanted = WantedSpec::new("family_name");
        wanted.source = Some(SourceSpec {
            anchors: vec![("DRIVING_LICENCE".into(), String::new())],
            soft_preference: false,
        });
        wanted.accept_self_asserted = Some(true);
        let mut out = String::new();
        wanted.write(&mut out);
        assert_eq!(
            out,
            r#"{"name":"family_name","optional":false,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"DRIVING_LICENCE","sub_type":""}],"soft_preference":false}}],"accept_self_asserted":true}"#
        );
    }

    #[test]
    fn advanced_identity_profile_wins_over_the_plain_one() {
        let policy = PolicySpec {
            identity_profile: Some(Json::Object(vec![])),
            advanced_identity_profile: Some(Json::Object(vec![(
                "profiles".into(),
                Json::Array(vec![]),
            )])),
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
