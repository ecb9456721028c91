//! Anchors: where an attribute's value comes from (SOURCE) and who checked it (VERIFIER),
//! carried as X.509 certificates with a Yoti extension (docs/protocol.md, "Anchors").

use std::fmt;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::redact::Len;
use bytes::Bytes;

/// The extension OID that makes an anchor a SOURCE.
pub const SOURCE_OID: &str = "1.3.6.1.4.1.47127.1.1.1";
/// The extension OID that makes an anchor a VERIFIER.
pub const VERIFIER_OID: &str = "1.3.6.1.4.1.47127.1.1.2";

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
/// `Debug` is one line: the anchor type, the sub type (how the value was read, e.g. `OCR`,
/// `NFC`), the signed timestamp and how many certificates there are. It leaves out the value and
/// the certificates' subjects, which name the kind of document the person showed, and the
/// kilobytes of DER.
///
/// ```
/// use yoti_policy::profile::{Anchor, AnchorType};
///
/// let anchor = Anchor::new(AnchorType::Source, "PASSPORT").with_sub_type("OCR");
/// assert_eq!(anchor.anchor_type(), AnchorType::Source);
/// assert_eq!(anchor.value(), "PASSPORT");
/// assert_eq!(anchor.sub_type(), "OCR");
/// assert_eq!(anchor.signed_timestamp_micros(), 0);
/// assert_eq!(
///     format!("{anchor:?}"),
///     r#"Anchor { anchor_type: Source, sub_type: "OCR", timestamp: 1970-01-01T00:00:00.000000Z, certificates: 0, .. }"#
/// );
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

    /// Sets the certificates, in receipt order. The anchor type and value stay as given: they
    /// are not read from these certificates.
    #[must_use]
    pub fn with_certificates(mut self, certificates: Vec<AnchorCertificate>) -> Self {
        self.certificates = certificates;
        self
    }

    /// Sets the raw `artifact_link`.
    #[must_use]
    pub fn with_artifact_link(mut self, artifact_link: Bytes) -> Self {
        self.artifact_link = artifact_link;
        self
    }

    /// Sets the raw `artifact_signature`.
    #[must_use]
    pub fn with_artifact_signature(mut self, artifact_signature: Bytes) -> Self {
        self.artifact_signature = artifact_signature;
        self
    }

    /// Sets the raw `signature`.
    #[must_use]
    pub fn with_signature(mut self, signature: Bytes) -> Self {
        self.signature = signature;
        self
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
    // The X.509 parser lives with the protobuf decoding, in the crate that reads anchors.
    read: fn(&[u8]) -> CertificateFacts,
}

impl fmt::Debug for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Anchor")
            .field("anchor_type", &self.anchor_type)
            .field("sub_type", &self.sub_type)
            .field("timestamp", &Timestamp(self.signed_timestamp_micros))
            .field("certificates", &self.certificates.len())
            .finish_non_exhaustive()
    }
}

/// A signed timestamp in an anchor's `Debug`, as RFC 3339 text.
struct Timestamp(u64);

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::rfc3339::format_utc(
            Duration::from_micros(self.0),
            6,
        ))
    }
}

impl fmt::Debug for AnchorCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnchorCertificate")
            .field("der", &Len(self.der.len()))
            .finish_non_exhaustive()
    }
}

/// What a full X.509 parse of an anchor certificate yields; the default is "did not parse".
#[derive(Debug, Clone, Default)]
pub struct CertificateFacts {
    parsed: bool,
    serial_number: Vec<u8>,
    subject_common_name: Option<String>,
}

impl CertificateFacts {
    /// The facts of a certificate that parsed.
    pub fn parsed(serial_number: Vec<u8>, subject_common_name: Option<String>) -> Self {
        CertificateFacts {
            parsed: true,
            serial_number,
            subject_common_name,
        }
    }
}

impl PartialEq for AnchorCertificate {
    fn eq(&self, other: &Self) -> bool {
        // Every fact is read from the DER bytes.
        self.der == other.der
    }
}

impl Eq for AnchorCertificate {}

impl AnchorCertificate {
    /// A certificate whose facts `read` finds in the DER bytes, the first time one is asked for.
    pub(crate) fn with_reader(der: Bytes, read: fn(&[u8]) -> CertificateFacts) -> Self {
        AnchorCertificate {
            der,
            facts: OnceLock::new(),
            read,
        }
    }

    fn facts(&self) -> &CertificateFacts {
        self.facts.get_or_init(|| (self.read)(&self.der))
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
}
