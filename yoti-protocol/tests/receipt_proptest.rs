//! Property tests: receipts produced by `receipt::encrypt` decrypt back to what was put in, and
//! no mutation of a valid receipt or wrapped item key makes decoding panic.

use std::sync::OnceLock;
use yoti_protocol::convert;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use proptest::collection::vec;
use proptest::prelude::*;
use prost::Message;
use yoti_policy::profile::ExtraData;
use yoti_protocol::proto::{self, AttributeList, ContentType, DataEntry, DataEntryType};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::{ProducedReceipt, produce_receipt};
use yoti_protocol::receipt::{
    PrivateKey, Receipt, ReceiptError, ReceiptMetadata, ReceiptResponse, WrappedItemKey,
};

/// One key for the whole binary: RSA key generation is far slower than a test case.
fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| {
        PrivateKey::from_pem_file(yoti_test_support::vector_path("keys/node-2048.pem")).unwrap()
    })
}

fn metadata() -> ReceiptMetadata {
    ReceiptMetadata {
        id: "cHJvcGVydHktdGVzdA==".into(),
        session_id: "ss.v2.property".into(),
        timestamp: "2025-01-01T00:00:00Z".into(),
        remember_me_id: Some("remember-me".into()),
        parent_remember_me_id: Some("parent".into()),
    }
}

fn attribute() -> impl Strategy<Value = proto::Attribute> {
    let name = "[a-z][a-z_]{0,19}";
    let value = prop_oneof![
        "\\PC{0,40}".prop_map(|s| (ContentType::String, s.into_bytes())),
        vec(any::<u8>(), 1..200).prop_map(|b| (ContentType::Jpeg, b)),
        vec(any::<u8>(), 1..200).prop_map(|b| (ContentType::Png, b)),
        (1900u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| {
            (
                ContentType::Date,
                format!("{y:04}-{m:02}-{d:02}").into_bytes(),
            )
        }),
        any::<i64>().prop_map(|i| (ContentType::Int, i.to_string().into_bytes())),
    ];
    (name, value, "[a-z0-9]{0,12}").prop_map(|(name, (content_type, value), ephemeral_id)| {
        proto::Attribute {
            name,
            value: value.into(),
            content_type: content_type as i32,
            ephemeral_id,
            ..proto::Attribute::default()
        }
    })
}

fn attribute_list() -> impl Strategy<Value = AttributeList> {
    vec(attribute(), 0..8).prop_map(|attributes| AttributeList { attributes })
}

fn extra_data() -> impl Strategy<Value = proto::ExtraData> {
    vec(("[a-zA-Z]{1,20}", vec("[a-z.]{1,20}", 0..3)), 0..3).prop_map(|entries| proto::ExtraData {
        list: entries
            .into_iter()
            .map(|(token, names)| DataEntry {
                r#type: DataEntryType::ThirdPartyAttribute as i32,
                value: proto::ThirdPartyAttribute {
                    issuance_token: token.into_bytes().into(),
                    issuing_attributes: Some(proto::IssuingAttributes {
                        expiry_date: String::new(),
                        definitions: names
                            .into_iter()
                            .map(|name| proto::Definition { name })
                            .collect(),
                    }),
                }
                .encode_to_vec()
                .into(),
            })
            .collect(),
    })
}

fn produce(content: &ReceiptContent) -> ProducedReceipt {
    produce_receipt(&key().public_key(), &metadata(), "item-key-id", content).unwrap()
}

