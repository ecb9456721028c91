//! Replays and hostile timestamps: with strict timestamps, a nonce is refused for as long as its
//! request's timestamp is in the window, however many requests come after it; when the bounded
//! nonce memory is full, new requests get 503 rather than old nonces being forgotten; and no
//! timestamp, however far from the clock or out of any integer range, makes the server panic.

mod common;

use std::time::Duration;

use common::{Answer, Signer, Tamper, assert_no_panics, now_ms, still_serving, watch_panics};

/// A route every signed request reaches past authentication (the session does not exist).
const ROUTE: &str = "/v2/sessions/ss.v2.none";

fn query(nonce: &str, timestamp: impl std::fmt::Display) -> Tamper {
    Tamper {
        query: Some(format!("nonce={nonce}&timestamp={timestamp}")),
        ..Tamper::default()
    }
}

/// Asserts that the request passed authentication.
fn authenticated(answer: &Answer) {
    assert_eq!(answer.error(404).0, "NOT_FOUND");
}

#[tokio::test]
async fn an_old_nonce_stays_refused_however_many_requests_follow_and_the_bound_gives_503() {
    const MAX: usize = 40;
    let emulator = common::builder()
        .strict_timestamps(yoti_emulator::DEFAULT_TIMESTAMP_WINDOW)
        .max_nonces(MAX)
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    let first = query("first-nonce", now_ms());
    authenticated(&signer.send_with("GET", ROUTE, None, first.clone()).await);

    // Every other request the bound allows: the first nonce is not pushed out.
    for _ in 1..MAX {
        authenticated(&signer.send("GET", ROUTE, None).await);
    }
    let (code, message) = signer
        .send_with("GET", ROUTE, None, first.clone())
        .await
        .error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("already been used"), "{message}");

    // The bound is reached: new requests are refused with 503 and a time to come back.
    for _ in 0..5 {
        let full = signer.send("GET", ROUTE, None).await;
        let (code, message) = full.error(503);
        assert_eq!(code, "EMULATOR_LIMIT_REACHED");
        assert!(message.contains(&format!("{MAX} used nonces")), "{message}");
        assert!(message.contains("max_nonces"), "{message}");
        let retry_after: u64 = full.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        // The first nonce expires 15 minutes after its timestamp.
        assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    }
    // And still the replay is refused as a replay.
    let answer = signer.send_with("GET", ROUTE, None, first).await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");
}

#[tokio::test]
async fn a_nonce_is_forgotten_only_once_its_timestamp_has_left_the_window() {
    let window = Duration::from_secs(3);
    let emulator = common::builder()
        .strict_timestamps(window)
        .max_nonces(1)
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    // Half the window old: accepted, and remembered for the other half.
    let sent = now_ms() - 1500;
    let old = query("old-nonce", sent);
    authenticated(&signer.send_with("GET", ROUTE, None, old.clone()).await);
    let full = signer.send("GET", ROUTE, None).await;
    assert_eq!(full.error(503).0, "EMULATOR_LIMIT_REACHED");

    // Once the timestamp is out of the window, the request is refused for that, so its nonce
    // can go: its room is free again.
    let expired_at = sent + window.as_millis() + 200;
    tokio::time::sleep(Duration::from_millis(
        u64::try_from(expired_at.saturating_sub(now_ms())).unwrap(),
    ))
    .await;
    let (code, message) = signer.send_with("GET", ROUTE, None, old).await.error(401);
    assert_eq!(code, "INVALID_REQUEST_SIGNATURE");
    assert!(message.contains("timestamp"), "{message}");
    authenticated(&signer.send("GET", ROUTE, None).await);
}

#[tokio::test]
async fn hostile_timestamps_are_401_when_strict_and_never_a_panic() {
    watch_panics();
    let emulator = common::builder()
        .strict_timestamps(yoti_emulator::DEFAULT_TIMESTAMP_WINDOW)
        .start()
        .await
        .unwrap();
    let lenient = common::start().await;
    let signer = Signer::a(&emulator);
    let now = now_ms();
    let hostile = [
        i128::MIN.to_string(),
        i128::MAX.to_string(),
        u64::MAX.to_string(),
        i64::MIN.to_string(),
        (-i128::try_from(now).unwrap()).to_string(),
        "-1".to_owned(),
        "0".to_owned(),
        // Beyond i128 either way.
        format!("{}0", i128::MAX),
        format!("{}0", i128::MIN),
        (now + 15 * 60 * 1000 + 5000).to_string(),
        "now".to_owned(),
        "1.5e12".to_owned(),
        String::new(),
        "%2B".to_owned(),
        "%00".to_owned(),
    ];
    for (n, timestamp) in hostile.iter().enumerate() {
        let tamper = query(&format!("hostile-{n}"), timestamp);
        let (code, message) = signer
            .send_with("GET", ROUTE, None, tamper)
            .await
            .error(401);
        assert_eq!(code, "INVALID_REQUEST_SIGNATURE", "{timestamp}");
        assert!(message.contains("timestamp"), "{timestamp}: {message}");
        // By default the value is only signed: the request passes authentication.
        let tamper = query(&format!("hostile-{n}"), timestamp);
        authenticated(
            &Signer::a(&lenient)
                .send_with("GET", ROUTE, None, tamper)
                .await,
        );
    }
    still_serving(&emulator).await;
    still_serving(&lenient).await;
    assert_no_panics();
}
