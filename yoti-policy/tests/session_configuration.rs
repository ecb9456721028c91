//! The share session configuration: the Node SDK's example byte for byte, every extension type,
//! and reading configurations back as a local stand-in for the API does.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::{Value, json};
use yoti_policy::session::{
    Extension, LocationConstraint, Notification, SessionError, ThirdPartyAttribute,
    TransactionalFlow,
};
use yoti_policy::{Policy, SharePolicy, ShareSessionConfiguration};

fn node_example() -> String {
    let examples: Value =
        serde_json::from_slice(&yoti_test_support::vector("json/policy-examples.json")).unwrap();
    examples[11]["expected_json"].as_str().unwrap().to_owned()
}

fn node_configuration() -> ShareSessionConfiguration {
    let policy = Policy::builder()
        .full_name()
        .given_names()
        .remember_me(true)
        .build()
        .unwrap();
    ShareSessionConfiguration::from_policy(policy, "/test-callback")
        .unwrap()
        .with_notification(Notification::new("/abc").unwrap())
        .with_extension(Extension::new("test-extension", json!({"test": "content 1"})).unwrap())
        .with_extension(Extension::new("test-extension", json!({"test": "content 2"})).unwrap())
        .with_subject(json!({"subject_id": "some_subject_id_string"}))
        .unwrap()
}

#[test]
fn reproduces_the_node_sdk_example() {
    assert_eq!(
        serde_json::to_string(&node_configuration()).unwrap(),
        node_example()
    );
}

#[test]
fn reads_the_node_sdk_example_back() {
    let read: ShareSessionConfiguration = serde_json::from_str(&node_example()).unwrap();
    assert_eq!(read, node_configuration());
    assert_eq!(read.redirect_uri(), "/test-callback");
    assert_eq!(read.notification().unwrap().url(), "/abc");
    assert!(read.notification().unwrap().verify_tls());
    assert_eq!(read.extensions().len(), 2);
    assert_eq!(read.extensions()[1].extension_type(), "test-extension");
    let Extension::Custom(custom) = &read.extensions()[0] else {
        panic!("expected a custom extension");
    };
    assert_eq!(custom.content(), &json!({"test": "content 1"}));
    assert_eq!(
        read.subject(),
        Some(&json!({"subject_id": "some_subject_id_string"}))
    );
    assert_eq!(read.policy().wanted().len(), 2);
}

#[test]
fn minimal_configuration_always_has_extensions() {
    let config =
        ShareSessionConfiguration::from_policy(Policy::default(), "https://example.com/done")
            .unwrap();
    assert_eq!(
        serde_json::to_string(&config).unwrap(),
        r#"{"policy":{"wanted":[],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false},"extensions":[],"redirectUri":"https://example.com/done"}"#
    );
    assert_eq!(config.notification(), None);
    assert_eq!(config.subject(), None);
    let read: ShareSessionConfiguration = serde_json::from_str(
        r#"{"policy":{"wanted":[]},"redirectUri":"https://example.com/done","extensions":null,"notification":null,"subject":null}"#,
    )
    .unwrap();
    assert_eq!(read, config);
}

#[test]
fn configuration_from_a_derived_policy() {
    #[derive(SharePolicy)]
    #[yoti(remember_me)]
    struct Names {
        #[yoti(full_name)]
        _name: String,
        #[yoti(given_names)]
        _given: String,
    }

    let config = ShareSessionConfiguration::new::<Names>("/test-callback").unwrap();
    assert_eq!(config.policy(), node_configuration().policy());
    assert_eq!(
        serde_json::to_string(config.policy()).unwrap(),
        Names::POLICY_JSON
    );
    assert_eq!(
        ShareSessionConfiguration::new::<Names>("").unwrap_err(),
        SessionError::EmptyRedirectUri
    );
}

