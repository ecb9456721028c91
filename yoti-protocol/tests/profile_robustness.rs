//! Arbitrary input never panics: protobuf bytes, dates, document details, age checks, and the
//! image bytes of a profile share the decrypted buffer instead of copying it.

use bytes::Bytes;
use proptest::prelude::*;
use prost::Message;
use yoti_policy::{AgeVerification, Date, DocumentDetails};
use yoti_protocol::convert;
use yoti_protocol::proto::{self, ContentType, MultiValue, MultiValueItem};

proptest! {
    #[test]
    fn any_bytes_are_a_profile_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = convert::profile(Bytes::from(bytes.clone()));
        let _ = convert::extra_data(Bytes::from(bytes.clone()));
        let _ = convert::decode_anchor(Bytes::from(bytes));
    }

    #[test]
    fn any_attribute_value_converts_or_is_dropped(
        content_type in 0i32..10,
        value in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let list = proto::AttributeList {
            attributes: vec![proto::Attribute {
                name: "a".into(),
                value: value.into(),
                content_type,
                ..proto::Attribute::default()
            }],
        };
        let profile = convert::profile(list.encode_to_vec().into()).unwrap();
        prop_assert!(profile.len() <= 1);
    }

    #[test]
    fn any_text_parses_or_is_an_error(text in ".{0,40}", digits in "[0-9:-]{0,16}") {
        let _ = text.parse::<Date>();
        let _ = digits.parse::<Date>();
        let _ = text.parse::<DocumentDetails>();
        let _ = AgeVerification::parse(&text, &digits);
        let _ = AgeVerification::parse(&format!("age_over:{digits}"), "true");
    }

    #[test]
    fn valid_dates_round_trip(year in 0u16..=9999, month in 1u8..=12, day in 1u8..=28) {
        let date = Date::from_ymd(year, month, day).unwrap();
        prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
    }
}

#[test]
fn images_share_the_decrypted_buffer() {
    let selfie = vec![0xffu8; 4096];
    let images = MultiValue {
        values: vec![MultiValueItem {
            content_type: ContentType::Png as i32,
            data: vec![0x89u8; 1024].into(),
        }],
    };
    let list = proto::AttributeList {
        attributes: vec![
            proto::Attribute {
                name: "selfie".into(),
                value: selfie.into(),
                content_type: ContentType::Jpeg as i32,
                ..proto::Attribute::default()
            },
            proto::Attribute {
                name: "document_images".into(),
                value: images.encode_to_vec().into(),
                content_type: ContentType::MultiValue as i32,
                ..proto::Attribute::default()
            },
        ],
    };
    let plaintext = Bytes::from(list.encode_to_vec());
    let range = plaintext.as_ptr_range();
    let profile = convert::profile(plaintext.clone()).unwrap();
    let inside =
        |data: &Bytes| range.contains(&data.as_ptr()) && data.as_ptr_range().end <= range.end;
    let selfie = profile.selfie().unwrap();
    assert_eq!(selfie.value().data().len(), 4096);
    assert!(inside(selfie.value().data()));
    let images = profile.document_images().unwrap();
    assert_eq!(images.value()[0].data().len(), 1024);
    assert!(inside(images.value()[0].data()));
}
