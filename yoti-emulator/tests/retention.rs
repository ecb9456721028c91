//! Bounded memory: a share session, its QR code, receipt and wrapped item key are evicted once
//! the retention after the session's expiry has passed, and the numbers of sessions and
//! receipts held are capped with a 503.

mod common;

use std::time::{Duration, Instant};

use common::{Signer, config, control_share, share_ok};
use serde_json::json;

fn policy() -> serde_json::Value {
    config(json!([{"name": "full_name"}]))
}

#[tokio::test]
async fn a_session_and_everything_it_holds_are_evicted_after_expiry_and_retention() {
    // Long enough for the share and the reads below on a loaded machine, before the expiry.
    let lifetime = Duration::from_secs(5);
    let retention = Duration::from_millis(500);
    let emulator = common::builder()
        .session_lifetime(lifetime)
        .retention(retention)
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    let id = signer.create_session(&policy()).await;
    // Taken once the session exists, so the wait below outlasts its expiry whatever the load.
    let created = Instant::now();
    let qr_id = signer.create_qr_code(&id).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let receipt_id = share_ok(&emulator, &id, "").await;
    let receipt = signer.get_receipt(&receipt_id).await;
    assert_eq!(receipt.status, 200);
    let item_key_id = receipt.json()["wrappedItemKeyId"]
        .as_str()
        .unwrap()
        .to_owned();

    let session_path = format!("/v2/sessions/{id}");
    let qr_path = format!("/v2/qr-codes/{qr_id}");
    let receipt_path = Signer::receipt_path(&receipt_id);
    let item_key_path = format!("/v2/wrapped-item-keys/{item_key_id}");
    let qr_page = format!("{}/qr/{qr_id}", emulator.control_url());
    for path in [&session_path, &qr_path, &receipt_path, &item_key_path] {
        assert_eq!(signer.send("GET", path, None).await.status, 200, "{path}");
    }
    assert_eq!(reqwest::get(&qr_page).await.unwrap().status(), 200);

    tokio::time::sleep(
        (lifetime + retention + Duration::from_millis(100)).saturating_sub(created.elapsed()),
    )
    .await;
    for path in [&session_path, &qr_path, &receipt_path, &item_key_path] {
        let answer = signer.send("GET", path, None).await;
        assert_eq!(answer.error(404).0, "NOT_FOUND", "{path}");
    }
    assert_eq!(reqwest::get(&qr_page).await.unwrap().status(), 404);
    let again = control_share(&emulator, &id, "").await;
    assert_eq!(again.error(404).0, "NOT_FOUND");
}

#[tokio::test]
async fn the_session_cap_gives_503_until_evictions_make_room() {
    let emulator = common::builder().max_sessions(2).start().await.unwrap();
    let signer = Signer::a(&emulator);
    signer.create_session(&policy()).await;
    Signer::b(&emulator).create_session(&policy()).await;
    let full = signer
        .send(
            "POST",
            "/v2/sessions",
            Some(policy().to_string().as_bytes()),
        )
        .await;
    let (code, message) = full.error(503);
    assert_eq!(code, "EMULATOR_LIMIT_REACHED");
    assert!(message.contains("2 share sessions"), "{message}");
    assert!(message.contains("max_sessions"), "{message}");
    // The first session is evicted 10 minutes (its lifetime) and an hour after it was made.
    let retry_after: u64 = full.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((60 * 60..=70 * 60).contains(&retry_after), "{retry_after}");
}

#[tokio::test]
async fn the_receipt_cap_refuses_a_share_and_leaves_the_session_open() {
    let emulator = common::builder().max_receipts(1).start().await.unwrap();
    let signer = Signer::a(&emulator);
    let first = signer.create_session(&policy()).await;
    let second = signer.create_session(&policy()).await;
    share_ok(&emulator, &first, "").await;
    let refused = control_share(&emulator, &second, "").await;
    let (code, message) = refused.error(503);
    assert_eq!(code, "EMULATOR_LIMIT_REACHED");
    assert!(message.contains("1 receipts"), "{message}");
    let session = signer
        .send("GET", &format!("/v2/sessions/{second}"), None)
        .await;
    assert_eq!(session.json()["status"], "CREATED");
}

#[tokio::test]
async fn a_session_keeps_only_its_latest_qr_codes() {
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let id = signer.create_session(&policy()).await;
    let mut ids = Vec::new();
    for _ in 0..10 {
        ids.push(
            signer.create_qr_code(&id).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    for (n, qr_id) in ids.iter().enumerate() {
        let status = signer
            .send("GET", &format!("/v2/qr-codes/{qr_id}"), None)
            .await
            .status;
        // The two oldest of ten are gone: a session keeps eight.
        assert_eq!(status, if n < 2 { 404 } else { 200 }, "QR code {n}");
    }
    let session = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(session.json()["qrCode"]["id"], json!(ids[9]));
}

#[tokio::test]
async fn zero_limits_and_overlong_durations_do_not_start() {
    let year_and_a_day = Duration::from_secs(366 * 24 * 60 * 60);
    let cases = [
        (common::builder().max_nonces(0), "max_nonces"),
        (common::builder().max_sessions(0), "max_sessions"),
        (common::builder().max_receipts(0), "max_receipts"),
        (common::builder().max_connections(0), "max_connections"),
        (
            common::builder().session_lifetime(Duration::MAX),
            "session_lifetime",
        ),
        (common::builder().retention(year_and_a_day), "retention"),
        (
            common::builder().read_timeout(Duration::MAX),
            "read_timeout",
        ),
        (
            common::builder().read_timeout(Duration::ZERO),
            "read_timeout",
        ),
        (common::builder().control_token(""), "control_token"),
    ];
    for (builder, name) in cases {
        match builder.start().await {
            Err(yoti_emulator::StartError::InvalidSetting { setting, .. }) => {
                assert_eq!(setting, name);
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}
