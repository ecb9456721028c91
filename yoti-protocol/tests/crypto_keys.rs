//! Loading the application key: the fixture keys in every accepted form, and every bad input.

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use yoti_protocol::receipt::{KeyError, PrivateKey, PublicKey};

fn key_pem(name: &str) -> String {
    yoti_test_support::vector_text(&format!("keys/{name}"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes))
}

/// PEM-armours DER with 64-character lines.
fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The DER inside the first PEM block.
fn der_of(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    STANDARD.decode(body).unwrap()
}

/// A 1024-bit RSA key (too small for Yoti), generated once with OpenSSL for this test.
const RSA_1024: &str = "-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDjwEzk21YLlMks15Frm9vxcEF4djRFHrtoKVZMdHSCDRLggEKM
/DZUVnFuOUMTlx98wdS8r4alQE0i7yUbI5Bc2SvMlwNnQgeIcbuoR9w3zSBBxsi2
vuuj3l7lAa3vY4z5/QIR1+jVBgWbDnkSsxswBUD8vcrHCFVK+vxkpPMmEQIDAQAB
AoGASK0HnIwFVCLBY4bSh8UvlUbeDYOiwF/DK8TtHe6Xcxya5nrnQbgF2jnPbn3l
Uq4JxTTRHvjf/YGcW8Z2T8e0e+JPYkwtosG5lybS3lAlo0lJ/epVZ2HJHY1LO0k+
ODRCoPegMCB4K892z6SbURwZkDjlF6uNmg/G3XZPjgpZ2qUCQQD0ZDH/HJ/uUFQg
K0UbZOoZ7qnqpJGRwggK2eLMWv2EfIsmimx64rkA44/r40Pu1c6CbD4Q899kOWqP
vywuNu6XAkEA7pHCewNZsMTXslrXvxEupRzqUyiLFP4JxYfRJuwTnUtY1lSwKg9l
p7/kb4JiZw7wvVcOv8X0nLEOnXCnW59NlwJADM47OGzdjHU1E0JxKpBNG/K/gIYD
AqoyFa95DNAvvINyHyDdskqy+vLxlaCg7KDTY04cqnK839mKVeHkhL9oHQJBAKTW
LYwVWola2LYxMlSgKJyJCBcBMmgExvemygqcn0jVYMJmrXnCPbjUS6AIdLlEh24r
ktNKkaMaa0C5L8mMnm0CQQCtu5KM+VowUsX4Hys1bLLmTzK8wCsBY54YlknWGdmk
sM/J7vGxNnlEJ7ztXHQjG1daAbFtDZalyHLzSyGubKd0
-----END RSA PRIVATE KEY-----
";

#[test]
fn node_2048_key_loads_with_the_documented_spki_digest() {
    let key = PrivateKey::from_pem(key_pem("node-2048.pem")).unwrap();
    assert_eq!(key.bits(), 2048);
    let spki = key.public_key().to_spki_der();
    assert_eq!(
        sha256_hex(&spki),
        "039bd060abee9ebf19458a379690885bffd4d4ce9220ce7979a7f3c3453f36b0"
    );
    assert!(
        STANDARD
            .encode(&spki)
            .starts_with("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAs9zAY5K9O92zfmRh")
    );
}

#[test]
fn go_4096_key_loads_with_the_documented_spki_digest() {
    let key = PrivateKey::from_pem(key_pem("go-4096.pem")).unwrap();
    assert_eq!(key.bits(), 4096);
    assert_eq!(
        sha256_hex(&key.public_key().to_spki_der()),
        "0da6bcdb6465c228839e48f47baa19356041116595725c09ed935052cbc3819f"
    );
}

#[test]
fn key_file_loads_and_a_missing_file_is_an_io_error() {
    let path = yoti_test_support::vector_path("keys/node-2048.pem");
    assert_eq!(PrivateKey::from_pem_file(path).unwrap().bits(), 2048);
    let missing = PrivateKey::from_pem_file("/nonexistent/key.pem").unwrap_err();
    assert!(matches!(missing, KeyError::Io { .. }), "{missing:?}");
    assert!(missing.to_string().contains("/nonexistent/key.pem"));
}

#[test]
fn pkcs8_form_of_the_same_key_loads() {
    let pkcs1 = der_of(&key_pem("node-2048.pem"));
    let pair = RsaKeyPair::from_der(&pkcs1).unwrap();
    let pkcs8: Pkcs8V1Der<'static> = pair.as_der().unwrap();
    let key = PrivateKey::from_pem(pem("PRIVATE KEY", pkcs8.as_ref())).unwrap();
    assert_eq!(
        sha256_hex(&key.public_key().to_spki_der()),
        "039bd060abee9ebf19458a379690885bffd4d4ce9220ce7979a7f3c3453f36b0"
    );
}

