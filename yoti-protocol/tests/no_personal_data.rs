//! Personal data never leaves through a message or a `Debug` print: a receipt full of
//! distinctive values is produced with the crate's own producer and decoded, and none of the
//! values appears in the `Debug` of what it decodes to, nor in the message (`Display`) or
//! `Debug` of any error that malformed values, wrong field types or broken bodies provoke.

use bytes::Bytes;
use prost::Message;
use yoti_policy::decode::ValueError;
use yoti_policy::profile::IdentityProfileReport;
use yoti_policy::{
    AgeVerification, Attribute, AttributeValue, Date, DocumentDetails, FromAttribute, Image,
    Profile, SharePolicy, StructuredPostalAddress,
};
use yoti_protocol::convert;
use yoti_protocol::proto::{self, AttributeList, ContentType};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::{produce_failure_receipt, produce_receipt};
use yoti_protocol::receipt::{
    PrivateKey, Receipt, ReceiptError, ReceiptMetadata, ReceiptResponse, RequirementNotMet,
    WrappedItemKey,
};

mod common;
use common::{fixture, protobuf_fixture};

const FULL_NAME: &str = "Zanzibar Quixotic-Plumtree";
const GIVEN_NAMES: &str = "Zanzibar";
const FAMILY_NAME: &str = "Quixotic-Plumtree";
const EMAIL: &str = "zq.plumtree@example.test";
const PHONE: &str = "+447700900123";
const GENDER: &str = "Xenogender-7731";
const NATIONALITY: &str = "Atlantean";
const DATE_OF_BIRTH: &str = "1983-07-29";
const POSTAL_ADDRESS: &str = "221B Sesquipedalian Street, Quuxton QX9 9ZZ";
const DOCUMENT_DETAILS: &str = "PASSPORT UTO 987654321 2031-04-12 HMPO-Zeta";
const AGE_CHECK: &str = "tRuE";
const LUCKY_NUMBER: &str = "73519";
const SELFIE: &[u8] = b"\xff\xd8\xffSELFIE-PIXELS-4242";
const DOCUMENT_IMAGE: &[u8] = b"\x89PNGDOCUMENT-PIXELS-8484";
const PROOF: &str = "PROOF-SIGNATURE-5150";
const ISSUANCE_TOKEN: &[u8] = b"ISSUANCE-TOKEN-ZQ";
// base64 of the issuance token, as `AttributeIssuanceDetails::token` gives it.
const ISSUANCE_TOKEN_BASE64: &str = "SVNTVUFOQ0UtVE9LRU4tWlE=";
const RECEIPT_ID: &str = "UmVjZWlwdElkT2ZadWx1UXVpeG90aWM=";
const REMEMBER_ME_ID: &str = "UmVtZW1iZXJNZVpRMTIzNDU2";
const PARENT_REMEMBER_ME_ID: &str = "UGFyZW50UmVtZW1iZXJNZVpR";
const DOCUMENT_COUNTRY: &str = "UTO";

/// Every value above, and its distinctive parts, as they could be printed.
const PERSONAL: &[&str] = &[
    FULL_NAME,
    GIVEN_NAMES,
    FAMILY_NAME,
    EMAIL,
    PHONE,
    GENDER,
    NATIONALITY,
    DATE_OF_BIRTH,
    "1983",
    "Sesquipedalian",
    "Quuxton",
    "QX9 9ZZ",
    DOCUMENT_DETAILS,
    "PASSPORT",
    "UTO",
    "987654321",
    "2031-04-12",
    "HMPO-Zeta",
    AGE_CHECK,
    LUCKY_NUMBER,
    "SELFIE-PIXELS",
    "DOCUMENT-PIXELS",
    // An image printed as a list of its bytes.
    "255, 216",
    "\\xff\\xd8",
    PROOF,
    "ISSUANCE-TOKEN",
    ISSUANCE_TOKEN_BASE64,
    RECEIPT_ID,
    REMEMBER_ME_ID,
    PARENT_REMEMBER_ME_ID,
    // Malformed values given below.
    "1983-02-30",
    "1983-13-29",
    "83-07-29",
    "MAYBE-Quixotic",
    "987654321 2031-13-12",
];

#[track_caller]
fn assert_no_personal_data(what: &str, text: &str) {
    assert!(!text.is_empty(), "{what} is empty");
    for value in PERSONAL {
        assert!(!text.contains(value), "{what} shows `{value}`: {text}");
    }
}

