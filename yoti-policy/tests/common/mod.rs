//! Fixture loading shared by the integration tests: the known-answer vectors of `test-vectors/`.
#![allow(dead_code)] // each test binary uses its own subset

use base64::Engine;
use bytes::Bytes;
#[cfg(feature = "receipt")]
use yoti_policy::receipt::PrivateKey;

pub use yoti_test_support::vector as fixture;

/// `test-vectors/<path>` parsed as JSON.
pub fn fixture_json(path: &str) -> serde_json::Value {
    serde_json::from_slice(&fixture(path)).unwrap()
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
#[cfg(feature = "receipt")]
pub fn key(name: &str) -> PrivateKey {
    PrivateKey::from_pem(fixture(&format!("keys/{name}"))).unwrap()
}
