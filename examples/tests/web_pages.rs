//! The web example's pages over HTTP, against the embedded emulator: the share page and its
//! cookie, a verified share shown once from the receipt and then from the database, a failed
//! share, receipts refused to other browsers, receipt ids that are missing, invalid or unknown,
//! the webhook (refused before its body is read, and bounded), the list of verifications (off
//! without its token), concurrent callbacks reading the receipt once, a failing database, and
//! the database surviving a restart.
//! (tests/tests/web_example.rs drives the same application in a browser.)

use std::path::PathBuf;
use std::time::Duration;

use yoti_examples::backend::Connection;
use yoti_examples::policy::VerifiedVisitor;
use yoti_examples::web::store::{Outcome, Store, Verification};
use yoti_examples::web::{self, RunningApp, Settings};
use yoti_policy::ShareSessionConfiguration;

/// The emulator, the application on a database file of its own, and an HTTP client that keeps
/// no cookies: each test passes the cookie it means.
struct Fixture {
    connection: Connection,
    app: RunningApp,
    database: PathBuf,
    http: reqwest::Client,
}

/// A fresh database path for one test (removed first, if a previous run left it).
fn database(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "yoti-web-pages-{}-{name}.sqlite3",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&path);
    path
}

/// The token of `GET /verifications` in the tests that turn it on.
const STAFF_TOKEN: &str = "staff-token-for-tests-0123456789";

/// Settings on `database` with `GET /verifications` opened by [`STAFF_TOKEN`].
fn with_staff_token(database: &PathBuf) -> Settings {
    let mut settings = Settings::with_database(database).unwrap();
    settings.verifications_token = Some(STAFF_TOKEN.to_owned());
    settings
}

async fn fixture(name: &str) -> Fixture {
    fixture_with(name, |database| Settings::with_database(database).unwrap()).await
}

async fn fixture_with(name: &str, settings: impl FnOnce(&PathBuf) -> Settings) -> Fixture {
    let connection = Connection::start_emulator().await.unwrap();
    let database = database(name);
    let app = web::start(&connection, 0, &settings(&database))
        .await
        .unwrap();
    Fixture {
        connection,
        app,
        database,
        http: reqwest::Client::new(),
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.database);
    }
}

struct Page {
    status: u16,
    headers: reqwest::header::HeaderMap,
    html: String,
}

/// A browser's share: its cookie (`name=value`), the session the page created, and the
/// receipt id once shared.
struct Browser {
    cookie: String,
    session_id: String,
}

impl Fixture {
    async fn get(&self, path_and_query: &str) -> Page {
        self.get_as(None, path_and_query).await
    }

    /// `GET` with the cookie of `browser`, or none.
    async fn get_as(&self, browser: Option<&Browser>, path_and_query: &str) -> Page {
        self.get_with(browser, None, path_and_query).await
    }

    /// `GET /verifications` with `authorization`, or none.
    async fn verifications(&self, authorization: Option<&str>) -> Page {
        self.get_with(None, authorization, "/verifications").await
    }

    async fn get_with(
        &self,
        browser: Option<&Browser>,
        authorization: Option<&str>,
        path_and_query: &str,
    ) -> Page {
        let url = format!(
            "{}{}",
            self.app.url(),
            path_and_query.trim_start_matches('/')
        );
        let mut request = self.http.get(url);
        if let Some(browser) = browser {
            request = request.header("cookie", &browser.cookie);
        }
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        let response = request.send().await.unwrap();
        Page {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            html: response.text().await.unwrap(),
        }
    }

    /// A browser opening the first page: the cookie it was given and the session shown.
    async fn open_first_page(&self) -> Browser {
        let page = self.get("/").await;
        assert_eq!(page.status, 200, "{}", page.html);
        let set_cookie = page.headers["set-cookie"].to_str().unwrap();
        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        let session_id = page
            .html
            .split("Share session <code>")
            .nth(1)
            .and_then(|rest| rest.split("</code>").next())
            .unwrap()
            .to_owned();
        Browser { cookie, session_id }
    }

