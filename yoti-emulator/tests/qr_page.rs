//! The QR code page and its Share button, and relative redirects.

mod common;

use common::{APP_A, Signer, config, key_a};
use percent_encoding::percent_decode_str;
use serde_json::json;
use yoti_emulator::{Application, Emulator};

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_qr_page_may_not_be_framed() {
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name", "optional": false}])))
        .await;
    let qr = signer.create_qr_code(&id).await;
    let page = reqwest::get(qr["uri"].as_str().unwrap()).await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let policy = page.headers()["content-security-policy"].to_str().unwrap();
    let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
    assert!(directives.contains(&"frame-ancestors 'none'"), "{policy}");
    assert!(directives.contains(&"default-src 'none'"), "{policy}");
}

#[tokio::test]
async fn the_qr_page_shows_the_application_and_shares_with_a_redirect() {
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let mut body = config(json!([
        {"name": "full_name", "optional": false},
        {"name": "date_of_birth", "optional": false, "derivation": "age_over:18"}
    ]));
    body["redirectUri"] = json!("https://shop.example/done?step=2");
    let id = signer.create_session(&body).await;
    let qr = signer.create_qr_code(&id).await;
    let uri = qr["uri"].as_str().unwrap();

    let page = reqwest::get(uri).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("Corner Shop would like to see"), "{html}");
    assert!(html.contains("Your full name"));
    assert!(html.contains("Whether you are 18 or over"));
    assert!(html.contains("<svg"));
    assert!(html.contains(&format!(
        "<form method=\"post\" action=\"/emulator/v1/qr/{}/share\">",
        qr["id"].as_str().unwrap()
    )));
    assert!(html.contains("<button type=\"submit\">Share</button>"));

    let shared = no_redirects()
        .post(format!("{uri}/share"))
        .send()
        .await
        .unwrap();
    assert_eq!(shared.status(), 303);
    let location = shared.headers()["location"].to_str().unwrap().to_owned();
    let encoded = location
        .strip_prefix("https://shop.example/done?step=2&receiptId=")
        .unwrap_or_else(|| panic!("{location}"));
    assert!(
        encoded.contains("%2B") && encoded.contains("%2F"),
        "{encoded}"
    );
    let receipt_id = percent_decode_str(encoded)
        .decode_utf8()
        .unwrap()
        .into_owned();

    let session = signer
        .send("GET", &format!("/v2/sessions/{id}"), None)
        .await;
    assert_eq!(session.json()["receipt"]["id"], json!(receipt_id));
    let receipt = signer.decrypt_receipt(&receipt_id).await;
    assert_eq!(
        receipt.user_profile().full_name().unwrap().value(),
        "Jane Alexandra Doe"
    );

    // The page now says the share is done, without a button.
    let html = reqwest::get(uri).await.unwrap().text().await.unwrap();
    assert!(html.contains("has been completed"));
    assert!(!html.contains("<button"));
}

#[tokio::test]
async fn relative_redirects_use_the_application_domain() {
    let key = key_a();
    let emulator = Emulator::builder()
        .application(Application::new(APP_A, key.public_key()).with_domain("https://app.example/"))
        .app("plain", common::key_b().public_key())
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    let id = signer.create_session(&config(json!([]))).await;
    let uri = signer.create_qr_code(&id).await["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let shared = no_redirects()
        .post(format!("{uri}/share"))
        .send()
        .await
        .unwrap();
    let location = shared.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("https://app.example/done?receiptId="),
        "{location}"
    );

    // Without a domain, the emulator's own origin.
    let plain = Signer::new(&emulator, "plain", common::key_b());
    let id = plain.create_session(&config(json!([]))).await;
    let uri = plain.create_qr_code(&id).await["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let shared = no_redirects()
        .post(format!("{uri}/share"))
        .send()
        .await
        .unwrap();
    let location = shared.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{}/done?receiptId=", emulator.origin())),
        "{location}"
    );
}

#[tokio::test]
async fn qr_code_uris_use_the_public_base_url() {
    let emulator = common::builder()
        .public_base_url("http://localhost:9999/")
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    let id = signer.create_session(&config(json!([]))).await;
    let qr = signer.create_qr_code(&id).await;
    assert_eq!(
        qr["uri"],
        json!(format!(
            "http://localhost:9999/emulator/v1/qr/{}",
            qr["id"].as_str().unwrap()
        ))
    );
}