#[test]
fn crlf_form_loads() {
    let crlf = key_pem("node-2048.pem").replace('\n', "\r\n");
    assert!(crlf.contains("\r\n"));
    assert_eq!(PrivateKey::from_pem(crlf).unwrap().bits(), 2048);
}

#[test]
fn debug_is_redacted_and_clone_is_shared() {
    let key = PrivateKey::from_pem(key_pem("node-2048.pem")).unwrap();
    let copy = key.clone();
    assert_eq!(format!("{copy:?}"), "PrivateKey { bits: 2048, .. }");
    let public = format!("{:?}", key.public_key());
    assert!(public.contains("039bd060"), "{public}");
}

#[test]
fn not_pem_is_rejected() {
    let error = PrivateKey::from_pem("this is not a key").unwrap_err();
    assert!(matches!(error, KeyError::NotPem), "{error:?}");
    assert!(matches!(PrivateKey::from_pem(b""), Err(KeyError::NotPem)));
    let der = der_of(&key_pem("node-2048.pem"));
    assert!(matches!(PrivateKey::from_pem(der), Err(KeyError::NotPem)));
}

#[test]
fn public_key_pem_is_rejected() {
    let key = PrivateKey::from_pem(key_pem("node-2048.pem")).unwrap();
    let public_pem = pem("PUBLIC KEY", &key.public_key().to_spki_der());
    let error = PrivateKey::from_pem(public_pem).unwrap_err();
    assert!(
        matches!(&error, KeyError::NotAPrivateKey { label } if label == "PUBLIC KEY"),
        "{error:?}"
    );
    assert!(error.to_string().contains("not a private key"));
}

#[test]
fn certificate_pem_is_rejected() {
    let error = PrivateKey::from_pem(pem("CERTIFICATE", &[0x30, 0x00])).unwrap_err();
    assert!(
        matches!(&error, KeyError::NotAPrivateKey { label } if label == "CERTIFICATE"),
        "{error:?}"
    );
}

#[test]
fn ec_keys_are_rejected_as_not_rsa() {
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
    let error = PrivateKey::from_pem(pem("PRIVATE KEY", pkcs8.as_ref())).unwrap_err();
    assert!(
        matches!(&error, KeyError::NotRsa { algorithm } if algorithm.contains("EC")),
        "{error:?}"
    );
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref()).unwrap();
    let sec1 = pair.private_key().as_der().unwrap();
    let error = PrivateKey::from_pem(pem("EC PRIVATE KEY", sec1.as_ref())).unwrap_err();
    assert!(matches!(error, KeyError::NotRsa { .. }), "{error:?}");
}

#[test]
fn truncated_pem_is_rejected() {
    let text = key_pem("node-2048.pem");
    let error = PrivateKey::from_pem(&text[..text.len() / 2]).unwrap_err();
    assert!(matches!(error, KeyError::MalformedPem { .. }), "{error:?}");
}

#[test]
fn truncated_der_is_rejected_as_corrupted() {
    let der = der_of(&key_pem("node-2048.pem"));
    let error = PrivateKey::from_pem(pem("RSA PRIVATE KEY", &der[..der.len() - 40])).unwrap_err();
    assert!(matches!(error, KeyError::Corrupted), "{error:?}");
}

#[test]
fn corrupted_body_is_rejected() {
    let mut der = der_of(&key_pem("node-2048.pem"));
    // A byte inside the private exponent: still valid DER, no longer a consistent key.
    der[600] ^= 0x55;
    let error = PrivateKey::from_pem(pem("RSA PRIVATE KEY", &der)).unwrap_err();
    assert!(matches!(error, KeyError::Corrupted), "{error:?}");
    // A character that is not base64 inside the PEM body.
    let text = key_pem("node-2048.pem").replacen("MII", "M*I", 1);
    let error = PrivateKey::from_pem(text).unwrap_err();
    assert!(matches!(error, KeyError::MalformedPem { .. }), "{error:?}");
}

#[test]
fn a_1024_bit_key_is_too_small() {
    let error = PrivateKey::from_pem(RSA_1024).unwrap_err();
    assert!(
        matches!(error, KeyError::TooSmall { bits: Some(1024) }),
        "{error:?}"
    );
    assert!(error.to_string().contains("1024 bits"));
}

