//! Receiving a share session's notification (webhook) (docs/protocol.md, "Webhooks").
//!
//! Yoti calls the notification URL of a share session with the method and headers the
//! application configured in [`Notification`]; it adds no signature of its own and does not
//! publish the body's shape. So a receiver:
//!
//! 1. authenticates the call by the header the application configured, compared in constant
//!    time ([`WebhookReceiver::check`]);
//! 2. reads a share session id from the body when there is one ([`session_id_from_body`]);
//! 3. never trusts the body for the outcome: it reads the session from the API
//!    ([`DigitalIdentityClient::get_share_session`]) and reports its status and receipt id
//!    ([`WebhookReceiver::receive`]).
//!
//! The receiver works on the [`http`] crate's [`HeaderMap`] and the body's bytes, which every
//! Rust web framework hands out, so this crate needs no web framework.
//!
//! ```no_run
//! # async fn run(client: yoti_client::DigitalIdentityClient, headers: http::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//! use yoti_client::webhook::WebhookReceiver;
//! use yoti_policy::{SharePolicy, ShareSessionConfiguration};
//!
//! #[derive(SharePolicy)]
//! struct Wanted {
//!     #[yoti(full_name)]
//!     name: String,
//! }
//!
//! // A secret of the application's own, e.g. from its configuration.
//! let receiver = WebhookReceiver::bearer("a long random secret")?;
//! // Creating the session: Yoti will call this URL with `Authorization: Bearer <secret>`.
//! let config = ShareSessionConfiguration::new::<Wanted>("https://example.com/callback")?
//!     .with_notification(receiver.notification("https://example.com/webhook")?);
//! # drop(config);
//!
//! // In the webhook route, with the request's headers and body:
//! match receiver.receive(&client, &headers, body).await {
//!     Ok(update) => println!("session {} is {}", update.session_id, update.status),
//!     Err(error) if error.is_unauthorized() => { /* answer 401 */ }
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```

use aws_lc_rs::constant_time::verify_slices_are_equal;
use aws_lc_rs::digest::{SHA256, digest};
use http::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use yoti_policy::session::{Notification, SessionError};
use yoti_protocol::api::{ReceiptId, SessionId};
use zeroize::Zeroizing;

use crate::client::DigitalIdentityClient;
use crate::error::ClientError;

/// Why a webhook call was not accepted, or could not be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The configured secret is empty: every call would pass.
    #[error("the webhook secret is empty")]
    EmptySecret,
    /// The configured header name or value cannot be sent as an HTTP header.
    #[error("the webhook header cannot be sent as an HTTP header (its {0} is invalid)")]
    InvalidHeader(&'static str),
    /// The call lacks the configured header. Answer 401.
    #[error("the webhook call has no `{0}` header")]
    MissingHeader(HeaderName),
    /// The call's header does not hold the configured value, or appears more than once. Answer
    /// 401.
    #[error("the webhook call's `{0}` header is wrong")]
    WrongHeader(HeaderName),
    /// The body names no share session (not a JSON object with `session_id` or `sessionId`).
    #[error("the webhook body names no share session (`session_id` or `sessionId`)")]
    NoSessionId,
    /// The share session could not be read from the API.
    #[error("the share session named by the webhook could not be read")]
    Fetch(#[source] Box<ClientError>),
}

impl WebhookError {
    /// Whether the call was not authenticated ([`MissingHeader`](Self::MissingHeader) or
    /// [`WrongHeader`](Self::WrongHeader)): answer 401.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::MissingHeader(_) | Self::WrongHeader(_))
    }
}

/// A share session as the API reports it after a webhook call.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionUpdate {
    /// The share session id.
    pub session_id: SessionId,
    /// The session's status as the API reports it, e.g. `COMPLETED`.
    pub status: crate::model::ShareSessionStatus,
    /// The receipt, once the share has produced one.
    pub receipt_id: Option<ReceiptId>,
}

impl std::fmt::Debug for SessionUpdate {
    /// Shows whether there is a receipt, never its id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUpdate")
            .field("session_id", &self.session_id)
            .field("status", &self.status)
            .field("has_receipt", &self.receipt_id.is_some())
            .finish()
    }
}

/// Authenticates webhook calls by one header and reads the session they name from the API.
#[derive(Clone)]
pub struct WebhookReceiver {
    name: HeaderName,
    value: Zeroizing<String>,
}

impl std::fmt::Debug for WebhookReceiver {
    /// Shows the header's name, never its value.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("header", &self.name)
            .finish_non_exhaustive()
    }
}

impl WebhookReceiver {
    /// Calls must carry `Authorization: Bearer <secret>`.
    ///
    /// # Errors
    ///
    /// [`WebhookError::EmptySecret`], or [`WebhookError::InvalidHeader`] when the secret holds
    /// characters a header value cannot.
    pub fn bearer(secret: &str) -> Result<Self, WebhookError> {
        if secret.trim().is_empty() {
            return Err(WebhookError::EmptySecret);
        }
        Self::header(AUTHORIZATION.as_str(), &format!("Bearer {secret}"))
    }

    /// Calls must carry the header `name` with exactly `value`.
    ///
    /// # Errors
    ///
    /// [`WebhookError::EmptySecret`] for an empty value, [`WebhookError::InvalidHeader`] when
    /// the name or value cannot be sent as a header.
    pub fn header(name: &str, value: &str) -> Result<Self, WebhookError> {
        let name = HeaderName::try_from(name).map_err(|_| WebhookError::InvalidHeader("name"))?;
        if value.trim().is_empty() {
            return Err(WebhookError::EmptySecret);
        }
        HeaderValue::from_str(value).map_err(|_| WebhookError::InvalidHeader("value"))?;
        Ok(WebhookReceiver {
            name,
            value: Zeroizing::new(value.to_owned()),
        })
    }

    /// The header calls must carry.
    pub fn header_name(&self) -> &HeaderName {
        &self.name
    }

    /// The session's notification: Yoti calls `url` with `POST` and this receiver's header. Set
    /// it with [`ShareSessionConfiguration::with_notification`](yoti_policy::ShareSessionConfiguration::with_notification).
    ///
    /// # Errors
    ///
    /// [`SessionError::EmptyNotificationUrl`] when `url` is empty.
    pub fn notification(&self, url: impl Into<String>) -> Result<Notification, SessionError> {
        Ok(Notification::new(url)?
            .with_method("POST")
            .with_header(self.name.as_str(), self.value.as_str()))
    }

    /// Whether `headers` carry the configured header, once, with the configured value. The
    /// values are compared as SHA-256 digests in constant time, so that neither the secret's
    /// content nor its length shows in the time taken.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingHeader`] or [`WebhookError::WrongHeader`]: answer 401.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), WebhookError> {
        let mut values = headers.get_all(&self.name).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return Err(match headers.contains_key(&self.name) {
                true => WebhookError::WrongHeader(self.name.clone()),
                false => WebhookError::MissingHeader(self.name.clone()),
            });
        };
        // aws-lc-rs compares in constant time, but answers at once when the lengths differ:
        // comparing digests of equal length keeps the secret's length from leaking too.
        let received = digest(&SHA256, value.as_bytes());
        let expected = digest(&SHA256, self.value.as_bytes());
        verify_slices_are_equal(received.as_ref(), expected.as_ref())
            .map_err(|_| WebhookError::WrongHeader(self.name.clone()))
    }

    /// Handles one webhook call: [`check`](Self::check)s its headers, reads the session id from
    /// `body` ([`session_id_from_body`]), and reads that session from the API, whose status and
    /// receipt id it returns. Nothing else in the body is used: the outcome comes from the API.
    ///
    /// The emulator's body is `{"sessionId":"…","receiptId":"…","status":"COMPLETED"}`; that
    /// shape is the emulator's own, since Yoti does not publish one.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingHeader`] or [`WebhookError::WrongHeader`] (the API is not called),
    /// [`WebhookError::NoSessionId`], and [`WebhookError::Fetch`] when the session cannot be
    /// read.
    pub async fn receive(
        &self,
        client: &DigitalIdentityClient,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<SessionUpdate, WebhookError> {
        self.check(headers)?;
        let session_id = session_id_from_body(body).ok_or(WebhookError::NoSessionId)?;
        let session = client
            .get_share_session(&session_id)
            .await
            .map_err(|e| WebhookError::Fetch(Box::new(e)))?;
        let receipt_id = session
            .receipt
            .map(|receipt| ReceiptId::parse(&receipt.id))
            .transpose()
            .map_err(|_| {
                WebhookError::Fetch(Box::new(ClientError::InvalidResponse {
                    endpoint: "get share session",
                    reason: "its receipt id is not a base64 receipt id".to_owned(),
                }))
            })?;
        Ok(SessionUpdate {
            session_id: session.id,
            status: session.status,
            receipt_id,
        })
    }
}