/// Both the message and the `Debug` of an error.
#[track_caller]
fn assert_error_has_no_personal_data(what: &str, error: &dyn std::error::Error) {
    assert_no_personal_data(&format!("{what} (message)"), &error.to_string());
    assert_no_personal_data(&format!("{what} (Debug)"), &format!("{error:?}"));
    let mut source = error.source();
    while let Some(cause) = source {
        assert_no_personal_data(&format!("{what} (cause)"), &cause.to_string());
        source = cause.source();
    }
}

fn attribute(name: &str, content_type: ContentType, value: impl Into<Bytes>) -> proto::Attribute {
    proto::Attribute {
        name: name.into(),
        value: value.into(),
        content_type: content_type as i32,
        ..proto::Attribute::default()
    }
}

fn text(name: &str, value: &'static str) -> proto::Attribute {
    attribute(name, ContentType::String, value)
}

/// The passport anchor fixture: a SOURCE anchor with a real certificate.
fn passport_anchor() -> proto::Anchor {
    proto::Anchor::decode(protobuf_fixture("anchor-passport.b64")).unwrap()
}

/// One attribute of every content type, with anchors on some.
fn user_attributes() -> Vec<proto::Attribute> {
    let address = serde_json::json!({
        "address_format": 1,
        "building_number": "221B",
        "address_line1": "221B Sesquipedalian Street",
        "town_city": "Quuxton",
        "postal_code": "QX9 9ZZ",
        "country_iso": DOCUMENT_COUNTRY,
        "formatted_address": POSTAL_ADDRESS,
    });
    let report = serde_json::json!({
        "proof": PROOF,
        "identity_assertion": {"current_name": {"full_name": FULL_NAME}, "date_of_birth": DATE_OF_BIRTH},
    });
    let images = proto::MultiValue {
        values: vec![
            proto::MultiValueItem {
                content_type: ContentType::Png as i32,
                data: Bytes::from_static(DOCUMENT_IMAGE),
            },
            proto::MultiValueItem {
                content_type: ContentType::String as i32,
                data: Bytes::from_static(NATIONALITY.as_bytes()),
            },
        ],
    };
    let mut full_name = text("full_name", FULL_NAME);
    full_name.anchors = vec![passport_anchor()];
    full_name.ephemeral_id = "ephemeral-full-name".into();
    let mut details = text("document_details", DOCUMENT_DETAILS);
    details.anchors = vec![passport_anchor()];
    vec![
        full_name,
        text("given_names", GIVEN_NAMES),
        text("family_name", FAMILY_NAME),
        text("email_address", EMAIL),
        text("phone_number", PHONE),
        text("gender", GENDER),
        text("nationality", NATIONALITY),
        attribute("date_of_birth", ContentType::Date, DATE_OF_BIRTH),
        text("age_over:18", AGE_CHECK),
        details,
        attribute("selfie", ContentType::Jpeg, SELFIE),
        attribute(
            "document_images",
            ContentType::MultiValue,
            images.encode_to_vec(),
        ),
        attribute(
            "structured_postal_address",
            ContentType::Json,
            address.to_string(),
        ),
        attribute(
            "identity_profile_report",
            ContentType::Json,
            report.to_string(),
        ),
        attribute("lucky_number", ContentType::Int, LUCKY_NUMBER),
    ]
}

fn extra_data() -> Vec<u8> {
    let third_party = proto::ThirdPartyAttribute {
        issuance_token: Bytes::from_static(ISSUANCE_TOKEN),
        issuing_attributes: Some(proto::IssuingAttributes {
            expiry_date: "2030-01-01T00:00:00Z".into(),
            definitions: vec![proto::Definition {
                name: "com.thirdparty.id".into(),
            }],
        }),
    };
    proto::ExtraData {
        list: vec![proto::DataEntry {
            r#type: proto::DataEntryType::ThirdPartyAttribute as i32,
            value: third_party.encode_to_vec().into(),
        }],
    }
    .encode_to_vec()
}

fn metadata() -> ReceiptMetadata {
    ReceiptMetadata {
        id: RECEIPT_ID.into(),
        session_id: "ss.v2.no-personal-data".into(),
        timestamp: "2025-01-01T00:00:00Z".into(),
        remember_me_id: Some(REMEMBER_ME_ID.into()),
        parent_remember_me_id: Some(PARENT_REMEMBER_ME_ID.into()),
    }
}

