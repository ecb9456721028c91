//! The application profile of a receipt (the synthetic receipt's `content.profile` values).

use prost::Message;
use yoti_policy::ImageFormat;
use yoti_policy::profile::ApplicationProfile;
use yoti_protocol::convert;
use yoti_protocol::proto::{self, ContentType};

fn attribute(name: &str, content_type: ContentType, value: &'static [u8]) -> proto::Attribute {
    proto::Attribute {
        name: name.to_owned(),
        value: value.into(),
        content_type: content_type as i32,
        ..proto::Attribute::default()
    }
}

fn application(attributes: Vec<proto::Attribute>) -> ApplicationProfile {
    let list = proto::AttributeList { attributes };
    ApplicationProfile::from_profile(&convert::profile(list.encode_to_vec().into()).unwrap())
}

#[test]
fn the_empty_logo_is_dropped_and_the_rest_is_read() {
    let application = application(vec![
        attribute("application_logo", ContentType::Jpeg, b""),
        attribute(
            "application_url",
            ContentType::String,
            b"https://example.com",
        ),
        attribute("application_name", ContentType::String, b"Node SDK Test"),
        attribute(
            "application_receipt_bgcolor",
            ContentType::String,
            b"#ffffff",
        ),
    ]);
    assert_eq!(application.name(), Some("Node SDK Test"));
    assert_eq!(application.url(), Some("https://example.com"));
    assert_eq!(application.receipt_bgcolor(), Some("#ffffff"));
    assert_eq!(application.logo(), None);
    assert_eq!(application.profile().len(), 3);
}

#[test]
fn a_png_logo() {
    let application = application(vec![attribute(
        "application_logo",
        ContentType::Png,
        b"\x89PNG",
    )]);
    let logo = application.logo().unwrap();
    assert_eq!(logo.format(), ImageFormat::Png);
    assert_eq!(logo.data(), &b"\x89PNG"[..]);
    assert_eq!(application.name(), None);
}
