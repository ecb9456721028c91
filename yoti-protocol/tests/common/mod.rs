//! Fixture loading shared by the integration tests: the known-answer vectors of `test-vectors/`.
#![allow(dead_code)] // each test binary uses its own subset

use base64::Engine;
use bytes::Bytes;
use yoti_protocol::receipt::PrivateKey;

pub use yoti_test_support::vector as fixture;

/// `test-vectors/<path>` parsed as JSON.
pub fn fixture_json(path: &str) -> serde_json::Value {
    serde_json::from_slice(&fixture(path)).unwrap()
}

/// The synthetic v2 receipt body, as JSON to edit.
pub fn receipt_value() -> serde_json::Value {
    fixture_json("receipts/v2-synthetic-receipt.json")
}

/// The synthetic receipt's wrapped item key body, as JSON to edit.
pub fn item_key_value() -> serde_json::Value {
    fixture_json("receipts/v2-synthetic-wrapped-item-key.json")
}

/// A serialised message of `test-vectors/protobuf/<name>` (base64 text, possibly wrapped over
/// several lines).
pub fn protobuf_fixture(name: &str) -> Bytes {
    let text: Vec<u8> = fixture(&format!("protobuf/{name}"))
        .into_iter()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
        .into()
}

/// A fixture key, `test-vectors/keys/<name>`.
pub fn key(name: &str) -> PrivateKey {
    PrivateKey::from_pem(fixture(&format!("keys/{name}"))).unwrap()
}