fn node_key() -> PrivateKey {
    common::key("node-2048.pem")
}

/// The two bodies of a receipt whose person shares `attributes`.
fn produce(attributes: Vec<proto::Attribute>) -> (Vec<u8>, Vec<u8>) {
    let application = AttributeList {
        attributes: vec![text("application_name", "The Shop")],
    };
    let content = ReceiptContent {
        application_profile: Some(application.encode_to_vec().into()),
        application_extra_data: Some(extra_data().into()),
        user_profile: Some(AttributeList { attributes }.encode_to_vec().into()),
        user_extra_data: Some(extra_data().into()),
    };
    let produced =
        produce_receipt(&node_key().public_key(), &metadata(), "item-key", &content).unwrap();
    assert_no_personal_data("the produced receipt", &format!("{produced:?}"));
    assert_no_personal_data("the receipt content", &format!("{content:?}"));
    (
        produced.receipt_json.into_bytes(),
        produced.wrapped_item_key_json.into_bytes(),
    )
}

/// A struct of every value type, with the user's own `#[derive(Debug)]`.
#[allow(dead_code)] // Read through `Debug`.
#[derive(Debug, SharePolicy)]
struct Person {
    #[yoti(full_name)]
    name: Attribute<String>,
    #[yoti(date_of_birth)]
    date_of_birth: Attribute<Date>,
    #[yoti(age_over = 18)]
    adult: AgeVerification,
    #[yoti(document_details)]
    details: DocumentDetails,
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(document_images)]
    documents: Vec<Image>,
    #[yoti(structured_postal_address)]
    address: StructuredPostalAddress,
}

