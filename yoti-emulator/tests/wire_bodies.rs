//! The JSON the emulator writes for sessions, QR codes and errors, pinned key by key: the official
//! SDKs are tested against it, so a key's name, order and presence must never change by accident.
//! Every body is also read back into the `yoti_protocol::api` type that describes it.

mod common;

use common::{Signer, config, share_ok, start};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use yoti_protocol::api::{
    ErrorBody, ShareQrCode, ShareQrCodeDetails, ShareSession, ShareSessionDetails,
    ShareSessionStatus,
};

/// The body with every leaf replaced by its JSON kind; keys keep their order.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
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

/// The body read as the type the client reads it into, which must write it back byte for byte.
fn read_back<T: Serialize + DeserializeOwned>(body: &[u8]) -> T {
    let value: T = serde_json::from_slice(body).unwrap();
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        String::from_utf8_lossy(body)
    );
    value
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
    // The fields of `GET`, in its order: the Go and Java SDKs read both into one type.
    assert_eq!(
        shape_of(&created.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string"}"#
    );
    let id = read_back::<ShareSessionDetails>(&created.body).id;
    // What this project's client reads it into.
    assert_eq!(
        serde_json::from_slice::<ShareSession>(&created.body)
            .unwrap()
            .id,
        id
    );

    let fresh = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(
        shape_of(&fresh.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string"}"#
    );
    let fresh = read_back::<ShareSessionDetails>(&fresh.body);
    assert_eq!(fresh.status, ShareSessionStatus::Created);
    assert!(fresh.expiry.unwrap().to_system_time().is_ok());

    let qr = signer
        .send("POST", &format!("/v2/sessions/{id}/qr-codes"), Some(b"{}"))
        .await;
    assert_eq!(qr.status, 201);
    assert_eq!(shape_of(&qr.body), r#"{"id":"string","uri":"string"}"#);
    let qr_id = read_back::<ShareQrCode>(&qr.body).id;

    let qr_details = signer
        .send("GET", &format!("/v2/qr-codes/{qr_id}"), None)
        .await;
    assert_eq!(
        shape_of(&qr_details.body),
        r#"{"id":"string","expiry":"string","policy":"string","extensions":[],"session":{"id":"string","status":"string","expiry":"string"},"redirectUri":"string"}"#
    );
    let qr_details = read_back::<ShareQrCodeDetails>(&qr_details.body);
    assert_eq!(qr_details.session.id, id);
    assert_eq!(
        qr_details.session.status,
        Some(ShareSessionStatus::QrCodeCreated)
    );

    let scanned = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(
        shape_of(&scanned.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string","qrCode":{"id":"string"}}"#
    );
    assert_eq!(
        read_back::<ShareSessionDetails>(&scanned.body)
            .qr_code
            .unwrap()
            .id,
        qr_id.as_str()
    );

    share_ok(&emulator, id.as_str(), "").await;
    let shared = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(
        shape_of(&shared.body),
        r#"{"id":"string","status":"string","created":"string","updated":"string","expiry":"string","qrCode":{"id":"string"},"receipt":{"id":"string"}}"#
    );
    let shared = read_back::<ShareSessionDetails>(&shared.body);
    assert_eq!(shared.status, ShareSessionStatus::Completed);
    assert!(shared.receipt.is_some());

    let missing = signer.send("GET", "/v2/sessions/ss.v2.unknown", None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        shape_of(&missing.body),
        r#"{"id":"string","status":"number","error":"string","message":"string"}"#
    );
    let error = read_back::<ErrorBody>(&missing.body);
    assert_eq!(error.status, Some(404));
    assert_eq!(error.error.as_deref(), Some("NOT_FOUND"));
}