    /// Shares `session_id` as the persona with `body`'s overrides (control API); the receipt id.
    async fn share_session(&self, session_id: &str, body: &str) -> String {
        let control = self.connection.emulator().unwrap().control_url();
        let response = self
            .http
            .post(format!("{control}/sessions/{session_id}/share"))
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

    /// A browser that opened the first page and shared `body` on it; the receipt id.
    async fn share(&self, body: &str) -> (Browser, String) {
        let browser = self.open_first_page().await;
        let receipt_id = self.share_session(&browser.session_id, body).await;
        (browser, receipt_id)
    }

    /// The callback for `receipt_id` as `browser`.
    async fn callback(&self, browser: Option<&Browser>, receipt_id: &str) -> Page {
        self.get_as(
            browser,
            &format!("/callback?receiptId={}", query_value(receipt_id)),
        )
        .await
    }

    fn receipt_fetches(&self) -> u64 {
        self.connection
            .emulator()
            .unwrap()
            .request_count("GET /v2/receipts/{receipt_id}")
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
async fn the_first_page_shows_a_new_qr_code_and_sets_the_binding_cookie() {
    let f = fixture("first-page").await;
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

    // A random token, script-proof, sent back on the redirect from Yoti; not `Secure` here
    // because this run is served over plain http.
    let cookie = page.headers["set-cookie"].to_str().unwrap();
    let (token, attributes) = cookie.split_once("; ").unwrap();
    let value = token.strip_prefix(&format!("{}=", web::COOKIE)).unwrap();
    assert_eq!(value.len(), 64, "{cookie}");
    assert_eq!(attributes, "HttpOnly; SameSite=Lax; Path=/");

    // Every load is a new share session and a new token.
    let second = f.get("/").await;
    assert_ne!(second.headers["set-cookie"], page.headers["set-cookie"]);
    assert_eq!(emulator.request_count("POST /v2/sessions"), 2);
    assert_eq!(
        emulator.request_count("POST /v2/sessions/{session_id}/qr-codes"),
        2
    );
}

#[tokio::test]
async fn a_completed_share_shows_the_verified_details_then_the_stored_outcome() {
    let f = fixture("verified").await;
    let (browser, receipt_id) = f.share("{}").await;
    let page = f.callback(Some(&browser), &receipt_id).await;
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
    assert!(page.html.contains("does not keep your selfie"));
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert!(
        page.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert_eq!(f.receipt_fetches(), 1);

    // A reload, and the id not encoded at all (or a form decoder's `+` -> space): the stored
    // outcome, without asking for the receipt again, and without the selfie.
    for query in [query_value(&receipt_id), receipt_id.clone()] {
        let again = f
            .get_as(Some(&browser), &format!("/callback?receiptId={query}"))
            .await;
        assert_eq!(again.status, 200, "{}", again.html);
        assert!(
            again
                .html
                .contains("<dd id=\"full-name\">Jane Alexandra Doe</dd>")
        );
        assert!(again.html.contains("18 or over: <strong>Yes</strong>"));
        assert!(again.html.contains("id=\"stored\""));
        assert!(!again.html.contains("data:image"));
    }
    assert_eq!(f.receipt_fetches(), 1);
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        1
    );

    // What was kept: the name and the age check, under the session and the receipt.
    let stored = f
        .app
        .app()
        .store()
        .verification(browser.session_id.clone())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.receipt_id.as_deref(), Some(receipt_id.as_str()));
    assert_eq!(
        stored.outcome,
        Outcome::Verified {
            full_name: "Jane Alexandra Doe".into(),
            age_question: "18 or over".into(),
            age_result: true,
        }
    );
}

#[tokio::test]
async fn another_browser_gets_a_403_for_the_same_callback() {
    let f = fixture("refused").await;
    let (browser, receipt_id) = f.share("{}").await;

    // No cookie, or a token this application never gave: refused before asking Yoti.
    let stranger = Browser {
        cookie: format!("{}={}", web::COOKIE, "0".repeat(64)),
        session_id: String::new(),
    };
    for who in [None, Some(&stranger)] {
        let page = f.callback(who, &receipt_id).await;
        assert_eq!(page.status, 403, "{}", page.html);
        assert!(page.html.contains("<h1>Not your share</h1>"));
        assert!(!page.html.contains("Jane"));
        assert!(!page.html.contains(&receipt_id));
    }
    assert_eq!(f.receipt_fetches(), 0);

    // A browser that started a share of its own: the receipt is of another session.
    let other = f.open_first_page().await;
    let page = f.callback(Some(&other), &receipt_id).await;
    assert_eq!(page.status, 403, "{}", page.html);
    assert!(!page.html.contains("Jane"));
    assert_eq!(f.receipt_fetches(), 1);
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        0
    );
    // Nothing was stored for the other browser's session, and the owner still sees theirs.
    let store = f.app.app().store();
    assert_eq!(store.verification(other.session_id).await.unwrap(), None);
    let own = f.callback(Some(&browser), &receipt_id).await;
    assert_eq!(own.status, 200);
    assert!(own.html.contains("Jane Alexandra Doe"));
}

#[tokio::test]
async fn an_age_check_that_fails_says_no() {
    let f = fixture("age").await;
    let (browser, receipt_id) = f
        .share(
            r#"{"attributes":[
                {"name":"full_name","value":"Young Person"},
                {"name":"date_of_birth","value":"2020-01-01"},
                {"name":"selfie","value":"/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k="}
            ]}"#,
        )
        .await;
    let page = f.callback(Some(&browser), &receipt_id).await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("Young Person"));
    assert!(page.html.contains("18 or over: <strong>No</strong>"));
    assert!(page.html.contains("class=\"no\""));
}

