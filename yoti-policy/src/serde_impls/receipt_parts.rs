//! The parts of a receipt beside the person's profile: the application profile as the profile
//! it was read from, and extra data as its issuance details.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::profile::{ApplicationProfile, AttributeIssuanceDetails, ExtraData, Profile};

/// `{"attributes": [...]}`, the form of [`Profile`]: the named getters are read from it again.
impl Serialize for ApplicationProfile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.profile().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ApplicationProfile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Profile::deserialize(deserializer).map(|profile| ApplicationProfile::from_profile(&profile))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtraDataForm {
    #[serde(default)]
    attribute_issuance_details: Vec<IssuanceForm>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuanceForm {
    token: String,
    /// As written in the receipt, left out when it had none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    expiry: String,
    #[serde(default)]
    definitions: Vec<String>,
}

/// `{"attribute_issuance_details": [{"token", "expiry", "definitions"}]}`.
impl Serialize for ExtraData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ExtraDataForm {
            attribute_issuance_details: self
                .all_attribute_issuance_details()
                .iter()
                .map(|details| IssuanceForm {
                    token: details.token().to_owned(),
                    expiry: details.expiry_text().to_owned(),
                    definitions: details.definitions().to_vec(),
                })
                .collect(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ExtraData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = ExtraDataForm::deserialize(deserializer)?;
        Ok(ExtraData::new(
            form.attribute_issuance_details
                .into_iter()
                .map(|f| AttributeIssuanceDetails::new(f.token, f.expiry, f.definitions))
                .collect(),
        ))
    }
}
