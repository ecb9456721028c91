//! Anchors: where an attribute's value comes from (SOURCE) and who checked it (VERIFIER),
//! carried as X.509 certificates with a Yoti extension (PROTOCOL 12).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[cfg(feature = "receipt")]
use crate::der::tlv;
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
/// ```
/// use yoti_policy::profile::{Anchor, AnchorType};
///
/// let anchor = Anchor::new(AnchorType::Source, "PASSPORT").with_sub_type("OCR");
/// assert_eq!(anchor.anchor_type(), AnchorType::Source);
/// assert_eq!(anchor.value(), "PASSPORT");
/// assert_eq!(anchor.sub_type(), "OCR");
/// assert_eq!(anchor.signed_timestamp_micros(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// Interprets an `Anchor` message. Never fails: an anchor whose certificates do not parse or
    /// carry no Yoti extension is [`AnchorType::Unknown`] with an empty value, and a signed
    /// timestamp that is absent or does not parse counts as 0.
    #[cfg(feature = "receipt")]
    pub fn from_protobuf(anchor: &proto::Anchor) -> Self {
        let certificates: Vec<AnchorCertificate> = anchor
            .origin_server_certs
            .iter()
            .map(|der| AnchorCertificate::parse(der.clone()))
            .collect();
        let (anchor_type, value) = certificates
            .iter()
            .find_map(|certificate| certificate.anchor.clone())
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

/// One DER certificate of an [`Anchor`], with the facts read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorCertificate {
    der: Bytes,
    parsed: bool,
    serial_number: Vec<u8>,
    subject_common_name: Option<String>,
    anchor: Option<(AnchorType, String)>,
}

impl AnchorCertificate {
    #[cfg(feature = "receipt")]
    fn parse(der: Bytes) -> Self {
        match Certificate::from_der(&der) {
            Ok(certificate) => {
                let tbs = certificate.tbs_certificate();
                let anchor = tbs.extensions().and_then(|extensions| {
                    extensions.iter().find_map(|extension| {
                        let anchor_type = if extension.extn_id == SOURCE {
                            AnchorType::Source
                        } else if extension.extn_id == VERIFIER {
                            AnchorType::Verifier
                        } else {
                            return None;
                        };
                        let value =
                            anchor_value(extension.extn_value.as_bytes()).unwrap_or_default();
                        Some((anchor_type, value))
                    })
                });
                AnchorCertificate {
                    serial_number: tbs.serial_number().as_bytes().to_vec(),
                    subject_common_name: tbs
                        .subject()
                        .common_name()
                        .ok()
                        .flatten()
                        .map(String::from),
                    anchor,
                    parsed: true,
                    der,
                }
            }
            Err(_) => AnchorCertificate {
                der,
                parsed: false,
                serial_number: Vec::new(),
                subject_common_name: None,
                anchor: None,
            },
        }
    }

    /// The DER bytes as received.
    pub fn der(&self) -> &Bytes {
        &self.der
    }

    /// Whether the bytes parsed as an X.509 certificate.
    pub fn is_parsed(&self) -> bool {
        self.parsed
    }

    /// The serial number as big-endian bytes; empty when the certificate did not parse.
    pub fn serial_number(&self) -> &[u8] {
        &self.serial_number
    }

    /// The serial number as an integer, when it fits in 128 bits.
    pub fn serial_number_u128(&self) -> Option<u128> {
        let bytes = match self.serial_number.iter().position(|&b| b != 0) {
            Some(start) => self.serial_number.get(start..)?,
            None => &[],
        };
        if bytes.len() > 16 || self.serial_number.is_empty() {
            return None;
        }
        Some(bytes.iter().fold(0u128, |n, &b| (n << 8) | u128::from(b)))
    }

    /// The subject's common name (CN), when there is one.
    pub fn subject_common_name(&self) -> Option<&str> {
        self.subject_common_name.as_deref()
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
