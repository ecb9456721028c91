//! The receipt fixtures decode to exactly the values test-vectors/README.md lists.

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::RsaKeyPair;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use prost::Message;
use yoti_policy::profile::AnchorType;
use yoti_policy::{ImageFormat, Profile};
use yoti_protocol::convert;
use yoti_protocol::proto::{AttributeList, ContentType, EncryptedData};
use yoti_protocol::receipt::{
    Body, ContentField, FieldSize, ItemKey, PrivateKey, Receipt, ReceiptError, ReceiptKey,
    ReceiptResponse, WrappedItemKey,
};

mod common;
use common::{fixture, key};

fn receipt_json() -> Vec<u8> {
    fixture("receipts/v2-synthetic-receipt.json")
}

fn item_key_json() -> Vec<u8> {
    fixture("receipts/v2-synthetic-wrapped-item-key.json")
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes))
}

// ---- receipts/go-small-v1.json (legacy v1 key wrapping) ----

#[test]
fn go_small_v1_receipt_key_and_attributes() {
    let vector: serde_json::Value =
        serde_json::from_slice(&fixture("receipts/go-small-v1.json")).unwrap();
    let receipt = &vector["receipt"];
    let wrapped = STANDARD
        .decode(receipt["wrapped_receipt_key"].as_str().unwrap())
        .unwrap();
    let receipt_key = ReceiptKey::unwrap_v1(&key("go-4096.pem"), &wrapped).unwrap();
    assert_eq!(
        hex::encode(receipt_key.as_bytes()),
        "41a01b21873d89b79c594c3a3a7b6e94851d2ff46a72f67f861e5cbf9f2fe561"
    );
    assert_eq!(
        STANDARD.encode(receipt_key.as_bytes()),
        "QaAbIYc9ibecWUw6OntulIUdL/RqcvZ/hh5cv58v5WE="
    );

    let blob = STANDARD
        .decode(receipt["other_party_profile_content"].as_str().unwrap())
        .unwrap();
    let encrypted = EncryptedData::decode(blob.as_slice()).unwrap();
    assert_eq!(
        hex::encode(&encrypted.iv),
        "990226f54c19bd4391987c5ad2d5ea7d"
    );
    assert_eq!(encrypted.cipher_text.len(), 112);
    let plaintext = receipt_key
        .decrypt_content(&encrypted.iv, &encrypted.cipher_text)
        .unwrap();
    assert_eq!(plaintext.len(), 103);

    let list = AttributeList::decode(plaintext.as_slice()).unwrap();
    let expected = [
        ("selfie", ContentType::Jpeg, &b"selfie0123456789"[..]),
        (
            "phone_number",
            ContentType::String,
            b"phone_number0123456789",
        ),
        ("date_of_birth", ContentType::Date, b"1980-01-01"),
    ];
    assert_eq!(list.attributes.len(), expected.len());
    for (attribute, (name, content_type, value)) in list.attributes.iter().zip(expected) {
        assert_eq!(attribute.name, name);
        assert_eq!(attribute.content_type, content_type as i32);
        assert_eq!(&attribute.value[..], value);
        assert!(attribute.anchors.is_empty());
        assert!(attribute.metadata.is_none());
        assert!(attribute.ephemeral_id.is_empty());
    }
    assert_eq!(
        STANDARD.encode(&list.attributes[0].value),
        "c2VsZmllMDEyMzQ1Njc4OQ=="
    );

    let profile = convert::profile(plaintext.into()).unwrap();
    assert_eq!(
        &profile.selfie().unwrap().value().data()[..],
        b"selfie0123456789"
    );
    assert_eq!(
        profile.phone_number().unwrap().value(),
        "phone_number0123456789"
    );
    assert_eq!(
        profile.date_of_birth().unwrap().value().to_string(),
        "1980-01-01"
    );
}

// ---- receipts/v2-synthetic-*.json: each step ----

