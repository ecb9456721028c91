//! Shared test helpers: an emulator with two applications, and a client that signs requests by
//! hand over the exact string to sign (docs/protocol.md, "The string to sign").
#![allow(dead_code)]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use yoti_emulator::{Application, Emulator, EmulatorBuilder, EmulatorHandle};
use yoti_protocol::receipt::{PrivateKey, Receipt};

pub const APP_A: &str = "app-a-sdk-id";
pub const APP_B: &str = "app-b-sdk-id";

pub fn key(name: &str) -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path(&format!("keys/{name}"))).unwrap()
}

pub fn key_a() -> PrivateKey {
    key("node-2048.pem")
}

pub fn key_b() -> PrivateKey {
    key("go-4096.pem")
}

/// Two applications: A (node-2048, named "Corner Shop") and B (go-4096).
pub fn builder() -> EmulatorBuilder {
    Emulator::builder()
        .application(
            Application::new(APP_A, key_a().public_key())
                .with_name("Corner Shop")
                .with_url("https://shop.example")
                .with_receipt_bgcolor("#00aa55"),
        )
        .app(APP_B, key_b().public_key())
}

pub async fn start() -> EmulatorHandle {
    builder().start().await.unwrap()
}

pub fn nonce() -> String {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// An answer: status, headers and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Asserts the error body (docs/protocol.md, "Error body") and returns its `error` and
    /// `message`.
    pub fn error(&self, status: u16) -> (String, String) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let body = self.json();
        assert_eq!(body["status"], json!(status));
        assert_eq!(body["id"].as_str().unwrap().len(), 32);
        (
            body["error"].as_str().unwrap().to_owned(),
            body["message"].as_str().unwrap().to_owned(),
        )
    }
}

/// A client of one application that signs requests by hand.
pub struct Signer {
    pub origin: String,
    pub sdk_id: String,
    pub key: PrivateKey,
    pub http: reqwest::Client,
}

/// How to spoil a request.
#[derive(Debug, Clone, Default)]
pub struct Tamper {
    pub omit_auth_id: bool,
    pub auth_id: Option<String>,
    pub omit_digest: bool,
    pub digest: Option<String>,
    /// Query to send instead of `nonce=..&timestamp=..` (signed as sent).
    pub query: Option<String>,
    /// Body sent instead of the signed one.
    pub sent_body: Option<Vec<u8>>,
}

impl Signer {
    pub fn new(emulator: &EmulatorHandle, sdk_id: &str, key: PrivateKey) -> Self {
        Signer {
            origin: emulator.origin().to_owned(),
            sdk_id: sdk_id.to_owned(),
            key,
            http: reqwest::Client::new(),
        }
    }

    pub fn a(emulator: &EmulatorHandle) -> Self {
        Self::new(emulator, APP_A, key_a())
    }

    pub fn b(emulator: &EmulatorHandle) -> Self {
        Self::new(emulator, APP_B, key_b())
    }

    /// `path` is the endpoint path (`/v2/...`); the request goes to `/share` + path.
    pub async fn send(&self, method: &str, path: &str, body: Option<&[u8]>) -> Answer {
        self.send_with(method, path, body, Tamper::default()).await
    }

