//! Share sessions and QR codes: success shapes, lifecycle, validation, 403 states, 404s, body
//! limits.

mod common;

use std::time::Duration;

use common::{APP_A, Signer, config, share_ok, start};
use serde_json::{Value, json};
use yoti_emulator::ApplicationState;

fn is_date_time(value: &Value) -> bool {
    let text = value.as_str().unwrap_or_default();
    text.len() == 24 && text.ends_with('Z') && text.as_bytes()[10] == b'T'
}

#[tokio::test]
async fn every_route_answers_the_documented_shape() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let created = signer
        .send(
            "POST",
            "/v2/sessions",
            Some(
                config(json!([{"name": "full_name", "optional": false}]))
                    .to_string()
                    .as_bytes(),
            ),
        )
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(
        created.headers["content-type"].to_str().unwrap(),
        "application/json"
    );
    let body = created.json();
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("ss.v2."), "{id}");
    assert!(!id.contains('+') && !id.contains('/'));
    assert_eq!(body["status"], "CREATED");
    // The same fields as `GET`: the Go and Java SDKs read both into one type.
    for key in ["created", "updated", "expiry"] {
        assert!(is_date_time(&body[key]), "{key}: {body}");
    }

    let session = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(session.status, 200);
    let session = session.json();
    assert_eq!(session["id"], json!(id));
    assert_eq!(session["status"], "CREATED");
    for key in ["created", "updated", "expiry"] {
        assert!(is_date_time(&session[key]), "{key}: {session}");
    }
    assert!(session.get("qrCode").is_none() && session.get("receipt").is_none());

    let qr = signer.create_qr_code(&id).await;
    let qr_id = qr["id"].as_str().unwrap().to_owned();
    assert_eq!(
        qr["uri"],
        json!(format!("{}/emulator/v1/qr/{qr_id}", emulator.origin()))
    );

    let details = signer
        .send("GET", &format!("/v2/qr-codes/{qr_id}"), None)
        .await;
    assert_eq!(details.status, 200);
    let details = details.json();
    assert_eq!(details["id"], json!(qr_id));
    assert!(is_date_time(&details["expiry"]));
    let policy: Value = serde_json::from_str(details["policy"].as_str().unwrap()).unwrap();
    assert_eq!(policy["wanted"][0]["name"], "full_name");
    assert_eq!(details["extensions"], json!([]));
    assert_eq!(details["session"]["id"], json!(id));
    assert_eq!(details["session"]["status"], "QR_CODE_CREATED");
    assert_eq!(details["redirectUri"], "/done");

    // Go and PHP send no body when creating a QR code.
    let again = signer
        .send("POST", &format!("/v2/sessions/{id}/qr-codes"), None)
        .await;
    assert_eq!(again.status, 201);
}

#[tokio::test]
async fn the_session_lifecycle_shows_in_get_session() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    let path = format!("/v2/sessions/{id}");
    let get = || signer.send("GET", &path, None);
    assert_eq!(get().await.json()["status"], "CREATED");

    let qr_id = signer.create_qr_code(&id).await["id"].clone();
    let session = get().await.json();
    assert_eq!(session["status"], "QR_CODE_CREATED");
    assert_eq!(session["qrCode"]["id"], qr_id);

    let receipt_id = share_ok(&emulator, &id, "").await;
    let session = get().await.json();
    assert_eq!(session["status"], "COMPLETED");
    assert_eq!(session["receipt"]["id"], json!(receipt_id));
    assert_eq!(receipt_id.len(), 64);

    // A completed session takes no more shares and no more QR codes.
    let answer = common::control_share(&emulator, &id, "").await;
    assert_eq!(answer.error(409).0, "SESSION_COMPLETED");
    let answer = signer
        .send("POST", &format!("/v2/sessions/{id}/qr-codes"), Some(b"{}"))
        .await;
    assert_eq!(answer.error(400).0, "SESSION_COMPLETED");
}