#[test]
fn an_8192_bit_key_is_too_large() {
    let pair = RsaKeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa8192).unwrap();
    let pkcs8: Pkcs8V1Der<'static> = pair.as_der().unwrap();
    let error = PrivateKey::from_pem(pem("PRIVATE KEY", pkcs8.as_ref())).unwrap_err();
    assert!(
        matches!(error, KeyError::TooLarge { bits: 8192 }),
        "{error:?}"
    );
}

#[test]
fn public_key_from_spki_round_trips_and_rejects_garbage() {
    let key = PrivateKey::from_pem(key_pem("go-4096.pem")).unwrap();
    let public = PublicKey::from_spki_der(key.public_key().to_spki_der()).unwrap();
    assert_eq!(public, key.public_key());
    assert_eq!(public.bits(), 4096);
    assert!(matches!(
        PublicKey::from_spki_der([0x30, 0x03, 0x02, 0x01, 0x00]),
        Err(KeyError::InvalidPublicKey)
    ));
}

/// A 2048-bit RSA key with public exponent 3, generated once with OpenSSL for this test.
const RSA_E3: &str = include_str!("keys/rsa-2048-e3.pem");

#[test]
fn a_key_with_public_exponent_3_is_weak() {
    let error = PrivateKey::from_pem(RSA_E3).unwrap_err();
    assert!(
        matches!(error, KeyError::WeakExponent { exponent: 3 }),
        "{error:?}"
    );
    assert!(error.to_string().contains("exponent is 3"), "{error}");
    // The same key as PKCS#8, and its public half, are refused too.
    let pair = RsaKeyPair::from_der(&der_of(RSA_E3)).unwrap();
    let pkcs8: Pkcs8V1Der<'static> = pair.as_der().unwrap();
    assert!(matches!(
        PrivateKey::from_pkcs8_der(pkcs8.as_ref()),
        Err(KeyError::WeakExponent { exponent: 3 })
    ));
    let spki = aws_lc_rs::rsa::PrivateDecryptingKey::from_pkcs8(pkcs8.as_ref())
        .unwrap()
        .public_key()
        .as_der()
        .unwrap();
    assert!(matches!(
        PublicKey::from_spki_der(spki.as_ref()),
        Err(KeyError::InvalidPublicKey)
    ));
    assert!(matches!(
        PublicKey::from_pem(pem("PUBLIC KEY", spki.as_ref())),
        Err(KeyError::InvalidPublicKey)
    ));
}

#[test]
fn der_with_bytes_after_the_key_is_refused() {
    let mut pkcs1 = der_of(&key_pem("node-2048.pem"));
    let pair = RsaKeyPair::from_der(&pkcs1).unwrap();
    let pkcs8: Pkcs8V1Der<'static> = pair.as_der().unwrap();
    let mut pkcs8 = pkcs8.as_ref().to_vec();
    let mut spki = PrivateKey::from_pem(key_pem("node-2048.pem"))
        .unwrap()
        .public_key()
        .to_spki_der();
    for der in [&mut pkcs1, &mut pkcs8, &mut spki] {
        der.extend_from_slice(&[0x05, 0x00]);
    }
    let error = PrivateKey::from_pem(pem("RSA PRIVATE KEY", &pkcs1)).unwrap_err();
    assert!(matches!(error, KeyError::TrailingData), "{error:?}");
    let error = PrivateKey::from_pem(pem("PRIVATE KEY", &pkcs8)).unwrap_err();
    assert!(matches!(error, KeyError::TrailingData), "{error:?}");
    assert!(matches!(
        PublicKey::from_spki_der(&spki),
        Err(KeyError::InvalidPublicKey)
    ));
}

#[test]
fn indented_pem_reads_as_the_same_key_for_private_and_public_readers() {
    let key = PrivateKey::from_pem(key_pem("node-2048.pem")).unwrap();
    let indented: String = key_pem("node-2048.pem")
        .lines()
        .map(|line| format!("    {line}\t\n"))
        .collect();
    assert_eq!(
        PrivateKey::from_pem(&indented).unwrap().public_key(),
        key.public_key()
    );
    assert_eq!(PublicKey::from_pem(&indented).unwrap(), key.public_key());
    let public: String = pem("PUBLIC KEY", &key.public_key().to_spki_der())
        .lines()
        .map(|line| format!("  {line}\n"))
        .collect();
    assert_eq!(PublicKey::from_pem(public).unwrap(), key.public_key());
    assert!(matches!(
        PublicKey::from_pem("no key here"),
        Err(KeyError::NotPem)
    ));
}
