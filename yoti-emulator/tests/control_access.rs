//! Who may drive the control API: a web page of another origin cannot (no `text/plain` or form
//! posts, no foreign `Origin`), nor a page that rebinds its own host name to 127.0.0.1 (foreign
//! `Host`); a configured control token is required and compared whole. The emulator's own QR
//! code page keeps working, as a browser drives it.

mod common;

use common::{Answer, Signer, config};
use reqwest::Method;
use serde_json::json;
use yoti_emulator::EmulatorHandle;

const TOKEN: &str = "correct horse battery staple";

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A control API request (`path` under `/emulator/v1`).
fn control(emulator: &EmulatorHandle, method: Method, path: &str) -> reqwest::RequestBuilder {
    http().request(method, format!("{}{path}", emulator.control_url()))
}

async fn new_session(emulator: &EmulatorHandle) -> String {
    Signer::a(emulator)
        .create_session(&config(json!([{"name": "full_name"}])))
        .await
}

async fn session_status(emulator: &EmulatorHandle, id: &str) -> String {
    let answer = Signer::a(emulator)
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    answer.json()["status"].as_str().unwrap().to_owned()
}

async fn fault_count(emulator: &EmulatorHandle) -> usize {
    let answer = Answer::of(control(emulator, Method::GET, "/faults")).await;
    answer.json().as_array().unwrap().len()
}

#[tokio::test]
async fn bodies_that_are_not_declared_json_are_refused() {
    let emulator = common::start().await;
    let fault = json!({"fault": {"kind": "drop"}}).to_string();
    // What a cross-origin form or `fetch` can send without a preflight.
    for content_type in [
        None,
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
    ] {
        let mut request = control(&emulator, Method::POST, "/faults").body(fault.clone());
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        let answer = Answer::of(request).await;
        assert_eq!(
            answer.error(415).0,
            "UNSUPPORTED_MEDIA_TYPE",
            "{content_type:?}"
        );
    }
    assert_eq!(fault_count(&emulator).await, 0);

    let id = new_session(&emulator).await;
    let form = control(&emulator, Method::POST, &format!("/sessions/{id}/share"))
        .header("Content-Type", "text/plain")
        .body("{}");
    assert_eq!(
        Answer::of(form).await.error(415).0,
        "UNSUPPORTED_MEDIA_TYPE"
    );
    assert_eq!(session_status(&emulator, &id).await, "CREATED");

    // Declared JSON, with parameters or not, or no body at all, is fine.
    let json = control(&emulator, Method::POST, "/faults")
        .header("Content-Type", "application/json; charset=utf-8")
        .body(fault);
    assert_eq!(Answer::of(json).await.status, 201);
    let empty = control(&emulator, Method::POST, &format!("/sessions/{id}/share"));
    assert_eq!(Answer::of(empty).await.status, 200);
}

#[tokio::test]
async fn requests_from_other_origins_are_refused() {
    let emulator = common::start().await;
    let id = new_session(&emulator).await;
    let port = emulator.local_addr().port();
    for origin in [
        "http://evil.example".to_owned(),
        format!("http://evil.example:{port}"),
        "http://127.0.0.1:3000".to_owned(),
        format!("https://127.0.0.1:{port}"),
        "null".to_owned(),
    ] {
        let share = control(&emulator, Method::POST, &format!("/sessions/{id}/share"))
            .header("Origin", &origin);
        let (code, message) = Answer::of(share).await.error(403);
        assert_eq!(code, "FORBIDDEN_ORIGIN", "{origin}");
        assert!(message.contains("another origin"), "{message}");
        let read = control(&emulator, Method::GET, "/requests").header("Origin", &origin);
        assert_eq!(Answer::of(read).await.error(403).0, "FORBIDDEN_ORIGIN");
    }
    assert_eq!(session_status(&emulator, &id).await, "CREATED");

    // The emulator's own pages, by any of its loopback names.
    for own in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ] {
        let read = control(&emulator, Method::GET, "/requests").header("Origin", own);
        assert_eq!(Answer::of(read).await.status, 200);
    }
}

