//! Anchors: where an attribute's value comes from (SOURCE) and who checked it (VERIFIER),
//! carried as X.509 certificates with a Yoti extension (docs/protocol.md, "Anchors").

use std::fmt;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[cfg(feature = "receipt")]
use crate::der::tlv;
use crate::redact::Len;
use bytes::Bytes;
#[cfg(feature = "receipt")]
use prost::Message;
#[cfg(feature = "receipt")]
use x509_cert::Certificate;
#[cfg(feature = "receipt")]
use x509_cert::der::Decode;
#[cfg(feature = "receipt")]
use x509_cert::der::asn1::ObjectIdentifier;

#[cfg(feature = "receipt")]
use crate::proto;

/// The extension OID that makes an anchor a SOURCE.
pub const SOURCE_OID: &str = "1.3.6.1.4.1.47127.1.1.1";
/// The extension OID that makes an anchor a VERIFIER.
pub const VERIFIER_OID: &str = "1.3.6.1.4.1.47127.1.1.2";

#[cfg(feature = "receipt")]
const SOURCE: ObjectIdentifier = ObjectIdentifier::new_unwrap(SOURCE_OID);
#[cfg(feature = "receipt")]
const VERIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap(VERIFIER_OID);

/// What an anchor says about an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AnchorType {
    /// Where the value comes from (`PASSPORT`, `USER_PROVIDED`, ...).
    Source,
    /// Who checked the value (`YOTI_ADMIN`, `PASSPORT_NFC_SIGNATURE`, ...).
    Verifier,
    /// No certificate carries a Yoti anchor extension.
    Unknown,
}

/// A source or verifier of an attribute.
///
/// `Debug` shows the anchor type and how many certificates there are: what the anchor names
/// (the kind of document the value was read from) tells about the person, and the certificates
/// are kilobytes of DER.
///
/// ```
/// use yoti_policy::profile::{Anchor, AnchorType};
///
/// let anchor = Anchor::new(AnchorType::Source, "PASSPORT").with_sub_type("OCR");
/// assert_eq!(anchor.anchor_type(), AnchorType::Source);
/// assert_eq!(anchor.value(), "PASSPORT");
/// assert_eq!(anchor.sub_type(), "OCR");
/// assert_eq!(anchor.signed_timestamp_micros(), 0);
/// assert_eq!(format!("{anchor:?}"), "Anchor { anchor_type: Source, certificates: 0, .. }");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Anchor {
    anchor_type: AnchorType,
    value: String,
    sub_type: String,
    signed_timestamp_micros: u64,
    associated_source: String,
    certificates: Vec<AnchorCertificate>,
    artifact_link: Bytes,
    artifact_signature: Bytes,
    signature: Bytes,
}

impl Anchor {
    /// An anchor without certificates, for building profiles by hand (tests, local servers).
    pub fn new(anchor_type: AnchorType, value: impl Into<String>) -> Self {
        Anchor {
            anchor_type,
            value: value.into(),
            sub_type: String::new(),
            signed_timestamp_micros: 0,
            associated_source: String::new(),
            certificates: Vec::new(),
            artifact_link: Bytes::new(),
            artifact_signature: Bytes::new(),
            signature: Bytes::new(),
        }
    }

    /// Sets the sub type (`OCR`, `NFC`, ...).
    #[must_use]
    pub fn with_sub_type(mut self, sub_type: impl Into<String>) -> Self {
        self.sub_type = sub_type.into();
        self
    }

    /// Sets the signed timestamp, in microseconds since the Unix epoch.
    #[must_use]
    pub fn with_signed_timestamp_micros(mut self, micros: u64) -> Self {
        self.signed_timestamp_micros = micros;
        self
    }

    /// Sets the associated source (`DRIVING_LICENCE` on a `YOTI_ADMIN` verifier).
    #[must_use]
    pub fn with_associated_source(mut self, source: impl Into<String>) -> Self {
        self.associated_source = source.into();
        self
    }

    /// Reads a serialised `Anchor` protobuf.
    ///
    /// # Errors
    ///
    /// The protobuf error when the bytes are not an `Anchor` message.
    #[cfg(feature = "receipt")]
    pub fn decode(bytes: Bytes) -> Result<Self, prost::DecodeError> {
        proto::Anchor::decode(bytes).map(|anchor| Anchor::from_protobuf(&anchor))
    }

    /// Interprets an `Anchor` message. Never fails: an anchor whose certificates are not DER
    /// certificates or carry no Yoti extension is [`AnchorType::Unknown`] with an empty value,
    /// and a signed timestamp that is absent or does not parse counts as 0.
    #[cfg(feature = "receipt")]
    pub fn from_protobuf(anchor: &proto::Anchor) -> Self {
        let certificates: Vec<AnchorCertificate> = anchor
            .origin_server_certs
            .iter()
            .map(|der| AnchorCertificate::new(der.clone()))
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
        Anchor {
            anchor_type,
            value,
            sub_type: anchor.sub_type.clone(),
            signed_timestamp_micros,
            associated_source: anchor.associated_source.clone(),
            certificates,
            artifact_link: anchor.artifact_link.clone(),
            artifact_signature: anchor.artifact_signature.clone(),
            signature: anchor.signature.clone(),
        }
    }

    /// SOURCE, VERIFIER or UNKNOWN.
    pub fn anchor_type(&self) -> AnchorType {
        self.anchor_type
    }

    /// What the anchor names (`PASSPORT`, `YOTI_ADMIN`, ...); empty for an unknown anchor.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The sub type (`OCR`, `NFC`, `YOTI-REGISTRATION`, ...); empty when there is none.
    pub fn sub_type(&self) -> &str {
        &self.sub_type
    }