#[test]
fn notification_writes_the_configured_verify_tls() {
    let notification = Notification::new("https://example.com/hook")
        .unwrap()
        .with_method("PUT")
        .with_header("Authorization", "Bearer 1")
        .with_header("X-Trace", "t")
        .with_header("Authorization", "Bearer 2")
        .with_verify_tls(false);
    assert_eq!(
        serde_json::to_string(&notification).unwrap(),
        r#"{"url":"https://example.com/hook","method":"PUT","headers":{"Authorization":"Bearer 2","X-Trace":"t"},"verifyTls":false}"#
    );
    assert_eq!(notification.method(), Some("PUT"));
    assert_eq!(notification.headers().len(), 2);
    assert!(!notification.verify_tls());
    let read: Notification =
        serde_json::from_str(&serde_json::to_string(&notification).unwrap()).unwrap();
    assert_eq!(read, notification);
}

#[test]
fn notification_reads_what_other_sdks_send() {
    // The official Go SDK sends headers as arrays and omits verifyTls unless set.
    let read: Notification = serde_json::from_str(
        r#"{"url":"https://example.com/hook","headers":{"Accept":["a","b"],"X":"y"}}"#,
    )
    .unwrap();
    assert_eq!(
        read.headers(),
        &[
            ("Accept".to_owned(), "a, b".to_owned()),
            ("X".to_owned(), "y".to_owned())
        ]
    );
    assert!(read.verify_tls());
    assert_eq!(read.method(), None);
    for bad in [
        r#"{"url":"x","headers":{"A":1}}"#,
        r#"{"url":"x","headers":{"A":[1]}}"#,
        r#"{"url":""}"#,
        r#"{"headers":{}}"#,
    ] {
        assert!(serde_json::from_str::<Notification>(bad).is_err(), "{bad}");
    }
}

#[test]
fn location_constraint_writes_integral_numbers_like_node() {
    let location = LocationConstraint::new(50.8169, 0.1367, 30.0, 40.0).unwrap();
    let extension = Extension::from(location);
    let json = serde_json::to_string(&extension).unwrap();
    assert_eq!(
        json,
        r#"{"type":"LOCATION_CONSTRAINT","content":{"expected_device_location":{"latitude":50.8169,"longitude":0.1367,"radius":30,"max_uncertainty_radius":40}}}"#
    );
    assert_eq!(serde_json::from_str::<Extension>(&json).unwrap(), extension);
    let edges = LocationConstraint::new(-90.0, 180.0, 0.0, 0.5).unwrap();
    assert_eq!(
        serde_json::to_string(&edges).unwrap(),
        r#"{"latitude":-90,"longitude":180,"radius":0,"max_uncertainty_radius":0.5}"#
    );
    let negative_zero = LocationConstraint::new(-0.0, 0.0, 150.0, 1e300).unwrap();
    assert_eq!(
        serde_json::to_string(&negative_zero).unwrap(),
        r#"{"latitude":0,"longitude":0,"radius":150,"max_uncertainty_radius":1e+300}"#
    );
    // JavaScript writes integral numbers below 1e21 with all their digits.
    let large = LocationConstraint::new(0.0, 0.0, 9_007_199_254_740_994.0, 1e20).unwrap();
    assert_eq!(
        serde_json::to_string(&large).unwrap(),
        r#"{"latitude":0,"longitude":0,"radius":9007199254740994,"max_uncertainty_radius":100000000000000000000}"#
    );
    assert_eq!(LocationConstraint::DEFAULT_RADIUS, 150.0);
    assert_eq!(
        (
            location.latitude(),
            location.longitude(),
            location.radius(),
            location.max_uncertainty_radius()
        ),
        (50.8169, 0.1367, 30.0, 40.0)
    );
}

