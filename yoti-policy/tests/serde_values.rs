//! The serde form of every value a derived struct can hold (cargo feature `serde`): each type's
//! documented JSON literally, round trips through serde_json, and bad input refused with a serde
//! error.

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use yoti_policy::profile::{Anchor, AnchorType};
use yoti_policy::{
    AgeVerification, Attribute, AttributeValue, Date, DocumentDetails, IdentityProfileReport,
    Image, ImageFormat, Profile, SharePolicy, StructuredPostalAddress,
};

/// Serialises to `expected`, and reads back equal to `value`.
fn check<T>(value: &T, expected: Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(serde_json::to_value(value).unwrap(), expected);
    let text = serde_json::to_string(value).unwrap();
    assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value);
}

fn refused<T: DeserializeOwned + std::fmt::Debug>(json: Value) -> String {
    serde_json::from_value::<T>(json).unwrap_err().to_string()
}

fn jpeg() -> Image {
    Image::new(
        ImageFormat::Jpeg,
        Bytes::from_static(&[0xff, 0xd8, 0xff, 0xe0]),
    )
}

fn anchor() -> Anchor {
    Anchor::new(AnchorType::Source, "PASSPORT")
        .with_sub_type("NFC")
        .with_signed_timestamp_micros(1_580_000_000_123_456)
}

#[test]
fn dates_are_iso_8601_text() {
    check(&Date::from_ymd(1980, 1, 2).unwrap(), json!("1980-01-02"));
    check(&Date::from_year_month(1980, 1).unwrap(), json!("1980-01"));
    assert!(refused::<Date>(json!("1980-02-30")).contains("day"));
    refused::<Date>(json!(19800102));
}

#[test]
fn images_are_a_mime_type_and_base64() {
    check(
        &jpeg(),
        json!({"mime_type": "image/jpeg", "base64": "/9j/4A=="}),
    );
    check(
        &Image::new(ImageFormat::Png, Bytes::from_static(b"\x89PNG")),
        json!({"mime_type": "image/png", "base64": "iVBORw=="}),
    );
    assert!(
        refused::<Image>(json!({"mime_type": "image/jpeg", "base64": "not base64!"}))
            .contains("base64")
    );
    assert!(
        refused::<Image>(json!({"mime_type": "image/gif", "base64": ""})).contains("mime_type")
    );
    refused::<Image>(json!({"base64": "/9j/4A=="}));
}

#[test]
fn document_details_are_their_parts() {
    let full: DocumentDetails = "DRIVING_LICENCE GBR 1234abc 2016-05-01 DVLA"
        .parse()
        .unwrap();
    check(
        &full,
        json!({
            "document_type": "DRIVING_LICENCE",
            "issuing_country": "GBR",
            "document_number": "1234abc",
            "expiration_date": "2016-05-01",
            "issuing_authority": "DVLA",
        }),
    );
    let short: DocumentDetails = "PASSPORT GBR 01234567".parse().unwrap();
    check(
        &short,
        json!({"document_type": "PASSPORT", "issuing_country": "GBR", "document_number": "01234567"}),
    );
    let no_expiry: DocumentDetails = "PASSPORT GBR 01234567 - HMPO".parse().unwrap();
    check(
        &no_expiry,
        json!({"document_type": "PASSPORT", "issuing_country": "GBR", "document_number": "01234567", "issuing_authority": "HMPO"}),
    );
    assert!(
        refused::<DocumentDetails>(
            json!({"document_type": "PASSPORT", "issuing_country": "GBR", "document_number": "01 23"})
        )
        .contains("space")
    );
    refused::<DocumentDetails>(
        json!({"document_type": "", "issuing_country": "GBR", "document_number": "1"}),
    );
    refused::<DocumentDetails>(
        json!({"document_type": "PASSPORT", "issuing_country": "GBR", "document_number": "1", "expiration_date": "2016-05"}),
    );
}

