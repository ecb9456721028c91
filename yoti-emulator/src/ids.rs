//! Identifiers and random values: session, QR code, receipt and wrapped item key ids, trace ids,
//! remember-me ids and issuance tokens.
//!
//! Ids that travel in paths are base64url, so a client that rewrites `+` and `/` reaches the same
//! resource. Receipt ids are standard base64 of 48 bytes, as Yoti's are; they are chosen to hold
//! a `+` and a `/` every time, so that a client that forgets to re-encode them for the path, or
//! to percent-decode them from the redirect, fails at once rather than now and then.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};

/// An id this emulator made or holds, as a body's typed id. Ids are made path-safe and a
/// route only finds ids it stored, so a refusal is the emulator's own fault.
pub(crate) fn typed<T: TryFrom<String, Error = yoti_protocol::api::IdError>>(
    id: &str,
) -> Result<T, crate::error::ApiError> {
    T::try_from(id.to_owned()).map_err(|e| crate::error::ApiError::internal(e.to_string()))
}

/// The system random generator failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the system random generator failed")]
pub(crate) struct RandomError;

pub(crate) fn random<const N: usize>() -> Result<[u8; N], RandomError> {
    let mut bytes = [0u8; N];
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| RandomError)?;
    Ok(bytes)
}

/// `ss.v2.` and padded base64url, the shape of Yoti's session ids (which end in `=`).
pub(crate) fn session_id() -> Result<String, RandomError> {
    Ok(format!("ss.v2.{}", URL_SAFE.encode(random::<34>()?)))
}

/// A QR code id.
pub(crate) fn qr_code_id() -> Result<String, RandomError> {
    Ok(URL_SAFE_NO_PAD.encode(random::<24>()?))
}

/// A fault rule id.
pub(crate) fn fault_id() -> Result<String, RandomError> {
    Ok(URL_SAFE_NO_PAD.encode(random::<9>()?))
}

/// A wrapped item key id.
pub(crate) fn item_key_id() -> Result<String, RandomError> {
    Ok(URL_SAFE_NO_PAD.encode(random::<24>()?))
}

/// A receipt id: 48 random bytes whose standard base64 has a `+` at position 10 and a `/` at
/// position 41. Returns the id and its bytes.
pub(crate) fn receipt_id() -> Result<(String, Vec<u8>), RandomError> {
    let mut text = STANDARD.encode(random::<48>()?).into_bytes();
    // 48 bytes are 64 characters without padding, so any character may be replaced.
    if let Some(c) = text.get_mut(10) {
        *c = b'+';
    }
    if let Some(c) = text.get_mut(41) {
        *c = b'/';
    }
    let bytes = STANDARD.decode(&text).map_err(|_| RandomError)?;
    Ok((STANDARD.encode(&bytes), bytes))
}

/// Reads a receipt id as received in a path or a query: standard or URL-safe alphabet, padded or
/// not.
pub(crate) fn receipt_id_bytes(text: &str) -> Option<Vec<u8>> {
    let normalised: String = text
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            other => other,
        })
        .collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(normalised)
        .ok()
}

/// A remember-me id: standard base64 of 48 random bytes.
pub(crate) fn remember_me_id() -> Result<String, RandomError> {
    Ok(STANDARD.encode(random::<48>()?))
}

/// A UUID-shaped audit id (random version 4).
pub(crate) fn uuid() -> Result<String, RandomError> {
    let mut b = random::<16>()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = hex(&b);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

/// An opaque trace id for error bodies: 32 lower-case hex digits. Never fails: without the random
/// generator it falls back to the clock and a counter, which is unique enough for a trace id.
pub(crate) fn trace_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    match random::<16>() {
        Ok(bytes) => hex(&bytes),
        Err(RandomError) => {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            format!(
                "{:016x}{:016x}",
                nanos as u64,
                COUNTER.fetch_add(1, Ordering::Relaxed)
            )
        }
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_ids_hold_both_url_unsafe_characters_and_read_back_in_every_form() {
        let (id, bytes) = receipt_id().unwrap();
        assert_eq!(id.len(), 64);
        assert_eq!(bytes.len(), 48);
        assert_eq!(id.as_bytes()[10], b'+');
        assert_eq!(id.as_bytes()[41], b'/');
        assert_eq!(receipt_id_bytes(&id).unwrap(), bytes);
        let url = URL_SAFE_NO_PAD.encode(&bytes);
        assert_eq!(receipt_id_bytes(&url).unwrap(), bytes);
        assert!(receipt_id_bytes("not base64!").is_none());
    }

    #[test]
    fn path_ids_are_url_safe() {
        for id in [
            session_id().unwrap(),
            qr_code_id().unwrap(),
            item_key_id().unwrap(),
        ] {
            assert!(!id.contains('+') && !id.contains('/'), "{id}");
        }
        assert!(session_id().unwrap().starts_with("ss.v2."));
        assert_eq!(uuid().unwrap().len(), 36);
        assert_eq!(trace_id().len(), 32);
    }
}