#[tokio::test]
async fn sessions_expire_after_their_lifetime() {
    let emulator = common::builder()
        .session_lifetime(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let session = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(session.json()["status"], "EXPIRED");
    let answer = signer
        .send("POST", &format!("/v2/sessions/{id}/qr-codes"), Some(b"{}"))
        .await;
    assert_eq!(answer.error(400).0, "SESSION_EXPIRED");
    let answer = common::control_share(&emulator, &id, "").await;
    assert_eq!(answer.error(409).0, "SESSION_EXPIRED");
}

#[tokio::test]
async fn malformed_configurations_are_invalid_payloads() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"{not json".to_vec(), "not valid JSON"),
        (b"[]".to_vec(), "JSON object"),
        (br#"{"redirectUri":"/x"}"#.to_vec(), "`policy`"),
        (br#"{"policy":{},"redirectUri":"/x"}"#.to_vec(), "policy.wanted"),
        (br#"{"policy":{"wanted":[]}}"#.to_vec(), "redirectUri"),
        (
            br#"{"policy":{"wanted":[]},"redirectUri":""}"#.to_vec(),
            "redirectUri",
        ),
        (
            br#"{"policy":{"wanted":[{"optional":true}]},"redirectUri":"/x"}"#.to_vec(),
            "wanted[0].name",
        ),
        (
            br#"{"policy":{"wanted":[{"name":"date_of_birth","derivation":"age_over:x"}]},"redirectUri":"/x"}"#
                .to_vec(),
            "age_over:x",
        ),
        (
            br#"{"policy":{"wanted":[]},"redirectUri":"/x","notification":{"url":""}}"#.to_vec(),
            "invalid",
        ),
        (
            format!("{}{}", "[".repeat(40), "]".repeat(40)).into_bytes(),
            "nested",
        ),
    ];
    for (body, expected) in cases {
        let answer = signer.send("POST", "/v2/sessions", Some(&body)).await;
        let (code, message) = answer.error(400);
        assert_eq!(
            code,
            "INVALID_PAYLOAD",
            "{}",
            String::from_utf8_lossy(&body)
        );
        assert!(
            message.contains(expected),
            "{message} should mention {expected}"
        );
        assert!(
            message.starts_with("Invalid request payload sent: "),
            "{message} should begin with Yoti's words"
        );
    }
}

#[tokio::test]
async fn unknown_attributes_get_the_documented_message() {
    let emulator = start().await;
    let body = config(json!([{"name": "full_name"}, {"name": "shoe_size"}]));
    let answer = Signer::a(&emulator)
        .send("POST", "/v2/sessions", Some(body.to_string().as_bytes()))
        .await;
    let (code, message) = answer.error(400);
    assert_eq!(code, "INVALID_PAYLOAD");
    assert_eq!(
        message,
        "One or more of the specified attributes are not known: shoe_size"
    );
}

#[tokio::test]
async fn third_party_attributes_are_shared_when_the_application_may_request_them() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let wanted = config(json!([{"name": "full_name"}, {"name": "com.thirdparty.id"}]));
    let session = signer.create_session(&wanted).await;
    let receipt_id = common::share_ok(&emulator, &session, "").await;
    let receipt = signer.decrypt_receipt(&receipt_id).await;
    let third_party = receipt.user_profile().get("com.thirdparty.id").unwrap();
    assert_eq!(
        third_party.value().as_str(),
        Some("com.thirdparty.id:jane-doe")
    );
    let sources: Vec<_> = third_party.sources().map(|a| a.value()).collect();
    assert_eq!(sources, ["THIRD_PARTY"]);

    // A name outside the catalogue that is not in reverse-domain form is still unknown.
    let typo = config(json!([{"name": "com.thirdparty.id"}, {"name": "full_nmae"}]));
    let answer = signer
        .send("POST", "/v2/sessions", Some(typo.to_string().as_bytes()))
        .await;
    assert_eq!(
        answer.error(400).1,
        "One or more of the specified attributes are not known: full_nmae"
    );
}