/// Markup, both quotes and an ampersand: what a shared value must not bring into a page.
const HOSTILE: &str = "<script>alert(1)</script>\"'&";
/// [`HOSTILE`] as the pages write it.
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;";

#[tokio::test]
async fn shared_values_are_escaped_on_every_page_that_shows_them() {
    let f = fixture_with("hostile", with_staff_token).await;
    let body = serde_json::json!({"attributes": [
        {"name": "full_name", "value": HOSTILE, "anchors": [
            {"type": "SOURCE", "value": HOSTILE, "sub_type": HOSTILE},
            {"type": "VERIFIER", "value": HOSTILE}
        ]},
        {"name": "date_of_birth", "value": "1990-01-01"},
        {"name": "selfie", "value": "/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k="}
    ]});
    let (browser, receipt_id) = f.share(&body.to_string()).await;

    let verified = f.callback(Some(&browser), &receipt_id).await;
    assert_eq!(verified.status, 200, "{}", verified.html);
    assert!(
        verified
            .html
            .contains(&format!("<dd id=\"full-name\">{ESCAPED}</dd>")),
        "{}",
        verified.html
    );
    assert!(verified.html.contains(&format!(
        "<dd id=\"name-anchors\">{ESCAPED} ({ESCAPED}), verified by {ESCAPED}</dd>"
    )));

    let stored = f.callback(Some(&browser), &receipt_id).await;
    assert!(stored.html.contains("id=\"stored\""), "{}", stored.html);
    assert!(
        stored
            .html
            .contains(&format!("<dd id=\"full-name\">{ESCAPED}</dd>"))
    );

    let list = f
        .verifications(Some(&format!("Bearer {STAFF_TOKEN}")))
        .await;
    assert_eq!(list.status, 200, "{}", list.html);
    assert!(
        list.html
            .contains(&format!("<td>Verified</td><td>{ESCAPED}</td>")),
        "{}",
        list.html
    );

    for page in [&verified, &stored, &list] {
        assert!(!page.html.contains("<script"), "{}", page.html);
        assert!(!page.html.contains(HOSTILE));
    }
}

