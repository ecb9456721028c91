//! The key fields of a receipt and of its wrapped item key have the sizes the protocol gives:
//! anything else is a typed error naming the field, the size found and the size expected, found
//! before any cryptography, and for an oversized base64 text before it is even decoded.

use std::ops::RangeInclusive;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use yoti_policy::Profile;
use yoti_protocol::receipt::{
    Body, FieldSize, PrivateKey, Receipt, ReceiptError, ReceiptResponse, WrappedItemKey,
};

mod common;
use common::{fixture, item_key_value, key, receipt_value};

fn decrypt(
    receipt: &serde_json::Value,
    item_key: &serde_json::Value,
    key: &PrivateKey,
) -> Result<Receipt, ReceiptError> {
    Receipt::<Profile>::decrypt(
        &serde_json::to_vec(receipt).unwrap(),
        &serde_json::to_vec(item_key).unwrap(),
        key,
    )
}

/// Asserts a [`ReceiptError::WrongSize`] with exactly these details.
#[track_caller]
fn assert_wrong_size(
    error: &ReceiptError,
    body: Body,
    field: &str,
    expected: RangeInclusive<usize>,
    found: FieldSize,
) {
    match error {
        ReceiptError::WrongSize {
            body: b,
            field: f,
            expected: e,
            found: s,
        } => assert_eq!((*b, *f, e, *s), (body, field, &expected, found)),
        other => panic!("not a size error: {other:?}"),
    }
}

#[test]
fn an_oversized_wrapped_key_is_rejected_by_its_text_length_without_decoding() {
    let mut receipt = receipt_value();
    // 4 MB of valid base64: rejected for its length, so never decoded nor decrypted.
    let huge = "A".repeat(4 << 20);
    receipt["wrappedKey"] = huge.clone().into();
    let error = decrypt(&receipt, &item_key_value(), &key("node-2048.pem")).unwrap_err();
    assert_wrong_size(
        &error,
        Body::Receipt,
        "wrappedKey",
        48..=48,
        FieldSize::Base64Chars(huge.len()),
    );
    assert_eq!(
        error.to_string(),
        "`wrappedKey` of the receipt response has 4194304 base64 characters, but must be 48 bytes"
    );
    // The step-wise reader says the same.
    let body = serde_json::to_vec(&receipt).unwrap();
    let error = ReceiptResponse::from_json(&body).unwrap_err();
    assert_wrong_size(
        &error,
        Body::Receipt,
        "wrappedKey",
        48..=48,
        FieldSize::Base64Chars(huge.len()),
    );
}

#[test]
fn a_wrapped_key_of_another_size_is_rejected() {
    let key = key("node-2048.pem");
    // 47 bytes are 64 characters with their padding, like 48 bytes: the decoded size tells.
    for (bytes, found) in [
        (47, FieldSize::Bytes(47)),
        (46, FieldSize::Bytes(46)),
        (49, FieldSize::Base64Chars(68)),
        (32, FieldSize::Base64Chars(44)),
        (1, FieldSize::Base64Chars(4)),
    ] {
        let mut receipt = receipt_value();
        receipt["wrappedKey"] = STANDARD.encode(vec![7u8; bytes]).into();
        let error = decrypt(&receipt, &item_key_value(), &key).unwrap_err();
        assert_wrong_size(&error, Body::Receipt, "wrappedKey", 48..=48, found);
    }
}

#[test]
fn an_item_key_iv_that_is_not_a_12_byte_nonce_is_rejected() {
    for (bytes, found) in [
        // The 16-byte IV of the Node SDK's own GCM vector: never a receipt's.
        (16, FieldSize::Base64Chars(24)),
        (11, FieldSize::Bytes(11)),
        (10, FieldSize::Bytes(10)),
        (13, FieldSize::Base64Chars(20)),
        (1 << 20, FieldSize::Base64Chars(1398104)),
    ] {
        let mut item_key = item_key_value();
        item_key["iv"] = STANDARD.encode(vec![1u8; bytes]).into();
        let body = serde_json::to_vec(&item_key).unwrap();
        let error = WrappedItemKey::from_json(&body).unwrap_err();
        assert_wrong_size(&error, Body::WrappedItemKey, "iv", 12..=12, found);
        let error = decrypt(&receipt_value(), &item_key, &key("node-2048.pem")).unwrap_err();
        assert_wrong_size(&error, Body::WrappedItemKey, "iv", 12..=12, found);
    }
    let mut item_key = item_key_value();
    item_key["iv"] = STANDARD.encode([1u8; 16]).into();
    let error = WrappedItemKey::from_json(&serde_json::to_vec(&item_key).unwrap()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`iv` of the wrapped item key response has 24 base64 characters, but must be 12 bytes"
    );
}