#[test]
fn age_verifications_are_check_age_buffer_and_result() {
    check(
        &AgeVerification::parse("age_over:18", "true").unwrap(),
        json!({"check": "age_over", "age": 18, "result": true}),
    );
    check(
        &AgeVerification::parse("age_over:18:5", "false").unwrap(),
        json!({"check": "age_over", "age": 18, "buffer": 5, "result": false}),
    );
    check(
        &AgeVerification::parse("age_under:21", "true").unwrap(),
        json!({"check": "age_under", "age": 21, "result": true}),
    );
    assert!(
        refused::<AgeVerification>(json!({"check": "age_between", "age": 18, "result": true}))
            .contains("check")
    );
    refused::<AgeVerification>(json!({"check": "age_over", "age": 18, "result": "yes"}));
    refused::<AgeVerification>(json!({"check": "age_over", "age": -1, "result": true}));
}

#[test]
fn addresses_and_reports_are_their_json_objects() {
    let address = json!({"address_format": 1, "postal_code": "AB1 2CD", "formatted_address": "1 A ST\nAB1 2CD"});
    check(
        &StructuredPostalAddress::from_json(address.clone()).unwrap(),
        address,
    );
    let report = json!({"verification_report": {"trust_framework": "UK_TFIDA"}, "proof": "p"});
    check(
        &IdentityProfileReport::from_json(report.clone()).unwrap(),
        report,
    );
    refused::<StructuredPostalAddress>(json!("1 A ST"));
    refused::<IdentityProfileReport>(json!([1]));
}

#[test]
fn anchors_are_type_value_sub_type_and_an_rfc3339_timestamp_without_certificates() {
    check(
        &anchor(),
        json!({"type": "SOURCE", "value": "PASSPORT", "sub_type": "NFC", "timestamp": "2020-01-26T00:53:20.123456Z"}),
    );
    let verifier =
        Anchor::new(AnchorType::Verifier, "YOTI_ADMIN").with_associated_source("DRIVING_LICENCE");
    check(
        &verifier,
        json!({"type": "VERIFIER", "value": "YOTI_ADMIN", "sub_type": "", "timestamp": "1970-01-01T00:00:00.000000Z", "associated_source": "DRIVING_LICENCE"}),
    );
    let read: Anchor = serde_json::from_value(
        json!({"type": "SOURCE", "value": "PASSPORT", "timestamp": "2020-01-26T01:53:20.5+01:00"}),
    )
    .unwrap();
    assert_eq!(read.signed_timestamp_micros(), 1_580_000_000_500_000);
    assert!(read.certificates().is_empty());
    assert!(
        refused::<Anchor>(json!({"type": "SOURCE", "value": "P", "timestamp": "yesterday"}))
            .contains("timestamp")
    );
    assert!(
        refused::<Anchor>(
            json!({"type": "ISSUER", "value": "P", "timestamp": "2020-01-26T00:53:20Z"})
        )
        .contains("type")
    );
}

#[test]
fn attributes_are_name_value_anchors_and_id() {
    let typed = Attribute::new("selfie", jpeg())
        .with_anchors(vec![anchor()])
        .with_ephemeral_id("cc507f84");
    check(
        &typed,
        json!({
            "name": "selfie",
            "value": {"mime_type": "image/jpeg", "base64": "/9j/4A=="},
            "anchors": [{"type": "SOURCE", "value": "PASSPORT", "sub_type": "NFC", "timestamp": "2020-01-26T00:53:20.123456Z"}],
            "id": "cc507f84",
        }),
    );
    check(
        &Attribute::new("full_name", "Jane Doe".to_owned()),
        json!({"name": "full_name", "value": "Jane Doe", "anchors": []}),
    );
    refused::<Attribute<Date>>(json!({"name": "date_of_birth", "value": "1980-13-01"}));
}