#[test]
fn third_party_attribute_writes_utc_milliseconds() {
    let expiry = UNIX_EPOCH + Duration::new(1_577_923_200, 123_987_654);
    let issue =
        ThirdPartyAttribute::new(expiry, ["some_definition", "some_other_definition"]).unwrap();
    let extension = Extension::from(issue.clone());
    let json = serde_json::to_string(&extension).unwrap();
    assert_eq!(
        json,
        r#"{"type":"THIRD_PARTY_ATTRIBUTE","content":{"expiry_date":"2020-01-02T00:00:00.123Z","definitions":[{"name":"some_definition"},{"name":"some_other_definition"}]}}"#
    );
    assert_eq!(issue.expiry_date(), expiry);
    assert_eq!(
        issue.definitions(),
        &[
            "some_definition".to_owned(),
            "some_other_definition".to_owned()
        ]
    );
    // Read back, the date is the millisecond that was sent.
    let Extension::ThirdPartyAttribute(read) = serde_json::from_str::<Extension>(&json).unwrap()
    else {
        panic!("expected a third-party attribute extension");
    };
    assert_eq!(
        read.expiry_date(),
        UNIX_EPOCH + Duration::from_millis(1_577_923_200_123)
    );
    // An offset date from Node is the same instant in UTC.
    let Extension::ThirdPartyAttribute(offset) = Extension::new(
        "THIRD_PARTY_ATTRIBUTE",
        json!({"expiry_date": "2020-01-02T00:00:00.123+04:00", "definitions": [{"name": "a"}]}),
    )
    .unwrap() else {
        panic!("expected a third-party attribute extension");
    };
    assert_eq!(
        offset.expiry_date(),
        UNIX_EPOCH + Duration::from_millis(1_577_908_800_123)
    );
}

#[test]
fn transactional_flow_and_custom_content_are_passed_through() {
    let flow =
        Extension::from(TransactionalFlow::new(json!({"n": 1.5, "m": 2.0, "s": "x"})).unwrap());
    let json = serde_json::to_string(&flow).unwrap();
    assert_eq!(
        json,
        r#"{"type":"TRANSACTIONAL_FLOW","content":{"n":1.5,"m":2,"s":"x"}}"#
    );
    let Extension::TransactionalFlow(read) = serde_json::from_str::<Extension>(&json).unwrap()
    else {
        panic!("expected a transactional flow extension");
    };
    assert_eq!(read.content(), &json!({"n": 1.5, "m": 2, "s": "x"}));
    let custom = Extension::new("X", json!([false, "text", 3])).unwrap();
    assert_eq!(
        serde_json::to_string(&custom).unwrap(),
        r#"{"type":"X","content":[false,"text",3]}"#
    );
}

#[test]
fn a_full_configuration_round_trips() {
    let policy = Policy::builder().selfie().age_over(18).build().unwrap();
    let config = ShareSessionConfiguration::from_policy(policy, "/profile")
        .unwrap()
        .with_notification(
            Notification::new("https://example.com/hook")
                .unwrap()
                .with_method("POST")
                .with_verify_tls(false),
        )
        .with_extension(LocationConstraint::new(51.5, -0.125, 50.0, 100.0).unwrap())
        .with_extension(TransactionalFlow::new(json!({"id": 7})).unwrap())
        .with_extension(
            ThirdPartyAttribute::new(UNIX_EPOCH + Duration::from_secs(4_102_444_800), ["member"])
                .unwrap(),
        )
        .with_subject(json!({"subject_id": "s", "weight": 80.0}))
        .unwrap();
    let json = serde_json::to_string(&config).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"notification":{"url":"https://example.com/hook","method":"POST","headers":{},"verifyTls":false},"#,
            r#""policy":{"wanted":[{"name":"selfie","optional":false},{"name":"date_of_birth","optional":false,"derivation":"age_over:18"}],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false},"#,
            r#""extensions":[{"type":"LOCATION_CONSTRAINT","content":{"expected_device_location":{"latitude":51.5,"longitude":-0.125,"radius":50,"max_uncertainty_radius":100}}},"#,
            r#"{"type":"TRANSACTIONAL_FLOW","content":{"id":7}},"#,
            r#"{"type":"THIRD_PARTY_ATTRIBUTE","content":{"expiry_date":"2100-01-01T00:00:00.000Z","definitions":[{"name":"member"}]}}],"#,
            r#""subject":{"subject_id":"s","weight":80},"redirectUri":"/profile"}"#
        )
    );
    let read: ShareSessionConfiguration = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&read).unwrap(), json);
    assert_eq!(read.extensions(), config.extensions());
}
