//! The share API's session, QR code and error bodies (`yoti_protocol::api`): what the official
//! SDKs' fixtures and the emulator send reads, writes back unchanged, and reads leniently.

use serde::Serialize;
use serde::de::DeserializeOwned;
use yoti_protocol::api::{
    ErrorBody, QrCodeId, QrCodeSession, SessionId, ShareQrCode, ShareQrCodeDetails,
    ShareQrCodeRequest, ShareSession, ShareSessionDetails, ShareSessionStatus, Timestamp,
};

/// Reads `json` as `T` and writes it back: the text must come out unchanged.
fn round_trip<T: Serialize + DeserializeOwned>(json: &str) -> T {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(serde_json::to_string(&value).unwrap(), json);
    value
}

#[test]
fn every_known_status_is_read_and_written_as_its_text() {
    let known = [
        ("CREATED", ShareSessionStatus::Created),
        ("QR_CODE_CREATED", ShareSessionStatus::QrCodeCreated),
        ("ACTIVE", ShareSessionStatus::Active),
        ("COMPLETED", ShareSessionStatus::Completed),
        ("CANCELLED", ShareSessionStatus::Cancelled),
        ("EXPIRED", ShareSessionStatus::Expired),
        ("FAILED", ShareSessionStatus::Failed),
    ];
    for (text, status) in known {
        let json = format!("\"{text}\"");
        assert_eq!(round_trip::<ShareSessionStatus>(&json), status);
        assert_eq!(status.as_str(), text);
        assert_eq!(status.to_string(), text);
        assert_eq!(ShareSessionStatus::from(text.to_owned()), status);
        assert!(status == text);
    }
}

#[test]
fn an_unknown_status_is_kept_not_refused() {
    for text in ["PAUSED", "created", "", "COMPLETED "] {
        let status = round_trip::<ShareSessionStatus>(&format!("\"{text}\""));
        assert_eq!(status, ShareSessionStatus::Other(text.to_owned()));
        assert_eq!(status.as_str(), text);
    }
    // Not a string is an error: the key's type is part of the contract.
    assert!(serde_json::from_str::<ShareSessionStatus>("7").is_err());
}

#[test]
fn a_created_session_round_trips() {
    let session: ShareSession = round_trip(
        r#"{"id":"ss.v2.ChZvRm1QTG5tT1FJMjZMYm9xeC1Fdlh3EgdsZDUuZ2Jy","status":"CREATED","expiry":"2025-05-21T11:01:07.123Z"}"#,
    );
    assert_eq!(session.status, ShareSessionStatus::Created);
    assert_eq!(session.expiry, "2025-05-21T11:01:07.123Z");
    assert_eq!(
        session,
        ShareSession::new(
            SessionId::parse("ss.v2.ChZvRm1QTG5tT1FJMjZMYm9xeC1Fdlh3EgdsZDUuZ2Jy").unwrap(),
            ShareSessionStatus::Created,
            Timestamp::new("2025-05-21T11:01:07.123Z"),
        )
    );
}

#[test]
fn session_details_round_trip_with_and_without_optional_keys() {
    let full: ShareSessionDetails = round_trip(
        r#"{"id":"ss.v2.a","status":"COMPLETED","created":"2025-05-21T11:00:00.000Z","updated":"2025-05-21T11:01:07.123Z","expiry":"2025-05-21T11:05:00.000Z","qrCode":{"id":"qr-1"},"receipt":{"id":"cmVjZWlwdA=="}}"#,
    );
    assert_eq!(full.qr_code.as_ref().unwrap().id, "qr-1");
    assert_eq!(full.receipt.as_ref().unwrap().id, "cmVjZWlwdA==");
    let built = ShareSessionDetails::new(
        SessionId::parse("ss.v2.a").unwrap(),
        ShareSessionStatus::Completed,
        "2025-05-21T11:00:00.000Z".into(),
        "2025-05-21T11:01:07.123Z".into(),
    )
    .with_expiry("2025-05-21T11:05:00.000Z".into())
    .with_qr_code(Some("qr-1"))
    .with_receipt(Some("cmVjZWlwdA=="));
    assert_eq!(full, built);

    let bare: ShareSessionDetails = round_trip(
        r#"{"id":"ss.v2.a","status":"CREATED","created":"2025-05-21T11:00:00.000Z","updated":"2025-05-21T11:00:00.000Z"}"#,
    );
    assert_eq!(
        (bare.expiry, bare.qr_code, bare.receipt),
        (None, None, None)
    );
}