#[test]
fn an_item_key_value_outside_the_rsa_block_sizes_is_rejected_when_read() {
    let item_key_error = |text: String| {
        let mut item_key = item_key_value();
        item_key["value"] = text.into();
        WrappedItemKey::from_json(&serde_json::to_vec(&item_key).unwrap()).unwrap_err()
    };
    for (bytes, found) in [
        (3, FieldSize::Base64Chars(4)),
        (255, FieldSize::Base64Chars(340)),
        (513, FieldSize::Bytes(513)),
        (514, FieldSize::Base64Chars(688)),
        (3 << 20, FieldSize::Base64Chars(4 << 20)),
    ] {
        let error = item_key_error(STANDARD.encode(vec![2u8; bytes]));
        assert_wrong_size(&error, Body::WrappedItemKey, "value", 256..=512, found);
    }
    // 684 characters are 512 bytes with padding, but 513 without: the decoded size tells.
    let error = item_key_error("A".repeat(684));
    assert_wrong_size(
        &error,
        Body::WrappedItemKey,
        "value",
        256..=512,
        FieldSize::Bytes(513),
    );
    assert_eq!(
        item_key_error(STANDARD.encode([2u8; 3])).to_string(),
        "`value` of the wrapped item key response has 4 base64 characters, but must be 256 to \
         512 bytes"
    );
}

#[test]
fn an_item_key_value_that_is_not_one_block_of_the_application_key_is_rejected() {
    // 512 bytes: one block of a 4096-bit key, read, but not one of the 2048-bit key used.
    let mut item_key = item_key_value();
    item_key["value"] = STANDARD.encode([3u8; 512]).into();
    let read = WrappedItemKey::from_json(&serde_json::to_vec(&item_key).unwrap()).unwrap();
    assert_eq!(read.value().len(), 512);
    let key = key("node-2048.pem");
    let error = decrypt(&receipt_value(), &item_key, &key).unwrap_err();
    assert_wrong_size(
        &error,
        Body::WrappedItemKey,
        "value",
        256..=256,
        FieldSize::Bytes(512),
    );
    // The step-wise call checks it too.
    let receipt = ReceiptResponse::from_json(&fixture("receipts/v2-synthetic-receipt.json"))
        .unwrap()
        .into_success()
        .unwrap();
    let error = receipt.decrypt_with(&read, &key).unwrap_err();
    assert_wrong_size(
        &error,
        Body::WrappedItemKey,
        "value",
        256..=256,
        FieldSize::Bytes(512),
    );
    // One block of the right size that does not decrypt is the uniform decryption error.
    item_key["value"] = STANDARD.encode([3u8; 256]).into();
    let error = decrypt(&receipt_value(), &item_key, &key).unwrap_err();
    assert!(matches!(error, ReceiptError::Decryption(_)), "{error:?}");
}

#[test]
fn the_fixture_sizes_are_the_protocol_sizes() {
    let receipt = receipt_value();
    let item_key = item_key_value();
    let decoded = |value: &serde_json::Value| STANDARD.decode(value.as_str().unwrap()).unwrap();
    assert_eq!(decoded(&receipt["wrappedKey"]).len(), 48);
    assert_eq!(decoded(&item_key["iv"]).len(), 12);
    assert_eq!(decoded(&item_key["value"]).len(), 256);
    assert!(decrypt(&receipt, &item_key, &key("node-2048.pem")).is_ok());
}
