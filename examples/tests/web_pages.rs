//! The web example's pages over HTTP, against the embedded emulator: the share page, a
//! verified share, a failed share, and receipt ids that are missing, invalid or unknown.
//! (tests/tests/web_example.rs drives the same application in a browser.)

use yoti_examples::backend::Connection;
use yoti_examples::policy::VerifiedVisitor;
use yoti_examples::web::{self, RunningApp};
use yoti_policy::ShareSessionConfiguration;

struct Fixture {
    connection: Connection,
    app: RunningApp,
    http: reqwest::Client,
}

async fn fixture() -> Fixture {
    let connection = Connection::start_emulator().await.unwrap();
    let app = web::start(&connection, 0).await.unwrap();
    Fixture {
        connection,
        app,
        http: reqwest::Client::new(),
    }
}

struct Page {
    status: u16,
    headers: reqwest::header::HeaderMap,
    html: String,
}

impl Fixture {
    async fn get(&self, path_and_query: &str) -> Page {
        let url = format!(
            "{}{}",
            self.app.url(),
            path_and_query.trim_start_matches('/')
        );
        let response = self.http.get(url).send().await.unwrap();
        Page {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            html: response.text().await.unwrap(),
        }
    }

    /// A share of `body` (control API) for a new session of the web example's policy.
    async fn share(&self, body: &str) -> String {
        let client = &self.connection.client;
        let config = ShareSessionConfiguration::new::<VerifiedVisitor>("/callback").unwrap();
        let session = client.create_share_session(&config).await.unwrap();
        let control = self.connection.emulator().unwrap().control_url();
        let response = self
            .http
            .post(format!("{control}/sessions/{}/share", session.id))
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let answer: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        answer["receiptId"].as_str().unwrap().to_owned()
    }
}

/// The receipt id as the redirect carries it: standard base64, percent-encoded.
fn query_value(receipt_id: &str) -> String {
    receipt_id
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

#[tokio::test]
async fn the_first_page_shows_a_new_qr_code_and_a_link_to_the_share_page() {
    let f = fixture().await;
    let page = f.get("/").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.headers["cache-control"], "no-store");
    assert_eq!(page.html.matches("<svg ").count(), 1);
    let emulator = f.connection.emulator().unwrap();
    let link = format!(
        "id=\"open-share\" class=\"button\" href=\"{}/emulator/v1/qr/",
        emulator.origin()
    );
    assert!(page.html.contains(&link), "{}", page.html);
    // Yoti's own web share client is only for the real API.
    assert!(!page.html.contains("www.yoti.com/share/client"));
    assert!(page.html.contains("local Yoti emulator"));

    // Every load is a new share session.
    f.get("/").await;
    assert_eq!(emulator.request_count("POST /v2/sessions"), 2);
    assert_eq!(
        emulator.request_count("POST /v2/sessions/{session_id}/qr-codes"),
        2
    );
}

#[tokio::test]
async fn a_completed_share_shows_the_verified_details() {
    let f = fixture().await;
    let receipt_id = f.share("{}").await;
    let page = f
        .get(&format!("/callback?receiptId={}", query_value(&receipt_id)))
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(
        page.html
            .contains("<dd id=\"full-name\">Jane Alexandra Doe</dd>")
    );
    assert!(page.html.contains("18 or over: <strong>Yes</strong>"));
    assert!(
        page.html
            .contains("<img id=\"selfie\" src=\"data:image/jpeg;base64,")
    );
    assert!(page.html.contains(&receipt_id));
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert!(
        page.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );

    // A form decoder's `+` -> space, or the id not encoded at all: the same receipt.
    let raw = f.get(&format!("/callback?receiptId={receipt_id}")).await;
    assert_eq!(raw.status, 200);
    assert!(raw.html.contains("Jane Alexandra Doe"));
}

#[tokio::test]
async fn an_age_check_that_fails_says_no() {
    let f = fixture().await;
    let receipt_id = f
        .share(
            r#"{"attributes":[
                {"name":"full_name","value":"Young Person"},
                {"name":"date_of_birth","value":"2020-01-01"},
                {"name":"selfie","value":"/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k="}
            ]}"#,
        )
        .await;
    let page = f
        .get(&format!("/callback?receiptId={}", query_value(&receipt_id)))
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("Young Person"));
    assert!(page.html.contains("18 or over: <strong>No</strong>"));
    assert!(page.html.contains("class=\"no\""));
}

#[tokio::test]
async fn a_failed_share_shows_the_error_code_and_each_requirement_not_met() {
    let f = fixture().await;
    // Only the name: the age check and the selfie are missing, so Yoti sends a failure receipt.
    let receipt_id = f
        .share(r#"{"attributes":[{"name":"full_name","value":"<b>Jane</b>"}]}"#)
        .await;
    let page = f
        .get(&format!("/callback?receiptId={}", query_value(&receipt_id)))
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("<h1>The share did not complete</h1>"));
    assert!(
        page.html
            .contains("<dd id=\"error-code\"><code>MANDATORY_DOCUMENT_NOT_PROVIDED</code></dd>")
    );
    assert!(
        page.html
            .contains("<td>ATTRIBUTE_NOT_PROVIDED</td><td>selfie</td>")
    );
    assert!(
        page.html
            .contains("<td>ATTRIBUTE_NOT_PROVIDED</td><td>age_over:18</td>")
    );
    assert!(
        !page.html.contains("<b>Jane</b>"),
        "no profile on a failure"
    );
    // The wrapped item key is never fetched for a failure receipt.
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{wrapped_item_key_id}"),
        0
    );
}

#[tokio::test]
async fn missing_invalid_and_unknown_receipt_ids_are_4xx_pages_that_say_so() {
    let f = fixture().await;

    let missing = f.get("/callback").await;
    assert_eq!(missing.status, 400);
    assert!(missing.html.contains("<h1>No receipt</h1>"));
    let empty = f.get("/callback?receiptId=").await;
    assert_eq!(empty.status, 400);

    let invalid = f
        .get("/callback?receiptId=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert_eq!(invalid.status, 400);
    assert!(invalid.html.contains("<h1>Invalid receipt id</h1>"));
    assert!(!invalid.html.contains("<script>"));

    // Well-formed, but no such receipt.
    let unknown = f
        .get("/callback?receiptId=9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC%2Br7hJCVPl")
        .await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.html.contains("<h1>Unknown receipt</h1>"));
}
