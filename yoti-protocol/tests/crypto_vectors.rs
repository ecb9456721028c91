//! Known-answer vectors of the primitives (test-vectors/crypto).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use yoti_protocol::receipt::PrivateKey;
use yoti_protocol::receipt::crypto::{self, DecryptionError};

mod common;

fn fixture(name: &str) -> serde_json::Value {
    common::fixture_json(&format!("crypto/{name}"))
}

fn b64(value: &serde_json::Value) -> Vec<u8> {
    STANDARD.decode(value.as_str().unwrap()).unwrap()
}

#[test]
fn aes_cbc_vector_decrypts_to_hello_world() {
    let v = fixture("aes-cbc.json");
    let key: [u8; 32] = b64(&v["secret"]).try_into().unwrap();
    let plain = crypto::aes_cbc_decrypt(&key, &b64(&v["iv"]), &b64(&v["cipherText"])).unwrap();
    assert_eq!(plain, b"Hello, World!");
    assert_eq!(v["plainText"], "Hello, World!");
    // And the inverse gives back the same ciphertext.
    let iv: [u8; 16] = b64(&v["iv"]).try_into().unwrap();
    assert_eq!(
        crypto::aes_cbc_encrypt(&key, &iv, b"Hello, World!").unwrap(),
        b64(&v["cipherText"])
    );
}

#[test]
fn aes_cbc_vector_with_a_flipped_bit_fails_uniformly() {
    let v = fixture("aes-cbc.json");
    let key: [u8; 32] = b64(&v["secret"]).try_into().unwrap();
    let mut ct = b64(&v["cipherText"]);
    ct[15] ^= 0x01;
    assert!(matches!(
        crypto::aes_cbc_decrypt(&key, &b64(&v["iv"]), &ct),
        Err(DecryptionError { .. })
    ));
}

/// The one vector with a 16-byte nonce: checked with an independent GCM that takes such nonces,
/// and refused by ours, which takes Yoti's 12-byte nonces only.
#[test]
fn aes_gcm_vector_with_a_16_byte_iv_is_checked_independently_and_refused_here() {
    use aes_gcm::aead::consts::U16;
    use aes_gcm::aead::{Aead, KeyInit};
    use aes_gcm::aes::Aes256;

    let v = fixture("aes-gcm.json");
    let key: [u8; 32] = b64(&v["secret"]).try_into().unwrap();
    let iv = b64(&v["iv"]);
    assert_eq!(iv.len(), 16);
    let mut sealed = b64(&v["cipherText"]);
    sealed.extend(b64(&v["tag"]));

    let gcm = aes_gcm::AesGcm::<Aes256, U16>::new_from_slice(&key).unwrap();
    let nonce = aes_gcm::Nonce::<U16>::try_from(&iv[..]).unwrap();
    let plain = gcm.decrypt(&nonce, &sealed[..]).unwrap();
    assert_eq!(plain, v["plainText"].as_str().unwrap().as_bytes());

    assert!(matches!(
        crypto::aes_gcm_decrypt(&key, &iv, &sealed),
        Err(DecryptionError { .. })
    ));
    assert!(matches!(
        crypto::aes_gcm_decrypt(&key, &iv[..12], &sealed),
        Err(DecryptionError { .. })
    ));
}

#[test]
fn aes_gcm_refuses_every_altered_byte_and_short_input() {
    let key = [3u8; 32];
    let nonce = [5u8; 12];
    let sealed = crypto::aes_gcm_encrypt(&key, &nonce, b"Hello, World!").unwrap();
    for i in 0..sealed.len() {
        let mut bad = sealed.clone();
        bad[i] ^= 0x80;
        assert!(
            matches!(
                crypto::aes_gcm_decrypt(&key, &nonce, &bad),
                Err(DecryptionError { .. })
            ),
            "byte {i}"
        );
    }
    let mut bad_nonce = nonce;
    bad_nonce[0] ^= 1;
    assert!(crypto::aes_gcm_decrypt(&key, &bad_nonce, &sealed).is_err());
    assert!(crypto::aes_gcm_decrypt(&key, &nonce, &sealed[..15]).is_err());
    assert!(crypto::aes_gcm_decrypt(&key, &[], &sealed).is_err());
}

#[test]
fn aes_gcm_twelve_byte_nonce_round_trips() {
    let key = [9u8; 32];
    let nonce = [4u8; 12];
    let sealed = crypto::aes_gcm_encrypt(&key, &nonce, b"Hello, World!").unwrap();
    assert_eq!(sealed.len(), 13 + crypto::GCM_TAG_LEN);
    let plain = crypto::aes_gcm_decrypt(&key, &nonce, &sealed).unwrap();
    assert_eq!(&plain[..], b"Hello, World!");
    assert!(crypto::aes_gcm_decrypt(&[8u8; 32], &nonce, &sealed).is_err());
}

#[test]
fn rsa_pkcs1_vector_decrypts_with_its_embedded_key() {
    let v = fixture("rsa-pkcs1.json");
    let key = PrivateKey::from_pem(v["pemString"].as_str().unwrap()).unwrap();
    assert_eq!(key.bits(), 4096);
    let ct = b64(&v["cipherText"]);
    assert_eq!(ct.len(), 512);
    let plain = crypto::rsa_decrypt_pkcs1(&key, &ct).unwrap();
    assert_eq!(&plain[..], b"Hello, World!");

    let mut bad = ct.clone();
    bad[100] ^= 1;
    assert!(matches!(
        crypto::rsa_decrypt_pkcs1(&key, &bad),
        Err(DecryptionError { .. })
    ));
    assert!(crypto::rsa_decrypt_pkcs1(&key, &ct[1..]).is_err());
}

#[test]
fn rsa_pkcs1_round_trips_through_the_public_key() {
    let v = fixture("rsa-pkcs1.json");
    let key = PrivateKey::from_pem(v["pemString"].as_str().unwrap()).unwrap();
    let ct = key
        .public_key()
        .encrypt_pkcs1(b"thirty-two bytes of item key....")
        .unwrap();
    assert_eq!(
        &crypto::rsa_decrypt_pkcs1(&key, &ct).unwrap()[..],
        b"thirty-two bytes of item key...."
    );
    assert!(key.public_key().encrypt_pkcs1(&[0u8; 502]).is_err());
}
