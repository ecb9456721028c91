//! The anchor and date-of-birth fixtures decode to exactly the values of test-vectors/README.md.

use std::time::{Duration, UNIX_EPOCH};
use yoti_protocol::convert;

use bytes::Bytes;
use yoti_policy::AttributeValue;
use yoti_policy::profile::{Anchor, AnchorType};
use yoti_protocol::proto;

mod common;
use common::protobuf_fixture;

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ` of a microsecond timestamp (civil-from-days, Hinnant).
fn utc(micros: u64) -> String {
    let seconds = micros / 1_000_000;
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60,
        micros % 1_000_000
    )
}

struct Expected {
    anchor_type: AnchorType,
    value: &'static str,
    sub_type: &'static str,
    micros: u64,
    utc: &'static str,
    common_name: &'static str,
    serial: Option<u128>,
    associated_source: &'static str,
}

fn check(anchor: &Anchor, expected: &Expected) {
    assert_eq!(anchor.anchor_type(), expected.anchor_type);
    assert_eq!(anchor.value(), expected.value);
    assert_eq!(anchor.sub_type(), expected.sub_type);
    assert_eq!(anchor.signed_timestamp_micros(), expected.micros);
    assert_eq!(
        anchor.signed_timestamp(),
        UNIX_EPOCH + Duration::from_micros(expected.micros)
    );
    assert_eq!(utc(anchor.signed_timestamp_micros()), expected.utc);
    assert_eq!(anchor.associated_source(), expected.associated_source);
    assert_eq!(anchor.certificates().len(), 1);
    let certificate = &anchor.certificates()[0];
    assert!(certificate.is_parsed());
    assert_eq!(
        certificate.subject_common_name(),
        Some(expected.common_name)
    );
    if let Some(serial) = expected.serial {
        assert_eq!(certificate.serial_number_u128(), Some(serial));
    }
    assert!(convert::to_x509(certificate).is_ok());
}

fn check_fixture(file: &str, expected: &Expected, artifact_sizes: bool) {
    let anchor = convert::decode_anchor(protobuf_fixture(file)).unwrap();
    check(&anchor, expected);
    if artifact_sizes {
        assert_eq!(anchor.artifact_link().len(), 55);
        assert_eq!(anchor.artifact_signature().len(), 389);
        assert_eq!(anchor.signature().len(), 389);
    }
}

#[test]
fn passport_source_anchor() {
    check_fixture(
        "anchor-passport.b64",
        &Expected {
            anchor_type: AnchorType::Source,
            value: "PASSPORT",
            sub_type: "OCR",
            micros: 1_523_538_872_835_537,
            utc: "2018-04-12T13:14:32.835537Z",
            common_name: "passport-registration-server",
            serial: Some(277_870_515_583_559_162_487_099_305_254_898_397_834),
            associated_source: "",
        },
        true,
    );
}

#[test]
fn driving_licence_source_anchor() {
    check_fixture(
        "anchor-driving-licence.b64",
        &Expected {
            anchor_type: AnchorType::Source,
            value: "DRIVING_LICENCE",
            sub_type: "",
            micros: 1_523_448_783_923_537,
            utc: "2018-04-11T12:13:03.923537Z",
            common_name: "driving-licence-registration-server",
            serial: Some(46_131_813_624_213_904_216_516_051_554_755_262_812),
            associated_source: "",
        },
        true,
    );
}

#[test]
fn yoti_admin_verifier_anchor() {
    check_fixture(
        "anchor-yoti-admin.b64",
        &Expected {
            anchor_type: AnchorType::Verifier,
            value: "YOTI_ADMIN",
            sub_type: "",
            micros: 1_523_448_784_095_238,
            utc: "2018-04-11T12:13:04.095238Z",
            common_name: "driving-licence-registration-server",
            serial: Some(256_616_937_783_084_706_710_155_170_893_983_549_581),
            associated_source: "DRIVING_LICENCE",
        },
        true,
    );
}

#[test]
fn unknown_anchor_is_kept_with_an_empty_value() {
    check_fixture(
        "anchor-unknown.b64",
        &Expected {
            anchor_type: AnchorType::Unknown,
            value: "",
            sub_type: "TEST UNKNOWN SUB TYPE",
            micros: 1_551_782_711_840_037,
            utc: "2019-03-05T10:45:11.840037Z",
            common_name: "document-registration-server",
            serial: Some(228_164_395_157_066_285_041_920_465_780_950_248_577),
            associated_source: "",
        },
        true,
    );
}

#[test]
fn date_of_birth_attribute_with_source_and_verifier() {
    let message = <proto::Attribute as prost::Message>::decode(protobuf_fixture(
        "attribute-date-of-birth.b64",
    ))
    .unwrap();
    let attribute = convert::attribute(message).unwrap();
    assert_eq!(attribute.name(), "date_of_birth");
    let date = attribute.value().as_date().unwrap();
    assert_eq!(
        (date.year(), date.month(), date.day()),
        (1970, Some(12), Some(1))
    );
    assert_eq!(attribute.ephemeral_id(), "");
    assert_eq!(attribute.anchors().len(), 2);
    check(
        &attribute.anchors()[0],
        &Expected {
            anchor_type: AnchorType::Source,
            value: "PASSPORT",
            sub_type: "OCR",
            micros: 1_551_713_411_315_255,
            utc: "2019-03-04T15:30:11.315255Z",
            common_name: "passport-registration-server",
            serial: Some(83_176_495_488_903_030_719_980_437_947_154_907_563),
            associated_source: "",
        },
    );
    check(
        &attribute.anchors()[1],
        &Expected {
            anchor_type: AnchorType::Verifier,
            value: "YOTI_ADMIN",
            sub_type: "",
            micros: 1_551_713_411_435_950,
            utc: "2019-03-04T15:30:11.435950Z",
            common_name: "passport-registration-server",
            serial: Some(184_959_980_470_576_982_069_233_415_958_272_489_691),
            associated_source: "PASSPORT",
        },
    );
    let sources: Vec<_> = attribute.sources().map(Anchor::value).collect();
    let verifiers: Vec<_> = attribute.verifiers().map(Anchor::value).collect();
    assert_eq!(sources, ["PASSPORT"]);
    assert_eq!(verifiers, ["YOTI_ADMIN"]);
    assert!(!attribute.is_self_asserted());
    assert!(matches!(attribute.value(), AttributeValue::Date(_)));
}

#[test]
fn a_certificate_that_does_not_parse_leaves_the_anchor_unknown() {
    let mut message =
        <proto::Anchor as prost::Message>::decode(protobuf_fixture("anchor-passport.b64")).unwrap();
    let der = message.origin_server_certs[0].clone();
    message.origin_server_certs[0] = der.slice(..der.len() - 1);
    let anchor = convert::anchor(&message);
    assert_eq!(anchor.anchor_type(), AnchorType::Unknown);
    assert_eq!(anchor.value(), "");
    assert_eq!(anchor.sub_type(), "OCR");
    assert!(!anchor.certificates()[0].is_parsed());
    assert_eq!(anchor.certificates()[0].subject_common_name(), None);

    // A later certificate that carries the extension still decides.
    message.origin_server_certs.push(der);
    let anchor = convert::anchor(&message);
    assert_eq!(anchor.anchor_type(), AnchorType::Source);
    assert_eq!(anchor.value(), "PASSPORT");
}

#[test]
fn first_certificate_with_a_yoti_extension_wins() {
    let passport =
        <proto::Anchor as prost::Message>::decode(protobuf_fixture("anchor-passport.b64")).unwrap();
    let admin =
        <proto::Anchor as prost::Message>::decode(protobuf_fixture("anchor-yoti-admin.b64"))
            .unwrap();
    let unknown =
        <proto::Anchor as prost::Message>::decode(protobuf_fixture("anchor-unknown.b64")).unwrap();
    let mut message = unknown.clone();
    message.origin_server_certs = vec![
        unknown.origin_server_certs[0].clone(),
        admin.origin_server_certs[0].clone(),
        passport.origin_server_certs[0].clone(),
    ];
    let anchor = convert::anchor(&message);
    assert_eq!(anchor.anchor_type(), AnchorType::Verifier);
    assert_eq!(anchor.value(), "YOTI_ADMIN");
    assert_eq!(anchor.certificates().len(), 3);
}

#[test]
fn missing_or_garbled_timestamp_is_zero() {
    let mut message =
        <proto::Anchor as prost::Message>::decode(protobuf_fixture("anchor-passport.b64")).unwrap();
    message.signed_time_stamp = Bytes::new();
    assert_eq!(convert::anchor(&message).signed_timestamp_micros(), 0);
    message.signed_time_stamp = Bytes::from_static(&[0x10]);
    let anchor = convert::anchor(&message);
    assert_eq!(anchor.signed_timestamp_micros(), 0);
    assert_eq!(anchor.signed_timestamp(), UNIX_EPOCH);
    assert_eq!(anchor.value(), "PASSPORT");
}

#[test]
fn garbage_anchor_bytes_are_a_protobuf_error() {
    assert!(convert::decode_anchor(Bytes::from_static(&[0x12])).is_err());
}
