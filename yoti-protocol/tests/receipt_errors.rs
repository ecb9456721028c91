//! Every bad input to receipt decoding is a typed error, never a panic; every cryptographic
//! failure is the same error.

use prost::Message;
use yoti_policy::{DecodeError, Image, Profile, SharePolicy};
use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::produce_receipt;
use yoti_protocol::receipt::{
    Body, ContentField, PrivateKey, Receipt, ReceiptError, ReceiptMetadata, ReceiptResponse,
    WrappedItemKey,
};

mod common;
use common::{fixture, item_key_value, receipt_value};

fn node_key() -> PrivateKey {
    PrivateKey::from_pem(fixture("keys/node-2048.pem")).unwrap()
}

fn decrypt(
    receipt: &serde_json::Value,
    item_key: &serde_json::Value,
) -> Result<Receipt, ReceiptError> {
    Receipt::decrypt(
        &serde_json::to_vec(receipt).unwrap(),
        &serde_json::to_vec(item_key).unwrap(),
        &node_key(),
    )
}

/// Flips one bit of a base64 string's decoded bytes, at `index` from the end when negative.
fn flip(value: &mut serde_json::Value, index: isize) {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    let mut bytes = STANDARD.decode(value.as_str().unwrap()).unwrap();
    let at = if index < 0 {
        bytes.len() - index.unsigned_abs()
    } else {
        index as usize
    };
    bytes[at] ^= 0x01;
    *value = STANDARD.encode(bytes).into();
}

