//! The notification webhook of a share session, called after a share with the session's URL,
//! method, headers and TLS setting. Failures are logged, never fatal.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use yoti_policy::session::Notification;

use crate::state::{Shared, resolve};

/// How long a webhook call may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The JSON body sent to the webhook.
#[derive(Debug, Serialize)]
struct WebhookBody<'a> {
    #[serde(rename = "sessionId")]
    session_id: &'a str,
    #[serde(rename = "receiptId")]
    receipt_id: &'a str,
    status: &'static str,
}

/// Calls the webhook in the background.
pub(crate) fn notify(
    shared: &Arc<Shared>,
    notification: &Notification,
    domain: &str,
    session_id: &str,
    receipt_id: &str,
) {
    let url = resolve(domain, notification.url());
    let method = notification.method().unwrap_or("POST").to_ascii_uppercase();
    let Ok(method) = Method::from_bytes(method.as_bytes()) else {
        tracing::warn!(%url, %method, "webhook not called: invalid HTTP method");
        return;
    };
    let client = if notification.verify_tls() {
        match &shared.webhook_client {
            Some(client) => client.clone(),
            None => {
                tracing::warn!(%url, "webhook not called: no TLS roots to verify it with");
                return;
            }
        }
    } else {
        shared.webhook_client_no_tls_check.clone()
    };
    let body = WebhookBody {
        session_id,
        receipt_id,
        status: "COMPLETED",
    };
    let Ok(body) = serde_json::to_vec(&body) else {
        return;
    };
    let mut request = client
        .request(method, &url)
        .timeout(TIMEOUT)
        .header("content-type", "application/json")
        .body(body);
    for (name, value) in notification.headers() {
        request = request.header(name.as_str(), value.as_str());
    }
    // On the emulator's runtime: a share from the handle may come from any thread.
    shared.runtime.spawn(async move {
        match request.send().await {
            Ok(response) if response.status().is_success() => {
                tracing::debug!(%url, status = %response.status(), "webhook called");
            }
            Ok(response) => {
                tracing::warn!(%url, status = %response.status(), "webhook answered an error");
            }
            Err(error) => tracing::warn!(%url, %error, "webhook call failed"),
        }
    });
}
