//! Anchors from protobuf: the anchor type and value read from the Yoti extension of an X.509
//! certificate (docs/protocol.md, "Anchors").

use bytes::Bytes;
use prost::Message;
use x509_cert::Certificate;
use x509_cert::der::Decode;
use x509_cert::der::asn1::ObjectIdentifier;
use yoti_policy::__private::{CertificateFacts, anchor_certificate};
use yoti_policy::profile::{Anchor, AnchorCertificate, AnchorType, SOURCE_OID, VERIFIER_OID};

use crate::der::tlv;
use crate::proto;

const SOURCE: ObjectIdentifier = ObjectIdentifier::new_unwrap(SOURCE_OID);
const VERIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap(VERIFIER_OID);

/// Reads a serialised `Anchor` protobuf.
///
/// # Errors
///
/// The protobuf error when the bytes are not an `Anchor` message.
pub fn decode_anchor(bytes: Bytes) -> Result<Anchor, prost::DecodeError> {
    proto::Anchor::decode(bytes).map(|message| anchor(&message))
}

/// Interprets an `Anchor` message. Never fails: an anchor whose certificates are not DER
/// certificates or carry no Yoti extension is [`AnchorType::Unknown`] with an empty value,
/// and a signed timestamp that is absent or does not parse counts as 0.
pub fn anchor(anchor: &proto::Anchor) -> Anchor {
    let certificates: Vec<AnchorCertificate> = anchor
        .origin_server_certs
        .iter()
        .map(|der| anchor_certificate(der.clone(), certificate_facts))
        .collect();
    let (anchor_type, value) = anchor
        .origin_server_certs
        .iter()
        .find_map(|der| yoti_extension(der))
        .unwrap_or((AnchorType::Unknown, String::new()));
    let signed_timestamp_micros = if anchor.signed_time_stamp.is_empty() {
        0
    } else {
        proto::SignedTimestamp::decode(anchor.signed_time_stamp.clone())
            .map(|stamp| stamp.timestamp)
            .unwrap_or(0)
    };
    Anchor::new(anchor_type, value)
        .with_sub_type(anchor.sub_type.clone())
        .with_signed_timestamp_micros(signed_timestamp_micros)
        .with_associated_source(anchor.associated_source.clone())
        .with_certificates(certificates)
        .with_artifact_link(anchor.artifact_link.clone())
        .with_artifact_signature(anchor.artifact_signature.clone())
        .with_signature(anchor.signature.clone())
}

/// The full certificate of an anchor, parsed again from its DER bytes.
///
/// # Errors
///
/// The DER error when the bytes are not a certificate.
pub fn to_x509(certificate: &AnchorCertificate) -> Result<Certificate, x509_cert::der::Error> {
    Certificate::from_der(certificate.der())
}

/// The serial number and subject of a certificate: a full X.509 parse, run the first time an
/// application asks an [`AnchorCertificate`] for one of them.
fn certificate_facts(der: &[u8]) -> CertificateFacts {
    match Certificate::from_der(der) {
        Ok(certificate) => {
            let tbs = certificate.tbs_certificate();
            CertificateFacts::parsed(
                tbs.serial_number().as_bytes().to_vec(),
                tbs.subject().common_name().ok().flatten().map(String::from),
            )
        }
        Err(_) => CertificateFacts::default(),
    }
}

/// The anchor type and value of the first Yoti extension of a DER certificate, read without a
/// full X.509 parse: `Certificate` → `TBSCertificate` → extensions `[3]` → each `Extension`'s
/// OID and `extnValue`. The outline is checked (every element `x509-cert` requires, in order,
/// with minimal DER lengths and nothing trailing; the version; every extension), so truncated or
/// mis-framed bytes are `None`. The contents of names, times and keys are not checked: the
/// anchor was never trusted because the certificate parsed (no signature is verified), and
/// [`AnchorCertificate::is_parsed`] still reports the full parse.
fn yoti_extension(der: &[u8]) -> Option<(AnchorType, String)> {
    let (certificate, rest) = der_element(der, 0x30)?;
    if !rest.is_empty() {
        return None;
    }
    let (tbs, rest) = der_element(certificate, 0x30)?;
    let (_signature_algorithm, rest) = der_element(rest, 0x30)?;
    let (_signature, rest) = der_element(rest, 0x03)?;
    if !rest.is_empty() {
        return None;
    }
    let extensions = tbs_extensions(tbs)?;
    let mut found = None;
    let mut rest = extensions;
    while !rest.is_empty() {
        let (extension, next) = der_element(rest, 0x30)?;
        rest = next;
        let (oid, body) = der_element(extension, 0x06)?;
        let body = match body.first() {
            Some(0x01) => match der_element(body, 0x01)? {
                ([0x00 | 0xff], rest) => rest,
                _ => return None,
            },
            _ => body,
        };
        let (value, trailing) = der_element(body, 0x04)?;
        if !trailing.is_empty() || oid.is_empty() {
            return None;
        }
        if found.is_none() {
            let anchor_type = if oid == SOURCE.as_bytes() {
                AnchorType::Source
            } else if oid == VERIFIER.as_bytes() {
                AnchorType::Verifier
            } else {
                continue;
            };
            found = Some((anchor_type, value));
        }
    }
    found.map(|(anchor_type, value)| (anchor_type, anchor_value(value).unwrap_or_default()))
}