#[tokio::test]
async fn a_failed_share_shows_the_error_code_and_each_requirement_not_met() {
    let f = fixture("failed").await;
    // Only the name: the age check and the selfie are missing, so Yoti sends a failure receipt.
    let (browser, receipt_id) = f
        .share(r#"{"attributes":[{"name":"full_name","value":"<b>Jane</b>"}]}"#)
        .await;
    let page = f.callback(Some(&browser), &receipt_id).await;
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
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        0
    );
    // Kept too: a reload shows the error code from the database.
    let again = f.callback(Some(&browser), &receipt_id).await;
    assert_eq!(again.status, 200);
    assert!(again.html.contains("MANDATORY_DOCUMENT_NOT_PROVIDED"));
    assert!(again.html.contains("id=\"stored\""));
    assert_eq!(f.receipt_fetches(), 1);
}

#[tokio::test]
async fn missing_invalid_and_unknown_receipt_ids_are_4xx_pages_that_say_so() {
    let f = fixture("bad-ids").await;

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

    // Well-formed, but no such receipt: for a browser with a session, a 404.
    let browser = f.open_first_page().await;
    let unknown = f
        .get_as(
            Some(&browser),
            "/callback?receiptId=9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC%2Br7hJCVPl",
        )
        .await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.html.contains("<h1>Unknown receipt</h1>"));
}

/// Waits (at most 10 s) until the store holds a row for `session_id`.
async fn stored_within_10s(store: &Store, session_id: &str) -> Verification {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(row) = store.verification(session_id.to_owned()).await.unwrap() {
                return row;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("nothing was stored within 10 s")
}

#[tokio::test]
async fn the_emulators_webhook_records_a_completion_the_browser_never_brought_back() {
    let f = fixture("webhook").await;
    // The person shares but closes the browser: no callback.
    let browser = f.open_first_page().await;
    let receipt_id = f.share_session(&browser.session_id, "{}").await;
    let row = stored_within_10s(f.app.app().store(), &browser.session_id).await;
    assert_eq!(row.session_status.as_deref(), Some("COMPLETED"));
    assert_eq!(row.receipt_id.as_deref(), Some(receipt_id.as_str()));
    assert_eq!(row.outcome, Outcome::Pending);
    // The webhook read the session from the API, and no receipt.
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 1);
    assert_eq!(f.receipt_fetches(), 0);

    // The browser comes back after all: the receipt is read once and joins the row.
    let page = f.callback(Some(&browser), &receipt_id).await;
    assert_eq!(page.status, 200, "{}", page.html);
    let row = stored_within_10s(f.app.app().store(), &browser.session_id).await;
    assert!(matches!(row.outcome, Outcome::Verified { .. }));
    assert_eq!(row.session_status.as_deref(), Some("COMPLETED"));
}

