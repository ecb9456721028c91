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

/// A timestamp as the official Java SDK sends it: `System.nanoTime() / 1000`, microseconds of the
/// JVM's monotonic clock (here about two days after boot), nowhere near epoch milliseconds.
const JAVA_TIMESTAMP: u64 = 183_748_291_234;

fn signed_query(timestamp: impl std::fmt::Display) -> Tamper {
    Tamper {
        query: Some(format!("nonce={}&timestamp={timestamp}", common::nonce())),
        ..Tamper::default()
    }
}

#[tokio::test]
async fn the_java_sdk_timestamp_is_accepted_by_default_and_refused_when_strict() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let answer = signer
        .send_with(
            "POST",
            "/v2/sessions",
            Some(&body()),
            signed_query(JAVA_TIMESTAMP),
        )
        .await;
    assert_eq!(
        answer.status,
        201,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );

    let strict = common::builder()
        .strict_timestamps(yoti_emulator::DEFAULT_TIMESTAMP_WINDOW)
        .start()
        .await
        .unwrap();
    let (code, message) = Signer::a(&strict)
        .send_with(
            "POST",
            "/v2/sessions",
            Some(&body()),
            signed_query(JAVA_TIMESTAMP),
        )
        .await
        .error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("900 seconds"), "{message}");
}

#[tokio::test]
async fn the_timestamp_is_still_signed_by_default() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let nonce = common::nonce();
    let signed = format!("nonce={nonce}&timestamp={JAVA_TIMESTAMP}");
    // Signed with one timestamp, sent with another.
    let request = signer.request(
        "GET",
        "/v2/sessions/ss.v2.none",
        None,
        Tamper {
            query: Some(signed),
            ..Tamper::default()
        },
    );
    let mut request = request.build().unwrap();
    let changed = format!("nonce={nonce}&timestamp={}", JAVA_TIMESTAMP + 1);
    request.url_mut().set_query(Some(&changed));
    let answer = common::Answer::of(reqwest::RequestBuilder::from_parts(
        reqwest::Client::new(),
        request,
    ))
    .await;
    let (code, message) = answer.error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert_eq!(message, "Invalid request signature");
}

#[tokio::test]
async fn strict_timestamps_refuse_stale_and_far_timestamps() {
    let stale = now_ms() - 20 * 60 * 1000;
    let lenient = start().await;
    let answer = Signer::a(&lenient)
        .send_with("POST", "/v2/sessions", Some(&body()), signed_query(stale))
        .await;
    assert_eq!(answer.status, 201);

    let strict = common::builder()
        .strict_timestamps(yoti_emulator::DEFAULT_TIMESTAMP_WINDOW)
        .start()
        .await
        .unwrap();
    let (code, message) = Signer::a(&strict)
        .send_with("POST", "/v2/sessions", Some(&body()), signed_query(stale))
        .await
        .error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("timestamp"), "{message}");
    let answer = Signer::a(&strict)
        .send_with(
            "POST",
            "/v2/sessions",
            Some(&body()),
            signed_query(now_ms()),
        )
        .await;
    assert_eq!(answer.status, 201);

    let narrow = common::builder()
        .strict_timestamps(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let answer = Signer::a(&narrow)
        .send_with(
            "POST",
            "/v2/sessions",
            Some(&body()),
            signed_query(now_ms() - 120_000),
        )
        .await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
}

#[tokio::test]
async fn a_missing_nonce_is_refused_and_a_missing_timestamp_only_when_strict() {
    let emulator = start().await;
    let strict = common::builder()
        .strict_timestamps(yoti_emulator::DEFAULT_TIMESTAMP_WINDOW)
        .start()
        .await
        .unwrap();
    let only_timestamp = || Tamper {
        query: Some(format!("timestamp={}", now_ms())),
        ..Tamper::default()
    };
    for emulator in [&emulator, &strict] {
        let (code, message) = Signer::a(emulator)
            .send_with("POST", "/v2/sessions", Some(&body()), only_timestamp())
            .await
            .error(401);
        assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
        assert!(message.contains("nonce"), "{message}");
    }
    let only_nonce = || Tamper {
        query: Some(format!("nonce={}", common::nonce())),
        ..Tamper::default()
    };
    let answer = Signer::a(&emulator)
        .send_with("POST", "/v2/sessions", Some(&body()), only_nonce())
        .await;
    assert_eq!(answer.status, 201);
    let (code, message) = Signer::a(&strict)
        .send_with("POST", "/v2/sessions", Some(&body()), only_nonce())
        .await
        .error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("timestamp"), "{message}");
}
