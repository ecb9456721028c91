//! The already-decoded attributes of test-vectors/json/profile-attributes.json, re-encoded as a
//! receipt's `AttributeList`, give the values the official Node SDK's tests expect.

use base64::Engine;
use bytes::Bytes;
use prost::Message;
use serde_json::{Value, json};
use yoti_policy::profile::{AgeCheck, Anchor, AnchorType};
use yoti_policy::{Attribute, Profile};
use yoti_protocol::convert;
use yoti_protocol::proto::{self, ContentType, MultiValue, MultiValueItem};

mod common;
use common::fixture;

fn anchor_fixture(name: &str) -> proto::Anchor {
    let text = String::from_utf8(fixture(&format!("protobuf/{name}"))).unwrap();
    let text: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap();
    proto::Anchor::decode(bytes.as_slice()).unwrap()
}

/// The fixture anchor that carries what the JSON anchor names.
fn anchor(json: &Value) -> proto::Anchor {
    match json["value"].as_str().unwrap() {
        "PASSPORT" => anchor_fixture("anchor-passport.b64"),
        "YOTI_ADMIN" => anchor_fixture("anchor-yoti-admin.b64"),
        other => panic!("no fixture anchor for {other}"),
    }
}

/// One JSON attribute as it travels in a receipt: text as STRING (the date of birth as DATE),
/// objects as JSON, arrays as a MULTI_VALUE of JPEG items, an empty selfie as an empty JPEG.
fn encode(json: &Value) -> proto::Attribute {
    let name = json["name"].as_str().unwrap();
    let (content_type, value): (ContentType, Bytes) = match (name, &json["value"]) {
        ("date_of_birth", Value::String(text)) => (ContentType::Date, text.clone().into()),
        ("selfie", Value::String(text)) => (ContentType::Jpeg, text.clone().into()),
        (_, Value::String(text)) => (ContentType::String, text.clone().into()),
        (_, Value::Object(_)) => (ContentType::Json, json["value"].to_string().into()),
        (_, Value::Array(items)) => {
            let values = items
                .iter()
                .map(|item| MultiValueItem {
                    content_type: ContentType::Jpeg as i32,
                    data: item.as_str().unwrap().to_owned().into(),
                })
                .collect();
            (
                ContentType::MultiValue,
                MultiValue { values }.encode_to_vec().into(),
            )
        }
        (_, other) => panic!("unexpected value {other}"),
    };
    let anchors = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["verifiers"].as_array().unwrap())
        .map(anchor)
        .collect();
    proto::Attribute {
        name: name.to_owned(),
        value,
        content_type: content_type as i32,
        anchors,
        ..proto::Attribute::default()
    }
}

fn attributes_json() -> Vec<Value> {
    serde_json::from_slice(&fixture("json/profile-attributes.json")).unwrap()
}

fn profile_of(attributes: &[Value]) -> Profile {
    let list = proto::AttributeList {
        attributes: attributes.iter().map(encode).collect(),
    };
    convert::profile(list.encode_to_vec().into()).unwrap()
}

fn profile() -> Profile {
    profile_of(&attributes_json())
}

#[test]
fn every_convertible_attribute_in_receipt_order() {
    let profile = profile();
    let names: Vec<_> = profile.iter().map(Attribute::name).collect();
    // The empty JPEG selfie does not convert and is dropped.
    assert_eq!(
        names,
        [
            "gender",
            "nationality",
            "phone_number",
            "date_of_birth",
            "given_names",
            "full_name",
            "postal_address",
            "structured_postal_address",
            "family_name",
            "email_address",
            "age_under:18",
            "age_under:21",
            "age_over:18",
            "age_over:21",
            "document_images",
            "identity_profile_report",
        ]
    );
    assert!(profile.selfie().is_none());
    assert!(profile.get("selfie").is_none());
}

