//! The `THIRD_PARTY_ATTRIBUTE` extension: attributes Yoti is asked to issue to the person.

use std::time::SystemTime;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::errors::SessionError;
use super::time::{format_utc_millis, parse_rfc3339};

/// Asks Yoti to issue third-party attributes, valid until an expiry date.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use yoti_policy::session::{Extension, ThirdPartyAttribute};
///
/// let expiry = UNIX_EPOCH + Duration::from_millis(1_577_923_200_123);
/// let issue = ThirdPartyAttribute::new(expiry, ["some_definition", "some_other_definition"])?;
/// assert_eq!(
///     serde_json::to_string(&Extension::from(issue)).unwrap(),
///     r#"{"type":"THIRD_PARTY_ATTRIBUTE","content":{"expiry_date":"2020-01-02T00:00:00.123Z","definitions":[{"name":"some_definition"},{"name":"some_other_definition"}]}}"#
/// );
/// # Ok::<(), yoti_policy::session::SessionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThirdPartyAttribute {
    expiry_date: SystemTime,
    /// `expiry_date` as sent: UTC, milliseconds, `Z`.
    expiry_text: String,
    definitions: Vec<String>,
}

impl ThirdPartyAttribute {
    /// Attributes named by `definitions` (at least one, none empty), expiring at `expiry_date`
    /// (sent in UTC to the millisecond, finer digits truncated).
    ///
    /// # Errors
    ///
    /// [`SessionError::EmptyThirdPartyDefinitions`], [`SessionError::EmptyDefinitionName`], or
    /// [`SessionError::ExpiryDateOutOfRange`] for a date before 1970 or after 9999.
    pub fn new<I>(expiry_date: SystemTime, definitions: I) -> Result<Self, SessionError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let definitions: Vec<String> = definitions.into_iter().map(Into::into).collect();
        if definitions.is_empty() {
            return Err(SessionError::EmptyThirdPartyDefinitions);
        }
        if definitions.iter().any(String::is_empty) {
            return Err(SessionError::EmptyDefinitionName);
        }
        Ok(ThirdPartyAttribute {
            expiry_text: format_utc_millis(expiry_date)?,
            expiry_date,
            definitions,
        })
    }

    /// When the issued attributes expire.
    pub fn expiry_date(&self) -> SystemTime {
        self.expiry_date
    }

    /// The names of the attributes to issue, in order.
    pub fn definitions(&self) -> &[String] {
        &self.definitions
    }

    /// Reads the `content` of a `THIRD_PARTY_ATTRIBUTE` extension.
    pub(super) fn from_content(content: serde_json::Value) -> Result<Self, SessionError> {
        #[derive(Deserialize)]
        struct Content {
            expiry_date: String,
            definitions: Vec<Definition>,
        }
        #[derive(Deserialize)]
        struct Definition {
            name: String,
        }
        let content = serde_json::from_value::<Content>(content).map_err(|e| {
            SessionError::InvalidExtensionContent {
                extension_type: super::Extension::THIRD_PARTY_ATTRIBUTE.to_owned(),
                reason: e.to_string(),
            }
        })?;
        ThirdPartyAttribute::new(
            parse_rfc3339(&content.expiry_date)?,
            content.definitions.into_iter().map(|d| d.name),
        )
    }

    /// Writes the `content` of the extension.
    pub(super) fn content(&self) -> impl Serialize + '_ {
        struct Content<'a>(&'a ThirdPartyAttribute);
        impl Serialize for Content<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut out = serializer.serialize_struct("Content", 2)?;
                out.serialize_field("expiry_date", &self.0.expiry_text)?;
                out.serialize_field("definitions", &Definitions(&self.0.definitions))?;
                out.end()
            }
        }
        struct Definitions<'a>(&'a [String]);
        impl Serialize for Definitions<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.iter().map(|name| Definition { name }))
            }
        }
        #[derive(Serialize)]
        struct Definition<'a> {
            name: &'a str,
        }
        Content(self)
    }
}
