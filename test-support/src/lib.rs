//! The one place that knows where the known-answer test vectors are: `test-vectors/` at the root of
//! the workspace (see its README for what each file holds and must decode to).
//!
//! Test code only: a missing vector is a broken checkout, so these panic with the path instead of
//! returning an error.

use std::path::PathBuf;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_vectors_from_any_crate() {
        assert!(vector_text("keys/node-2048.pem").starts_with("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(vector_path("receipts/v2-synthetic-receipt.json").is_file());
    }
}