#[test]
fn text_attributes() {
    let profile = profile();
    assert_eq!(profile.gender().unwrap().value(), "TEST MALE");
    assert_eq!(profile.nationality().unwrap().value(), "GBR");
    assert_eq!(profile.phone_number().unwrap().value(), "+447474747474");
    assert_eq!(profile.given_names().unwrap().value(), "TEST GIVEN_NAMES");
    assert_eq!(profile.family_name().unwrap().value(), "TEST FAMILY_NAME");
    assert_eq!(profile.email_address().unwrap().value(), "example@yoti.com");
    assert_eq!(profile.postal_address().unwrap().value(), "TEST ADDRESS");
}

#[test]
fn full_name_with_its_source_and_verifier() {
    let full_name = profile().full_name().unwrap();
    assert_eq!(full_name.value(), "TEST FULL_NAME");
    let sources: Vec<_> = full_name
        .sources()
        .map(|a| (a.value(), a.sub_type()))
        .collect();
    assert_eq!(sources, [("PASSPORT", "OCR")]);
    let verifiers: Vec<_> = full_name.verifiers().map(|a| a.value()).collect();
    assert_eq!(verifiers, ["YOTI_ADMIN"]);
    assert!(!full_name.is_self_asserted());
}

#[test]
fn date_of_birth() {
    let dob = profile().date_of_birth().unwrap();
    let date = dob.value();
    assert_eq!(
        (date.year(), date.month(), date.day()),
        (2080, Some(9), Some(11))
    );
    assert_eq!(date.to_string(), "2080-09-11");
}