#[test]
fn the_debug_of_a_decoded_receipt_shows_its_structure_not_the_person() {
    let (receipt_json, item_key_json) = produce(user_attributes());
    let key = node_key();

    let receipt = Receipt::<Profile>::decrypt(&receipt_json, &item_key_json, &key).unwrap();
    // Every value is there to be read...
    assert_eq!(receipt.user().full_name().unwrap().value(), FULL_NAME);
    assert_eq!(receipt.remember_me_id(), Some(REMEMBER_ME_ID));
    assert_eq!(receipt.user().len(), 16, "with the derived postal_address");
    // ...and none is printed.
    let debug = format!("{receipt:?}");
    assert_no_personal_data("Receipt<Profile>", &debug);
    for structure in [
        r#"Attribute { name: "full_name", value: String(<26 bytes>), anchors: 1, .. }"#,
        r#"Attribute { name: "date_of_birth", value: Date(YYYY-MM-DD), anchors: 0, .. }"#,
        r#"Attribute { name: "selfie", value: Image { format: Jpeg, len: 21 }, anchors: 0, .. }"#,
        r#"value: MultiValue([Image { format: Png, len: 24 }, String(<9 bytes>)])"#,
        r#"value: Json(<object of 7 keys>)"#,
        r#"value: Int(<number>)"#,
        "remember_me_id: Some(<24 bytes>)",
        "user: Profile",
        "token: <24 bytes>",
    ] {
        assert!(debug.contains(structure), "{structure} not in {debug}");
    }
    assert_no_personal_data("Profile", &format!("{:?}", receipt.user()));
    assert_no_personal_data("ReceiptMetadata", &format!("{:?}", receipt.metadata()));
    assert_no_personal_data(
        "user extra data",
        &format!("{:?}", receipt.user_extra_data()),
    );
    assert_no_personal_data(
        "application profile",
        &format!("{:?}", receipt.application_profile()),
    );
    let profile = receipt.user();
    for attribute in profile {
        assert_no_personal_data(attribute.name(), &format!("{attribute:?}"));
        assert_no_personal_data(attribute.name(), &format!("{:?}", attribute.value()));
        for anchor in attribute.anchors() {
            let debug = format!("{anchor:?}");
            assert_no_personal_data("Anchor", &debug);
            assert_eq!(
                debug,
                r#"Anchor { anchor_type: Source, sub_type: "OCR", timestamp: 2018-04-12T13:14:32.835537Z, certificates: 1, .. }"#
            );
            assert_no_personal_data("certificate", &format!("{:?}", anchor.certificates()));
        }
    }
    // The typed accessors' values, each on its own.
    let typed: Vec<String> = vec![
        format!("{:?}", profile.full_name().unwrap()),
        format!("{:?}", profile.date_of_birth().unwrap()),
        format!("{:?}", profile.date_of_birth().unwrap().value()),
        format!("{:?}", profile.document_details().unwrap()),
        format!("{:?}", profile.document_details().unwrap().value()),
        format!("{:?}", profile.selfie().unwrap().value()),
        format!("{:?}", profile.document_images().unwrap()),
        format!("{:?}", profile.structured_postal_address().unwrap()),
        format!("{:?}", profile.postal_address().unwrap()),
        format!("{:?}", profile.identity_profile_report().unwrap()),
        format!("{:?}", profile.age_over(18).unwrap()),
        format!("{:?}", profile.age_verifications()),
        format!("{:?}", convert::extra_data(extra_data().into()).unwrap()),
    ];
    for debug in &typed {
        assert_no_personal_data("a typed value", debug);
    }

    // The protobuf messages they were read from.
    let list = AttributeList {
        attributes: user_attributes(),
    };
    assert_no_personal_data("proto::AttributeList", &format!("{list:?}"));
    let extra = proto::ExtraData::decode(Bytes::from(extra_data())).unwrap();
    assert_no_personal_data("proto::ExtraData", &format!("{extra:?}"));

    // Into the user's own struct: its derived `Debug` prints the values' shapes only.
    let person = Receipt::<Person>::decrypt(&receipt_json, &item_key_json, &key).unwrap();
    assert_eq!(person.user().details.document_number(), "987654321");
    assert!(person.user().adult.result());
    let debug = format!("{person:?}");
    assert_no_personal_data("Receipt<Person>", &debug);
    assert!(debug.contains("user: Person"), "{debug}");
    assert_no_personal_data("Person", &format!("{:?}", person.user()));

    // Step by step: the encrypted receipt, the wrapped item key, the decrypted content.
    let response = ReceiptResponse::from_json(&receipt_json).unwrap();
    assert_no_personal_data("ReceiptResponse", &format!("{response:?}"));
    let encrypted = response.into_success().unwrap();
    assert_no_personal_data("EncryptedReceipt", &format!("{encrypted:?}"));
    let item_key = WrappedItemKey::from_json(&item_key_json).unwrap();
    let content = encrypted.decrypt_with(&item_key, &key).unwrap();
    let debug = format!("{content:?}");
    assert_no_personal_data("ReceiptContent", &debug);
    assert!(
        debug.starts_with("ReceiptContent { application_profile: Some(<"),
        "{debug}"
    );
}

/// Values of the right names but malformed, or of the wrong content type.
fn misfit_attributes() -> Vec<proto::Attribute> {
    vec![
        attribute(
            "full_name",
            ContentType::Json,
            format!("{{\"n\":\"{FULL_NAME}\"}}"),
        ),
        text("date_of_birth", "1983-02-30"),
        text("age_over:18", "MAYBE-Quixotic"),
        text("document_details", "PASSPORT  UTO 987654321"),
        text("selfie", "SELFIE-PIXELS-as-text"),
        text("document_images", "DOCUMENT-PIXELS-as-text"),
        text("structured_postal_address", POSTAL_ADDRESS),
    ]
}

#[test]
fn decoding_misfit_values_into_a_struct_names_fields_never_values() {
    let (receipt_json, item_key_json) = produce(misfit_attributes());
    let error = Receipt::<Person>::decrypt(&receipt_json, &item_key_json, &node_key()).unwrap_err();
    let ReceiptError::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(decode.fields().len(), 7, "{decode:?}");
    assert_error_has_no_personal_data("the decode error", &error);
    assert_eq!(
        error.to_string(),
        "invalid: `name` (full_name): expected a string, found JSON, `date_of_birth` \
         (date_of_birth): the day of the date does not exist in its month, `adult` \
         (age_over:18): an age check's value must be `true` or `false`, and is another text, \
         `details` (document_details): token 2 of the document details is empty (a double, \
         leading or trailing space), `selfie` (selfie): expected an image, found a string, \
         `documents` (document_images): expected a multi-value of images, found a string, \
         `address` (structured_postal_address): expected a JSON object, found a string"
    );
}