#[test]
fn receipt_that_is_not_json() {
    let error = Receipt::<Profile>::decrypt(b"<html>", b"{}", &node_key()).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::Json {
                body: Body::Receipt,
                ..
            }
        ),
        "{error:?}"
    );
    let error = ReceiptResponse::from_json(br#"{"id": 12}"#).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::Json {
                body: Body::Receipt,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn receipt_missing_required_fields() {
    for field in [
        "id",
        "sessionId",
        "timestamp",
        "wrappedItemKeyId",
        "wrappedKey",
    ] {
        for replacement in [None, Some(serde_json::Value::Null), Some("".into())] {
            let mut receipt = receipt_value();
            match &replacement {
                None => {
                    receipt.as_object_mut().unwrap().remove(field);
                }
                Some(value) => receipt[field] = value.clone(),
            }
            let error = decrypt(&receipt, &item_key_value()).unwrap_err();
            assert!(
                matches!(error, ReceiptError::MissingField { body: Body::Receipt, field: f } if f == field),
                "{field} {replacement:?}: {error:?}"
            );
        }
    }
}

#[test]
fn receipt_with_bad_base64() {
    let mut receipt = receipt_value();
    // The length of 48 bytes of base64, so that only the alphabet is wrong.
    receipt["wrappedKey"] = format!("not*base64{}", "A".repeat(54)).into();
    let error = decrypt(&receipt, &item_key_value()).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::InvalidBase64 {
                body: Body::Receipt,
                field: "wrappedKey"
            }
        ),
        "{error:?}"
    );
    let mut receipt = receipt_value();
    receipt["otherPartyContent"]["profile"] = "%%%".into();
    let error = decrypt(&receipt, &item_key_value()).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::InvalidBase64 {
                field: "otherPartyContent.profile",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn content_that_is_not_encrypted_data() {
    let mut receipt = receipt_value();
    // base64 of 0x0a 0xff: a length-delimited field whose length runs past the end.
    receipt["content"]["profile"] = "Cv8=".into();
    let error = decrypt(&receipt, &item_key_value()).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::InvalidEncryptedData {
                field: ContentField::ApplicationProfile,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn absent_null_and_empty_content_is_no_content() {
    let key = node_key();
    for value in [None, Some(serde_json::Value::Null), Some("".into())] {
        let mut receipt = receipt_value();
        match &value {
            None => {
                receipt["otherPartyContent"]
                    .as_object_mut()
                    .unwrap()
                    .remove("profile");
                receipt.as_object_mut().unwrap().remove("content");
            }
            Some(v) => {
                receipt["otherPartyContent"]["profile"] = v.clone();
                receipt["content"] = v.clone();
            }
        }
        let decrypted = Receipt::<Profile>::decrypt(
            &serde_json::to_vec(&receipt).unwrap(),
            &fixture("receipts/v2-synthetic-wrapped-item-key.json"),
            &key,
        )
        .unwrap();
        assert!(decrypted.user().is_empty(), "{value:?}");
        assert_eq!(decrypted.application_profile().name(), None);
    }
}

#[test]
fn item_key_body_errors() {
    let receipt = fixture("receipts/v2-synthetic-receipt.json");
    let error = Receipt::<Profile>::decrypt(&receipt, b"nope", &node_key()).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::Json {
                body: Body::WrappedItemKey,
                ..
            }
        ),
        "{error:?}"
    );
    for field in ["id", "iv", "value"] {
        let mut item_key = item_key_value();
        item_key.as_object_mut().unwrap().remove(field);
        let error = decrypt(&receipt_value(), &item_key).unwrap_err();
        assert!(
            matches!(error, ReceiptError::MissingField { body: Body::WrappedItemKey, field: f } if f == field),
            "{field}: {error:?}"
        );
    }
    let mut item_key = item_key_value();
    item_key["value"] = format!("a b c{}", "A".repeat(337)).into();
    let error = decrypt(&receipt_value(), &item_key).unwrap_err();
    assert!(
        matches!(
            error,
            ReceiptError::InvalidBase64 {
                body: Body::WrappedItemKey,
                field: "value"
            }
        ),
        "{error:?}"
    );
}

#[test]
fn item_key_of_another_receipt() {
    let mut item_key = item_key_value();
    item_key["id"] = "another-item-key".into();
    let error = decrypt(&receipt_value(), &item_key).unwrap_err();
    assert!(
        matches!(&error, ReceiptError::WrongItemKey { expected, found }
            if expected == "synthetic-wrapped-item-key-id" && found == "another-item-key"),
        "{error:?}"
    );
}

#[test]
fn every_cryptographic_failure_is_the_same_error() {
    let mut cases: Vec<(&str, serde_json::Value, serde_json::Value)> = Vec::new();
    let mut receipt = receipt_value();
    flip(&mut receipt["wrappedKey"], 0);
    cases.push(("wrappedKey ciphertext", receipt, item_key_value()));
    let mut receipt = receipt_value();
    flip(&mut receipt["wrappedKey"], -1);
    cases.push(("wrappedKey tag", receipt, item_key_value()));
    let mut item_key = item_key_value();
    flip(&mut item_key["iv"], 3);
    cases.push(("iv", receipt_value(), item_key));
    let mut item_key = item_key_value();
    flip(&mut item_key["value"], 100);
    cases.push(("item key value", receipt_value(), item_key));
    let mut item_key = item_key_value();
    flip(&mut item_key["value"], 0);
    cases.push(("item key value, first byte", receipt_value(), item_key));

    let mut messages = Vec::new();
    for (name, receipt, item_key) in cases {
        let error = decrypt(&receipt, &item_key).unwrap_err();
        assert!(
            matches!(error, ReceiptError::Decryption(_)),
            "{name}: {error:?}"
        );
        messages.push(error.to_string());
    }
    messages.dedup();
    assert_eq!(messages.len(), 1, "{messages:?}");
}

#[test]
fn content_with_bad_padding_is_the_decryption_error() {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    let mut receipt = receipt_value();
    let blob = STANDARD
        .decode(receipt["content"]["extraData"].as_str().unwrap())
        .unwrap();
    let mut data = yoti_protocol::proto::EncryptedData::decode(blob.as_slice()).unwrap();
    let mut cipher_text = data.cipher_text.to_vec();
    // Changing the second-to-last block changes the padding of the last block predictably.
    let at = cipher_text.len() - 17;
    cipher_text[at] ^= 0x40;
    data.cipher_text = cipher_text.into();
    receipt["content"]["extraData"] = STANDARD.encode(data.encode_to_vec()).into();
    let error = decrypt(&receipt, &item_key_value()).unwrap_err();
    assert!(matches!(error, ReceiptError::Decryption(_)), "{error:?}");

    let mut receipt = receipt_value();
    let mut data = yoti_protocol::proto::EncryptedData::decode(blob.as_slice()).unwrap();
    data.cipher_text = data.cipher_text.slice(..data.cipher_text.len() - 1);
    receipt["content"]["extraData"] = STANDARD.encode(data.encode_to_vec()).into();
    let error = decrypt(&receipt, &item_key_value()).unwrap_err();
    assert!(matches!(error, ReceiptError::Decryption(_)), "{error:?}");
}

fn metadata() -> ReceiptMetadata {
    ReceiptMetadata {
        id: "receipt-id".into(),
        session_id: "ss.v2.session".into(),
        timestamp: "2025-01-01T00:00:00Z".into(),
        remember_me_id: Some("remember".into()),
        parent_remember_me_id: None,
    }
}

#[test]
fn content_that_decrypts_to_garbage_is_the_uniform_decryption_error() {
    let key = node_key();
    let content = ReceiptContent {
        user_profile: Some(vec![0x0a, 0xff, 0xff, 0xff].into()),
        ..ReceiptContent::default()
    };
    let produced = produce_receipt(&key.public_key(), &metadata(), "k", &content).unwrap();
    let error = Receipt::<Profile>::decrypt(
        produced.receipt_json.as_bytes(),
        produced.wrapped_item_key_json.as_bytes(),
        &key,
    )
    .unwrap_err();
    assert!(matches!(error, ReceiptError::Decryption(_)), "{error:?}");
}

#[allow(dead_code)]
#[derive(Debug, SharePolicy)]
struct Checkout {
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(full_name)]
    name: String,
}

