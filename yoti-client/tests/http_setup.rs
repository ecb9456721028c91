//! The application's own HTTP set-up and what every request carries: a proxy configured by the
//! application sees the requests while redirects stay refused, the SDK headers are sent, and an
//! answer's request id reaches the error.

#[path = "support/raw_server.rs"]
#[allow(dead_code)]
mod raw_server;

use raw_server::{Server, Step, redirect};
use yoti_client::{ClientError, DigitalIdentityClient, RetryPolicy};
use yoti_protocol::PrivateKey;

const SESSION_BODY: &str = r#"{"id":"ss.v2.proxied","status":"CREATED","created":"2025-01-01T00:00:00Z","updated":"2025-01-01T00:00:00Z"}"#;

fn key() -> PrivateKey {
    PrivateKey::from_pem(yoti_test_support::vector("keys/node-2048.pem")).unwrap()
}

fn header<'a>(seen: &'a raw_server::Seen, name: &str) -> Option<&'a str> {
    seen.headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn an_application_proxy_sees_the_requests_and_redirects_stay_refused() {
    // The proxy answers itself: plain-HTTP proxying sends it the absolute URL.
    let proxy = Server::start(|seen| {
        if seen.target.contains("/v2/sessions/ss.v2.proxied") {
            raw_server::answer(200, SESSION_BODY)
        } else {
            redirect(302, "http://elsewhere.example/v2/sessions/x")
        }
    })
    .await;
    // Nothing listens at the API's address: only the proxy can answer.
    let api = raw_server::closed_origin().await;
    let proxy_url = proxy.origin().to_owned();
    let client = DigitalIdentityClient::builder("proxied-sdk", key())
        .base_url(format!("{api}/share"))
        .retry(RetryPolicy::none())
        .http_client(move |http| {
            // An application that follows redirects itself: the client overrides that.
            http.proxy(reqwest::Proxy::http(&proxy_url).unwrap())
                .redirect(reqwest::redirect::Policy::limited(5))
        })
        .build()
        .unwrap();

    let session = client
        .get_share_session(&"ss.v2.proxied".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(session.id, "ss.v2.proxied");
    let seen = &proxy.seen()[0];
    assert!(
        seen.target
            .starts_with(&format!("{api}/share/v2/sessions/ss.v2.proxied?nonce=")),
        "{}",
        seen.target
    );
    assert!(header(seen, "x-yoti-auth-digest").is_some());

    let error = client
        .get_share_session(&"ss.v2.other".parse().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::Redirect { status: 302, .. }),
        "{error:?}"
    );
    assert_eq!(proxy.seen().len(), 2, "the redirect was followed");
}

#[tokio::test]
async fn requests_carry_the_sdk_headers() {
    let server = Server::start(|_| raw_server::answer(200, SESSION_BODY)).await;
    let client = DigitalIdentityClient::builder("sdk", key())
        .base_url(server.origin())
        .build()
        .unwrap();
    client
        .get_share_session(&"ss.v2.proxied".parse().unwrap())
        .await
        .unwrap();
    let seen = &server.seen()[0];
    assert_eq!(header(seen, "x-yoti-sdk"), Some("Rust"));
    assert_eq!(
        header(seen, "x-yoti-sdk-version"),
        Some(concat!("Rust-", env!("CARGO_PKG_VERSION")))
    );
}

#[tokio::test]
async fn the_request_id_of_an_answer_reaches_the_error() {
    let server = Server::start(|seen| {
        let (status, extra) = if seen.path().starts_with("/v2/sessions/") {
            (404, "{\"error\":\"NOT_FOUND\",\"message\":\"gone\"}")
        } else {
            (302, "")
        };
        let location = if status == 302 {
            "Location: http://elsewhere.example/x\r\n"
        } else {
            ""
        };
        vec![Step::Write(
            format!(
                "HTTP/1.1 {status} X\r\nX-Request-ID: yoti-req-9\r\n{location}Content-Length: \
                 {}\r\nConnection: close\r\n\r\n{extra}",
                extra.len()
            )
            .into_bytes(),
        )]
    })
    .await;
    let client = DigitalIdentityClient::builder("sdk", key())
        .base_url(server.origin())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client
        .get_share_session(&"ss.v2.gone".parse().unwrap())
        .await
        .unwrap_err();
    let ClientError::NotFound(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.request_id.as_deref(), Some("yoti-req-9"));
    assert!(
        error.to_string().ends_with("(request id yoti-req-9)"),
        "{error}"
    );

    let error = client
        .get_share_qr_code(&"qr".parse().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ClientError::Redirect { request_id: Some(id), .. } if id == "yoti-req-9"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("(request id yoti-req-9)"),
        "{error}"
    );
}
