//! Every share session configuration Yoti would reject is refused with its own error, whether
//! built in code or read from JSON.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;
use yoti_policy::session::{
    Extension, LocationConstraint, Notification, SessionError, ThirdPartyAttribute,
    TransactionalFlow,
};
use yoti_policy::{Policy, ShareSessionConfiguration};

fn config() -> ShareSessionConfiguration {
    ShareSessionConfiguration::from_policy(Policy::default(), "/done").unwrap()
}

#[test]
fn redirect_uri_is_required() {
    assert_eq!(
        ShareSessionConfiguration::from_policy(Policy::default(), "").unwrap_err(),
        SessionError::EmptyRedirectUri
    );
    let err = serde_json::from_str::<ShareSessionConfiguration>(
        r#"{"policy":{"wanted":[]},"redirectUri":""}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("redirect URI is empty"), "{err}");
    assert!(
        serde_json::from_str::<ShareSessionConfiguration>(r#"{"policy":{"wanted":[]}}"#).is_err()
    );
    assert!(serde_json::from_str::<ShareSessionConfiguration>(r#"{"redirectUri":"/x"}"#).is_err());
}

#[test]
fn subject_must_be_an_object() {
    for (subject, found) in [
        (json!("id"), "a string"),
        (json!(null), "null"),
        (json!([]), "an array"),
        (json!(3), "a number"),
    ] {
        assert_eq!(
            config().with_subject(subject).unwrap_err(),
            SessionError::SubjectNotObject { found }
        );
    }
    let err = serde_json::from_str::<ShareSessionConfiguration>(
        r#"{"policy":{"wanted":[]},"subject":"id","redirectUri":"/x"}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("subject must be a JSON object"),
        "{err}"
    );
}

#[test]
fn notification_url_is_required() {
    assert_eq!(
        Notification::new("").unwrap_err(),
        SessionError::EmptyNotificationUrl
    );
}

#[test]
fn latitude_must_be_within_90_degrees() {
    for latitude in [
        90.000_001,
        -90.5,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        let err = LocationConstraint::new(latitude, 0.0, 1.0, 1.0).unwrap_err();
        assert!(
            matches!(err, SessionError::LatitudeOutOfRange { latitude: l } if l.to_bits() == latitude.to_bits()),
            "{latitude}"
        );
    }
    assert!(LocationConstraint::new(90.0, 0.0, 1.0, 1.0).is_ok());
    let message = LocationConstraint::new(91.0, 0.0, 1.0, 1.0)
        .unwrap_err()
        .to_string();
    assert!(message.contains("from -90 to 90"), "{message}");
}

#[test]
fn longitude_must_be_within_180_degrees() {
    for longitude in [180.5, -181.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            LocationConstraint::new(0.0, longitude, 1.0, 1.0).unwrap_err(),
            SessionError::LongitudeOutOfRange { .. }
        ));
    }
    assert!(LocationConstraint::new(0.0, -180.0, 1.0, 1.0).is_ok());
}

#[test]
fn radii_must_be_finite_and_not_negative() {
    for radius in [-0.1, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            LocationConstraint::new(0.0, 0.0, radius, 1.0).unwrap_err(),
            SessionError::RadiusOutOfRange { .. }
        ));
        assert!(matches!(
            LocationConstraint::new(0.0, 0.0, 1.0, radius).unwrap_err(),
            SessionError::MaxUncertaintyRadiusOutOfRange { .. }
        ));
    }
}