#[tokio::test]
async fn requests_addressed_to_another_host_are_refused() {
    let emulator = common::start().await;
    let id = new_session(&emulator).await;
    let port = emulator.local_addr().port();
    // A page on `rebind.example` whose name now resolves to 127.0.0.1 sends its own host name.
    for host in [
        format!("rebind.example:{port}"),
        "rebind.example".to_owned(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.rebind.example:{port}"),
    ] {
        let share = control(&emulator, Method::POST, &format!("/sessions/{id}/share"))
            .header("Host", &host);
        let (code, message) = Answer::of(share).await.error(403);
        assert_eq!(code, "FORBIDDEN_HOST", "{host}");
        assert!(message.contains("Host"), "{message}");
        let page = control(&emulator, Method::GET, "/faults").header("Host", &host);
        assert_eq!(Answer::of(page).await.error(403).0, "FORBIDDEN_HOST");
    }
    assert_eq!(session_status(&emulator, &id).await, "CREATED");

    for own in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        let read = control(&emulator, Method::GET, "/requests").header("Host", own);
        assert_eq!(Answer::of(read).await.status, 200);
    }
}

#[tokio::test]
async fn the_public_origin_is_one_of_the_emulators_own() {
    let emulator = common::builder()
        .public_base_url("https://emulator.test")
        .start()
        .await
        .unwrap();
    let read = control(&emulator, Method::GET, "/requests")
        .header("Host", "emulator.test")
        .header("Origin", "https://emulator.test");
    assert_eq!(Answer::of(read).await.status, 200);
    let other_port =
        control(&emulator, Method::GET, "/requests").header("Host", "emulator.test:8443");
    assert_eq!(Answer::of(other_port).await.error(403).0, "FORBIDDEN_HOST");
}

#[tokio::test]
async fn a_configured_token_is_required_and_checked() {
    let emulator = common::builder()
        .control_token(TOKEN)
        .start()
        .await
        .unwrap();
    let id = new_session(&emulator).await;
    let share = || control(&emulator, Method::POST, &format!("/sessions/{id}/share"));

    let missing = Answer::of(share()).await;
    let (code, message) = missing.error(401);
    assert_eq!(code, "INVALID_CONTROL_TOKEN");
    assert!(message.contains("Bearer"), "{message}");
    assert!(
        missing.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert!(!String::from_utf8_lossy(&missing.body).contains(TOKEN));

    for wrong in [
        "Bearer correct horse battery stapler".to_owned(),
        "Bearer correct horse battery stapl".to_owned(),
        "Bearer ".to_owned(),
        format!("Basic {TOKEN}"),
        TOKEN.to_owned(),
    ] {
        let answer = Answer::of(share().header("Authorization", &wrong)).await;
        assert_eq!(answer.error(401).0, "INVALID_CONTROL_TOKEN", "{wrong}");
    }
    assert_eq!(session_status(&emulator, &id).await, "CREATED");
    for route in ["/requests", "/faults", "/applications"] {
        let answer = Answer::of(control(&emulator, Method::GET, route)).await;
        assert_eq!(answer.error(401).0, "INVALID_CONTROL_TOKEN", "{route}");
    }

    let right = share().header("Authorization", format!("bearer {TOKEN}"));
    assert_eq!(Answer::of(right).await.status, 200);
    assert_eq!(session_status(&emulator, &id).await, "COMPLETED");
    // The share API is signed, and needs no control token.
    let session = Signer::a(&emulator)
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(session.status, 200);
}

#[tokio::test]
async fn the_qr_page_works_as_a_browser_drives_it_and_needs_no_token() {
    let emulator = common::builder()
        .control_token(TOKEN)
        .start()
        .await
        .unwrap();
    let id = new_session(&emulator).await;
    let qr = Signer::a(&emulator).create_qr_code(&id).await;
    let uri = qr["uri"].as_str().unwrap();
    let page = http().get(uri).send().await.unwrap();
    assert_eq!(page.status(), 200);

    // What a browser sends when the Share button is pressed: the page's origin, a form content
    // type and an empty body.
    let press = http()
        .post(format!("{uri}/share"))
        .header("Origin", emulator.origin())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Content-Length", "0");
    let answer = Answer::of(press).await;
    assert_eq!(
        answer.status,
        303,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(session_status(&emulator, &id).await, "COMPLETED");

    // A page of another origin cannot press it.
    let id = new_session(&emulator).await;
    let qr = Signer::a(&emulator).create_qr_code(&id).await;
    let forged = http()
        .post(format!("{}/share", qr["uri"].as_str().unwrap()))
        .header("Origin", "http://evil.example")
        .header("Content-Type", "application/x-www-form-urlencoded");
    assert_eq!(Answer::of(forged).await.error(403).0, "FORBIDDEN_ORIGIN");
    assert_eq!(session_status(&emulator, &id).await, "QR_CODE_CREATED");
}
