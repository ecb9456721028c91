//! Request authentication: every way a request can fail it answers 401 with the documented
//! error body.

mod common;

use std::time::Duration;

use common::{Signer, Tamper, config, now_ms, start};
use serde_json::json;

fn body() -> Vec<u8> {
    config(json!([{"name": "full_name", "optional": false}]))
        .to_string()
        .into_bytes()
}

#[tokio::test]
async fn a_correctly_signed_request_is_accepted() {
    let emulator = start().await;
    let answer = Signer::a(&emulator)
        .send("POST", "/v2/sessions", Some(&body()))
        .await;
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn a_missing_or_unknown_auth_id_is_an_invalid_auth_header() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let missing = Tamper {
        omit_auth_id: true,
        ..Tamper::default()
    };
    let answer = signer
        .send_with("POST", "/v2/sessions", Some(&body()), missing)
        .await;
    assert_eq!(answer.error(401).0, "INVALID_AUTH_HEADER");

    let unknown = Tamper {
        auth_id: Some("nobody".into()),
        ..Tamper::default()
    };
    let (code, message) = signer
        .send_with("GET", "/v2/sessions/x", None, unknown)
        .await
        .error(401);
    assert_eq!(code, "INVALID_AUTH_HEADER");
    assert!(message.contains("nobody"), "{message}");
}

#[tokio::test]
async fn a_bad_digest_is_an_invalid_request_signature() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    for digest in ["AAAA", "not base64!"] {
        let tamper = Tamper {
            digest: Some(digest.into()),
            ..Tamper::default()
        };
        let answer = signer
            .send_with("POST", "/v2/sessions", Some(&body()), tamper)
            .await;
        assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
    }
    let missing = Tamper {
        omit_digest: true,
        ..Tamper::default()
    };
    let answer = signer
        .send_with("POST", "/v2/sessions", Some(&body()), missing)
        .await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
}

#[tokio::test]
async fn a_request_signed_by_another_application_key_is_refused() {
    let emulator = start().await;
    let mut signer = Signer::b(&emulator);
    signer.sdk_id = common::APP_A.into();
    let answer = signer.send("POST", "/v2/sessions", Some(&body())).await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
}

#[tokio::test]
async fn a_tampered_body_is_refused() {
    let emulator = start().await;
    let mut tampered = body();
    tampered.extend_from_slice(b" ");
    let tamper = Tamper {
        sent_body: Some(tampered),
        ..Tamper::default()
    };
    let answer = Signer::a(&emulator)
        .send_with("POST", "/v2/sessions", Some(&body()), tamper)
        .await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
}

#[tokio::test]
async fn the_query_is_checked_exactly_as_sent() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    // Any order and extra parameters are fine when signed as sent (the official Go SDK's form).
    let query = format!("timestamp={}&sdkID={}&nonce=AB-CD", now_ms(), common::APP_A);
    let tamper = Tamper {
        query: Some(query),
        ..Tamper::default()
    };
    let answer = signer
        .send_with("POST", "/v2/sessions", Some(&body()), tamper)
        .await;
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn a_replayed_nonce_is_refused() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let query = format!("nonce=fixed-nonce&timestamp={}", now_ms());
    let tamper = Tamper {
        query: Some(query),
        ..Tamper::default()
    };
    let first = signer
        .send_with("POST", "/v2/sessions", Some(&body()), tamper.clone())
        .await;
    assert_eq!(first.status, 201);
    let (code, message) = signer
        .send_with("POST", "/v2/sessions", Some(&body()), tamper)
        .await
        .error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("nonce"), "{message}");
}

#[tokio::test]
async fn a_stale_timestamp_is_refused_unless_the_window_is_disabled() {
    let emulator = start().await;
    let stale = now_ms() - 20 * 60 * 1000;
    let tamper = || Tamper {
        query: Some(format!("nonce={}&timestamp={stale}", common::nonce())),
        ..Tamper::default()
    };
    let (code, message) = Signer::a(&emulator)
        .send_with("POST", "/v2/sessions", Some(&body()), tamper())
        .await
        .error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("timestamp"), "{message}");

    let lenient = common::builder()
        .timestamp_window(None)
        .start()
        .await
        .unwrap();
    let answer = Signer::a(&lenient)
        .send_with("POST", "/v2/sessions", Some(&body()), tamper())
        .await;
    assert_eq!(answer.status, 201);

    let narrow = common::builder()
        .timestamp_window(Some(Duration::from_secs(60)))
        .start()
        .await
        .unwrap();
    let two_minutes_ago = Tamper {
        query: Some(format!(
            "nonce={}&timestamp={}",
            common::nonce(),
            now_ms() - 120_000
        )),
        ..Tamper::default()
    };
    let answer = Signer::a(&narrow)
        .send_with("POST", "/v2/sessions", Some(&body()), two_minutes_ago)
        .await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
}

#[tokio::test]
async fn a_missing_nonce_or_timestamp_is_refused() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    for query in [format!("timestamp={}", now_ms()), "nonce=abc".to_owned()] {
        let tamper = Tamper {
            query: Some(query.clone()),
            ..Tamper::default()
        };
        let (code, message) = signer
            .send_with("POST", "/v2/sessions", Some(&body()), tamper)
            .await
            .error(401);
        assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
        let missing = if query.starts_with("nonce") {
            "timestamp"
        } else {
            "nonce"
        };
        assert!(message.contains(missing), "{message}");
    }
}