#[test]
fn four_age_verifications() {
    let profile = profile();
    let checks: Vec<_> = profile
        .age_verifications()
        .iter()
        .map(|a| {
            (
                a.name().to_owned(),
                a.value().check(),
                a.value().age(),
                a.value().result(),
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            ("age_under:18".to_owned(), AgeCheck::Under, 18, false),
            ("age_under:21".to_owned(), AgeCheck::Under, 21, true),
            ("age_over:18".to_owned(), AgeCheck::Over, 18, true),
            ("age_over:21".to_owned(), AgeCheck::Over, 21, false),
        ]
    );
    let under_18 = profile.age_under(18).unwrap();
    assert_eq!(under_18.value().check(), AgeCheck::Under);
    assert_eq!(under_18.value().age(), 18);
    assert_eq!(under_18.value().buffer(), None);
    assert!(!under_18.value().result());
    assert!(profile.age_under(21).unwrap().value().result());
    assert!(profile.age_over(18).unwrap().value().result());
    assert!(!profile.age_over(21).unwrap().value().result());
    assert!(profile.age_over(30).is_none());
}

#[test]
fn structured_postal_address() {
    let attribute = profile().structured_postal_address().unwrap();
    let address = attribute.value();
    assert_eq!(address.address_format(), Some(1));
    assert_eq!(address.building_number(), Some("123"));
    assert_eq!(address.address_line(1), Some("123 TEST ADDRESS"));
    assert_eq!(address.address_lines(), ["123 TEST ADDRESS"]);
    // `town_city` is an object in this fixture: not text, but still in the JSON.
    assert_eq!(address.town_city(), None);
    assert_eq!(
        address.get("town_city"),
        Some(&json!({"city": "TEST CITY", "town": "TEST TOWN"}))
    );
    assert_eq!(address.postal_code(), Some("AB1 2CD"));
    assert_eq!(address.country_iso(), Some("GBR"));
    assert_eq!(address.country(), Some("United Kingdom"));
    assert_eq!(
        address.formatted_address(),
        Some("123 TEST ADDRESS\nLONDON\nAB1 2CD\nUnited Kingdom")
    );
    assert_eq!(address.json().len(), 8);
}

#[test]
fn postal_address_falls_back_to_the_formatted_structured_address() {
    let attributes: Vec<Value> = attributes_json()
        .into_iter()
        .filter(|a| a["name"] != "postal_address")
        .collect();
    let profile = profile_of(&attributes);
    let postal = profile.postal_address().unwrap();
    assert_eq!(
        postal.value(),
        "123 TEST ADDRESS\nLONDON\nAB1 2CD\nUnited Kingdom"
    );
    let structured = profile.structured_postal_address().unwrap();
    assert_eq!(postal.anchors(), structured.anchors());
    let sources: Vec<_> = postal
        .sources()
        .map(|a| (a.value(), a.sub_type()))
        .collect();
    assert_eq!(sources, [("PASSPORT", "OCR")]);
    let verifiers: Vec<_> = postal.verifiers().map(Anchor::value).collect();
    assert_eq!(verifiers, ["YOTI_ADMIN"]);
    // It is in the attribute list itself, right after the structured address.
    let names: Vec<_> = profile.iter().map(Attribute::name).collect();
    let at = names
        .iter()
        .position(|n| *n == "structured_postal_address")
        .unwrap();
    assert_eq!(names[at + 1], "postal_address");
    assert_eq!(profile.get_all("postal_address").count(), 1);
    assert!(
        postal
            .anchors()
            .iter()
            .all(|a| a.anchor_type() != AnchorType::Unknown)
    );
}

#[test]
fn no_fallback_without_a_formatted_address() {
    let attributes: Vec<Value> = attributes_json()
        .into_iter()
        .filter(|a| a["name"] != "postal_address")
        .map(|mut a| {
            if a["name"] == "structured_postal_address" {
                a["value"]
                    .as_object_mut()
                    .unwrap()
                    .remove("formatted_address");
            }
            a
        })
        .collect();
    let profile = profile_of(&attributes);
    assert!(profile.postal_address().is_none());
    assert!(profile.get("postal_address").is_none());
}

#[test]
fn document_images() {
    let images = profile().document_images().unwrap();
    let data: Vec<_> = images.value().iter().map(|i| i.data().clone()).collect();
    assert_eq!(
        data,
        [
            Bytes::from_static(b"value_1"),
            Bytes::from_static(b"value_2")
        ]
    );
    assert!(images.value().iter().all(|i| i.mime_type() == "image/jpeg"));
}

#[test]
fn identity_profile_report() {
    let expected: Value =
        serde_json::from_slice(&fixture("json/identity-profile-report-rtw.json")).unwrap();
    let report = profile().identity_profile_report().unwrap().into_value();
    assert_eq!(&Value::Object(report.json().clone()), &expected);
    let assertion = report.identity_assertion().unwrap();
    assert_eq!(assertion["current_name"]["full_name"], "JOHN JIM FRED FOO");
    assert_eq!(assertion["date_of_birth"], "1979-01-01");
    let verification = report.verification_report().unwrap();
    assert_eq!(
        verification["report_id"],
        "61b99534-116d-4a25-9750-2d708c0fb168"
    );
    assert_eq!(verification["trust_framework"], "UK_TFIDA");
    assert_eq!(
        verification["schemes_compliance"][0],
        json!({"scheme": {"type": "RTW"}, "requirements_met": true})
    );
    let process = &verification["assurance_process"];
    assert_eq!(process["level_of_assurance"], "MEDIUM");
    assert_eq!(process["policy"], "GPG45");
    assert_eq!(process["procedure"], "M1C");
    let evidence = verification["evidence"].as_object().unwrap();
    assert_eq!(
        evidence.keys().collect::<Vec<_>>(),
        ["documents", "face_capture"]
    );
    let documents = evidence["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1);
    let fields = &documents[0]["document_fields"];
    assert_eq!(fields["document_type"], "PASSPORT");
    assert_eq!(fields["issuing_country"], "GBR");
    assert_eq!(fields["document_number"], "123456789");
    assert_eq!(
        Value::Object(report.authentication_report().unwrap().json().clone()),
        json!({
            "report_id": "d7202b65-657e-47a7-9679-7596db617b8c",
            "timestamp": "2022-01-02T15:04:05Z",
            "policy": "GPG44",
            "level": "MEDIUM"
        })
    );
    assert_eq!(report.proof(), Some("<signature provided here>"));
}
