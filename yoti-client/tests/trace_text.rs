//! What the client's trace lines show when receipt calls fail: the endpoint and the error, never
//! the receipt id, the nonce or the timestamp of a request.
//!
//! Alone in its test binary: `tracing` caches per call site whether anyone listens, and a test
//! running on another thread with no subscriber could make this one miss lines.

#[path = "support/raw_server.rs"]
#[allow(dead_code)] // this binary needs only some of the server's helpers
mod raw_server;

use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use raw_server::{Server, answer, closed_origin, redirect};
use yoti_client::{DigitalIdentityClient, RetryPolicy};
use yoti_policy::Profile;
use yoti_protocol::receipt::PrivateKey;

/// Collects everything a `tracing` subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn traces_of_failed_receipt_calls_show_no_receipt_id_or_nonce() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer({
            let captured = captured.clone();
            move || captured.clone()
        })
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // An application key made for this run: these servers check no signature.
    let pem = yoti_emulator::keys::generate_private_key_pem().unwrap();
    let key = PrivateKey::from_pem(pem.as_bytes()).unwrap();
    // Bytes whose standard base64 holds `+` and `/`, so that every received form differs.
    let id = [0xfb_u8; 33];
    let standard = STANDARD.encode(id);
    let path_form = URL_SAFE_NO_PAD.encode(id);
    let on_redirect = standard.replace('+', "%2B").replace('/', "%2F");

    let elsewhere = format!("http://127.0.0.1:1/v2/receipts/{path_form}?nonce=n");
    let redirecting = Server::start(move |_| redirect(302, &elsewhere)).await;
    let failing = Server::start(|_| answer(503, "{}")).await;
    let closed = closed_origin().await;
    for origin in [redirecting.origin(), failing.origin(), closed.as_str()] {
        let client = DigitalIdentityClient::builder("trace-sdk-id", key.clone())
            .base_url(origin)
            .retry(RetryPolicy {
                max_retries: 2,
                base_delay: std::time::Duration::from_millis(1),
                max_delay: std::time::Duration::from_millis(1),
            })
            .build()
            .unwrap();
        for asked in [&standard, &on_redirect] {
            let asked = yoti_client::ReceiptId::parse(asked).unwrap();
            assert!(client.get_share_receipt::<Profile>(&asked).await.is_err());
        }
    }

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // Every failure was traced, in its span...
    assert_eq!(
        text.matches("yoti_client::transport: failed").count(),
        6,
        "{text}"
    );
    assert!(
        text.contains("yoti.request{endpoint=\"get receipt\""),
        "{text}"
    );
    // ...with nothing that identifies the receipt or a request.
    for secret in [&standard, &path_form, &on_redirect] {
        assert!(!text.contains(secret.as_str()), "{text}");
    }
    assert!(
        !text.contains("nonce") && !text.contains("timestamp="),
        "{text}"
    );
    for request in redirecting.seen().iter().chain(&failing.seen()) {
        assert!(!text.contains(request.query()), "{text}");
    }
}