#[tokio::test]
async fn a_webhook_call_without_the_secret_is_a_401_and_stores_nothing() {
    let connection = Connection::start_emulator().await.unwrap();
    let database = database("webhook-401");
    let settings = Settings::with_database(&database).unwrap();
    let app = web::start(&connection, 0, &settings).await.unwrap();
    // A completed session this application never heard of.
    let config = ShareSessionConfiguration::new::<VerifiedVisitor>("/callback").unwrap();
    let session = connection
        .client
        .create_share_session(&config)
        .await
        .unwrap();
    let f = Fixture {
        connection,
        app,
        database,
        http: reqwest::Client::new(),
    };
    f.share_session(session.id.as_str(), "{}").await;
    let body = format!(r#"{{"sessionId":"{}","status":"COMPLETED"}}"#, session.id);
    let post = |authorization: Option<String>| {
        let mut request = f
            .http
            .post(format!("{}webhook", f.app.url()))
            .header("content-type", "application/json")
            .body(body.clone());
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request.send()
    };

    for wrong in [
        None,
        Some("Bearer wrong".to_owned()),
        Some(settings.webhook_secret.clone()),
        Some(format!("Bearer {}x", settings.webhook_secret)),
    ] {
        let response = post(wrong.clone()).await.unwrap();
        assert_eq!(response.status(), 401, "{wrong:?}");
        let text = response.text().await.unwrap();
        assert!(!text.contains(&settings.webhook_secret), "{text}");
    }
    let store = f.app.app().store();
    assert_eq!(
        store.verification(session.id.to_string()).await.unwrap(),
        None
    );
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 0);

    // With the secret, the same call is taken.
    let response = post(Some(format!("Bearer {}", settings.webhook_secret)))
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let row = store
        .verification(session.id.to_string())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.session_status.as_deref(), Some("COMPLETED"));
}

#[tokio::test]
async fn the_verifications_page_lists_names_and_age_checks_only() {
    let f = fixture_with("list", with_staff_token).await;
    let bearer = format!("Bearer {STAFF_TOKEN}");
    let empty = f.verifications(Some(&bearer)).await;
    assert_eq!(empty.status, 200);
    assert!(empty.html.contains("No verifications yet."));

    let (browser, receipt_id) = f.share("{}").await;
    f.callback(Some(&browser), &receipt_id).await;
    let (failed, failed_receipt) = f
        .share(r#"{"attributes":[{"name":"full_name","value":"Sam Fail"}]}"#)
        .await;
    f.callback(Some(&failed), &failed_receipt).await;

    let list = f.verifications(Some(&bearer)).await;
    assert_eq!(list.status, 200);
    // Personal data: the same headers as the verified page.
    assert_eq!(list.headers["cache-control"], "no-store");
    assert_eq!(list.headers["referrer-policy"], "no-referrer");
    let policy = list.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(
        list.html
            .contains("<td>Verified</td><td>Jane Alexandra Doe</td><td>18 or over: Yes</td>"),
        "{}",
        list.html
    );
    assert!(
        list.html
            .contains("Failed (MANDATORY_DOCUMENT_NOT_PROVIDED)")
    );
    assert!(!list.html.contains("Sam Fail"), "a failure keeps no name");
    assert!(!list.html.contains(&receipt_id));
    assert!(!list.html.contains("data:image"));
}

#[tokio::test]
async fn verifications_and_bindings_survive_a_restart() {
    let connection = Connection::start_emulator().await.unwrap();
    let database = database("restart");
    let settings = with_staff_token(&database);
    let first = web::start(&connection, 0, &settings).await.unwrap();
    let mut f = Fixture {
        connection,
        app: first,
        database,
        http: reqwest::Client::new(),
    };
    let (browser, receipt_id) = f.share("{}").await;
    assert_eq!(f.callback(Some(&browser), &receipt_id).await.status, 200);

    // A new application state on the same file (the first one stops when replaced): what the
    // first one kept is there.
    f.app = web::start(&f.connection, 0, &settings).await.unwrap();
    let list = f
        .verifications(Some(&format!("Bearer {STAFF_TOKEN}")))
        .await;
    assert!(list.html.contains("Jane Alexandra Doe"), "{}", list.html);
    // The browser's cookie still names its session, and the outcome comes from the file.
    let again = f.callback(Some(&browser), &receipt_id).await;
    assert_eq!(again.status, 200, "{}", again.html);
    assert!(again.html.contains("id=\"stored\""));
    assert_eq!(f.receipt_fetches(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_callbacks_fetch_and_decrypt_the_receipt_once() {
    let f = fixture("concurrent").await;
    let (browser, receipt_id) = f.share("{}").await;
    let url = format!(
        "{}callback?receiptId={}",
        f.app.url(),
        query_value(&receipt_id)
    );
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let request = f.http.get(&url).header("cookie", &browser.cookie);
        calls.spawn(async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        });
    }
    let answers = tokio::time::timeout(Duration::from_secs(60), calls.join_all())
        .await
        .expect("the 50 callbacks did not finish within 60 s");
    // Every caller sees the same verified outcome: the first from the receipt, the others from
    // what it stored.
    for (status, html) in &answers {
        assert_eq!(*status, 200, "{html}");
        assert!(html.contains("<dd id=\"full-name\">Jane Alexandra Doe</dd>"));
        assert!(html.contains("18 or over: <strong>Yes</strong>"));
    }
    assert_eq!(f.receipt_fetches(), 1);
    let from_records = answers
        .iter()
        .filter(|(_, html)| html.contains("id=\"stored\""))
        .count();
    assert_eq!(from_records, 49);
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        1
    );
}

/// Sends `head` (the request line and headers, without the blank line) and `body`, keeps the
/// connection open without sending anything more, and returns the status line of the answer,
/// which must arrive within 5 s.
async fn status_while_the_body_is_unfinished(app: &RunningApp, head: &str, body: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.address()).await.unwrap();
    stream
        .write_all(format!("{head}\r\nhost: 127.0.0.1\r\n\r\n").as_bytes())
        .await
        .unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        let mut buffer = [0u8; 1024];
        while !answer.windows(2).any(|w| w == b"\r\n") {
            let n = stream.read(&mut buffer).await.unwrap();
            assert_ne!(n, 0, "the connection closed without an answer");
            answer.extend_from_slice(&buffer[..n]);
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "no answer within 5 s: the server waits for the rest of the body"
    );
    let text = String::from_utf8_lossy(&answer);
    text.lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn an_unauthenticated_webhook_is_refused_before_its_body_is_read() {
    let f = fixture("webhook-unread").await;
    // 2 MB announced, 1 KiB sent, the rest never: the answer comes anyway, from the headers.
    let status = status_while_the_body_is_unfinished(
        &f.app,
        "POST /webhook HTTP/1.1\r\ncontent-type: application/json\r\ncontent-length: 2000000",
        &[b' '; 1024],
    )
    .await;
    assert_eq!(status, "HTTP/1.1 401 Unauthorized");
    // A body that is chunked and never ends: the same.
    let status = status_while_the_body_is_unfinished(
        &f.app,
        "POST /webhook HTTP/1.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\
         \r\nauthorization: Bearer wrong",
        b"400\r\n",
    )
    .await;
    assert_eq!(status, "HTTP/1.1 401 Unauthorized");
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 0);
}