    pub async fn send_with(
        &self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
        tamper: Tamper,
    ) -> Answer {
        let response = self
            .request(method, path, body, tamper)
            .send()
            .await
            .unwrap();
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.bytes().await.unwrap().to_vec(),
        }
    }

    /// The signed request, not sent.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
        tamper: Tamper,
    ) -> reqwest::RequestBuilder {
        let query = tamper
            .query
            .clone()
            .unwrap_or_else(|| format!("nonce={}&timestamp={}", nonce(), now_ms()));
        let mut message = format!("{method}&{path}?{query}");
        if let Some(body) = body.filter(|b| !b.is_empty()) {
            message.push('&');
            message.push_str(&STANDARD.encode(body));
        }
        let digest = STANDARD.encode(self.key.sign(message.as_bytes()).unwrap());
        let url = format!("{}/share{path}?{query}", self.origin);
        let mut request = self
            .http
            .request(method.parse().unwrap(), &url)
            .header("Accept", "application/json");
        if !tamper.omit_auth_id {
            let id = tamper
                .auth_id
                .clone()
                .unwrap_or_else(|| self.sdk_id.clone());
            request = request.header("X-Yoti-Auth-Id", id);
        }
        if !tamper.omit_digest {
            request = request.header("X-Yoti-Auth-Digest", tamper.digest.unwrap_or(digest));
        }
        let sent = tamper.sent_body.or(body.map(<[u8]>::to_vec));
        if let Some(sent) = sent {
            request = request
                .header("Content-Type", "application/json")
                .body(sent);
        }
        request
    }

    /// Creates a share session; returns its id.
    pub async fn create_session(&self, config: &Value) -> String {
        let answer = self
            .send("POST", "/v2/sessions", Some(config.to_string().as_bytes()))
            .await;
        assert_eq!(
            answer.status,
            201,
            "{}",
            String::from_utf8_lossy(&answer.body)
        );
        answer.json()["id"].as_str().unwrap().to_owned()
    }

    /// Creates a QR code; returns the answer body.
    pub async fn create_qr_code(&self, session_id: &str) -> Value {
        let answer = self
            .send(
                "POST",
                &format!("/v2/sessions/{session_id}/qr-codes"),
                Some(b"{}"),
            )
            .await;
        assert_eq!(
            answer.status,
            201,
            "{}",
            String::from_utf8_lossy(&answer.body)
        );
        answer.json()
    }

    /// The receipt id re-encoded for the path, as the official Node SDK does.
    pub fn receipt_path(receipt_id: &str) -> String {
        let bytes = STANDARD.decode(receipt_id).unwrap();
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        format!("/v2/receipts/{url}")
    }

    pub async fn get_receipt(&self, receipt_id: &str) -> Answer {
        self.send("GET", &Self::receipt_path(receipt_id), None)
            .await
    }

    /// Fetches the receipt and its wrapped item key and decrypts them.
    pub async fn decrypt_receipt(&self, receipt_id: &str) -> Receipt {
        let receipt = self.get_receipt(receipt_id).await;
        assert_eq!(receipt.status, 200);
        let item_key_id = receipt.json()["wrappedItemKeyId"]
            .as_str()
            .unwrap()
            .to_owned();
        let item_key = self
            .send("GET", &format!("/v2/wrapped-item-keys/{item_key_id}"), None)
            .await;
        assert_eq!(item_key.status, 200);
        Receipt::decrypt(&receipt.body, &item_key.body, &self.key).unwrap()
    }
}

/// A share session configuration asking for `wanted` (policy `wanted` entries).
pub fn config(wanted: Value) -> Value {
    json!({
        "policy": {
            "wanted": wanted,
            "wanted_auth_types": [],
            "wanted_remember_me": false,
            "wanted_remember_me_optional": false
        },
        "extensions": [],
        "redirectUri": "/done"
    })
}

/// Shares through the control API; returns the status and body.
pub async fn control_share(emulator: &EmulatorHandle, session_id: &str, body: &str) -> Answer {
    let request = reqwest::Client::new()
        .post(format!(
            "{}/sessions/{session_id}/share",
            emulator.control_url()
        ))
        .header("Content-Type", "application/json")
        .body(body.to_owned());
    Answer::of(request).await
}

impl Answer {
    /// Sends the request and reads the whole answer.
    pub async fn of(request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.bytes().await.unwrap().to_vec(),
        }
    }
}

/// Shares and returns the receipt id.
pub async fn share_ok(emulator: &EmulatorHandle, session_id: &str, body: &str) -> String {
    let answer = control_share(emulator, session_id, body).await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()["receiptId"].as_str().unwrap().to_owned()
}

/// Panics anywhere in the test binary, the server's tasks included (a panicking handler only
/// kills its own connection, so "it still answers" alone would not show there was none).
static PANICS: AtomicUsize = AtomicUsize::new(0);

pub fn watch_panics() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

pub fn assert_no_panics() {
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "something panicked");
}

/// A normal signed request: the share session is created.
pub async fn still_serving(emulator: &EmulatorHandle) {
    let session = Signer::a(emulator)
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    assert!(session.starts_with("ss.v2."), "{session}");
}
