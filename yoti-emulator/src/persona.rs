//! The built-in persona: one person with every attribute of the catalogue, verified from a
//! passport, so that any policy made from the catalogue can be satisfied; and one value of every
//! third-party attribute, from that third party.

use prost::Message;
use serde_json::json;
use yoti_policy::catalogue;
use yoti_protocol::proto::{ContentType, MultiValue, MultiValueItem};

use crate::anchors::AnchorSpec;
use crate::third_party;

/// The persona's date of birth; age checks are computed from it on the day of the share.
pub(crate) const DATE_OF_BIRTH: &str = "1988-04-12";

const SELFIE: &[u8] = include_bytes!("../assets/persona-selfie.jpg");
const DOCUMENT_FRONT: &[u8] = include_bytes!("../assets/persona-document-front.jpg");
const DOCUMENT_BACK: &[u8] = include_bytes!("../assets/persona-document-back.jpg");

const FORMATTED_ADDRESS: &str = "221B Baker Street\nLondon\nNW1 6XE\nUnited Kingdom";

/// One attribute value of the persona.
pub(crate) struct PersonaValue {
    pub(crate) content_type: ContentType,
    pub(crate) value: Vec<u8>,
}

/// The persona's value of a catalogue or third-party attribute (not of derivations), `None`
/// for names it does not have.
pub(crate) fn value(name: &str) -> Option<PersonaValue> {
    let text = |s: &str| PersonaValue {
        content_type: ContentType::String,
        value: s.as_bytes().to_vec(),
    };
    Some(match name {
        catalogue::GIVEN_NAMES => text("Jane Alexandra"),
        catalogue::FAMILY_NAME => text("Doe"),
        catalogue::FULL_NAME => text("Jane Alexandra Doe"),
        catalogue::DATE_OF_BIRTH => PersonaValue {
            content_type: ContentType::Date,
            value: DATE_OF_BIRTH.as_bytes().to_vec(),
        },
        catalogue::GENDER => text("FEMALE"),
        catalogue::POSTAL_ADDRESS => text(FORMATTED_ADDRESS),
        catalogue::STRUCTURED_POSTAL_ADDRESS => PersonaValue {
            content_type: ContentType::Json,
            value: structured_postal_address().into_bytes(),
        },
        catalogue::NATIONALITY => text("GBR"),
        catalogue::PHONE_NUMBER => text("+447700900123"),
        catalogue::EMAIL_ADDRESS => text("jane.doe@example.com"),
        catalogue::SELFIE => PersonaValue {
            content_type: ContentType::Jpeg,
            value: SELFIE.to_vec(),
        },
        catalogue::DOCUMENT_DETAILS => text("PASSPORT GBR 123456789 2031-04-12"),
        catalogue::DOCUMENT_IMAGES => PersonaValue {
            content_type: ContentType::MultiValue,
            value: document_images(),
        },
        // A third party issued it; the persona holds one of each, named after the attribute.
        other if third_party::is_attribute_name(other) => text(&format!("{other}:jane-doe")),
        _ => return None,
    })
}

/// The issuing country (ISO 3166-1 alpha-3) of the persona's document of this type, `None` for
/// documents it has no country for.
pub(crate) fn document_country(document_type: &str) -> Option<&'static str> {
    match document_type {
        // As its `document_details` and identity profile report say.
        "PASSPORT" => Some("GBR"),
        _ => None,
    }
}

/// Where the persona's attribute comes from and who checked it (never self-asserted).
pub(crate) fn default_anchors(name: &str) -> Vec<AnchorSpec> {
    match name {
        catalogue::PHONE_NUMBER | catalogue::EMAIL_ADDRESS => vec![
            AnchorSpec::source("USER_PROVIDED", ""),
            AnchorSpec::verifier("YOTI_OTP"),
        ],
        catalogue::SELFIE => vec![
            AnchorSpec::source("USER_PROVIDED", ""),
            AnchorSpec::verifier("YOTI_IDENTITY"),
        ],
        catalogue::POSTAL_ADDRESS | catalogue::STRUCTURED_POSTAL_ADDRESS => vec![
            AnchorSpec::source("DRIVING_LICENCE", ""),
            AnchorSpec::verifier("YOTI_ADMIN"),
        ],
        catalogue::IDENTITY_PROFILE_REPORT => Vec::new(),
        other if third_party::is_attribute_name(other) => vec![
            AnchorSpec::source("THIRD_PARTY", ""),
            AnchorSpec::verifier("THIRD_PARTY"),
        ],
        _ => passport_anchors(),
    }
}

/// The anchors of an attribute read from the persona's passport chip.
pub(crate) fn passport_anchors() -> Vec<AnchorSpec> {
    vec![
        AnchorSpec::source("PASSPORT", "NFC"),
        AnchorSpec::verifier("PASSPORT_NFC_SIGNATURE"),
    ]
}

fn structured_postal_address() -> String {
    json!({
        "address_format": 1,
        "building_number": "221B",
        "address_line1": "221B Baker Street",
        "town_city": "London",
        "postal_code": "NW1 6XE",
        "country_iso": "GBR",
        "country": "United Kingdom",
        "formatted_address": FORMATTED_ADDRESS
    })
    .to_string()
}

fn document_images() -> Vec<u8> {
    let item = |data: &[u8]| MultiValueItem {
        content_type: ContentType::Jpeg as i32,
        data: data.to_vec().into(),
    };
    MultiValue {
        values: vec![item(DOCUMENT_FRONT), item(DOCUMENT_BACK)],
    }
    .encode_to_vec()
}

/// An identity profile report for the persona, naming the trust framework and scheme asked for.
pub(crate) fn identity_profile_report(requirements: Option<&serde_json::Value>) -> Vec<u8> {
    let trust_framework = requirements
        .and_then(|r| r.get("trust_framework"))
        .and_then(|v| v.as_str())
        .unwrap_or("UK_TFIDA");
    let scheme = requirements
        .and_then(|r| r.get("scheme"))
        .cloned()
        .unwrap_or_else(|| json!({"type": "RTW"}));
    json!({
        "identity_assertion": {
            "current_name": {
                "given_names": "Jane Alexandra",
                "first_name": "Jane",
                "middle_name": "Alexandra",
                "family_name": "Doe",
                "full_name": "Jane Alexandra Doe"
            },
            "date_of_birth": DATE_OF_BIRTH
        },
        "verification_report": {
            "report_id": "emulated-report",
            "subject_id": "emulated-subject",
            "trust_framework": trust_framework,
            "schemes_compliance": [{"scheme": scheme, "requirements_met": true}],
            "assurance_process": {"level_of_assurance": "MEDIUM", "policy": "GPG45"},
            "evidence": {"documents": [{"document_type": "PASSPORT", "issuing_country": "GBR"}]}
        },
        "authentication_report": {"report_id": "emulated-auth-report", "policy": "GPG44", "level": "MEDIUM"},
        "proof": "emulated"
    })
    .to_string()
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_persona_has_every_catalogue_attribute() {
        for spec in catalogue::ATTRIBUTES {
            let value = value(spec.name).unwrap();
            assert!(!value.value.is_empty(), "{}", spec.name);
        }
        assert!(value("estimated_age").is_none());
        assert_eq!(&SELFIE[..2], &[0xff, 0xd8]);
    }
}