#[test]
fn v2_item_key_and_receipt_key_step_by_step() {
    let item_key_body = WrappedItemKey::from_json(&item_key_json()).unwrap();
    assert_eq!(item_key_body.id(), "synthetic-wrapped-item-key-id");
    assert_eq!(hex::encode(item_key_body.iv()), "cb2b0506591a004098775785");
    assert_eq!(item_key_body.value().len(), 256);

    let item_key = ItemKey::unwrap(&key("node-2048.pem"), item_key_body.value()).unwrap();
    assert_eq!(
        hex::encode(item_key.as_bytes()),
        "6bfed08f9763e708261dd5cb1576e6a0de9fd88796ef9f72998e5a3c457804e6"
    );
    assert_eq!(
        STANDARD.encode(item_key.as_bytes()),
        "a/7Qj5dj5wgmHdXLFXbmoN6f2IeW759ymY5aPEV4BOY="
    );

    let body: serde_json::Value = serde_json::from_slice(&receipt_json()).unwrap();
    let wrapped_key = STANDARD
        .decode(body["wrappedKey"].as_str().unwrap())
        .unwrap();
    assert_eq!(wrapped_key.len(), 48);
    let receipt_key = item_key
        .unwrap_receipt_key(item_key_body.iv(), &wrapped_key)
        .unwrap();
    assert_eq!(
        hex::encode(receipt_key.as_bytes()),
        "9f7fa947f0f0c15f67a15273fe0c962b2259a183e4bd7ece6a17ff9839df0c41"
    );
    assert_eq!(
        STANDARD.encode(receipt_key.as_bytes()),
        "n3+pR/DwwV9noVJz/gyWKyJZoYPkvX7Oahf/mDnfDEE="
    );

    // The one-step unwrapping gives the same key.
    let again = ReceiptKey::unwrap_v2(
        &key("node-2048.pem"),
        item_key_body.value(),
        item_key_body.iv(),
        &wrapped_key,
    )
    .unwrap();
    assert_eq!(again.as_bytes(), receipt_key.as_bytes());
}

#[test]
fn v2_content_blobs_have_the_listed_ivs_and_lengths() {
    let receipt = ReceiptResponse::from_json(&receipt_json())
        .unwrap()
        .into_success()
        .unwrap();
    let item_key = WrappedItemKey::from_json(&item_key_json()).unwrap();
    let receipt_key = receipt
        .unwrap_receipt_key(&item_key, &key("node-2048.pem"))
        .unwrap();
    let expected = [
        (
            ContentField::ApplicationProfile,
            "56a75860f85637804ee6a53b5bd98083",
            6016,
            6013,
        ),
        (
            ContentField::ApplicationExtraData,
            "992b59365a9355762e7ccaef4cbd7cf9",
            112,
            101,
        ),
        (
            ContentField::UserProfile,
            "1cdde122aaacb747eba77d7d1b98094f",
            155616,
            155612,
        ),
    ];
    for (field, iv, cipher_len, plain_len) in expected {
        let blob = receipt.encrypted_content(field).unwrap();
        assert_eq!(hex::encode(&blob.iv), iv, "{field}");
        assert_eq!(blob.cipher_text.len(), cipher_len, "{field}");
        let plain = receipt_key
            .decrypt_content(&blob.iv, &blob.cipher_text)
            .unwrap();
        assert_eq!(plain.len(), plain_len, "{field}");
    }
    assert!(
        receipt
            .encrypted_content(ContentField::UserExtraData)
            .is_none()
    );

    let content = receipt.decrypt_content(&receipt_key).unwrap();
    assert_eq!(content.application_profile.unwrap().len(), 6013);
    assert_eq!(content.application_extra_data.unwrap().len(), 101);
    assert_eq!(content.user_profile.unwrap().len(), 155612);
    assert!(content.user_extra_data.is_none());
}

// ---- receipts/v2-synthetic-*.json: the one call ----

fn synthetic() -> Receipt {
    Receipt::decrypt(&receipt_json(), &item_key_json(), &key("node-2048.pem")).unwrap()
}

#[test]
fn v2_metadata_is_as_received() {
    let receipt = synthetic();
    assert_eq!(
        receipt.id(),
        "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC+r7hJCVPl"
    );
    assert_eq!(receipt.session_id(), "ss.v2.SYNTHETIC-TEST-SESSION");
    assert_eq!(receipt.timestamp(), "2016-07-19T08:55:38Z");
    assert_eq!(
        receipt.remember_me_id(),
        Some("Hig2yAT79cWvseSuXcIuCLa5lNkAPy70rxetUaeHlTJGmiwc/g1MWdYWYrexWvPU")
    );
    assert_eq!(
        receipt.parent_remember_me_id(),
        Some("f5RjVQMyoKOvO/hkv43Ik+t6d6mGfP2tdrNijH4k4qafTG0FSNUgQIvd2Z3Nx1j8")
    );
}

