//! Decoding the synthetic v2 receipt into a small struct, next to the bare crypto that decoding
//! needs (one RSA-2048 decryption, the GCM unwrap, the three CBC decryptions), so that the decode
//! overhead can be read as a ratio from one run: `cargo bench -p yoti-policy --bench decode`.

use std::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, criterion_group, criterion_main};
use prost::Message;
use yoti_policy::proto::EncryptedData;
use yoti_policy::receipt::{PrivateKey, Receipt, crypto};
use yoti_policy::{Image, Profile, SharePolicy};

#[allow(dead_code)]
#[derive(SharePolicy)]
struct Checkout {
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(phone_number)]
    phone: String,
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../shared/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// The decoded inputs of the bare crypto: item key ciphertext, nonce, wrapped key, CBC blobs.
struct BareInputs {
    value: Vec<u8>,
    iv: Vec<u8>,
    wrapped_key: Vec<u8>,
    blobs: Vec<EncryptedData>,
}

fn bare_inputs(receipt_json: &[u8], item_key_json: &[u8]) -> BareInputs {
    let receipt: serde_json::Value = serde_json::from_slice(receipt_json).expect("receipt");
    let item_key: serde_json::Value = serde_json::from_slice(item_key_json).expect("item key");
    let b64 = |value: &serde_json::Value| {
        STANDARD
            .decode(value.as_str().expect("string"))
            .expect("base64")
    };
    let blobs = [
        &receipt["content"]["profile"],
        &receipt["content"]["extraData"],
        &receipt["otherPartyContent"]["profile"],
    ]
    .into_iter()
    .map(|value| EncryptedData::decode(b64(value).as_slice()).expect("EncryptedData"))
    .collect();
    BareInputs {
        value: b64(&item_key["value"]),
        iv: b64(&item_key["iv"]),
        wrapped_key: b64(&receipt["wrappedKey"]),
        blobs,
    }
}

fn bare_crypto(key: &PrivateKey, inputs: &BareInputs) -> usize {
    let item_key = crypto::rsa_decrypt_pkcs1(key, &inputs.value).expect("rsa");
    let item_key: [u8; 32] = item_key[..].try_into().expect("32 bytes");
    let receipt_key =
        crypto::aes_gcm_decrypt(&item_key, &inputs.iv, &inputs.wrapped_key).expect("gcm");
    let receipt_key: [u8; 32] = receipt_key[..].try_into().expect("32 bytes");
    inputs
        .blobs
        .iter()
        .map(|blob| {
            crypto::aes_cbc_decrypt(&receipt_key, &blob.iv, &blob.cipher_text)
                .expect("cbc")
                .len()
        })
        .sum()
}

fn synthetic_v2(c: &mut Criterion) {
    let key = PrivateKey::from_pem(fixture("keys/node-2048.pem")).expect("key");
    let receipt_json = fixture("receipts/v2-synthetic-receipt.json");
    let item_key_json = fixture("receipts/v2-synthetic-wrapped-item-key.json");
    let inputs = bare_inputs(&receipt_json, &item_key_json);

    let mut group = c.benchmark_group("synthetic_v2");
    group.bench_function("bare_crypto", |b| {
        b.iter(|| bare_crypto(&key, black_box(&inputs)))
    });
    group.bench_function("decode_struct", |b| {
        b.iter(|| {
            Receipt::<Checkout>::decrypt(black_box(&receipt_json), black_box(&item_key_json), &key)
                .expect("decode")
        })
    });
    group.bench_function("decode_profile", |b| {
        b.iter(|| {
            Receipt::<Profile>::decrypt(black_box(&receipt_json), black_box(&item_key_json), &key)
                .expect("decode")
        })
    });
    group.finish();
}

criterion_group!(benches, synthetic_v2);
criterion_main!(benches);
