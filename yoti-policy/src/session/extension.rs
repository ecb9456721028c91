//! Extensions of a share session: `{"type": ..., "content": ...}`.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::errors::SessionError;
use super::location::LocationConstraint;
use super::numbers::NodeJson;
use super::third_party::ThirdPartyAttribute;

/// An extension of a share session. The known types are checked as the protocol implies; any
/// other type is passed through with its content.
///
/// ```
/// use serde_json::json;
/// use yoti_policy::session::{Extension, TransactionalFlow};
///
/// let flow = Extension::from(TransactionalFlow::new(json!({"amount": 30.0}))?);
/// assert_eq!(
///     serde_json::to_string(&flow).unwrap(),
///     r#"{"type":"TRANSACTIONAL_FLOW","content":{"amount":30}}"#
/// );
///
/// let custom = Extension::new("test-extension", json!({"test": "content 1"}))?;
/// assert_eq!(custom.extension_type(), "test-extension");
///
/// // A known type given by name is checked like the typed form.
/// assert!(Extension::new("LOCATION_CONSTRAINT", json!({"expected_device_location": {}})).is_err());
/// # Ok::<(), yoti_policy::session::SessionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "ExtensionRepr")]
#[non_exhaustive]
pub enum Extension {
    /// `LOCATION_CONSTRAINT`: where the person's device must be.
    LocationConstraint(LocationConstraint),
    /// `TRANSACTIONAL_FLOW`.
    TransactionalFlow(TransactionalFlow),
    /// `THIRD_PARTY_ATTRIBUTE`: attributes Yoti is asked to issue.
    ThirdPartyAttribute(ThirdPartyAttribute),
    /// Any other type.
    Custom(CustomExtension),
}

impl Extension {
    /// The type of a location constraint extension.
    pub const LOCATION_CONSTRAINT: &'static str = "LOCATION_CONSTRAINT";
    /// The type of a transactional flow extension.
    pub const TRANSACTIONAL_FLOW: &'static str = "TRANSACTIONAL_FLOW";
    /// The type of a third-party attribute extension.
    pub const THIRD_PARTY_ATTRIBUTE: &'static str = "THIRD_PARTY_ATTRIBUTE";

    /// An extension of any type with its content. The known types' content is read and checked
    /// as if built with their typed constructors.
    ///
    /// # Errors
    ///
    /// [`SessionError::EmptyExtensionType`], [`SessionError::NullExtensionContent`],
    /// [`SessionError::InvalidExtensionContent`] when a known type's content has the wrong shape,
    /// or the typed constructor's error.
    pub fn new(extension_type: impl Into<String>, content: Value) -> Result<Self, SessionError> {
        let extension_type = extension_type.into();
        if extension_type.is_empty() {
            return Err(SessionError::EmptyExtensionType);
        }
        if content.is_null() {
            return Err(SessionError::NullExtensionContent { extension_type });
        }
        Ok(match extension_type.as_str() {
            Self::LOCATION_CONSTRAINT => {
                Extension::LocationConstraint(LocationConstraint::from_content(content)?)
            }
            Self::TRANSACTIONAL_FLOW => Extension::TransactionalFlow(TransactionalFlow { content }),
            Self::THIRD_PARTY_ATTRIBUTE => {
                Extension::ThirdPartyAttribute(ThirdPartyAttribute::from_content(content)?)
            }
            _ => Extension::Custom(CustomExtension {
                extension_type,
                content,
            }),
        })
    }

    /// The type on the wire.
    pub fn extension_type(&self) -> &str {
        match self {
            Extension::LocationConstraint(_) => Self::LOCATION_CONSTRAINT,
            Extension::TransactionalFlow(_) => Self::TRANSACTIONAL_FLOW,
            Extension::ThirdPartyAttribute(_) => Self::THIRD_PARTY_ATTRIBUTE,
            Extension::Custom(custom) => &custom.extension_type,
        }
    }
}

impl From<LocationConstraint> for Extension {
    fn from(location: LocationConstraint) -> Self {
        Extension::LocationConstraint(location)
    }
}

impl From<TransactionalFlow> for Extension {
    fn from(flow: TransactionalFlow) -> Self {
        Extension::TransactionalFlow(flow)
    }
}

impl From<ThirdPartyAttribute> for Extension {
    fn from(issue: ThirdPartyAttribute) -> Self {
        Extension::ThirdPartyAttribute(issue)
    }
}

impl Serialize for Extension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Extension", 2)?;
        out.serialize_field("type", self.extension_type())?;
        match self {
            Extension::LocationConstraint(location) => {
                out.serialize_field("content", &location.content())?;
            }
            Extension::TransactionalFlow(flow) => {
                out.serialize_field("content", &NodeJson(&flow.content))?;
            }
            Extension::ThirdPartyAttribute(issue) => {
                out.serialize_field("content", &issue.content())?;
            }
            Extension::Custom(custom) => {
                out.serialize_field("content", &NodeJson(&custom.content))?;
            }
        }
        out.end()
    }
}

#[derive(Deserialize)]
struct ExtensionRepr {
    #[serde(rename = "type")]
    extension_type: String,
    #[serde(default)]
    content: Value,
}

impl TryFrom<ExtensionRepr> for Extension {
    type Error = SessionError;

    fn try_from(repr: ExtensionRepr) -> Result<Self, Self::Error> {
        Extension::new(repr.extension_type, repr.content)
    }
}

/// The content of a `TRANSACTIONAL_FLOW` extension: any JSON value but `null`.
///
/// ```
/// use serde_json::json;
/// use yoti_policy::session::{SessionError, TransactionalFlow};
///
/// assert!(TransactionalFlow::new(json!({"basket": 42})).is_ok());
/// assert!(matches!(
///     TransactionalFlow::new(json!(null)),
///     Err(SessionError::NullExtensionContent { .. })
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionalFlow {
    content: Value,
}

impl TransactionalFlow {
    /// A transactional flow with `content`.
    ///
    /// # Errors
    ///
    /// [`SessionError::NullExtensionContent`] when `content` is `null`.
    pub fn new(content: Value) -> Result<Self, SessionError> {
        if content.is_null() {
            return Err(SessionError::NullExtensionContent {
                extension_type: Extension::TRANSACTIONAL_FLOW.to_owned(),
            });
        }
        Ok(TransactionalFlow { content })
    }

    /// The content.
    pub fn content(&self) -> &Value {
        &self.content
    }
}

/// An extension of a type this crate does not model, built with [`Extension::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomExtension {
    extension_type: String,
    content: Value,
}

impl CustomExtension {
    /// The type on the wire.
    pub fn extension_type(&self) -> &str {
        &self.extension_type
    }

    /// The content.
    pub fn content(&self) -> &Value {
        &self.content
    }
}
