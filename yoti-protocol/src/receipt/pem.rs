//! Finding the application's private key in PEM text, with every copy of the key in a buffer
//! that is zeroized when dropped.
//!
//! The lines of the input are read in place; the base64 body of the key's block is gathered into
//! one buffer, allocated once at a size it never outgrows (so no reallocation leaves a copy
//! behind), and decoded with `base64ct`, whose decoder takes the same time whatever the key.

use base64ct::{Base64, Encoding};
use zeroize::Zeroizing;

use super::error::KeyError;

/// The DER of the first key block of a PEM text.
pub(super) enum KeyDer {
    /// `RSA PRIVATE KEY`: PKCS#1 `RSAPrivateKey`.
    Pkcs1(Zeroizing<Vec<u8>>),
    /// `PRIVATE KEY`: PKCS#8 `PrivateKeyInfo`.
    Pkcs8(Zeroizing<Vec<u8>>),
    /// `PUBLIC KEY`: a `SubjectPublicKeyInfo`, read only when asked for.
    Spki(Zeroizing<Vec<u8>>),
}

/// Reads the first `RSA PRIVATE KEY` or `PRIVATE KEY` block of `pem`, or also `PUBLIC KEY` when
/// `public` is set. Text around blocks and other blocks before it are skipped; LF, CRLF and CR
/// line endings are all lines, and spaces and tabs around a line are not part of it (an indented
/// PEM reads as the same PEM). This is the one PEM rule of the workspace: the emulator reads the
/// keys it is given with it too.
///
/// # Errors
///
/// The [`KeyError`] that says what the text holds instead: no PEM at all, a malformed block,
/// an encrypted key, a key of another algorithm, or another kind of block.
pub(super) fn key_block(pem: &[u8], public: bool) -> Result<KeyDer, KeyError> {
    let mut lines = pem
        .split(|&byte| byte == b'\n' || byte == b'\r')
        .map(<[u8]>::trim_ascii);
    let mut first_label = None;
    while let Some(line) = lines.next() {
        let Some(label) = boundary(line, b"-----BEGIN ")? else {
            continue;
        };
        first_label.get_or_insert(label);
        let der = match label {
            b"RSA PRIVATE KEY" => KeyDer::Pkcs1,
            b"PRIVATE KEY" => KeyDer::Pkcs8,
            b"PUBLIC KEY" if public => KeyDer::Spki,
            b"EC PRIVATE KEY" => {
                return Err(KeyError::NotRsa {
                    algorithm: "an EC key".to_owned(),
                });
            }
            _ => {
                skip_block(&mut lines, label)?;
                continue;
            }
        };
        // The body is shorter than the whole text: this buffer never grows.
        let mut body = Zeroizing::new(Vec::with_capacity(pem.len()));
        loop {
            let line = lines.next().ok_or(malformed(MISSING_END))?;
            if let Some(end) = boundary(line, b"-----END ")? {
                if end != label {
                    return Err(malformed(MISMATCHED_END));
                }
                break;
            }
            if line.starts_with(b"-----BEGIN ") {
                return Err(malformed(MISSING_END));
            }
            if line.starts_with(b"Proc-Type:") && line.ends_with(b"ENCRYPTED") {
                // OpenSSL's "traditional" encryption of a PKCS#1 key.
                return Err(KeyError::Encrypted);
            }
            body.extend_from_slice(line);
        }
        return decode(&body).map(der);
    }
    Err(no_private_key(first_label))
}

const MISSING_END: &str = "a block has no `-----END ...-----` line";
const MISMATCHED_END: &str =
    "an `-----END ...-----` line does not name its `-----BEGIN` line's label";

/// The label of a `-----BEGIN <label>-----` (or `END`) line; `None` when the line is not one.
fn boundary<'a>(line: &'a [u8], prefix: &[u8]) -> Result<Option<&'a [u8]>, KeyError> {
    let Some(rest) = line.strip_prefix(prefix) else {
        return Ok(None);
    };
    rest.strip_suffix(b"-----").map(Some).ok_or(malformed(
        "a `-----BEGIN` or `-----END` line does not end in `-----`",
    ))
}

/// Reads up to the end of a block that is not a private key, without keeping its body.
fn skip_block<'a>(
    lines: &mut impl Iterator<Item = &'a [u8]>,
    label: &[u8],
) -> Result<(), KeyError> {
    for line in lines {
        if let Some(end) = boundary(line, b"-----END ")? {
            return if end == label {
                Ok(())
            } else {
                Err(malformed(MISMATCHED_END))
            };
        }
    }
    Err(malformed(MISSING_END))
}

