//! The receipt fuzz targets of `fuzz/` as property tests with a bounded number of cases, for
//! what `receipt_proptest.rs` does not already cover: response bodies of any shape, hostile key
//! material of any length at every step of the chain, any plaintext behind valid keys, and
//! mutated PEM and DER keys.

mod common;

use std::sync::OnceLock;
use yoti_protocol::convert;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use proptest::collection::vec;
use proptest::prelude::*;
use prost::Message;
use serde_json::{Value, json};
use yoti_policy::Profile;
use yoti_protocol::proto;
use yoti_protocol::receipt::crypto::{self, ItemKey, ReceiptKey};
use yoti_protocol::receipt::{
    Body, FieldSize, KeyError, PrivateKey, PublicKey, Receipt, ReceiptError, ReceiptResponse,
    WrappedItemKey,
};

fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::from_pem(common::fixture("keys/node-2048.pem")).unwrap())
}

/// A JSON value for any field of a body: absent-like, of the wrong type, text, base64 of bytes.
fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!("")),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        vec(any::<u8>(), 0..80).prop_map(|b| Value::from(STANDARD.encode(b))),
        // The sizes the protocol gives a nonce, a wrapped key and an item key.
        prop::sample::select(vec![12usize, 48, 256])
            .prop_flat_map(|len| vec(any::<u8>(), len))
            .prop_map(|b| Value::from(STANDARD.encode(b))),
        Just(json!([])),
        Just(json!({})),
        vec(any::<u8>(), 0..40).prop_map(|b| json!({"profile": STANDARD.encode(b)})),
    ]
}

/// An object with any subset of `fields`, each with any value.
fn body(fields: &'static [&'static str]) -> impl Strategy<Value = Value> {
    vec(
        (prop::sample::select(fields), field_value()),
        0..fields.len() + 2,
    )
    .prop_map(|entries| {
        Value::Object(
            entries
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        )
    })
}

const RECEIPT_FIELDS: &[&str] = &[
    "id",
    "sessionId",
    "timestamp",
    "rememberMeId",
    "parentRememberMeId",
    "content",
    "otherPartyContent",
    "wrappedItemKeyId",
    "wrappedKey",
    "error",
    "errorReason",
];
const ITEM_KEY_FIELDS: &[&str] = &["id", "iv", "value"];