#[test]
fn v2_application_profile() {
    let receipt = synthetic();
    let application = receipt.application_profile();
    assert_eq!(application.name(), Some("Node SDK Test"));
    assert_eq!(application.url(), Some("https://example.com"));
    assert_eq!(application.receipt_bgcolor(), Some("#ffffff"));
    // The logo is an empty JPEG: unconvertible, dropped.
    assert_eq!(application.logo(), None);
    let names: Vec<&str> = application
        .profile()
        .iter()
        .map(|attribute| attribute.name())
        .collect();
    assert_eq!(
        names,
        [
            "application_url",
            "application_name",
            "application_receipt_bgcolor"
        ]
    );
    for attribute in application.profile().iter() {
        assert_eq!(attribute.anchors().len(), 1, "{}", attribute.name());
        let anchor = &attribute.anchors()[0];
        assert_eq!(anchor.anchor_type(), AnchorType::Unknown);
        assert_eq!(anchor.value(), "");
        assert_eq!(anchor.sub_type(), "");
        assert_eq!(anchor.signed_timestamp_micros(), 0);
        assert_eq!(anchor.certificates().len(), 1);
        let certificate = &anchor.certificates()[0];
        assert_eq!(certificate.subject_common_name(), Some("attribute-server"));
        assert_eq!(
            certificate.serial_number_u128(),
            Some(4640137888446100897078869150348807908)
        );
    }
}

#[test]
fn v2_application_extra_data() {
    let receipt = synthetic();
    let details = receipt
        .application_extra_data()
        .attribute_issuance_details()
        .unwrap();
    assert_eq!(details.token(), "c29tZUlzc3VhbmNlVG9rZW4=");
    assert_eq!(details.expiry_text(), "2019-10-15T22:04:05.123Z");
    assert!(details.expiry().is_some());
    assert_eq!(
        details.definitions(),
        ["com.thirdparty.id", "com.thirdparty.other_id"]
    );
    assert_eq!(receipt.user_extra_data(), &Default::default());
}

#[test]
fn v2_user_profile() {
    let receipt = synthetic();
    let profile = receipt.user();
    assert_eq!(profile, receipt.user_profile());
    let names: Vec<&str> = profile.iter().map(|a| a.name()).collect();
    assert_eq!(names, ["selfie", "phone_number"]);

    let selfie = profile.selfie().unwrap();
    let image = selfie.value();
    assert_eq!(image.format(), ImageFormat::Jpeg);
    assert_eq!(image.data().len(), 152536);
    assert_eq!(
        &image.data()[..8],
        &[0xff, 0xd8, 0xff, 0xdb, 0x00, 0x84, 0x00, 0x03]
    );
    assert_eq!(&image.data()[152532..], &[0x5c, 0xcc, 0xff, 0xd9]);
    assert_eq!(
        sha256_hex(image.data()),
        "3a8219a8e082671096c09fc9aec8afc18e0d52f1d6f1769080481eba654aa297"
    );
    assert!(
        image
            .data_url()
            .starts_with("data:image/jpeg;base64,/9j/2wCEAAMCAgMC")
    );
    assert!(image.data_url().ends_with("5p85XMz/2Q=="));

    assert_eq!(profile.phone_number().unwrap().value(), "+447474747474");

    for attribute in profile.iter() {
        assert_eq!(attribute.anchors().len(), 1);
        let anchor = &attribute.anchors()[0];
        assert_eq!(anchor.anchor_type(), AnchorType::Unknown);
        assert_eq!(anchor.value(), "");
        assert_eq!(anchor.sub_type(), "YOTI-REGISTRATION");
        let certificate = &anchor.certificates()[0];
        assert_eq!(
            certificate.subject_common_name(),
            Some("human-account-creation-server")
        );
        assert_eq!(
            certificate.serial_number_u128(),
            Some(253669339181307480847760190287055955486)
        );
    }
}

// ---- receipts/v2-failure-receipt.json ----