#[test]
fn location_content_is_checked_when_read() {
    let read = |content: serde_json::Value| Extension::new("LOCATION_CONSTRAINT", content);
    assert!(matches!(
        read(json!({"expected_device_location": {"latitude": 95, "longitude": 0, "radius": 1, "max_uncertainty_radius": 1}})),
        Err(SessionError::LatitudeOutOfRange { latitude }) if latitude == 95.0
    ));
    assert!(matches!(
        read(
            json!({"expected_device_location": {"latitude": 0, "longitude": 0, "radius": -1, "max_uncertainty_radius": 1}})
        ),
        Err(SessionError::RadiusOutOfRange { .. })
    ));
    for bad in [
        json!({"expected_device_location": {"latitude": 0, "longitude": 0, "radius": 1}}),
        json!({"expected_device_location": {"latitude": "0", "longitude": 0, "radius": 1, "max_uncertainty_radius": 1}}),
        json!({"latitude": 0, "longitude": 0, "radius": 1, "max_uncertainty_radius": 1}),
        json!(5),
    ] {
        assert!(
            matches!(
                read(bad.clone()),
                Err(SessionError::InvalidExtensionContent { ref extension_type, .. }) if extension_type == "LOCATION_CONSTRAINT"
            ),
            "{bad}"
        );
    }
    let err = serde_json::from_str::<Extension>(
        r#"{"type":"LOCATION_CONSTRAINT","content":{"expected_device_location":{"latitude":0,"longitude":200,"radius":1,"max_uncertainty_radius":1}}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("longitude 200"), "{err}");
}

#[test]
fn extension_content_must_not_be_null() {
    assert_eq!(
        TransactionalFlow::new(json!(null)).unwrap_err(),
        SessionError::NullExtensionContent {
            extension_type: "TRANSACTIONAL_FLOW".into()
        }
    );
    for extension_type in ["TRANSACTIONAL_FLOW", "LOCATION_CONSTRAINT", "custom"] {
        assert_eq!(
            Extension::new(extension_type, json!(null)).unwrap_err(),
            SessionError::NullExtensionContent {
                extension_type: extension_type.into()
            }
        );
    }
    // A missing content reads as null.
    let err = serde_json::from_str::<Extension>(r#"{"type":"TRANSACTIONAL_FLOW"}"#).unwrap_err();
    assert!(err.to_string().contains("has no content"), "{err}");
}

#[test]
fn extension_type_must_not_be_empty() {
    assert_eq!(
        Extension::new("", json!({})).unwrap_err(),
        SessionError::EmptyExtensionType
    );
}

#[test]
fn third_party_attribute_needs_definitions() {
    let expiry = UNIX_EPOCH + Duration::from_secs(1);
    assert_eq!(
        ThirdPartyAttribute::new(expiry, Vec::<String>::new()).unwrap_err(),
        SessionError::EmptyThirdPartyDefinitions
    );
    assert_eq!(
        ThirdPartyAttribute::new(expiry, ["ok", ""]).unwrap_err(),
        SessionError::EmptyDefinitionName
    );
    assert_eq!(
        Extension::new(
            "THIRD_PARTY_ATTRIBUTE",
            json!({"expiry_date": "2020-01-02T00:00:00.000Z", "definitions": []})
        )
        .unwrap_err(),
        SessionError::EmptyThirdPartyDefinitions
    );
    assert!(matches!(
        Extension::new(
            "THIRD_PARTY_ATTRIBUTE",
            json!({"expiry_date": "2020-01-02T00:00:00.000Z", "definitions": ["a"]})
        ),
        Err(SessionError::InvalidExtensionContent { .. })
    ));
}

#[test]
fn third_party_expiry_must_be_a_representable_date() {
    assert_eq!(
        ThirdPartyAttribute::new(UNIX_EPOCH - Duration::from_secs(1), ["a"]).unwrap_err(),
        SessionError::ExpiryDateOutOfRange
    );
    assert_eq!(
        ThirdPartyAttribute::new(UNIX_EPOCH + Duration::from_secs(253_402_300_800), ["a"])
            .unwrap_err(),
        SessionError::ExpiryDateOutOfRange
    );
    assert_eq!(
        Extension::new(
            "THIRD_PARTY_ATTRIBUTE",
            json!({"expiry_date": "2020-02-30T00:00:00.000Z", "definitions": [{"name": "a"}]})
        )
        .unwrap_err(),
        SessionError::InvalidExpiryDate {
            value: "2020-02-30T00:00:00.000Z".into()
        }
    );
}