    /// The source a verifier checked against (`DRIVING_LICENCE`); empty when there is none.
    pub fn associated_source(&self) -> &str {
        &self.associated_source
    }

    /// The signed timestamp in microseconds since the Unix epoch (UTC); 0 when absent.
    pub fn signed_timestamp_micros(&self) -> u64 {
        self.signed_timestamp_micros
    }

    /// The signed timestamp; the Unix epoch when absent.
    pub fn signed_timestamp(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_micros(self.signed_timestamp_micros)
    }

    /// The certificates, in receipt order.
    pub fn certificates(&self) -> &[AnchorCertificate] {
        &self.certificates
    }

    /// The raw `artifact_link`.
    pub fn artifact_link(&self) -> &Bytes {
        &self.artifact_link
    }

    /// The raw `artifact_signature`.
    pub fn artifact_signature(&self) -> &Bytes {
        &self.artifact_signature
    }

    /// The raw `signature`.
    pub fn signature(&self) -> &Bytes {
        &self.signature
    }
}

/// One DER certificate of an [`Anchor`], with the facts read from it. `Debug` shows its size.
///
/// The anchor type and value are found with a minimal DER walk when the anchor is read; the
/// other facts (serial number, subject) are read with a full X.509 parse the first time one of
/// them is asked for.
#[derive(Clone)]
pub struct AnchorCertificate {
    der: Bytes,
    facts: OnceLock<CertificateFacts>,
}

impl fmt::Debug for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Anchor")
            .field("anchor_type", &self.anchor_type)
            .field("certificates", &self.certificates.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for AnchorCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnchorCertificate")
            .field("der", &Len(self.der.len()))
            .finish_non_exhaustive()
    }
}

/// What a full X.509 parse of an anchor certificate yields.
#[derive(Debug, Clone, Default)]
struct CertificateFacts {
    parsed: bool,
    serial_number: Vec<u8>,
    subject_common_name: Option<String>,
}

impl PartialEq for AnchorCertificate {
    fn eq(&self, other: &Self) -> bool {
        // Every fact is read from the DER bytes.
        self.der == other.der
    }
}

impl Eq for AnchorCertificate {}

impl AnchorCertificate {
    #[cfg(feature = "receipt")]
    fn new(der: Bytes) -> Self {
        AnchorCertificate {
            der,
            facts: OnceLock::new(),
        }
    }

    #[cfg(feature = "receipt")]
    fn facts(&self) -> &CertificateFacts {
        self.facts
            .get_or_init(|| match Certificate::from_der(&self.der) {
                Ok(certificate) => {
                    let tbs = certificate.tbs_certificate();
                    CertificateFacts {
                        parsed: true,
                        serial_number: tbs.serial_number().as_bytes().to_vec(),
                        subject_common_name: tbs
                            .subject()
                            .common_name()
                            .ok()
                            .flatten()
                            .map(String::from),
                    }
                }
                Err(_) => CertificateFacts::default(),
            })
    }

    /// Without the `receipt` feature no certificate is ever read, so there are no facts.
    #[cfg(not(feature = "receipt"))]
    fn facts(&self) -> &CertificateFacts {
        self.facts.get_or_init(CertificateFacts::default)
    }

    /// The DER bytes as received.
    pub fn der(&self) -> &Bytes {
        &self.der
    }

    /// Whether the bytes parsed as an X.509 certificate.
    pub fn is_parsed(&self) -> bool {
        self.facts().parsed
    }

    /// The serial number as big-endian bytes; empty when the certificate did not parse.
    pub fn serial_number(&self) -> &[u8] {
        &self.facts().serial_number
    }

    /// The serial number as an integer, when it fits in 128 bits.
    pub fn serial_number_u128(&self) -> Option<u128> {
        let serial_number = self.serial_number();
        let bytes = match serial_number.iter().position(|&b| b != 0) {
            Some(start) => serial_number.get(start..)?,
            None => &[],
        };
        if bytes.len() > 16 || serial_number.is_empty() {
            return None;
        }
        Some(bytes.iter().fold(0u128, |n, &b| (n << 8) | u128::from(b)))
    }

    /// The subject's common name (CN), when there is one.
    pub fn subject_common_name(&self) -> Option<&str> {
        self.facts().subject_common_name.as_deref()
    }

    /// The full certificate, parsed again from [`der`](Self::der).
    ///
    /// # Errors
    ///
    /// The DER error when the bytes are not a certificate.
    #[cfg(feature = "receipt")]
    pub fn to_x509(&self) -> Result<Certificate, x509_cert::der::Error> {
        Certificate::from_der(&self.der)
    }
}

/// The anchor type and value of the first Yoti extension of a DER certificate, read without a
/// full X.509 parse: `Certificate` → `TBSCertificate` → extensions `[3]` → each `Extension`'s
/// OID and `extnValue`. The outline is checked (every element `x509-cert` requires, in order,
/// with minimal DER lengths and nothing trailing; the version; every extension), so truncated or
/// mis-framed bytes are `None`. The contents of names, times and keys are not checked: the
/// anchor was never trusted because the certificate parsed (no signature is verified), and
/// [`AnchorCertificate::is_parsed`] still reports the full parse.
#[cfg(feature = "receipt")]
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
#[cfg(feature = "receipt")]
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
#[cfg(feature = "receipt")]
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
#[cfg(feature = "receipt")]
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

#[cfg(all(test, feature = "receipt"))]
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
        let anchor = Anchor::from_protobuf(&proto::Anchor {
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
