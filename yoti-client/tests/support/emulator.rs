//! An emulator with one application and a client for it, for the tests of this crate that need
//! a whole share (completed through `yoti_test_support::EmulatorControl`).

use yoti_client::DigitalIdentityClient;
use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_protocol::PrivateKey;
use yoti_test_support::test_key;

pub const SDK_ID: &str = "client-tests-sdk-id";

fn key() -> PrivateKey {
    test_key("node-2048.pem")
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