#[test]
fn reading_ignores_unknown_keys_and_null_optionals() {
    let details: ShareSessionDetails = serde_json::from_str(
        r#"{"id":"s","status":"NEW_STATE","created":"c","updated":"u","expiry":null,"qrCode":null,"progress":{"step":2}}"#,
    )
    .unwrap();
    assert_eq!(
        details.status,
        ShareSessionStatus::Other("NEW_STATE".into())
    );
    assert_eq!(details.expiry, None);
    assert_eq!(details.qr_code, None);
    // A malformed date-time is read as it is: only converting it fails.
    assert_eq!(details.created, "c");
    assert!(details.created.to_system_time().is_err());
    // A required key missing is an error.
    assert!(serde_json::from_str::<ShareSession>(r#"{"id":"s","status":"CREATED"}"#).is_err());
}

#[test]
fn qr_code_bodies_round_trip() {
    assert_eq!(
        serde_json::to_string(&ShareQrCodeRequest::default()).unwrap(),
        "{}"
    );
    let created: ShareQrCode = round_trip(r#"{"id":"qr-1","uri":"https://code.yoti.com/abc"}"#);
    assert_eq!(created.uri.as_deref(), Some("https://code.yoti.com/abc"));
    let bare: ShareQrCode = round_trip(r#"{"id":"qr-1"}"#);
    assert_eq!(
        bare,
        ShareQrCode::new(QrCodeId::parse("qr-1").unwrap(), None)
    );
    // An id that cannot go into a path is refused when read, naming the kind of id.
    let error = serde_json::from_str::<ShareQrCode>(r#"{"id":"qr/1"}"#).unwrap_err();
    assert!(error.to_string().contains("QR code id"), "{error}");

    let details: ShareQrCodeDetails = round_trip(
        r#"{"id":"qr-1","expiry":"2025-05-21T11:05:00.000Z","policy":"{\"wanted\":[]}","extensions":[{"type":"LOCATION_CONSTRAINT","content":{}}],"session":{"id":"ss.v2.a","status":"CREATED","expiry":"2025-05-21T11:05:00.000Z"},"redirectUri":"https://shop.example/done"}"#,
    );
    assert_eq!(details.session.status, Some(ShareSessionStatus::Created));
    assert_eq!(details.policy, Some(serde_json::json!("{\"wanted\":[]}")));
    let built = ShareQrCodeDetails::new(
        QrCodeId::parse("qr-1").unwrap(),
        "2025-05-21T11:05:00.000Z".into(),
        QrCodeSession::new(
            SessionId::parse("ss.v2.a").unwrap(),
            Some(ShareSessionStatus::Created),
            Some("2025-05-21T11:05:00.000Z".into()),
        ),
        "https://shop.example/done",
    )
    .with_policy(serde_json::json!("{\"wanted\":[]}"))
    .with_extensions(vec![
        serde_json::json!({"type": "LOCATION_CONSTRAINT", "content": {}}),
    ]);
    assert_eq!(details, built);

    // The keys Node requires only; `extensions` defaults to `[]` and is written as such.
    let minimal: ShareQrCodeDetails = serde_json::from_str(
        r#"{"id":"qr-1","expiry":"e","session":{"id":"s"},"redirectUri":"/done"}"#,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"id":"qr-1","expiry":"e","extensions":[],"session":{"id":"s"},"redirectUri":"/done"}"#
    );
}

#[test]
fn the_error_body_round_trips_and_reads_leniently() {
    let documented = r#"{"id":"8f6a9dfe72128de20909af0d476769b6","status":401,"error":"INVALID_REQUEST_SIGNATURE","message":"Invalid request signature"}"#;
    let body: ErrorBody = round_trip(documented);
    assert_eq!(
        body,
        ErrorBody::new(
            "8f6a9dfe72128de20909af0d476769b6",
            401,
            "INVALID_REQUEST_SIGNATURE",
            "Invalid request signature"
        )
    );
    // A status that is not one is dropped, not an error: the status line has it anyway.
    for status in [r#""401""#, "-1", "70000", "null", "{}"] {
        let json = format!(r#"{{"status":{status},"error":"E"}}"#);
        let body: ErrorBody = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (body.status, body.error.as_deref()),
            (None, Some("E")),
            "{json}"
        );
    }
    let empty: ErrorBody = round_trip("{}");
    assert_eq!(empty, ErrorBody::default());
}
