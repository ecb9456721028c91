//! Request signing: the `X-Yoti-Auth-Digest` vectors (test-vectors/signing/v2-signatures.json).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use yoti_protocol::receipt::PrivateKey;
use yoti_protocol::receipt::signing::string_to_sign;

mod common;

fn node_key() -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path("keys/node-2048.pem")).unwrap()
}

#[test]
fn the_string_to_sign_matches_every_vector() {
    let vectors = common::fixture_json("signing/v2-signatures.json");
    let requests = vectors["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3);
    for request in requests {
        let built = string_to_sign(
            request["method"].as_str().unwrap(),
            request["path"].as_str().unwrap(),
            request["query"].as_str().unwrap(),
            request["body"].as_str().map(str::as_bytes),
        );
        assert_eq!(
            built,
            request["string_to_sign"].as_str().unwrap(),
            "{}",
            request["name"]
        );
    }
}

#[test]
fn signatures_match_every_vector_byte_for_byte() {
    let vectors = common::fixture_json("signing/v2-signatures.json");
    let requests = vectors["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3);
    let key = node_key();
    for request in requests {
        let string_to_sign = request["string_to_sign"].as_str().unwrap();
        let signature = key.sign(string_to_sign.as_bytes()).unwrap();
        assert_eq!(
            STANDARD.encode(&signature),
            request["x_yoti_auth_digest"].as_str().unwrap(),
            "{}",
            request["name"]
        );
    }
}

#[test]
fn verify_accepts_the_vectors_and_rejects_a_flipped_bit() {
    let vectors = common::fixture_json("signing/v2-signatures.json");
    let public = node_key().public_key();
    for request in vectors["requests"].as_array().unwrap() {
        let message = request["string_to_sign"].as_str().unwrap().as_bytes();
        let signature = STANDARD
            .decode(request["x_yoti_auth_digest"].as_str().unwrap())
            .unwrap();
        assert!(public.verify(message, &signature), "{}", request["name"]);

        let mut flipped = signature.clone();
        flipped[17] ^= 0x04;
        assert!(!public.verify(message, &flipped));
        let mut other = message.to_vec();
        other[0] ^= 0x01;
        assert!(!public.verify(&other, &signature));
        assert!(!public.verify(message, &signature[1..]));
    }
}
