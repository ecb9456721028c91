//! The one place that knows where the known-answer test vectors are.

use std::path::PathBuf;

#[cfg(feature = "keys")]
use yoti_protocol::PrivateKey;

/// The path of `test-vectors/<relative>`, e.g. `vector_path("keys/node-2048.pem")`.
pub fn vector_path(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../test-vectors")).join(relative)
}

/// The bytes of `test-vectors/<relative>`.
pub fn vector(relative: &str) -> Vec<u8> {
    let path = vector_path(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("test vector {}: {e}", path.display()))
}

/// The text of `test-vectors/<relative>`.
pub fn vector_text(relative: &str) -> String {
    String::from_utf8(vector(relative))
        .unwrap_or_else(|_| panic!("test vector {relative} is not UTF-8"))
}

/// The private key `test-vectors/keys/<name>`, e.g. `test_key("node-2048.pem")`.
#[cfg(feature = "keys")]
pub fn test_key(name: &str) -> PrivateKey {
    PrivateKey::from_pem(vector(&format!("keys/{name}")))
        .unwrap_or_else(|e| panic!("test key {name}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_vectors_from_any_crate() {
        assert!(vector_text("keys/node-2048.pem").starts_with("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(vector_path("receipts/v2-synthetic-receipt.json").is_file());
    }

    #[test]
    #[cfg(feature = "keys")]
    fn test_keys_are_the_vectors_of_that_name() {
        assert_eq!(test_key("node-2048.pem").public_key().bits(), 2048);
        assert_eq!(test_key("go-4096.pem").public_key().bits(), 4096);
    }
}
