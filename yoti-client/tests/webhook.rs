//! The webhook receiver against the emulator's own notification: the emulator calls a recording
//! server on 127.0.0.1 with the session's configured header after a share; the receiver accepts
//! that call only with the right header, and reports what the API says, not what the body says.

#[path = "support/emulator.rs"]
mod emulator;
// Shared with hostile_server.rs; this test records requests and uses no other step.
#[allow(dead_code)]
#[path = "support/raw_server.rs"]
mod raw_server;

use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use raw_server::{Seen, Server, answer};
use yoti_client::webhook::{WebhookError, WebhookReceiver};
use yoti_client::{ClientError, DigitalIdentityClient, ReceiptId, SessionId};
use yoti_policy::{SharePolicy, ShareSessionConfiguration};
use yoti_test_support::EmulatorControl;

/// Only its policy is used here: the receipts are not read.
#[allow(dead_code)]
#[derive(Debug, SharePolicy)]
struct Named {
    #[yoti(full_name)]
    name: String,
}

const SESSION_READS: &str = "GET /v2/sessions/{session_id}";

fn headers_of(seen: &Seen) -> HeaderMap {
    seen.headers
        .iter()
        .map(|(name, value)| {
            (
                HeaderName::try_from(name.as_str()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            )
        })
        .collect()
}

/// Shares a session whose notification goes to `hook` with `receiver`'s header; the session id,
/// the receipt id and the call the emulator made (waited for, at most 10 s).
async fn share_with_webhook(
    emulator: &yoti_emulator::EmulatorHandle,
    client: &DigitalIdentityClient,
    receiver: &WebhookReceiver,
    hook: &Server,
) -> (SessionId, ReceiptId, Seen) {
    let notification = receiver
        .notification(format!("{}/webhook", hook.origin()))
        .unwrap();
    let config = ShareSessionConfiguration::new::<Named>("https://example.com/callback")
        .unwrap()
        .with_notification(notification);
    let session = client.create_share_session(&config).await.unwrap();
    let receipt_id = EmulatorControl::new(emulator)
        .share_as_persona(&session.id)
        .await
        .unwrap()
        .receipt_id;
    let call = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(seen) = hook.seen().into_iter().next() {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the emulator did not call the webhook within 10 s");
    (session.id, receipt_id, call)
}

#[tokio::test]
async fn the_emulators_notification_is_accepted_with_its_header_and_read_from_the_api() {
    let (emulator, client) = emulator::start().await;
    let hook = Server::start(|_| answer(200, "")).await;
    let receiver = WebhookReceiver::bearer("webhook-secret-for-this-test").unwrap();
    let (session_id, receipt_id, call) =
        share_with_webhook(&emulator, &client, &receiver, &hook).await;
    assert_eq!((call.method.as_str(), call.path()), ("POST", "/webhook"));

    let update = receiver
        .receive(&client, &headers_of(&call), &call.body)
        .await
        .unwrap();
    assert_eq!(update.session_id, session_id);
    assert_eq!(update.status, "COMPLETED");
    assert_eq!(update.receipt_id, Some(receipt_id.clone()));
    assert_eq!(emulator.request_count(SESSION_READS), 1);

    // The body is not trusted for the outcome: a body that says otherwise changes nothing.
    let forged = format!(r#"{{"sessionId":"{session_id}","status":"FAILED","receiptId":"x"}}"#);
    let update = receiver
        .receive(&client, &headers_of(&call), forged.as_bytes())
        .await
        .unwrap();
    assert_eq!(update.status, "COMPLETED");
    assert_eq!(update.receipt_id, Some(receipt_id.clone()));
}

#[tokio::test]
async fn a_call_without_the_right_header_is_refused_before_the_api_is_asked() {
    let (emulator, client) = emulator::start().await;
    let hook = Server::start(|_| answer(200, "")).await;
    let configured = WebhookReceiver::bearer("the-secret-yoti-was-given").unwrap();
    let (_, _, call) = share_with_webhook(&emulator, &client, &configured, &hook).await;

    let other = WebhookReceiver::bearer("another-secret").unwrap();
    let error = other
        .receive(&client, &headers_of(&call), &call.body)
        .await
        .unwrap_err();
    assert!(matches!(error, WebhookError::WrongHeader(_)), "{error:?}");

    let mut stripped = headers_of(&call);
    stripped.remove(http::header::AUTHORIZATION);
    let error = configured
        .receive(&client, &stripped, &call.body)
        .await
        .unwrap_err();
    assert!(matches!(error, WebhookError::MissingHeader(_)), "{error:?}");
    assert_eq!(emulator.request_count(SESSION_READS), 0);
}

#[tokio::test]
async fn a_body_without_a_known_session_is_a_typed_error() {
    let (emulator, client) = emulator::start().await;
    let receiver = WebhookReceiver::bearer("s").unwrap();
    let mut headers = HeaderMap::new();
    headers.insert(
        http::header::AUTHORIZATION,
        HeaderValue::from_static("Bearer s"),
    );

    let error = receiver
        .receive(&client, &headers, b"<html>not json</html>")
        .await
        .unwrap_err();
    assert!(matches!(error, WebhookError::NoSessionId), "{error:?}");
    assert_eq!(emulator.request_count(SESSION_READS), 0);

    let error = receiver
        .receive(&client, &headers, br#"{"sessionId":"ss.v2.unknown"}"#)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, WebhookError::Fetch(e) if matches!(**e, ClientError::NotFound(_))),
        "{error:?}"
    );
    assert_eq!(emulator.request_count(SESSION_READS), 1);
}
