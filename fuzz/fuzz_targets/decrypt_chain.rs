//! The decryption chain with the fixture application key.
//!
//! Two shapes of input: hostile key material and blobs (RSA value, GCM nonce of any length,
//! wrapped key, CBC IVs and ciphertexts) that must end in a typed error; and valid key material
//! around fuzzed plaintexts, so that decrypted content reaches the protobuf and struct decoders.

#![no_main]

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use prost::Message;
use yoti_policy::{Date, SharePolicy};
use yoti_protocol::proto::EncryptedData;
use yoti_protocol::receipt::crypto::{self, ItemKey, ReceiptKey};
use yoti_protocol::receipt::{PrivateKey, Receipt, ReceiptError};

const PEM: &[u8] = include_bytes!("../../test-vectors/keys/node-2048.pem");
const ITEM_KEY: [u8; 32] = [0x11; 32];
const RECEIPT_KEY: [u8; 32] = [0x22; 32];
const NONCE: [u8; 12] = [0x33; 12];
const CBC_IV: [u8; 16] = [0x44; 16];

struct Fixed {
    key: PrivateKey,
    /// base64 of the item key RSA-encrypted for `key`.
    value: String,
    /// base64 of the receipt key GCM-wrapped under the item key.
    wrapped_key: String,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let key = PrivateKey::from_pem(PEM).expect("fixture key");
        let value = key.public_key().encrypt_pkcs1(&ITEM_KEY).expect("encrypt");
        let item_key = ItemKey::from_slice(&ITEM_KEY).expect("item key");
        let receipt_key = ReceiptKey::from_slice(&RECEIPT_KEY).expect("receipt key");
        let wrapped = item_key
            .wrap_receipt_key(&NONCE, &receipt_key)
            .expect("wrap");
        Fixed {
            key,
            value: STANDARD.encode(value),
            wrapped_key: STANDARD.encode(wrapped),
        }
    })
}

#[derive(SharePolicy, Debug)]
#[allow(dead_code)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    dob: Option<Date>,
    #[yoti(age_over = 18)]
    adult: Option<bool>,
}

#[derive(Arbitrary, Debug)]
enum Input {
    /// Everything from the fuzzer.
    Hostile {
        value: Vec<u8>,
        iv: Vec<u8>,
        wrapped_key: Vec<u8>,
        content_iv: Vec<u8>,
        content: Vec<u8>,
        item_key: [u8; 32],
    },
    /// Valid keys, fuzzed plaintexts.
    Plaintexts {
        application_profile: Option<Vec<u8>>,
        user_profile: Option<Vec<u8>>,
        user_extra_data: Option<Vec<u8>>,
        /// Encrypt with the right receipt key, or with this one.
        wrong_receipt_key: Option<[u8; 32]>,
    },
}

fn blob(key: &[u8; 32], iv: &[u8], plaintext: &[u8]) -> String {
    let iv16 = <[u8; 16]>::try_from(iv).unwrap_or(CBC_IV);
    let cipher_text = crypto::aes_cbc_encrypt(key, &iv16, plaintext).expect("cbc");
    let data = EncryptedData {
        iv: iv.to_vec().into(),
        cipher_text: cipher_text.into(),
    };
    STANDARD.encode(data.encode_to_vec())
}

fn receipt_json(
    wrapped_key: &str,
    profile: Option<String>,
    user: Option<String>,
    extra: Option<String>,
) -> Vec<u8> {
    let mut body = serde_json::json!({
        "id": "cmVjZWlwdA==",
        "sessionId": "ss.v2.fuzz",
        "timestamp": "2025-01-01T00:00:00Z",
        "wrappedItemKeyId": "item-key",
        "wrappedKey": wrapped_key,
    });
    if let Some(profile) = profile {
        body["content"] = serde_json::json!({ "profile": profile });
    }
    if user.is_some() || extra.is_some() {
        body["otherPartyContent"] = serde_json::json!({ "profile": user, "extraData": extra });
    }
    serde_json::to_vec(&body).expect("json")
}

fn item_key_json(value: &str, iv: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "id": "item-key", "iv": iv, "value": value }))
        .expect("json")
}

fuzz_target!(|input: Input| {
    let fixed = fixed();
    match input {
        Input::Hostile {
            value,
            iv,
            wrapped_key,
            content_iv,
            content,
            item_key,
        } => {
            // Step by step.
            assert!(ItemKey::unwrap(&fixed.key, &value).is_err());
            let result = ReceiptKey::unwrap_v2(&fixed.key, &value, &iv, &wrapped_key);
            assert!(result.is_err());
            let item_key = ItemKey::from_slice(&item_key).expect("32 bytes");
            let _ = item_key.unwrap_receipt_key(&iv, &wrapped_key);
            let _ = crypto::aes_gcm_decrypt(&ITEM_KEY, &iv, &wrapped_key);
            let receipt_key = ReceiptKey::from_slice(&RECEIPT_KEY).expect("32 bytes");
            let _ = receipt_key.decrypt_content(&content_iv, &content);
            // Through the bodies: the hostile value, then the valid one with hostile blobs.
            let data = EncryptedData {
                iv: content_iv.into(),
                cipher_text: content.into(),
            };
            let content = STANDARD.encode(data.encode_to_vec());
            let receipt = receipt_json(
                &STANDARD.encode(&wrapped_key),
                Some(content.clone()),
                Some(content),
                None,
            );
            let hostile_item_key = item_key_json(&STANDARD.encode(&value), &STANDARD.encode(&iv));
            let result = Receipt::<Checkout>::decrypt(&receipt, &hostile_item_key, &fixed.key);
            // An empty wrapped key, iv or value is a missing field, one of another size than the
            // protocol's is the wrong size, and anything else fails to decrypt.
            assert!(
                matches!(
                    result,
                    Err(ReceiptError::Decryption(_)
                        | ReceiptError::MissingField { .. }
                        | ReceiptError::WrongSize { .. })
                ),
                "{result:?}"
            );
            let valid_item_key = item_key_json(&fixed.value, &STANDARD.encode(NONCE));
            let _ = Receipt::<Checkout>::decrypt(&receipt, &valid_item_key, &fixed.key);
        }
        Input::Plaintexts {
            application_profile,
            user_profile,
            user_extra_data,
            wrong_receipt_key,
        } => {
            let key = wrong_receipt_key.unwrap_or(RECEIPT_KEY);
            let encrypt = |plaintext: Option<Vec<u8>>| plaintext.map(|p| blob(&key, &CBC_IV, &p));
            let receipt = receipt_json(
                &fixed.wrapped_key,
                encrypt(application_profile),
                encrypt(user_profile),
                encrypt(user_extra_data),
            );
            let item_key = item_key_json(&fixed.value, &STANDARD.encode(NONCE));
            if let Ok(receipt) =
                Receipt::<yoti_policy::Profile>::decrypt(&receipt, &item_key, &fixed.key)
            {
                let _ = Checkout::from_profile(receipt.user());
            }
            let _ = Receipt::<Checkout>::decrypt(&receipt, &item_key, &fixed.key);
        }
    }
});