#[tokio::test]
async fn a_failing_database_shows_a_generic_page_and_starts_no_share_session() {
    let f = fixture("store-fails").await;
    // Another connection breaks the file under the running application.
    let other = rusqlite::Connection::open(&f.database).unwrap();
    other
        .execute_batch("DROP TABLE browser_sessions; DROP TABLE verifications;")
        .unwrap();
    let page = f.get("/").await;
    assert_eq!(page.status, 500, "{}", page.html);
    assert!(page.html.contains("Something went wrong"), "{}", page.html);
    for internal in [
        "no such table",
        "browser_sessions",
        "database",
        "SQLite",
        "sqlite",
    ] {
        assert!(!page.html.contains(internal), "{internal}: {}", page.html);
    }
    assert!(page.headers.get("set-cookie").is_none());
    // The binding is written before the share session is asked for: no session was created.
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(emulator.request_count("POST /v2/sessions"), 0);
}

#[tokio::test]
async fn the_verifications_page_is_not_served_unless_a_token_is_set() {
    let f = fixture("list-off").await;
    let (browser, receipt_id) = f.share("{}").await;
    assert_eq!(f.callback(Some(&browser), &receipt_id).await.status, 200);
    let page = f.get("/verifications").await;
    assert_eq!(page.status, 404, "{}", page.html);
    assert!(!page.html.contains("Jane"), "{}", page.html);
}