#[test]
fn every_value_error_names_the_problem_never_the_value() {
    let profile = Profile::from_attributes(
        [
            ("date_of_birth", "83-07-29"),
            ("date_of_birth_month", "1983-13-29"),
            ("date_of_birth_day", "1983-02-30"),
            ("document_details_short", "PASSPORT UTO"),
            ("document_details_empty", "PASSPORT UTO  987654321"),
            (
                "document_details_expiry",
                "PASSPORT UTO 987654321 2031-13-12 HMPO-Zeta",
            ),
            ("age_over:18", "MAYBE-Quixotic"),
            ("full_name", FULL_NAME),
        ]
        .into_iter()
        .map(|(name, value)| Attribute::new(name, AttributeValue::String(value.into())))
        .collect(),
    );
    let mut errors: Vec<ValueError> = Vec::new();
    for attribute in &profile {
        errors.extend(Date::from_attribute(attribute).err());
        errors.extend(DocumentDetails::from_attribute(attribute).err());
        errors.extend(AgeVerification::from_attribute(attribute).err());
        errors.extend(bool::from_attribute(attribute).err());
        errors.extend(Image::from_attribute(attribute).err());
        errors.extend(i64::from_attribute(attribute).err());
        errors.extend(StructuredPostalAddress::from_attribute(attribute).err());
        errors.extend(IdentityProfileReport::from_attribute(attribute).err());
        errors.extend(
            profile
                .get_as::<Date>(attribute.name())
                .and_then(Result::err),
        );
    }
    assert!(errors.len() > 40, "{}", errors.len());
    for error in &errors {
        assert_error_has_no_personal_data("a value error", error);
    }
    // The grammars' own errors.
    for text in ["83-07-29", "1983-13-29", "1983-02-30"] {
        assert_error_has_no_personal_data(text, &text.parse::<Date>().unwrap_err());
    }
    for text in [
        "PASSPORT UTO",
        "PASSPORT UTO  987654321",
        "PASSPORT UTO 987654321 2031-13-12 HMPO-Zeta",
    ] {
        assert_error_has_no_personal_data(text, &text.parse::<DocumentDetails>().unwrap_err());
    }
    let error = AgeVerification::parse("age_over:18", "MAYBE-Quixotic").unwrap_err();
    assert_error_has_no_personal_data("age check", &error);
}