#[test]
fn failure_receipt_needs_no_item_key_and_carries_every_detail() {
    let body = fixture("receipts/v2-failure-receipt.json");
    let response = ReceiptResponse::from_json(&body).unwrap();
    assert_eq!(response.wrapped_item_key_id(), None);
    let ReceiptResponse::Failure(failure) = response else {
        panic!("not a failure receipt");
    };
    assert_eq!(
        failure.id(),
        "tXTQK9E22lyzyIhVZM7pY1ctI7FHelLgvrVO35RO+vWKjJJJSJhu2ZLFBCce14Xy"
    );
    assert_eq!(
        failure.session_id(),
        "ss.v2.ChZvRm1QTG5tT1FJMjZMYm9xeC1Fdlh3EgdsZDUuZ2Jy"
    );
    assert_eq!(failure.timestamp(), "2025-05-21T11:01:07Z");
    assert_eq!(failure.error, "MANDATORY_DOCUMENT_NOT_PROVIDED");
    assert_eq!(failure.requirements_not_met.len(), 1);
    let requirement = &failure.requirements_not_met[0];
    assert_eq!(
        requirement.details.as_deref(),
        Some("NOT_APPLICABLE_FOR_SCHEME")
    );
    assert_eq!(
        requirement.audit_id.as_deref(),
        Some("97001564-a18a-4afd-bf19-3ffacc88abbb")
    );
    assert_eq!(
        requirement.failure_type.as_deref(),
        Some("ID_DOCUMENT_COUNTRY")
    );
    assert_eq!(requirement.document_type.as_deref(), Some("PASSPORT"));
    assert_eq!(
        requirement.document_country_iso_code.as_deref(),
        Some("IRL")
    );
}

#[test]
fn failure_receipt_through_the_one_call_is_the_failure_error() {
    let body = fixture("receipts/v2-failure-receipt.json");
    // No wrapped item key exists for a failure receipt: the second body is never read.
    let error = Receipt::<Profile>::decrypt(&body, b"", &key("node-2048.pem")).unwrap_err();
    let failure = error.as_failure().unwrap();
    assert_eq!(failure.error, "MANDATORY_DOCUMENT_NOT_PROVIDED");
    assert_eq!(failure.requirements_not_met.len(), 1);
    let message = error.to_string();
    assert!(
        message.contains("MANDATORY_DOCUMENT_NOT_PROVIDED"),
        "{message}"
    );
    assert_eq!(
        message,
        "the share did not complete: MANDATORY_DOCUMENT_NOT_PROVIDED \
         (session ss.v2.ChZvRm1QTG5tT1FJMjZMYm9xeC1Fdlh3EgdsZDUuZ2Jy); requirement not met: \
         ID_DOCUMENT_COUNTRY NOT_APPLICABLE_FOR_SCHEME (audit id \
         97001564-a18a-4afd-bf19-3ffacc88abbb)"
    );
    // Not the receipt id (it fetches the receipt) nor the person's document type and country.
    let debug = format!("{error:?}");
    for text in [message.as_str(), debug.as_str()] {
        for secret in [failure.id(), "PASSPORT", "IRL"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    assert!(
        debug.contains("97001564-a18a-4afd-bf19-3ffacc88abbb"),
        "{debug}"
    );
}

#[test]
fn the_wrong_application_key_is_a_size_error_or_the_uniform_decryption_error() {
    // A 4096-bit key: the item key ciphertext is not one block of it, which is a public fact
    // and says so before any decryption.
    let error = Receipt::<Profile>::decrypt(&receipt_json(), &item_key_json(), &key("go-4096.pem"))
        .unwrap_err();
    assert!(
        matches!(
            &error,
            ReceiptError::WrongSize {
                body: Body::WrappedItemKey,
                field: "value",
                expected,
                found: FieldSize::Bytes(256),
            } if *expected == (512..=512)
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "`value` of the wrapped item key response is 256 bytes, but must be 512 bytes"
    );
    // Another 2048-bit key: the RSA padding check fails.
    let pair = RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
    let other = PrivateKey::from_pkcs8_der(pair.as_der().unwrap().as_ref()).unwrap();
    let error = Receipt::<Profile>::decrypt(&receipt_json(), &item_key_json(), &other).unwrap_err();
    assert!(matches!(error, ReceiptError::Decryption(_)), "{error:?}");
}

#[test]
fn the_consuming_decrypt_of_an_encrypted_receipt_is_the_one_call() {
    let encrypted = ReceiptResponse::from_json(&receipt_json())
        .unwrap()
        .into_success()
        .unwrap();
    let item_key = WrappedItemKey::from_json(&item_key_json()).unwrap();
    let receipt: Receipt = encrypted.decrypt(&item_key, &key("node-2048.pem")).unwrap();
    assert_eq!(receipt, synthetic());
    assert!(!receipt.user_profile().is_empty());
}
