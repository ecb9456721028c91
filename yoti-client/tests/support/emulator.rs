//! An emulator with one application and a client for it, and shares through its control API,
//! for the tests of this crate that need a whole share.

use yoti_client::DigitalIdentityClient;
use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_protocol::PrivateKey;

pub const SDK_ID: &str = "client-tests-sdk-id";

fn key() -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path("keys/node-2048.pem")).unwrap()
}

/// An emulator on 127.0.0.1 and a client of its application.
pub async fn start() -> (EmulatorHandle, DigitalIdentityClient) {
    let emulator = Emulator::builder()
        .app(SDK_ID, key().public_key())
        .start()
        .await
        .unwrap();
    let client = DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    (emulator, client)
}

/// Shares the session as the persona, with `body`'s overrides; the receipt id.
pub async fn share(emulator: &EmulatorHandle, session_id: &str, body: &str) -> String {
    let response = reqwest::Client::new()
        .post(format!(
            "{}/sessions/{session_id}/share",
            emulator.control_url()
        ))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let answer: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    answer["receiptId"].as_str().unwrap().to_owned()
}
