//! Extra data and third-party attribute issuance details (docs/protocol.md, "Extra data";
//! test-vectors/README.md).

use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use prost::Message;
use yoti_policy::profile::{AttributeIssuanceDetails, ExtraData};
use yoti_protocol::convert::{self, ProfileError};
use yoti_protocol::proto::{
    self, DataEntry, DataEntryType, IssuingAttributes, ThirdPartyAttribute,
};

mod common;
use common::protobuf_fixture;

// 2019-10-15T22:04:05.123Z
fn fixture_expiry() -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_millis(1_571_177_045_123)
}

#[test]
fn extra_data_fixture() {
    let extra = convert::extra_data(protobuf_fixture("extra-data.b64")).unwrap();
    assert_eq!(extra.all_attribute_issuance_details().len(), 1);
    let details = extra.attribute_issuance_details().unwrap();
    assert_eq!(details.token(), "c29tZUlzc3VhbmNlVG9rZW4=");
    assert_eq!(details.expiry(), Some(fixture_expiry()));
    assert_eq!(details.expiry_text(), "2019-10-15T22:04:05.123Z");
    assert_eq!(
        details.definitions(),
        ["com.thirdparty.id", "com.thirdparty.other_id"]
    );
}

#[test]
fn third_party_issuance_details_fixture() {
    let message =
        ThirdPartyAttribute::decode(protobuf_fixture("third-party-issuance-details.b64")).unwrap();
    let details = convert::issuance_details(message).unwrap();
    assert_eq!(details.token(), "c29tZUlzc3VhbmNlVG9rZW4=");
    assert_eq!(details.expiry(), Some(fixture_expiry()));
    assert_eq!(details.definitions(), ["com.thirdparty.id"]);
}

fn entry(kind: DataEntryType, third_party: &ThirdPartyAttribute) -> DataEntry {
    DataEntry {
        r#type: kind as i32,
        value: third_party.encode_to_vec().into(),
    }
}

fn third_party(token: &'static [u8], expiry: &str) -> ThirdPartyAttribute {
    ThirdPartyAttribute {
        issuance_token: Bytes::from_static(token),
        issuing_attributes: Some(IssuingAttributes {
            expiry_date: expiry.into(),
            definitions: vec![proto::Definition {
                name: "com.example.id".into(),
            }],
        }),
    }
}

fn read(list: Vec<DataEntry>) -> ExtraData {
    convert::extra_data(proto::ExtraData { list }.encode_to_vec().into()).unwrap()
}

#[test]
fn only_third_party_entries_with_a_token_are_kept() {
    let extra = read(vec![
        entry(DataEntryType::Invoice, &third_party(b"invoice", "")),
        entry(DataEntryType::ThirdPartyAttribute, &third_party(b"", "")),
        DataEntry {
            r#type: DataEntryType::ThirdPartyAttribute as i32,
            value: Bytes::from_static(&[0x0a, 0xff]),
        },
        entry(
            DataEntryType::ThirdPartyAttribute,
            &third_party(b"\xff\x00", ""),
        ),
        entry(
            DataEntryType::ThirdPartyAttribute,
            &third_party(b"second", ""),
        ),
    ]);
    let tokens: Vec<_> = extra
        .all_attribute_issuance_details()
        .iter()
        .map(AttributeIssuanceDetails::token)
        .collect();
    assert_eq!(tokens, ["/wA=", "c2Vjb25k"]);
    assert_eq!(extra.attribute_issuance_details().unwrap().token(), "/wA=");
}

#[test]
fn expiry_absent_or_unparsable_keeps_the_entry_without_expiry() {
    for expiry in ["", "tomorrow", "2019-10-15", "2019-02-30T00:00:00Z"] {
        let extra = read(vec![entry(
            DataEntryType::ThirdPartyAttribute,
            &third_party(b"token", expiry),
        )]);
        let details = extra.attribute_issuance_details().unwrap();
        assert_eq!(details.expiry(), None, "{expiry}");
        assert_eq!(details.expiry_text(), expiry);
        assert_eq!(details.definitions(), ["com.example.id"]);
    }
    let no_issuing = ThirdPartyAttribute {
        issuance_token: Bytes::from_static(b"token"),
        issuing_attributes: None,
    };
    let extra = read(vec![entry(DataEntryType::ThirdPartyAttribute, &no_issuing)]);
    let details = extra.attribute_issuance_details().unwrap();
    assert_eq!(details.expiry(), None);
    assert!(details.definitions().is_empty());
}

#[test]
fn expiry_with_an_offset() {
    let extra = read(vec![entry(
        DataEntryType::ThirdPartyAttribute,
        &third_party(b"token", "2019-10-16T00:04:05.123+02:00"),
    )]);
    assert_eq!(
        extra.attribute_issuance_details().unwrap().expiry(),
        Some(fixture_expiry())
    );
}

#[test]
fn empty_extra_data_has_no_details() {
    let extra = convert::extra_data(Bytes::new()).unwrap();
    assert_eq!(extra.attribute_issuance_details(), None);
}

#[test]
fn garbage_is_an_extra_data_error() {
    let error = convert::extra_data(Bytes::from_static(&[0x0a, 0xff, 0xff])).unwrap_err();
    assert_eq!(error, ProfileError::ExtraData);
    assert_eq!(
        error.to_string(),
        "the decrypted extra data is not a valid ExtraData protobuf"
    );
}