/// The contents of the extensions `SEQUENCE` of a `TBSCertificate` (empty when it has none).
fn tbs_extensions(tbs: &[u8]) -> Option<&[u8]> {
    let rest = match tbs.first() {
        Some(0xa0) => {
            let (version, rest) = der_element(tbs, 0xa0)?;
            // v1, v2 or v3, and nothing after it.
            match der_element(version, 0x02)? {
                ([0..=2], []) => rest,
                _ => return None,
            }
        }
        _ => tbs,
    };
    let (_serial_number, rest) = der_element(rest, 0x02)?;
    let (_signature, rest) = der_element(rest, 0x30)?;
    let (_issuer, rest) = der_element(rest, 0x30)?;
    let (_validity, rest) = der_element(rest, 0x30)?;
    let (_subject, rest) = der_element(rest, 0x30)?;
    let (_subject_public_key_info, mut rest) = der_element(rest, 0x30)?;
    // issuerUniqueID [1] and subjectUniqueID [2] are optional and come first.
    for tag in [0x81, 0x82] {
        if rest.first() == Some(&tag) {
            rest = der_element(rest, tag)?.1;
        }
    }
    if rest.is_empty() {
        return Some(&[]);
    }
    let (extensions, trailing) = der_element(rest, 0xa3)?;
    if !trailing.is_empty() {
        return None;
    }
    let (list, trailing) = der_element(extensions, 0x30)?;
    if !trailing.is_empty() {
        return None;
    }
    Some(list)
}

/// One DER element with the expected tag and a minimal length; returns (contents, rest).
fn der_element(input: &[u8], expected: u8) -> Option<(&[u8], &[u8])> {
    let (tag, contents, rest) = tlv(input)?;
    let header = input.len() - contents.len() - rest.len();
    let minimal = match contents.len() {
        0..0x80 => 2,
        0x80..0x100 => 3,
        0x100..0x1_0000 => 4,
        0x1_0000..0x100_0000 => 5,
        _ => 6,
    };
    (tag == expected && header == minimal).then_some((contents, rest))
}