fn decrypt(receipt: &[u8], item_key: &[u8]) -> Result<Receipt, ReceiptError> {
    Receipt::decrypt(receipt, item_key, key())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn attribute_lists_round_trip(
        user in attribute_list(),
        application in attribute_list(),
        user_extra in proptest::option::of(extra_data()),
    ) {
        let content = ReceiptContent {
            application_profile: Some(application.encode_to_vec().into()),
            application_extra_data: None,
            user_profile: Some(user.encode_to_vec().into()),
            user_extra_data: user_extra.as_ref().map(|extra| extra.encode_to_vec().into()),
        };
        let produced = produce(&content);

        // The plaintexts come back byte for byte and decode to equal lists.
        let encrypted = ReceiptResponse::from_json(produced.receipt_json.as_bytes())
            .unwrap()
            .into_success()
            .unwrap();
        let item_key = WrappedItemKey::from_json(produced.wrapped_item_key_json.as_bytes()).unwrap();
        let plain = encrypted.decrypt_with(&item_key, key()).unwrap();
        let user_plain = plain.user_profile.clone().unwrap();
        prop_assert_eq!(AttributeList::decode(user_plain.clone()).unwrap(), user.clone());
        prop_assert_eq!(
            AttributeList::decode(plain.application_profile.clone().unwrap()).unwrap(),
            application.clone()
        );
        prop_assert_eq!(plain.application_extra_data.clone(), None);

        // And the one call gives the same profiles as decoding the plaintexts directly.
        let receipt = decrypt(
            produced.receipt_json.as_bytes(),
            produced.wrapped_item_key_json.as_bytes(),
        )
        .unwrap();
        let expected_user = convert::profile(user.encode_to_vec().into()).unwrap();
        prop_assert_eq!(receipt.user(), &expected_user);
        prop_assert_eq!(receipt.user_profile(), &expected_user);
        let expected_application =
            convert::profile(application.encode_to_vec().into()).unwrap();
        prop_assert_eq!(receipt.application_profile().profile(), &expected_application);
        let expected_extra = match &user_extra {
            Some(extra) => convert::extra_data(extra.encode_to_vec().into()).unwrap(),
            None => ExtraData::default(),
        };
        prop_assert_eq!(receipt.user_extra_data(), &expected_extra);
        prop_assert_eq!(receipt.metadata(), &metadata());
    }

    /// Any change to the key material is the decryption error (RSA padding and the GCM tag
    /// protect it).
    #[test]
    fn key_material_mutations_are_decryption_errors(
        target in 0usize..3,
        position in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let produced = produce(&ReceiptContent {
            user_profile: Some(vec![0x0a, 0x00].into()),
            ..ReceiptContent::default()
        });
        let mut receipt: serde_json::Value = serde_json::from_str(&produced.receipt_json).unwrap();
        let mut item_key: serde_json::Value =
            serde_json::from_str(&produced.wrapped_item_key_json).unwrap();
        let field = match target {
            0 => &mut receipt["wrappedKey"],
            1 => &mut item_key["iv"],
            _ => &mut item_key["value"],
        };
        let mut bytes = STANDARD.decode(field.as_str().unwrap()).unwrap();
        let at = position.index(bytes.len());
        bytes[at] ^= 1 << bit;
        *field = STANDARD.encode(bytes).into();
        let result = decrypt(
            &serde_json::to_vec(&receipt).unwrap(),
            &serde_json::to_vec(&item_key).unwrap(),
        );
        prop_assert!(matches!(result, Err(ReceiptError::Decryption(_))), "{:?}", result.err());
    }

    /// Truncations, wrong base64 and wrong lengths anywhere are errors.
    #[test]
    fn truncations_and_bad_encodings_are_errors(
        field in prop::sample::select(vec![
            "wrappedKey", "iv", "value", "content.profile", "otherPartyContent.profile",
        ]),
        cut in 1usize..64,
        kind in 0usize..3,
    ) {
        let produced = produce(&ReceiptContent {
            application_profile: Some(vec![0x0a, 0x00].into()),
            user_profile: Some(vec![0x0a, 0x00].into()),
            ..ReceiptContent::default()
        });
        let mut receipt: serde_json::Value = serde_json::from_str(&produced.receipt_json).unwrap();
        let mut item_key: serde_json::Value =
            serde_json::from_str(&produced.wrapped_item_key_json).unwrap();
        let slot = match field {
            "wrappedKey" => &mut receipt["wrappedKey"],
            "iv" => &mut item_key["iv"],
            "value" => &mut item_key["value"],
            "content.profile" => &mut receipt["content"]["profile"],
            _ => &mut receipt["otherPartyContent"]["profile"],
        };
        let bytes = STANDARD.decode(slot.as_str().unwrap()).unwrap();
        *slot = match kind {
            0 => STANDARD.encode(&bytes[..bytes.len().saturating_sub(cut)]).into(),
            1 => format!("{}*", slot.as_str().unwrap()).into(),
            _ => {
                let mut longer = bytes.clone();
                longer.extend(std::iter::repeat_n(0u8, cut));
                STANDARD.encode(longer).into()
            }
        };
        // An empty content field is "no content", not an error.
        let emptied = kind == 0 && bytes.len() <= cut && field.contains("profile");
        let result = decrypt(
            &serde_json::to_vec(&receipt).unwrap(),
            &serde_json::to_vec(&item_key).unwrap(),
        );
        prop_assert!(result.is_err() || emptied, "{field} kind {kind} cut {cut}");
    }

    /// Bit flips in content blobs (unauthenticated CBC) and garbage plaintexts never panic.
    #[test]
    fn content_mutations_never_panic(
        position in any::<prop::sample::Index>(),
        bit in 0u8..8,
        garbage in vec(any::<u8>(), 0..64),
    ) {
        let list = AttributeList {
            attributes: vec![proto::Attribute {
                name: "full_name".into(),
                value: "Jane Doe".into(),
                content_type: ContentType::String as i32,
                ..proto::Attribute::default()
            }],
        };
        let produced = produce(&ReceiptContent {
            user_profile: Some(list.encode_to_vec().into()),
            user_extra_data: Some(garbage.into()),
            ..ReceiptContent::default()
        });
        let mut receipt: serde_json::Value = serde_json::from_str(&produced.receipt_json).unwrap();
        let slot = &mut receipt["otherPartyContent"]["profile"];
        let mut bytes = STANDARD.decode(slot.as_str().unwrap()).unwrap();
        let at = position.index(bytes.len());
        bytes[at] ^= 1 << bit;
        *slot = STANDARD.encode(bytes).into();
        let _ = decrypt(
            &serde_json::to_vec(&receipt).unwrap(),
            produced.wrapped_item_key_json.as_bytes(),
        );
    }

    /// Arbitrary bytes as either body are errors, never panics.
    #[test]
    fn arbitrary_bodies_are_errors(receipt in vec(any::<u8>(), 0..200), item_key in vec(any::<u8>(), 0..200)) {
        prop_assert!(decrypt(&receipt, &item_key).is_err());
        let valid = produce(&ReceiptContent::default());
        prop_assert!(decrypt(valid.receipt_json.as_bytes(), &item_key).is_err());
    }
}