/// The share session id a webhook body names: the string `session_id` or `sessionId` of a JSON
/// object that is a [`SessionId`]; `None` for any other body.
///
/// ```
/// use yoti_client::webhook::session_id_from_body;
///
/// let named = |body: &[u8]| session_id_from_body(body).map(String::from);
/// assert_eq!(named(br#"{"sessionId":"ss.v2.a","status":"COMPLETED"}"#).as_deref(), Some("ss.v2.a"));
/// assert_eq!(named(br#"{"session_id":"ss.v2.b"}"#).as_deref(), Some("ss.v2.b"));
/// assert_eq!(named(b"not json"), None);
/// ```
pub fn session_id_from_body(body: &[u8]) -> Option<SessionId> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let object = value.as_object()?;
    ["session_id", "sessionId"]
        .iter()
        .filter_map(|key| object.get(*key)?.as_str())
        .find_map(|id| SessionId::parse(id).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::try_from(*name).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn only_the_configured_header_with_the_configured_value_passes() {
        let receiver = WebhookReceiver::bearer("s3cret").unwrap();
        assert!(
            receiver
                .check(&headers(&[("authorization", "Bearer s3cret")]))
                .is_ok()
        );
        // Header names are case-insensitive; values are not.
        assert!(
            receiver
                .check(&headers(&[("Authorization", "Bearer s3cret")]))
                .is_ok()
        );
        for wrong in [
            "Bearer s3cre",
            "Bearer s3cret ",
            "bearer s3cret",
            "Bearer S3CRET",
            "s3cret",
            "",
        ] {
            assert!(
                matches!(
                    receiver.check(&headers(&[("authorization", wrong)])),
                    Err(WebhookError::WrongHeader(_))
                ),
                "{wrong:?}"
            );
        }
        let missing = receiver.check(&headers(&[])).unwrap_err();
        assert!(matches!(missing, WebhookError::MissingHeader(_)));
        assert!(missing.is_unauthorized());
        assert!(!WebhookError::NoSessionId.is_unauthorized());
        assert!(matches!(
            receiver.check(&headers(&[("x-webhook-secret", "Bearer s3cret")])),
            Err(WebhookError::MissingHeader(_))
        ));
        // Twice, even with the right value once: not one clear answer.
        assert!(matches!(
            receiver.check(&headers(&[
                ("authorization", "Bearer s3cret"),
                ("authorization", "Bearer other")
            ])),
            Err(WebhookError::WrongHeader(_))
        ));
    }

    #[test]
    fn a_custom_header_is_checked_by_its_name() {
        let receiver = WebhookReceiver::header("X-Webhook-Secret", "abc").unwrap();
        assert_eq!(receiver.header_name().as_str(), "x-webhook-secret");
        assert!(
            receiver
                .check(&headers(&[("x-webhook-secret", "abc")]))
                .is_ok()
        );
        assert!(matches!(
            receiver.check(&headers(&[("authorization", "abc")])),
            Err(WebhookError::MissingHeader(_))
        ));
    }

    #[test]
    fn unusable_secrets_are_refused() {
        assert!(matches!(
            WebhookReceiver::bearer(""),
            Err(WebhookError::EmptySecret)
        ));
        assert!(matches!(
            WebhookReceiver::bearer("  "),
            Err(WebhookError::EmptySecret)
        ));
        assert!(matches!(
            WebhookReceiver::bearer("a\nb"),
            Err(WebhookError::InvalidHeader("value"))
        ));
        assert!(matches!(
            WebhookReceiver::header("bad name", "x"),
            Err(WebhookError::InvalidHeader("name"))
        ));
    }

    #[test]
    fn neither_debug_nor_errors_show_the_secret() {
        let receiver = WebhookReceiver::bearer("s3cret").unwrap();
        assert!(!format!("{receiver:?}").contains("s3cret"));
        let error = receiver
            .check(&headers(&[("authorization", "Bearer guess")]))
            .unwrap_err();
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(
                !text.contains("s3cret") && !text.contains("guess"),
                "{text}"
            );
        }
        let update = SessionUpdate {
            session_id: SessionId::parse("ss.v2.a").unwrap(),
            status: "COMPLETED".into(),
            receipt_id: Some(ReceiptId::parse("cmVjZWlwdA==").unwrap()),
        };
        assert!(!format!("{update:?}").contains("cmVjZWlwdA"));
    }

    #[test]
    fn the_notification_carries_the_header_the_receiver_checks() {
        let receiver = WebhookReceiver::bearer("s3cret").unwrap();
        let notification = receiver.notification("https://example.com/hook").unwrap();
        assert_eq!(notification.url(), "https://example.com/hook");
        assert_eq!(notification.method(), Some("POST"));
        let sent: HeaderMap = notification
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    HeaderName::try_from(name.as_str()).unwrap(),
                    HeaderValue::from_str(value).unwrap(),
                )
            })
            .collect();
        assert!(receiver.check(&sent).is_ok());
        assert!(receiver.notification("").is_err());
    }

    #[test]
    fn a_session_id_is_read_from_either_key_and_any_other_shape_is_none() {
        let session_id_from_body =
            |body: &[u8]| super::session_id_from_body(body).map(String::from);
        assert_eq!(
            session_id_from_body(br#"{"sessionId":"ss.v2.a","receiptId":"r"}"#).as_deref(),
            Some("ss.v2.a")
        );
        assert_eq!(
            session_id_from_body(br#"{"session_id":"ss.v2.b","other":[1,2]}"#).as_deref(),
            Some("ss.v2.b")
        );
        // An empty `session_id` does not hide a usable `sessionId`.
        assert_eq!(
            session_id_from_body(br#"{"session_id":"","sessionId":"ss.v2.c"}"#).as_deref(),
            Some("ss.v2.c")
        );
        for body in [
            &b""[..],
            b"null",
            b"[]",
            b"\"ss.v2.a\"",
            b"{}",
            br#"{"sessionId":""}"#,
            br#"{"sessionId":42}"#,
            br#"{"sessionId":null}"#,
            br#"{"session":{"id":"ss.v2.a"}}"#,
            br#"{"sessionId":"ss.v2/../a"}"#,
            b"{\"sessionId\":\"ss.v2.a\"",
            b"\xff\xfe",
        ] {
            assert_eq!(session_id_from_body(body), None, "{body:?}");
        }
    }
}
