//! Anchors whose certificates are mutated, as property tests with a bounded number of cases (the
//! `profile_protobuf` fuzz target does the same without a bound).

mod common;

use bytes::Bytes;
use proptest::prelude::*;
use prost::Message;
use yoti_protocol::convert;
use yoti_protocol::proto::{self, AttributeList, ContentType};

/// A serialised certificate-carrying anchor from the fixtures.
fn anchor_fixture(index: usize) -> Vec<u8> {
    const NAMES: [&str; 4] = [
        "anchor-passport.b64",
        "anchor-driving-licence.b64",
        "anchor-yoti-admin.b64",
        "anchor-unknown.b64",
    ];
    common::protobuf_fixture(NAMES[index % NAMES.len()]).to_vec()
}

fn flip(mut bytes: Vec<u8>, position: prop::sample::Index, bit: u8) -> Vec<u8> {
    if !bytes.is_empty() {
        let at = position.index(bytes.len());
        bytes[at] ^= 1 << bit;
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Anchors whose certificates are flipped anywhere: the anchor decodes (an unparsable
    /// certificate makes it UNKNOWN), and so does an attribute carrying it.
    #[test]
    fn mutated_anchor_certificates_never_panic(
        which in 0usize..4,
        position in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let original = anchor_fixture(which);
        let mut anchor = proto::Anchor::decode(Bytes::from(original)).unwrap();
        for certificate in &mut anchor.origin_server_certs {
            *certificate = flip(certificate.to_vec(), position, bit).into();
        }
        anchor.signed_time_stamp = flip(anchor.signed_time_stamp.to_vec(), position, bit).into();
        let decoded = convert::anchor(&anchor);
        for certificate in decoded.certificates() {
            let _ = (certificate.serial_number_u128(), certificate.subject_common_name());
        }
        let list = AttributeList {
            attributes: vec![proto::Attribute {
                name: "full_name".into(),
                value: "Jane Doe".into(),
                content_type: ContentType::String as i32,
                anchors: vec![anchor],
                ..proto::Attribute::default()
            }],
        };
        let profile = convert::profile(list.encode_to_vec().into()).unwrap();
        prop_assert_eq!(profile.full_name().unwrap().anchors().len(), 1);
        // The whole serialised anchor, flipped, is a decoded anchor or a protobuf error.
        let _ = convert::decode_anchor(Bytes::from(flip(anchor_fixture(which), position, bit)));
    }
}
