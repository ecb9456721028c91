//! Fixture loading shared by the integration tests. The known-answer vectors live in `shared/`
//! beside the repository.
#![allow(dead_code)] // each test binary uses its own subset

use base64::Engine;
use bytes::Bytes;
#[cfg(feature = "receipt")]
use yoti_policy::receipt::PrivateKey;

/// The bytes of `shared/fixtures/<path>`.
pub fn fixture(path: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../shared/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `shared/fixtures/<path>` parsed as JSON.
pub fn fixture_json(path: &str) -> serde_json::Value {
    serde_json::from_slice(&fixture(path)).unwrap()
}

/// A serialised message of `shared/fixtures/protobuf/<name>` (base64 text, possibly wrapped over
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

/// A fixture key, `shared/fixtures/keys/<name>`.
#[cfg(feature = "receipt")]
pub fn key(name: &str) -> PrivateKey {
    PrivateKey::from_pem(fixture(&format!("keys/{name}"))).unwrap()
}
