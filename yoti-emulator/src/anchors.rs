//! Anchors: X.509 certificates carrying Yoti's SOURCE or VERIFIER extension (docs/protocol.md,
//! "Anchors"), made with `rcgen` and signed by one key per emulator, plus the signed timestamp.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::SystemTime;

use bytes::Bytes;
use prost::Message;
use rcgen::{CertificateParams, CustomExtension, DnType, KeyPair, SerialNumber};
use yoti_protocol::proto;

use crate::{ids, times};

/// `1.3.6.1.4.1.47127.1.1.1`
const SOURCE_OID: &[u64] = &[1, 3, 6, 1, 4, 1, 47127, 1, 1, 1];
/// `1.3.6.1.4.1.47127.1.1.2`
const VERIFIER_OID: &[u64] = &[1, 3, 6, 1, 4, 1, 47127, 1, 1, 2];

/// How many anchor certificates are cached (far more than the persona's dozen values).
const MAX_CACHED_CERTIFICATES: usize = 256;

/// Whether an anchor says where the value comes from or who checked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AnchorKind {
    Source,
    Verifier,
}

/// An anchor before it becomes protobuf: kind, value (`PASSPORT`, `YOTI_ADMIN`, ...), sub type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct AnchorSpec {
    pub(crate) kind: AnchorKind,
    pub(crate) value: String,
    pub(crate) sub_type: String,
}

impl AnchorSpec {
    pub(crate) fn source(value: &str, sub_type: &str) -> Self {
        AnchorSpec {
            kind: AnchorKind::Source,
            value: value.to_owned(),
            sub_type: sub_type.to_owned(),
        }
    }

    pub(crate) fn verifier(value: &str) -> Self {
        AnchorSpec {
            kind: AnchorKind::Verifier,
            value: value.to_owned(),
            sub_type: String::new(),
        }
    }
}

/// Why an anchor certificate could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the anchor certificate could not be made: {0}")]
pub(crate) struct AnchorError(String);

/// Makes anchor certificates, one per (kind, value), cached.
pub(crate) struct AnchorIssuer {
    key: KeyPair,
    certificates: Mutex<HashMap<(AnchorKind, String), Bytes>>,
}

impl AnchorIssuer {
    pub(crate) fn new() -> Result<Self, AnchorError> {
        Ok(AnchorIssuer {
            // RSA like Yoti's anchor certificates: the official Node SDK (node-forge) cannot
            // read a certificate whose public key is not RSA.
            key: KeyPair::generate_for(&rcgen::PKCS_RSA_SHA256)
                .map_err(|e| AnchorError(e.to_string()))?,
            certificates: Mutex::new(HashMap::new()),
        })
    }

    /// The protobuf anchor: the certificate, the sub type and a signed timestamp of `at`.
    pub(crate) fn anchor(
        &self,
        spec: &AnchorSpec,
        at: SystemTime,
    ) -> Result<proto::Anchor, AnchorError> {
        let timestamp = proto::SignedTimestamp {
            version: 1,
            timestamp: times::epoch_micros(at),
            ..proto::SignedTimestamp::default()
        };
        Ok(proto::Anchor {
            origin_server_certs: vec![self.certificate(spec.kind, &spec.value)?],
            sub_type: spec.sub_type.clone(),
            signed_time_stamp: timestamp.encode_to_vec().into(),
            ..proto::Anchor::default()
        })
    }

    fn certificate(&self, kind: AnchorKind, value: &str) -> Result<Bytes, AnchorError> {
        let key = (kind, value.to_owned());
        if let Some(der) = self.lock().get(&key) {
            return Ok(der.clone());
        }
        let der = self.make_certificate(kind, value)?;
        let mut cache = self.lock();
        // Anchor values come from share requests: past the bound, certificates are made afresh.
        if cache.len() < MAX_CACHED_CERTIFICATES {
            cache.insert(key, der.clone());
        }
        Ok(der)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(AnchorKind, String), Bytes>> {
        self.certificates
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn make_certificate(&self, kind: AnchorKind, value: &str) -> Result<Bytes, AnchorError> {
        let (oid, role) = match kind {
            AnchorKind::Source => (SOURCE_OID, "source"),
            AnchorKind::Verifier => (VERIFIER_OID, "verifier"),
        };
        let mut params = CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CommonName, format!("yoti-emulator {role} {value}"));
        let serial = ids::random::<16>().map_err(|e| AnchorError(e.to_string()))?;
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                oid,
                extension_value(value),
            ));
        let certificate = params
            .self_signed(&self.key)
            .map_err(|e| AnchorError(e.to_string()))?;
        Ok(Bytes::copy_from_slice(certificate.der()))
    }
}

/// DER `SEQUENCE { [0] IMPLICIT UTF8String value }`.
pub(crate) fn extension_value(value: &str) -> Vec<u8> {
    let inner = tlv(0x80, value.as_bytes());
    tlv(0x30, &inner)
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or_default();
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_values_match_the_protocol_examples() {
        assert_eq!(
            ids::hex(&extension_value("PASSPORT")),
            "300a800850415353504f5254"
        );
        assert_eq!(
            ids::hex(&extension_value("DRIVING_LICENCE")),
            "3011800f44524956494e475f4c4943454e4345"
        );
        let long = "X".repeat(200);
        assert_eq!(
            &extension_value(&long)[..6],
            &[0x30, 0x81, 0xcb, 0x80, 0x81, 0xc8]
        );
    }

    #[test]
    fn anchors_decode_back_to_their_type_and_value() {
        let issuer = AnchorIssuer::new().unwrap();
        let at = SystemTime::now();
        let anchor = issuer
            .anchor(&AnchorSpec::source("PASSPORT", "NFC"), at)
            .unwrap();
        let decoded = yoti_protocol::convert::anchor(&anchor);
        assert_eq!(decoded.anchor_type(), yoti_policy::AnchorType::Source);
        assert_eq!(decoded.value(), "PASSPORT");
        assert_eq!(decoded.sub_type(), "NFC");
        assert_eq!(decoded.signed_timestamp_micros(), times::epoch_micros(at));
        let verifier = issuer
            .anchor(&AnchorSpec::verifier("YOTI_ADMIN"), at)
            .unwrap();
        let decoded = yoti_protocol::convert::anchor(&verifier);
        assert_eq!(decoded.anchor_type(), yoti_policy::AnchorType::Verifier);
        assert_eq!(decoded.value(), "YOTI_ADMIN");
    }

    #[test]
    fn the_certificate_cache_is_bounded_and_anchors_still_made_past_it() {
        let issuer = AnchorIssuer::new().unwrap();
        let at = SystemTime::now();
        for n in 0..MAX_CACHED_CERTIFICATES + 2 {
            let anchor = issuer
                .anchor(&AnchorSpec::verifier(&format!("V{n}")), at)
                .unwrap();
            let decoded = yoti_protocol::convert::anchor(&anchor);
            assert_eq!(decoded.value(), format!("V{n}"));
        }
        assert_eq!(issuer.lock().len(), MAX_CACHED_CERTIFICATES);
    }
}
