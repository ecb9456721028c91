//! What the client-against-emulator tests share: the fixture keys and the emulator's control API
//! (shares and fault rules), driven over HTTP as a test harness would.

use serde_json::Value;
use yoti_emulator::EmulatorHandle;
use yoti_protocol::receipt::PrivateKey;

/// A private key from `test-vectors/keys/`.
pub fn fixture_key(name: &str) -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path(&format!("keys/{name}"))).unwrap()
}

/// Calls the control API (`POST` or `DELETE`), asserts success, and returns its JSON answer
/// (`null` when there is none).
pub async fn control(emulator: &EmulatorHandle, method: &str, path: &str, body: Value) -> Value {
    let url = format!("{}{path}", emulator.control_url());
    let http = reqwest::Client::new();
    let request = match method {
        "POST" => http.post(url),
        "DELETE" => http.delete(url),
        other => panic!("no {other} in these tests"),
    };
    let response = request
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Completes a share of the session as the persona (with `body`'s overrides); the receipt id.
pub async fn share(emulator: &EmulatorHandle, session_id: &str, body: Value) -> String {
    let answer = control(
        emulator,
        "POST",
        &format!("/sessions/{session_id}/share"),
        body,
    )
    .await;
    answer["receiptId"].as_str().unwrap().to_owned()
}

/// Adds a fault rule (`{"route", "fault", "times"}`).
pub async fn add_fault(emulator: &EmulatorHandle, rule: Value) {
    control(emulator, "POST", "/faults", rule).await;
}