/// Reads `SEQUENCE { [0] IMPLICIT UTF8String }` (`30 LL 80 LL <text>`).
fn anchor_value(der: &[u8]) -> Option<String> {
    let (tag, sequence, _) = tlv(der)?;
    if tag != 0x30 {
        return None;
    }
    let (tag, text, _) = tlv(sequence)?;
    if tag != 0x80 {
        return None;
    }
    String::from_utf8(text.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use proptest::prelude::*;

    /// What a full `x509-cert` parse makes of a certificate (how the anchor used to be read).
    fn by_x509(der: &[u8]) -> Option<(AnchorType, String)> {
        let certificate = Certificate::from_der(der).ok()?;
        certificate
            .tbs_certificate()
            .extensions()?
            .iter()
            .find_map(|extension| {
                let anchor_type = if extension.extn_id == SOURCE {
                    AnchorType::Source
                } else if extension.extn_id == VERIFIER {
                    AnchorType::Verifier
                } else {
                    return None;
                };
                let value = anchor_value(extension.extn_value.as_bytes()).unwrap_or_default();
                Some((anchor_type, value))
            })
    }

    /// The certificates of every anchor fixture.
    #[allow(clippy::unwrap_used)]
    fn fixture_certificates() -> Vec<Vec<u8>> {
        let mut certificates = Vec::new();
        for name in [
            "anchor-driving-licence",
            "anchor-passport",
            "anchor-unknown",
            "anchor-yoti-admin",
        ] {
            let text = yoti_test_support::vector_text(&format!("protobuf/{name}.b64"));
            let text: String = text.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .unwrap();
            let anchor = proto::Anchor::decode(Bytes::from(bytes)).unwrap();
            certificates.extend(anchor.origin_server_certs.iter().map(|der| der.to_vec()));
        }
        assert!(certificates.len() >= 4);
        certificates
    }

    #[test]
    fn the_der_walk_agrees_with_x509_cert_on_every_fixture_certificate() {
        let mut anchors = 0;
        for der in fixture_certificates() {
            let expected = by_x509(&der);
            assert!(Certificate::from_der(&der).is_ok());
            anchors += usize::from(expected.is_some());
            assert_eq!(yoti_extension(&der), expected);
        }
        assert_eq!(anchors, 3, "the unknown fixture carries no Yoti extension");
    }

    #[test]
    fn the_der_walk_rejects_every_truncation_and_extension_of_a_certificate() {
        for der in fixture_certificates() {
            for len in 0..der.len() {
                let cut = der.get(..len).unwrap();
                assert_eq!(yoti_extension(cut), None);
                assert_eq!(by_x509(cut), None);
            }
            let mut longer = der.clone();
            longer.push(0);
            assert_eq!(yoti_extension(&longer), None);
        }
    }

    #[test]
    fn the_source_and_verifier_oids_are_the_protocol_ones() {
        assert_eq!(
            SOURCE.as_bytes(),
            [
                0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xf0, 0x17, 0x01, 0x01, 0x01
            ]
        );
        assert_eq!(
            VERIFIER.as_bytes(),
            [
                0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xf0, 0x17, 0x01, 0x01, 0x02
            ]
        );
    }

    proptest! {
        /// Whenever `x509-cert` still reads a mutated certificate, the DER walk finds the same
        /// anchor; and the walk never finds one in bytes whose outline is broken.
        #[test]
        fn the_der_walk_agrees_with_x509_cert_on_mutated_certificates(
            which in 0usize..4,
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        ) {
            let certificates = fixture_certificates();
            let mut der = certificates[which % certificates.len()].clone();
            for (index, byte) in flips {
                let at = index.index(der.len());
                der[at] = byte;
            }
            if Certificate::from_der(&der).is_ok() {
                prop_assert_eq!(yoti_extension(&der), by_x509(&der));
            }
        }
    }

    #[test]
    fn anchor_values_of_the_protocol_examples() {
        let value = |h: &str| anchor_value(&hex::decode(h).unwrap());
        assert_eq!(
            value("300a800850415353504f5254").as_deref(),
            Some("PASSPORT")
        );
        assert_eq!(
            value("300c800a594f54495f41444d494e").as_deref(),
            Some("YOTI_ADMIN")
        );
        assert_eq!(
            value("3011800f44524956494e475f4c4943454e4345").as_deref(),
            Some("DRIVING_LICENCE")
        );
        assert_eq!(value("300a800950415353504f5254"), None);
        assert_eq!(value("310a800850415353504f5254"), None);
        assert_eq!(value(""), None);
    }

    #[test]
    fn long_form_lengths() {
        let mut der = vec![0x30, 0x81, 0x83, 0x80, 0x81, 0x80];
        der.extend(std::iter::repeat_n(b'A', 0x80));
        assert_eq!(anchor_value(&der).map(|v| v.len()), Some(0x80));
    }

    #[test]
    fn an_unparsable_certificate_makes_an_unknown_anchor() {
        let anchor = super::anchor(&proto::Anchor {
            origin_server_certs: vec![Bytes::from_static(b"not a certificate")],
            signed_time_stamp: Bytes::from_static(&[0x12]),
            sub_type: "OCR".into(),
            ..proto::Anchor::default()
        });
        assert_eq!(anchor.anchor_type(), AnchorType::Unknown);
        assert_eq!(anchor.value(), "");
        assert_eq!(anchor.sub_type(), "OCR");
        assert_eq!(anchor.signed_timestamp_micros(), 0);
        assert!(!anchor.certificates()[0].is_parsed());
        assert_eq!(anchor.certificates()[0].serial_number_u128(), None);
    }
}