#[test]
fn untyped_values_and_profiles_are_tagged_by_kind() {
    let profile = Profile::from_attributes(vec![
        Attribute::new("full_name", AttributeValue::String("Jane Doe".into())),
        Attribute::new(
            "date_of_birth",
            AttributeValue::Date(Date::from_ymd(1980, 1, 2).unwrap()),
        ),
        Attribute::new(
            "document_images",
            AttributeValue::MultiValue(vec![AttributeValue::Image(jpeg())]),
        ),
        Attribute::new(
            "structured_postal_address",
            AttributeValue::Json(json!({"formatted_address": "1 A ST"})),
        ),
        Attribute::new("count", AttributeValue::Int(7)).with_ephemeral_id("id-7"),
    ]);
    check(
        &profile,
        json!({"attributes": [
            {"name": "full_name", "value": {"string": "Jane Doe"}, "anchors": []},
            {"name": "date_of_birth", "value": {"date": "1980-01-02"}, "anchors": []},
            {"name": "document_images", "value": {"multi_value": [{"image": {"mime_type": "image/jpeg", "base64": "/9j/4A=="}}]}, "anchors": []},
            {"name": "structured_postal_address", "value": {"json": {"formatted_address": "1 A ST"}}, "anchors": []},
            {"name": "postal_address", "value": {"string": "1 A ST"}, "anchors": []},
            {"name": "count", "value": {"int": 7}, "anchors": [], "id": "id-7"},
        ]}),
    );
    refused::<AttributeValue>(json!({"float": 1.5}));
    refused::<AttributeValue>(json!({"string": "a", "int": 1}));
    refused::<Profile>(json!([]));
}

/// What a backend keeps after a share.
#[derive(Debug, PartialEq, SharePolicy, Serialize, Deserialize)]
#[yoti(identity_profile(trust_framework = "UK_TFIDA", scheme = "RTW"))]
struct Verified {
    #[yoti(full_name)]
    name: Attribute<String>,
    #[yoti(date_of_birth)]
    born: Date,
    #[yoti(age_over = 18)]
    adult: AgeVerification,
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(document_details)]
    document: Option<DocumentDetails>,
    #[yoti(structured_postal_address)]
    address: Option<StructuredPostalAddress>,
    #[yoti(identity_profile_report)]
    report: IdentityProfileReport,
}

#[test]
fn a_derived_struct_round_trips() {
    let profile = Profile::from_attributes(vec![
        Attribute::new("full_name", AttributeValue::String("Jane Doe".into()))
            .with_anchors(vec![anchor()])
            .with_ephemeral_id("n-1"),
        Attribute::new(
            "date_of_birth",
            AttributeValue::Date(Date::from_ymd(1980, 1, 2).unwrap()),
        ),
        Attribute::new("age_over:18", AttributeValue::String("true".into())),
        Attribute::new("selfie", AttributeValue::Image(jpeg())),
        Attribute::new(
            "document_details",
            AttributeValue::String("PASSPORT GBR 01234567 2030-01-01".into()),
        ),
        Attribute::new(
            "identity_profile_report",
            AttributeValue::Json(
                json!({"proof": "p", "verification_report": {"trust_framework": "UK_TFIDA"}}),
            ),
        ),
    ]);
    let verified = Verified::from_profile(&profile).unwrap();
    let text = serde_json::to_string(&verified).unwrap();
    let back: Verified = serde_json::from_str(&text).unwrap();
    assert_eq!(back, verified);
    assert_eq!(back.name.anchors()[0].value(), "PASSPORT");
    assert_eq!(back.name.ephemeral_id(), "n-1");
    assert!(back.adult.result());
    assert_eq!(back.document.unwrap().document_number(), "01234567");
    assert_eq!(
        back.report.verification_report().unwrap().trust_framework(),
        Some("UK_TFIDA")
    );
    let stored: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(stored["born"], "1980-01-02");
    assert_eq!(stored["address"], Value::Null);
}