#[test]
fn a_profile_that_does_not_fill_the_struct_is_a_decode_error() {
    let error = Receipt::<Checkout>::decrypt(
        &fixture("receipts/v2-synthetic-receipt.json"),
        &fixture("receipts/v2-synthetic-wrapped-item-key.json"),
        &node_key(),
    )
    .unwrap_err();
    let ReceiptError::Decode(DecodeError::Fields(fields)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].field, "name");
    assert_eq!(fields[0].attribute, "full_name");
}

#[test]
fn the_step_wise_api_matches_the_one_call() {
    let key = node_key();
    let user = AttributeList {
        attributes: vec![Attribute {
            name: "full_name".into(),
            value: "Jane Doe".into(),
            content_type: ContentType::String as i32,
            ..Attribute::default()
        }],
    };
    let content = ReceiptContent {
        user_profile: Some(user.encode_to_vec().into()),
        ..ReceiptContent::default()
    };
    let produced = produce_receipt(&key.public_key(), &metadata(), "item-1", &content).unwrap();
    let response = ReceiptResponse::from_json(produced.receipt_json.as_bytes()).unwrap();
    assert_eq!(response.wrapped_item_key_id(), Some("item-1"));
    let encrypted = response.into_success().unwrap();
    let item_key = WrappedItemKey::from_json(produced.wrapped_item_key_json.as_bytes()).unwrap();
    let content = encrypted.decrypt_with(&item_key, &key).unwrap();
    let receipt = Receipt::<Profile>::from_content(encrypted.metadata().clone(), content).unwrap();
    assert_eq!(receipt.metadata(), &metadata());
    assert_eq!(receipt.user().full_name().unwrap().value(), "Jane Doe");
    assert_eq!(receipt.remember_me_id(), Some("remember"));
}