fn flip(mut bytes: Vec<u8>, position: prop::sample::Index, bit: u8) -> Vec<u8> {
    if !bytes.is_empty() {
        let at = position.index(bytes.len());
        bytes[at] ^= 1 << bit;
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// the fields call for, never a panic.
    #[test]
    fn receipt_bodies_of_any_shape(body in body(RECEIPT_FIELDS)) {
        let text = serde_json::to_vec(&body).unwrap();
        match ReceiptResponse::from_json(&text) {
            Ok(ReceiptResponse::Success(receipt)) => {
                prop_assert!(!receipt.wrapped_item_key_id().is_empty());
                prop_assert_eq!(body["wrappedItemKeyId"].as_str(), Some(receipt.wrapped_item_key_id()));
                prop_assert!(body["error"].as_str().is_none_or(str::is_empty));
            }
            Ok(ReceiptResponse::Failure(failure)) => {
                prop_assert!(!body["error"].as_str().unwrap_or_default().is_empty());
                let _ = failure.to_string();
            }
            Err(error) => {
                prop_assert!(
                    matches!(
                        error,
                        ReceiptError::Json { .. }
                            | ReceiptError::MissingField { .. }
                            | ReceiptError::InvalidBase64 { .. }
                            | ReceiptError::InvalidEncryptedData { .. }
                            | ReceiptError::WrongSize { body: Body::Receipt, field: "wrappedKey", .. }
                    ),
                    "{:?}",
                    error
                );
            }
        }
    }

    /// Wrapped item key bodies of any shape.
    #[test]
    fn item_key_bodies_of_any_shape(body in body(ITEM_KEY_FIELDS)) {
        let text = serde_json::to_vec(&body).unwrap();
        match WrappedItemKey::from_json(&text) {
            Ok(item_key) => {
                prop_assert_eq!(body["id"].as_str(), Some(item_key.id()));
                prop_assert_eq!(item_key.iv().len(), 12);
                prop_assert!((256..=512).contains(&item_key.value().len()));
                let iv = STANDARD.encode(item_key.iv());
                let sent = body["iv"].as_str().unwrap_or_default();
                prop_assert_eq!(iv.trim_end_matches('='), sent.trim_end_matches('='));
            }
            Err(error) => prop_assert!(
                matches!(
                    error,
                    ReceiptError::Json { .. }
                        | ReceiptError::MissingField { .. }
                        | ReceiptError::InvalidBase64 { .. }
                        | ReceiptError::WrongSize { body: Body::WrappedItemKey, field: "iv" | "value", .. }
                ),
                "{:?}",
                error
            ),
        }
    }

    /// nonces of any length go through the long-nonce path without panicking.
    #[test]
    fn hostile_key_material_is_the_decryption_error(
        // Half of the time the size the protocol gives, so that decryption is reached.
        value in prop_oneof![vec(any::<u8>(), 256), vec(any::<u8>(), 0..300)],
        iv in prop_oneof![vec(any::<u8>(), 12), vec(any::<u8>(), 0..40)],
        wrapped_key in prop_oneof![vec(any::<u8>(), 48), vec(any::<u8>(), 0..80)],
        item_key in any::<[u8; 32]>(),
        content_iv in vec(any::<u8>(), 0..20),
        content in vec(any::<u8>(), 0..80),
    ) {
        prop_assert!(ItemKey::unwrap(key(), &value).is_err());
        prop_assert!(ReceiptKey::unwrap_v1(key(), &value).is_err());
        prop_assert!(ReceiptKey::unwrap_v2(key(), &value, &iv, &wrapped_key).is_err());
        let item_key = ItemKey::from_slice(&item_key).unwrap();
        prop_assert!(item_key.unwrap_receipt_key(&iv, &wrapped_key).is_err());
        let receipt_key = ReceiptKey::from_slice(&[9; 32]).unwrap();
        let _ = receipt_key.decrypt_content(&content_iv, &content);

        let receipt = json!({
            "id": "aWQ=", "sessionId": "ss.v2.x", "timestamp": "2025-01-01T00:00:00Z",
            "wrappedItemKeyId": "k", "wrappedKey": STANDARD.encode(&wrapped_key),
        });
        let item_key = json!({"id": "k", "iv": STANDARD.encode(&iv), "value": STANDARD.encode(&value)});
        let result = Receipt::<Profile>::decrypt(
            &serde_json::to_vec(&receipt).unwrap(),
            &serde_json::to_vec(&item_key).unwrap(),
            key(),
        );
        // Checked in order: an empty field is missing, a field of another size than the
        // protocol's is the wrong size, and what has the right sizes fails to decrypt.
        let fields = [("wrappedKey", &wrapped_key, 48), ("iv", &iv, 12), ("value", &value, 256)];
        let first_wrong = fields.iter().find(|(_, bytes, len)| bytes.len() != *len);
        match (first_wrong, result) {
            (None, Err(ReceiptError::Decryption(_))) => {}
            (Some((name, bytes, _)), Err(ReceiptError::MissingField { field, .. })) => {
                prop_assert!(bytes.is_empty());
                prop_assert_eq!(field, *name);
            }
            (Some((name, bytes, _)), Err(ReceiptError::WrongSize { field, found: FieldSize::Bytes(found), .. })) => {
                prop_assert_eq!(field, *name);
                prop_assert_eq!(found, bytes.len());
            }
            (Some((name, bytes, _)), Err(ReceiptError::WrongSize { field, found: FieldSize::Base64Chars(chars), .. })) => {
                prop_assert_eq!(field, *name);
                prop_assert_eq!(chars, STANDARD.encode(bytes).len());
            }
            (wrong, result) => prop_assert!(false, "{:?}: {:?}", wrong, result),
        }
    }

    /// decoders, whatever the bytes.
    #[test]
    fn any_plaintext_behind_valid_keys(
        user in vec(any::<u8>(), 0..200),
        extra in vec(any::<u8>(), 0..60),
        nonce in any::<[u8; 12]>(),
    ) {
        let item_key = ItemKey::from_slice(&[1; 32]).unwrap();
        let receipt_key = ReceiptKey::from_slice(&[2; 32]).unwrap();
        let wrapped = item_key.wrap_receipt_key(&nonce, &receipt_key).unwrap();
        let value = key().public_key().encrypt_pkcs1(item_key.as_bytes()).unwrap();
        let blob = |plaintext: &[u8]| {
            let cipher_text = crypto::aes_cbc_encrypt(receipt_key.as_bytes(), &[3; 16], plaintext).unwrap();
            STANDARD.encode(proto::EncryptedData { iv: vec![3; 16].into(), cipher_text: cipher_text.into() }.encode_to_vec())
        };
        let receipt = json!({
            "id": "aWQ=", "sessionId": "ss.v2.x", "timestamp": "2025-01-01T00:00:00Z",
            "wrappedItemKeyId": "k", "wrappedKey": STANDARD.encode(wrapped),
            "otherPartyContent": {"profile": blob(&user), "extraData": blob(&extra)},
        });
        let item_key = json!({"id": "k", "iv": STANDARD.encode(nonce), "value": STANDARD.encode(value)});
        let result = Receipt::<Profile>::decrypt(
            &serde_json::to_vec(&receipt).unwrap(),
            &serde_json::to_vec(&item_key).unwrap(),
            key(),
        );
        let user_ok = convert::profile(Bytes::from(user.clone())).is_ok();
        let extra_ok = convert::extra_data(Bytes::from(extra.clone())).is_ok();
        match result {
            Ok(receipt) => {
                prop_assert!(user_ok && extra_ok);
                prop_assert_eq!(receipt.user(), &convert::profile(Bytes::from(user)).unwrap());
            }
            // A plaintext that is not its message is reported like a decryption failure.
            Err(ReceiptError::Decryption(_)) => prop_assert!(!(user_ok && extra_ok)),
            Err(error) => prop_assert!(false, "{:?}", error),
        }
    }

    /// a key of 2048 to 4096 bits or a [`KeyError`].
    #[test]
    fn mutated_pem_keys_load_or_fail_cleanly(
        which in 0usize..2,
        mutation in 0usize..4,
        position in any::<prop::sample::Index>(),
        bit in 0u8..8,
        cut in any::<prop::sample::Index>(),
        label in "[A-Z ]{0,20}",
    ) {
        let name = ["keys/node-2048.pem", "keys/go-4096.pem"][which];
        let pem = common::fixture(name);
        let input = match mutation {
            0 => flip(pem, position, bit),
            1 => pem[..cut.index(pem.len())].to_vec(),
            2 => String::from_utf8(pem).unwrap().replace("RSA PRIVATE KEY", &label).into_bytes(),
            _ => {
                let text = String::from_utf8(pem).unwrap();
                let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
                let der = flip(STANDARD.decode(body).unwrap(), position, bit);
                let _ = PrivateKey::from_pkcs8_der(&der);
                let _ = PublicKey::from_spki_der(&der);
                match PrivateKey::from_pkcs1_der(&der) {
                    Ok(key) => prop_assert!((2048..=4096).contains(&key.bits())),
                    Err(error) => prop_assert!(!error.to_string().is_empty()),
                }
                return Ok(());
            }
        };
        match PrivateKey::from_pem(&input) {
            Ok(key) => prop_assert!((2048..=4096).contains(&key.bits())),
            Err(KeyError::Io { .. }) => prop_assert!(false, "no file was read"),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }
}