/// Decodes a block's base64 body into a zeroized buffer of the decoded size at most.
fn decode(body: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let mut der = Zeroizing::new(vec![0u8; body.len() / 4 * 3 + 3]);
    let len = Base64::decode(body, &mut der)
        .map_err(|_| {
            malformed("the text between the `-----BEGIN` and `-----END` lines is not base64")
        })?
        .len();
    der.truncate(len);
    Ok(der)
}

fn malformed(reason: &'static str) -> KeyError {
    KeyError::MalformedPem { reason }
}

/// Explains why a PEM text with no private key block was rejected, from its first label.
fn no_private_key(first_label: Option<&[u8]>) -> KeyError {
    let Some(label) = first_label else {
        return KeyError::NotPem;
    };
    let label = String::from_utf8_lossy(label).into_owned();
    if label == "ENCRYPTED PRIVATE KEY" {
        KeyError::Encrypted
    } else if label.ends_with("PRIVATE KEY") {
        KeyError::NotRsa {
            algorithm: format!("a `{label}` block"),
        }
    } else {
        KeyError::NotAPrivateKey { label }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(pem: &str) -> KeyError {
        match key_block(pem.as_bytes(), false) {
            Ok(_) => panic!("{pem}: read as a key"),
            Err(error) => error,
        }
    }

    #[test]
    fn reads_the_first_private_key_block_after_other_blocks_and_text() {
        let pem = "notes\r\n-----BEGIN CERTIFICATE-----\r\nnot even base64\r\n\
                   -----END CERTIFICATE-----\r\n-----BEGIN RSA PRIVATE KEY-----\r\n  AAEC\r\n\
                   AwQ= \r\n-----END RSA PRIVATE KEY-----\r\n-----BEGIN PRIVATE KEY-----\r\n";
        let Ok(KeyDer::Pkcs1(der)) = key_block(pem.as_bytes(), false) else {
            panic!("no PKCS#1 block");
        };
        assert_eq!(der.as_slice(), [0, 1, 2, 3, 4]);
        let pem = "-----BEGIN PRIVATE KEY-----\rAAEC\r-----END PRIVATE KEY-----";
        let Ok(KeyDer::Pkcs8(der)) = key_block(pem.as_bytes(), false) else {
            panic!("no PKCS#8 block");
        };
        assert_eq!(der.as_slice(), [0, 1, 2]);
    }

    #[test]
    fn public_key_blocks_are_read_only_when_asked_for() {
        let pem = "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n";
        assert!(
            matches!(key_block(pem.as_bytes(), true), Ok(KeyDer::Spki(der)) if der.as_slice() == [0, 1, 2])
        );
        assert!(matches!(
            error(pem),
            KeyError::NotAPrivateKey { label } if label == "PUBLIC KEY"
        ));
    }

    #[test]
    fn labels_explain_missing_private_keys() {
        assert!(matches!(error("hello"), KeyError::NotPem));
        assert!(matches!(error(""), KeyError::NotPem));
        assert!(matches!(
            error(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"
            ),
            KeyError::Encrypted
        ));
        assert!(matches!(
            error("-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n"),
            KeyError::NotRsa { algorithm } if algorithm == "a `DSA PRIVATE KEY` block"
        ));
        assert!(matches!(
            error("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"),
            KeyError::NotRsa { algorithm } if algorithm == "an EC key"
        ));
        assert!(matches!(
            error("x\r\n-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----\r\n"),
            KeyError::NotAPrivateKey { label } if label == "CERTIFICATE"
        ));
    }

    #[test]
    fn malformed_blocks_say_what_is_wrong() {
        let reason = |pem: &str| match error(pem) {
            KeyError::MalformedPem { reason } => reason,
            other => panic!("{pem}: {other:?}"),
        };
        assert_eq!(
            reason("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"),
            MISSING_END
        );
        assert_eq!(reason("-----BEGIN CERTIFICATE-----\nAAAA\n"), MISSING_END);
        assert_eq!(
            reason("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----BEGIN RSA PRIVATE KEY-----\n"),
            MISSING_END
        );
        assert_eq!(
            reason("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            MISMATCHED_END
        );
        assert!(reason("-----BEGIN RSA PRIVATE KEY----\n").contains("does not end in"));
        assert!(
            reason("-----BEGIN RSA PRIVATE KEY-----\nA*AA\n-----END RSA PRIVATE KEY-----")
                .contains("not base64")
        );
    }

    #[test]
    fn legacy_encrypted_pkcs1_is_reported_as_encrypted() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
                   DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n\
                   -----END RSA PRIVATE KEY-----\n";
        assert!(matches!(error(pem), KeyError::Encrypted));
    }
}
