//! Fault injection through the control API, and the request counters.

mod common;

use std::time::{Duration, Instant};

use common::{APP_B, Signer, Tamper, config};
use serde_json::{Value, json};

async fn add_fault(control: &str, fault: Value) -> Value {
    let response = reqwest::Client::new()
        .post(format!("{control}/faults"))
        .header("Content-Type", "application/json")
        .body(fault.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

async fn counts(control: &str) -> Value {
    let body = reqwest::get(format!("{control}/requests"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&body).unwrap()
}

fn session_body() -> Vec<u8> {
    config(json!([{"name": "full_name"}]))
        .to_string()
        .into_bytes()
}

#[tokio::test]
async fn an_error_status_applies_for_the_next_n_requests_and_is_counted() {
    let emulator = common::start().await;
    let control = emulator.control_url();
    let signer = Signer::a(&emulator);
    let rule = add_fault(
        &control,
        json!({"route": "POST /v2/sessions", "fault": {"kind": "error", "status": 503}, "times": 2}),
    )
    .await;
    assert_eq!(rule["remaining"], 2);
    for _ in 0..2 {
        let answer = signer
            .send("POST", "/v2/sessions", Some(&session_body()))
            .await;
        let (code, message) = answer.error(503);
        assert_eq!(code, "SERVICE_UNAVAILABLE");
        assert!(message.contains("503"));
    }
    let answer = signer
        .send("POST", "/v2/sessions", Some(&session_body()))
        .await;
    assert_eq!(answer.status, 201);
    assert_eq!(emulator.request_count("POST /v2/sessions"), 3);
    assert_eq!(counts(&control).await["POST /v2/sessions"], 3);

    let custom = add_fault(
        &control,
        json!({"route": "GET /v2/receipts/*", "fault": {"kind": "error", "status": 429,
               "error": "SLOW_DOWN", "message": "Too many"}, "times": 1}),
    )
    .await;
    assert_eq!(custom["fault"]["kind"], "error");
    let answer = signer.send("GET", "/v2/receipts/abc", None).await;
    assert_eq!(answer.error(429), ("SLOW_DOWN".into(), "Too many".into()));
    assert_eq!(emulator.request_count("GET /v2/receipts/{receipt_id}"), 1);

    let reset = reqwest::Client::new()
        .delete(format!("{control}/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 204);
    assert_eq!(counts(&control).await, json!({}));
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let emulator = common::start().await;
    add_fault(
        &emulator.control_url(),
        json!({"route": "POST /v2/sessions", "fault": {"kind": "latency", "ms": 300}, "times": 1}),
    )
    .await;
    let signer = Signer::a(&emulator);
    let started = Instant::now();
    let answer = signer
        .send("POST", "/v2/sessions", Some(&session_body()))
        .await;
    assert_eq!(answer.status, 201);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn a_dropped_connection_gets_no_answer_and_the_next_request_works() {
    let emulator = common::start().await;
    add_fault(
        &emulator.control_url(),
        json!({"route": "POST /v2/sessions", "fault": {"kind": "drop"}, "times": 1}),
    )
    .await;
    let signer = Signer::a(&emulator);
    let result = signer
        .request(
            "POST",
            "/v2/sessions",
            Some(&session_body()),
            Tamper::default(),
        )
        .send()
        .await;
    assert!(result.is_err(), "{result:?}");
    let answer = signer
        .send("POST", "/v2/sessions", Some(&session_body()))
        .await;
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn a_drop_mid_body_sends_the_head_and_then_closes() {
    let emulator = common::start().await;
    add_fault(
        &emulator.control_url(),
        json!({"route": "POST /v2/sessions", "fault": {"kind": "drop_mid_body"}, "times": 1}),
    )
    .await;
    let signer = Signer::a(&emulator);
    let response = signer
        .request(
            "POST",
            "/v2/sessions",
            Some(&session_body()),
            Tamper::default(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert!(response.bytes().await.is_err());
}

#[tokio::test]
async fn a_truncated_body_is_complete_http_but_broken_json() {
    let emulator = common::start().await;
    add_fault(
        &emulator.control_url(),
        json!({"route": "POST /v2/sessions", "fault": {"kind": "truncated_body"}, "times": 1}),
    )
    .await;
    let signer = Signer::a(&emulator);
    let answer = signer
        .send("POST", "/v2/sessions", Some(&session_body()))
        .await;
    assert_eq!(answer.status, 201);
    assert!(answer.body.starts_with(b"{\"id\":\"ss.v2."));
    assert!(serde_json::from_slice::<Value>(&answer.body).is_err());
}

#[tokio::test]
async fn a_non_json_body_is_sent_with_its_status() {
    let emulator = common::start().await;
    add_fault(
        &emulator.control_url(),
        json!({"fault": {"kind": "not_json", "status": 502}, "times": 1}),
    )
    .await;
    let signer = Signer::a(&emulator);
    let answer = signer.send("GET", "/v2/sessions/x", None).await;
    assert_eq!(answer.status, 502);
    assert!(
        answer.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(serde_json::from_slice::<Value>(&answer.body).is_err());
}

#[tokio::test]
async fn faults_can_target_one_application_and_be_listed_and_cleared() {
    let emulator = common::start().await;
    let control = emulator.control_url();
    let rule = add_fault(
        &control,
        json!({"application": APP_B, "fault": {"kind": "error", "status": 500}}),
    )
    .await;
    let a = Signer::a(&emulator);
    let b = Signer::b(&emulator);
    assert_eq!(
        a.send("POST", "/v2/sessions", Some(&session_body()))
            .await
            .status,
        201
    );
    assert_eq!(
        b.send("POST", "/v2/sessions", Some(&session_body()))
            .await
            .error(500)
            .0,
        "INTERNAL_ERROR"
    );
    // Until cleared.
    assert_eq!(b.send("GET", "/v2/qr-codes/x", None).await.status, 500);

    let http = reqwest::Client::new();
    let list: Value = serde_json::from_slice(
        &http
            .get(format!("{control}/faults"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(list[0]["id"], rule["id"]);
    let id = rule["id"].as_str().unwrap();
    let removed = http
        .delete(format!("{control}/faults/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 204);
    let again = http
        .delete(format!("{control}/faults/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    assert_eq!(
        b.send("POST", "/v2/sessions", Some(&session_body()))
            .await
            .status,
        201
    );

    add_fault(&control, json!({"fault": {"kind": "drop"}})).await;
    let cleared = http
        .delete(format!("{control}/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), 204);
    assert_eq!(
        a.send("POST", "/v2/sessions", Some(&session_body()))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn bad_fault_specs_are_refused() {
    let emulator = common::start().await;
    let http = reqwest::Client::new();
    for body in [
        json!({"fault": {"kind": "error", "status": 200}}),
        json!({"fault": {"kind": "explode"}}),
        json!({"route": "receipts", "fault": {"kind": "drop"}}),
        json!({"fault": {"kind": "drop"}, "times": 0}),
    ] {
        let response = http
            .post(format!("{}/faults", emulator.control_url()))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{body}");
    }
}
