//! The notification (webhook) of a share session.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use super::errors::SessionError;

/// Where Yoti calls when the share session changes (a webhook).
///
/// Unlike the official Node SDK, which always sends `verifyTls: true`, the configured value is
/// sent (default `true`).
///
/// ```
/// use yoti_policy::session::Notification;
///
/// let notification = Notification::new("https://example.com/yoti-webhook")?
///     .with_method("POST")
///     .with_header("X-Token", "abc")
///     .with_verify_tls(false);
/// assert_eq!(
///     serde_json::to_string(&notification).unwrap(),
///     r#"{"url":"https://example.com/yoti-webhook","method":"POST","headers":{"X-Token":"abc"},"verifyTls":false}"#
/// );
/// # Ok::<(), yoti_policy::session::SessionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "NotificationRepr")]
pub struct Notification {
    url: String,
    method: Option<String>,
    headers: Vec<(String, String)>,
    verify_tls: bool,
}

impl Notification {
    /// A notification to `url`, with no method, no headers and TLS verification on.
    ///
    /// # Errors
    ///
    /// [`SessionError::EmptyNotificationUrl`] when `url` is empty.
    pub fn new(url: impl Into<String>) -> Result<Self, SessionError> {
        let url = url.into();
        if url.is_empty() {
            return Err(SessionError::EmptyNotificationUrl);
        }
        Ok(Notification {
            url,
            method: None,
            headers: Vec::new(),
            verify_tls: true,
        })
    }

    /// Sets the HTTP method Yoti calls with, e.g. `POST`.
    #[must_use]
    pub fn with_method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    /// Adds a header Yoti sends; setting a header again replaces its value in its place.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        match self.headers.iter_mut().find(|(n, _)| *n == name) {
            Some(existing) => existing.1 = value,
            None => self.headers.push((name, value)),
        }
        self
    }

    /// Whether Yoti verifies the TLS certificate of the URL (default `true`).
    #[must_use]
    pub fn with_verify_tls(mut self, verify_tls: bool) -> Self {
        self.verify_tls = verify_tls;
        self
    }

    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The HTTP method, when set.
    pub fn method(&self) -> Option<&str> {
        self.method.as_deref()
    }

    /// The headers as `(name, value)`, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// Whether Yoti verifies the TLS certificate of the URL.
    pub fn verify_tls(&self) -> bool {
        self.verify_tls
    }
}

impl Serialize for Notification {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Headers<'a>(&'a [(String, String)]);
        impl Serialize for Headers<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }

        let mut out = serializer.serialize_struct("Notification", 4)?;
        out.serialize_field("url", &self.url)?;
        if let Some(method) = &self.method {
            out.serialize_field("method", method)?;
        }
        out.serialize_field("headers", &Headers(&self.headers))?;
        out.serialize_field("verifyTls", &self.verify_tls)?;
        out.end()
    }
}

/// The wire form as the SDKs send it: `headers` may be missing, and the official Go SDK sends
/// each header as an array of strings.
#[derive(Deserialize)]
struct NotificationRepr {
    url: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    headers: Option<Map<String, Value>>,
    #[serde(default, rename = "verifyTls")]
    verify_tls: Option<bool>,
}

impl TryFrom<NotificationRepr> for Notification {
    type Error = String;

    fn try_from(repr: NotificationRepr) -> Result<Self, Self::Error> {
        let mut notification = Notification::new(repr.url).map_err(|e| e.to_string())?;
        notification.method = repr.method;
        notification.verify_tls = repr.verify_tls.unwrap_or(true);
        for (name, value) in repr.headers.unwrap_or_default() {
            let value = match value {
                Value::String(s) => s,
                // Several values of one header combine as HTTP does, with ", ".
                Value::Array(items) => items
                    .iter()
                    .map(|item| item.as_str().ok_or(()))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|()| header_error(&name))?
                    .join(", "),
                _ => return Err(header_error(&name)),
            };
            notification = notification.with_header(name, value);
        }
        Ok(notification)
    }
}

fn header_error(name: &str) -> String {
    format!("notification header `{name}` must be a string or an array of strings")
}