#[tokio::test]
async fn application_states_give_the_documented_403s() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let plain = config(json!([{"name": "full_name"}]));
    let cases = [
        (
            "SERVICE_DISABLED",
            "SERVICE_DISABLED",
            "Service is disabled",
        ),
        (
            "NO_ORGANISATION",
            "NO_ORGANISATION",
            "Service does not belong to an organisation",
        ),
        (
            "ORGANISATION_NOT_VERIFIED",
            "INVALID_ORG_STATUS",
            "Organisation status must be PENDING or VERIFIED to perform shares",
        ),
    ];
    let http = reqwest::Client::new();
    for (state, code, message) in cases {
        let set = http
            .put(format!(
                "{}/applications/{APP_A}/state",
                emulator.control_url()
            ))
            .header("Content-Type", "application/json")
            .body(json!({ "state": state }).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(set.status(), 200);
        let answer = signer
            .send("POST", "/v2/sessions", Some(plain.to_string().as_bytes()))
            .await;
        assert_eq!(answer.error(403), (code.to_owned(), message.to_owned()));
    }

    // Third-party issuance is refused only for sessions that ask for it.
    assert!(emulator.set_application_state(APP_A, ApplicationState::ThirdPartyIssuanceNotAllowed));
    let answer = signer
        .send("POST", "/v2/sessions", Some(plain.to_string().as_bytes()))
        .await;
    assert_eq!(answer.status, 201);
    let mut third_party = plain.clone();
    third_party["extensions"] = json!([{"type": "THIRD_PARTY_ATTRIBUTE", "content": {
        "expiry_date": "2030-01-02T00:00:00.123Z", "definitions": [{"name": "com.shop.member"}]}}]);
    let answer = signer
        .send(
            "POST",
            "/v2/sessions",
            Some(third_party.to_string().as_bytes()),
        )
        .await;
    assert_eq!(
        answer.error(403).1,
        "Service isn't allowed to issue the specified 3rd party attribute"
    );

    // Requesting a third-party attribute is refused only for sessions that want one.
    let set = http
        .put(format!(
            "{}/applications/{APP_A}/state",
            emulator.control_url()
        ))
        .header("Content-Type", "application/json")
        .body(r#"{"state":"THIRD_PARTY_REQUEST_NOT_ALLOWED"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 200);
    for allowed in [&plain, &third_party] {
        let answer = signer
            .send("POST", "/v2/sessions", Some(allowed.to_string().as_bytes()))
            .await;
        assert_eq!(answer.status, 201);
    }
    let requests = config(json!([{"name": "com.thirdparty.id"}]));
    let answer = signer
        .send(
            "POST",
            "/v2/sessions",
            Some(requests.to_string().as_bytes()),
        )
        .await;
    assert_eq!(
        answer.error(403),
        (
            "THIRD_PARTY_REQUEST_NOT_ALLOWED".to_owned(),
            "Service isn't allowed to request the specified 3rd party attribute".to_owned()
        )
    );

    let unknown_state = http
        .put(format!(
            "{}/applications/{APP_A}/state",
            emulator.control_url()
        ))
        .header("Content-Type", "application/json")
        .body(r#"{"state":"ON_FIRE"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_state.status(), 400);
    let unknown_app = http
        .put(format!(
            "{}/applications/nobody/state",
            emulator.control_url()
        ))
        .header("Content-Type", "application/json")
        .body(r#"{"state":"ACTIVE"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_app.status(), 404);
}

#[tokio::test]
async fn unknown_ids_and_routes_are_404s() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let cases = [
        (
            "GET",
            "/v2/sessions/ss.v2.nope=".to_owned(),
            "Share session not found",
        ),
        (
            "POST",
            "/v2/sessions/ss.v2.nope=/qr-codes".to_owned(),
            "Share session not found",
        ),
        ("GET", "/v2/qr-codes/nope".to_owned(), "QR code not found"),
        (
            "GET",
            Signer::receipt_path(&"A".repeat(64)),
            "Receipt not found",
        ),
        (
            "GET",
            "/v2/receipts/not-base64!".to_owned(),
            "Receipt not found",
        ),
        (
            "GET",
            "/v2/wrapped-item-keys/nope".to_owned(),
            "Wrapped item key not found",
        ),
        ("GET", "/v2/unknown".to_owned(), "No route"),
    ];
    for (method, path, message) in cases {
        let body = (method == "POST").then_some(&b"{}"[..]);
        let answer = signer.send(method, &path, body).await;
        let (code, text) = answer.error(404);
        assert_eq!(code, "NOT_FOUND");
        assert!(text.contains(message), "{path}: {text}");
    }
    let page = reqwest::get(format!("{}/emulator/v1/qr/nope", emulator.origin()))
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    let nowhere = reqwest::get(format!("{}/elsewhere", emulator.origin()))
        .await
        .unwrap();
    assert_eq!(nowhere.status(), 404);
    // Outside the share API: no Yoti code, and the way to the right base URL.
    let body: Value = serde_json::from_slice(&nowhere.bytes().await.unwrap()).unwrap();
    assert!(body.get("error").is_none(), "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("GET /elsewhere") && message.contains("/share"),
        "{message}"
    );
    let wrong_method = reqwest::Client::new()
        .delete(format!("{}/share/v2/sessions", emulator.origin()))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), 405);
    let body: Value = serde_json::from_slice(&wrong_method.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"], "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn another_application_cannot_see_a_session() {
    let emulator = start().await;
    let id = Signer::a(&emulator)
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    let answer = Signer::b(&emulator)
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(answer.error(404).1, "Share session not found");
}

#[tokio::test]
async fn an_oversized_body_is_413_and_the_server_keeps_serving() {
    let emulator = common::builder().body_limit(4096).start().await.unwrap();
    let signer = Signer::a(&emulator);
    let mut big = config(json!([{"name": "full_name"}]));
    big["subject"] = json!({ "padding": "x".repeat(8000) });
    let answer = signer
        .send("POST", "/v2/sessions", Some(big.to_string().as_bytes()))
        .await;
    assert_eq!(answer.error(413).0, "PAYLOAD_TOO_LARGE");
    let answer = signer
        .send(
            "POST",
            "/v2/sessions",
            Some(
                config(json!([{"name": "full_name"}]))
                    .to_string()
                    .as_bytes(),
            ),
        )
        .await;
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn the_default_body_limit_is_one_mebibyte() {
    let emulator = start().await;
    let answer = Signer::a(&emulator)
        .send("POST", "/v2/sessions", Some(&vec![b' '; 1024 * 1024 + 1]))
        .await;
    assert_eq!(answer.error(413).0, "PAYLOAD_TOO_LARGE");
}
