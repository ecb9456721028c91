//! The share session configuration: the body of `POST /v2/sessions` (docs/protocol.md,
//! "Share session configuration").

mod advanced_identity_profile;
mod errors;
mod extension;
mod location;
mod notification;
mod numbers;
mod third_party;
mod time;

pub use advanced_identity_profile::{
    AdvancedIdentityProfile, AdvancedIdentityProfileRequirements, AdvancedIdentityProfileScheme,
};
pub use errors::SessionError;
pub use extension::{CustomExtension, Extension, TransactionalFlow};
pub use location::LocationConstraint;
pub use notification::Notification;
pub use third_party::ThirdPartyAttribute;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::null::null_as_default;
use crate::policy::Policy;
use numbers::NodeJson;

/// The configuration of a share session: what is asked (the [`Policy`]), where the person is sent
/// back to, and optionally a webhook, extensions and a subject.
///
/// It serialises in the official Node SDK's key order (`notification`, `policy`, `extensions`,
/// `subject`, `redirectUri`), with `extensions` always present and integral numbers written
/// without a fraction, so the body compares byte for byte with Node's. Deserialising checks the
/// same rules as the constructors.
///
/// ```
/// use serde_json::json;
/// use yoti_policy::session::{Extension, LocationConstraint, Notification};
/// use yoti_policy::{Policy, ShareSessionConfiguration};
///
/// let policy = Policy::builder().full_name().age_over(18).build()?;
/// let config = ShareSessionConfiguration::from_policy(policy, "/profile")?
///     .with_notification(Notification::new("https://example.com/webhook")?)
///     .with_extension(Extension::from(LocationConstraint::new(51.5, -0.12, 50.0, 100.0)?))
///     .with_subject(json!({"subject_id": "customer-42"}))?;
/// let body = serde_json::to_string(&config)?;
/// assert!(body.starts_with(r#"{"notification":{"url":"https://example.com/webhook","headers":{},"verifyTls":true},"policy":{"wanted":"#));
/// assert!(body.ends_with(r#""subject":{"subject_id":"customer-42"},"redirectUri":"/profile"}"#));
/// assert_eq!(serde_json::from_str::<ShareSessionConfiguration>(&body)?, config);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "ConfigurationRepr")]
pub struct ShareSessionConfiguration {
    notification: Option<Notification>,
    policy: Policy,
    extensions: Vec<Extension>,
    subject: Option<Value>,
    redirect_uri: String,
}

impl ShareSessionConfiguration {
    /// The configuration for the policy of `P` and the URI the person is sent back to (absolute,
    /// or relative to the application's domain set in Yoti Hub, e.g. `/profile`).
    ///
    /// # Errors
    ///
    /// [`SessionError::EmptyRedirectUri`] when `redirect_uri` is empty.
    ///
    /// ```
    /// use yoti_policy::{SharePolicy, ShareSessionConfiguration};
    ///
    /// #[derive(SharePolicy)]
    /// struct Adult {
    ///     #[yoti(age_over = 18)]
    ///     adult: bool,
    /// }
    ///
    /// let config = ShareSessionConfiguration::new::<Adult>("/done")?;
    /// assert_eq!(config.redirect_uri(), "/done");
    /// # Ok::<(), yoti_policy::session::SessionError>(())
    /// ```
    pub fn new<P: crate::SharePolicy>(
        redirect_uri: impl Into<String>,
    ) -> Result<Self, SessionError> {
        Self::from_policy(P::policy(), redirect_uri)
    }

    /// The configuration for `policy` (e.g. from [`Policy::builder`]) and the URI the person is
    /// sent back to.
    ///
    /// # Errors
    ///
    /// [`SessionError::EmptyRedirectUri`] when `redirect_uri` is empty.
    pub fn from_policy(
        policy: Policy,
        redirect_uri: impl Into<String>,
    ) -> Result<Self, SessionError> {
        let redirect_uri = redirect_uri.into();
        if redirect_uri.is_empty() {
            return Err(SessionError::EmptyRedirectUri);
        }
        Ok(ShareSessionConfiguration {
            notification: None,
            policy,
            extensions: Vec::new(),
            subject: None,
            redirect_uri,
        })
    }

    /// Sets the webhook Yoti calls when the share session changes.
    #[must_use]
    pub fn with_notification(mut self, notification: Notification) -> Self {
        self.notification = Some(notification);
        self
    }

    /// Adds an extension; extensions are sent in the order added.
    #[must_use]
    pub fn with_extension(mut self, extension: impl Into<Extension>) -> Self {
        self.extensions.push(extension.into());
        self
    }

    /// Sets the subject, a JSON object such as `{"subject_id": "..."}`.
    ///
    /// # Errors
    ///
    /// [`SessionError::SubjectNotObject`] when `subject` is not a JSON object.
    pub fn with_subject(mut self, subject: Value) -> Result<Self, SessionError> {
        if !subject.is_object() {
            return Err(SessionError::SubjectNotObject {
                found: crate::policy::json_type(&subject),
            });
        }
        self.subject = Some(subject);
        Ok(self)
    }

    /// The webhook, when set.
    pub fn notification(&self) -> Option<&Notification> {
        self.notification.as_ref()
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The extensions, in order.
    pub fn extensions(&self) -> &[Extension] {
        &self.extensions
    }

    /// The subject, when set.
    pub fn subject(&self) -> Option<&Value> {
        self.subject.as_ref()
    }

    /// The URI the person is sent back to.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }
}

impl Serialize for ShareSessionConfiguration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ShareSessionConfiguration", 5)?;
        if let Some(notification) = &self.notification {
            out.serialize_field("notification", notification)?;
        }
        out.serialize_field("policy", &self.policy)?;
        out.serialize_field("extensions", &self.extensions)?;
        if let Some(subject) = &self.subject {
            out.serialize_field("subject", &NodeJson(subject))?;
        }
        out.serialize_field("redirectUri", &self.redirect_uri)?;
        out.end()
    }
}

#[derive(Deserialize)]
struct ConfigurationRepr {
    #[serde(default)]
    notification: Option<Notification>,
    policy: Policy,
    #[serde(default, deserialize_with = "null_as_default")]
    extensions: Vec<Extension>,
    #[serde(default)]
    subject: Option<Value>,
    #[serde(rename = "redirectUri")]
    redirect_uri: String,
}

impl TryFrom<ConfigurationRepr> for ShareSessionConfiguration {
    type Error = SessionError;

    fn try_from(repr: ConfigurationRepr) -> Result<Self, Self::Error> {
        let mut config = ShareSessionConfiguration::from_policy(repr.policy, repr.redirect_uri)?;
        config.notification = repr.notification;
        config.extensions = repr.extensions;
        if let Some(subject) = repr.subject {
            config = config.with_subject(subject)?;
        }
        Ok(config)
    }
}
