//! Just enough DER reading for a few small jobs: the value inside a Yoti anchor extension, how
//! many bits an RSA key that the crypto library rejected has (so that a "key too small" error can
//! say by how much), whether a key's DER has bytes after it, and an RSA key's public exponent.

/// Reads one tag-length-value; returns (tag, contents, rest).
pub(crate) fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let (bytes, rest) = rest.split_at_checked(count)?;
        let len = bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, rest)
    };
    let (contents, rest) = rest.split_at_checked(len)?;
    Some((tag, contents, rest))
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;

/// The bit length of the modulus of a PKCS#1 `RSAPrivateKey`.
pub(crate) fn pkcs1_modulus_bits(der: &[u8]) -> Option<usize> {
    let (tag, body, _) = tlv(der)?;
    if tag != SEQUENCE {
        return None;
    }
    let (tag, _version, rest) = tlv(body)?;
    if tag != INTEGER {
        return None;
    }
    let (tag, modulus, _) = tlv(rest)?;
    if tag != INTEGER {
        return None;
    }
    let start = modulus.iter().position(|&b| b != 0)?;
    let top = modulus.get(start)?;
    let bytes = modulus.len() - start;
    Some((bytes - 1) * 8 + (8 - top.leading_zeros() as usize))
}

/// The bit length of the modulus of an RSA key inside a PKCS#8 `PrivateKeyInfo`.
pub(crate) fn pkcs8_modulus_bits(der: &[u8]) -> Option<usize> {
    let (tag, body, _) = tlv(der)?;
    if tag != SEQUENCE {
        return None;
    }
    let (_, _version, rest) = tlv(body)?;
    let (_, _algorithm, rest) = tlv(rest)?;
    let (tag, inner, _) = tlv(rest)?;
    if tag != OCTET_STRING {
        return None;
    }
    pkcs1_modulus_bits(inner)
}

/// Whether `der` is exactly one tag-length-value, with no bytes after it.
pub(crate) fn is_one_value(der: &[u8]) -> bool {
    matches!(tlv(der), Some((_, _, [])))
}

const BIT_STRING: u8 = 0x03;

/// The public exponent of the RSA key in a `SubjectPublicKeyInfo`, when it fits in a `u64`.
pub(crate) fn spki_rsa_exponent(spki: &[u8]) -> Option<u64> {
    let (tag, body, _) = tlv(spki)?;
    if tag != SEQUENCE {
        return None;
    }
    let (_, _algorithm, rest) = tlv(body)?;
    let (tag, bits, _) = tlv(rest)?;
    // A BIT STRING starts with its count of unused bits: 0 for a DER structure.
    let (0, key) = bits.split_first()? else {
        return None;
    };
    if tag != BIT_STRING {
        return None;
    }
    let (tag, key, _) = tlv(key)?;
    if tag != SEQUENCE {
        return None;
    }
    let (_, _modulus, rest) = tlv(key)?;
    let (tag, exponent, _) = tlv(rest)?;
    if tag != INTEGER {
        return None;
    }
    let start = exponent.iter().position(|&b| b != 0)?;
    let exponent = exponent.get(start..)?;
    if exponent.len() > 8 {
        return None;
    }
    Some(
        exponent
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
    )
}

const OBJECT_IDENTIFIER: u8 = 0x06;

/// A name for the algorithm of a PKCS#8 key, for an error message.
pub(crate) fn pkcs8_algorithm_name(der: &[u8]) -> &'static str {
    let oid = (|| {
        let (_, body, _) = tlv(der)?;
        let (_, _version, rest) = tlv(body)?;
        let (_, algorithm, _) = tlv(rest)?;
        let (tag, oid, _) = tlv(algorithm)?;
        (tag == OBJECT_IDENTIFIER).then_some(oid)
    })();
    match oid {
        // 1.2.840.10045.2.1 id-ecPublicKey
        Some([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]) => "an EC key",
        // 1.3.101.112 and 1.3.101.113
        Some([0x2b, 0x65, 0x70]) => "an Ed25519 key",
        Some([0x2b, 0x65, 0x71]) => "an Ed448 key",
        // 1.2.840.10040.4.1
        Some([0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01]) => "a DSA key",
        _ => "a key of another algorithm",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_short_modulus() {
        // SEQUENCE { INTEGER 0, INTEGER 0x00ff01 }
        let der = [0x30, 0x08, 0x02, 0x01, 0x00, 0x02, 0x03, 0x00, 0xff, 0x01];
        assert_eq!(pkcs1_modulus_bits(&der), Some(16));
    }

    #[test]
    fn one_value_has_nothing_after_it() {
        assert!(is_one_value(&[0x30, 0x00]));
        assert!(!is_one_value(&[0x30, 0x00, 0x00]));
        assert!(!is_one_value(&[0x30, 0x02, 0x00]));
        assert!(!is_one_value(&[]));
    }

    #[test]
    fn reads_the_exponent_of_an_spki() {
        // SEQUENCE { SEQUENCE {}, BIT STRING { 0, SEQUENCE { INTEGER 0x00c5, INTEGER 0x010001 } } }
        let spki = [
            0x30, 0x10, 0x30, 0x00, 0x03, 0x0c, 0x00, 0x30, 0x09, 0x02, 0x02, 0x00, 0xc5, 0x02,
            0x03, 0x01, 0x00, 0x01,
        ];
        assert_eq!(spki_rsa_exponent(&spki), Some(65537));
        let mut unused_bits = spki;
        unused_bits[6] = 1;
        assert_eq!(spki_rsa_exponent(&unused_bits), None);
        assert_eq!(spki_rsa_exponent(&spki[..10]), None);
    }

    #[test]
    fn garbage_is_none() {
        assert_eq!(pkcs1_modulus_bits(&[0x30, 0x85, 0, 0, 0, 0, 0]), None);
        assert_eq!(pkcs1_modulus_bits(&[]), None);
        assert_eq!(pkcs8_modulus_bits(&[0x30, 0x02, 0x02, 0x00]), None);
    }
}