#[tokio::test]
async fn the_verifications_page_needs_its_bearer_token() {
    let f = fixture_with("list-token", with_staff_token).await;
    let (browser, receipt_id) = f.share("{}").await;
    assert_eq!(f.callback(Some(&browser), &receipt_id).await.status, 200);
    for wrong in [
        None,
        Some("Bearer wrong-token-0123456789".to_owned()),
        Some(STAFF_TOKEN.to_owned()),
        Some(format!("Bearer {STAFF_TOKEN}x")),
        Some(format!("Basic {STAFF_TOKEN}")),
    ] {
        let page = f.verifications(wrong.as_deref()).await;
        assert_eq!(page.status, 401, "{wrong:?}");
        assert_eq!(page.headers["www-authenticate"], "Bearer");
        assert!(!page.html.contains("Jane"), "{}", page.html);
        assert!(!page.html.contains(STAFF_TOKEN), "{}", page.html);
    }
    let page = f
        .verifications(Some(&format!("Bearer {STAFF_TOKEN}")))
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("Jane Alexandra Doe"));
}

#[tokio::test]
async fn an_unusable_verifications_token_stops_the_start() {
    let connection = Connection::start_emulator().await.unwrap();
    let database = database("list-unusable");
    let mut settings = Settings::with_database(&database).unwrap();
    for token in ["short", "with spaces 0123456789"] {
        settings.verifications_token = Some(token.to_owned());
        let error = web::start(&connection, 0, &settings).await.unwrap_err();
        assert!(
            matches!(error, web::StartError::VerificationsToken),
            "{error:?}"
        );
        assert!(!error.to_string().contains(token), "{error}");
        assert!(!format!("{settings:?}").contains(token));
    }
    let _ = std::fs::remove_file(&database);
}

#[tokio::test]
async fn an_authenticated_webhook_body_over_8_kib_is_a_413() {
    const SECRET: &str = "webhook-secret-for-tests";
    let f = fixture_with("webhook-413", |database| {
        let mut settings = Settings::with_database(database).unwrap();
        settings.webhook_secret = SECRET.to_owned();
        settings
    })
    .await;
    let authorization = format!("authorization: Bearer {SECRET}");
    // Announced too long: refused from the headers, before the body comes.
    let status = status_while_the_body_is_unfinished(
        &f.app,
        &format!("POST /webhook HTTP/1.1\r\ncontent-length: 2000000\r\n{authorization}"),
        &[b' '; 1024],
    )
    .await;
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
    // Chunked, with no length announced: refused once 8 KiB have come.
    let chunk = format!("3000\r\n{}\r\n", " ".repeat(0x3000));
    let status = status_while_the_body_is_unfinished(
        &f.app,
        &format!("POST /webhook HTTP/1.1\r\ntransfer-encoding: chunked\r\n{authorization}"),
        chunk.as_bytes(),
    )
    .await;
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
    let emulator = f.connection.emulator().unwrap();
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 0);
}

#[tokio::test]
async fn a_browser_binding_expires_ten_minutes_after_its_share_session() {
    let f = fixture("binding-expiry").await;
    let browser = f.open_first_page().await;
    let session = f
        .connection
        .client
        .get_share_session(&browser.session_id.parse().unwrap())
        .await
        .unwrap();
    let session_expiry = session
        .expiry
        .unwrap()
        .to_system_time()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (session_id, expires_at): (String, i64) = rusqlite::Connection::open(&f.database)
        .unwrap()
        .query_row(
            "SELECT session_id, expires_at FROM browser_sessions",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(session_id, browser.session_id);
    assert_eq!(expires_at, i64::try_from(session_expiry).unwrap() + 600);
}