#[test]
fn receipt_errors_quote_no_receipt_content() {
    let key = node_key();
    let (receipt_json, item_key_json) = produce(user_attributes());
    let receipt: serde_json::Value = serde_json::from_slice(&receipt_json).unwrap();
    let mut errors: Vec<ReceiptError> = Vec::new();

    // serde_json quotes a string found where an object was expected, and an integer where a
    // string was expected.
    let mut body = receipt.clone();
    body["errorReason"] = REMEMBER_ME_ID.into();
    body["error"] = "FRAUD_DETECTED".into();
    errors.push(ReceiptResponse::from_json(&serde_json::to_vec(&body).unwrap()).unwrap_err());
    let mut body = receipt.clone();
    body["rememberMeId"] = 73519.into();
    errors.push(ReceiptResponse::from_json(&serde_json::to_vec(&body).unwrap()).unwrap_err());
    let mut body = receipt.clone();
    body["otherPartyContent"] = FULL_NAME.into();
    errors.push(ReceiptResponse::from_json(&serde_json::to_vec(&body).unwrap()).unwrap_err());
    errors.push(
        WrappedItemKey::from_json(
            format!("{{\"id\":\"k\",\"iv\":{{\"x\":\"{PHONE}\"}}}}").as_bytes(),
        )
        .unwrap_err(),
    );
    for error in &errors {
        assert!(matches!(error, ReceiptError::Json { .. }), "{error:?}");
    }

    // Content that is not base64, or not an `EncryptedData`.
    let mut body = receipt.clone();
    body["otherPartyContent"]["profile"] = format!("{FULL_NAME}%%").into();
    errors.push(ReceiptResponse::from_json(&serde_json::to_vec(&body).unwrap()).unwrap_err());
    // A wrapped key of the wrong size, and the decryption of a receipt altered.
    let mut body = receipt.clone();
    body["wrappedKey"] = REMEMBER_ME_ID.into();
    errors.push(
        Receipt::<Profile>::decrypt(&serde_json::to_vec(&body).unwrap(), &item_key_json, &key)
            .unwrap_err(),
    );
    let other_key = common::key("go-4096.pem");
    errors
        .push(Receipt::<Profile>::decrypt(&receipt_json, &item_key_json, &other_key).unwrap_err());
    let mut wrong_item_key: serde_json::Value = serde_json::from_slice(&item_key_json).unwrap();
    wrong_item_key["id"] = "another".into();
    errors.push(
        Receipt::<Profile>::decrypt(
            &receipt_json,
            &serde_json::to_vec(&wrong_item_key).unwrap(),
            &key,
        )
        .unwrap_err(),
    );
    let produced_for_other = produce_receipt(
        &key.public_key(),
        &metadata(),
        "item-key",
        &ReceiptContent {
            user_profile: Some(format!("\x0a\x7f{FULL_NAME}").into_bytes().into()),
            ..ReceiptContent::default()
        },
    )
    .unwrap();
    errors.push(
        Receipt::<Profile>::decrypt(
            produced_for_other.receipt_json.as_bytes(),
            produced_for_other.wrapped_item_key_json.as_bytes(),
            &key,
        )
        .unwrap_err(),
    );
    assert!(matches!(errors.last(), Some(ReceiptError::Decryption(_))));

    // A failure receipt: its message and Debug name the codes, not the receipt id nor the
    // person's document.
    let requirement = {
        let mut requirement = RequirementNotMet::new();
        requirement.failure_type = Some("ID_DOCUMENT_COUNTRY".into());
        requirement.document_type = Some("PASSPORT".into());
        requirement.document_country_iso_code = Some(DOCUMENT_COUNTRY.into());
        requirement.audit_id = Some("audit-1".into());
        requirement.details = Some("NOT_APPLICABLE_FOR_SCHEME".into());
        requirement
    };
    let failure = produce_failure_receipt(
        &metadata(),
        "MANDATORY_DOCUMENT_NOT_PROVIDED",
        &[requirement],
    )
    .unwrap();
    let error = Receipt::<Profile>::decrypt(failure.as_bytes(), b"", &key).unwrap_err();
    assert!(error.to_string().contains("ID_DOCUMENT_COUNTRY"), "{error}");
    assert!(format!("{error:?}").contains("audit-1"), "{error:?}");
    errors.push(error);
    assert_no_personal_data(
        "failure receipt",
        &format!(
            "{:?}",
            ReceiptResponse::from_json(failure.as_bytes()).unwrap()
        ),
    );

    // A profile or extra data that is not its protobuf message.
    let garbage = Bytes::from(format!("\x0a\x7f{FULL_NAME}").into_bytes());
    let profile_error = convert::profile(garbage.clone()).unwrap_err();
    assert_error_has_no_personal_data("profile error", &profile_error);
    let extra_error = convert::extra_data(garbage).unwrap_err();
    assert_error_has_no_personal_data("extra data error", &extra_error);

    assert_eq!(errors.len(), 10);
    for error in &errors {
        assert_error_has_no_personal_data("a receipt error", error);
    }
}

#[test]
fn key_errors_quote_nothing_of_the_key() {
    let pem = String::from_utf8(fixture("keys/node-2048.pem")).unwrap();
    let body_lines: Vec<&str> = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    assert!(pem.contains("UA==\n"));
    let mut inputs = vec![
        // A character outside the alphabet, and a last character with bits left over.
        pem.replacen(&body_lines[3][..8], "AAAA*AAA", 1),
        pem.replacen("UA==\n", "UB==\n", 1),
        pem[..pem.len() / 2].to_owned(),
        pem.replace("-----END RSA PRIVATE KEY-----", "-----END PRIVATE KEY-----"),
        pem.replace("RSA PRIVATE KEY", "OPENSSH PRIVATE KEY"),
    ];
    // A key that is valid base64 but not a key.
    inputs.push(pem.replacen(body_lines[5], &"A".repeat(body_lines[5].len()), 1));
    for (i, input) in inputs.iter().enumerate() {
        let Err(error) = PrivateKey::from_pem(input) else {
            panic!("input {i} loaded");
        };
        let text = format!("{error} {error:?}");
        for line in &body_lines {
            for window in line.as_bytes().windows(12) {
                let window = std::str::from_utf8(window).unwrap();
                assert!(!text.contains(window), "`{window}` of the key in {text}");
            }
        }
    }
}
