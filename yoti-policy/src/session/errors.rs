//! Why a share session configuration would be rejected by Yoti.

/// A share session configuration (or a part of one) that Yoti would reject.
///
/// ```
/// use yoti_policy::session::{LocationConstraint, SessionError};
///
/// let err = LocationConstraint::new(91.0, 0.0, 30.0, 40.0).unwrap_err();
/// assert!(matches!(err, SessionError::LatitudeOutOfRange { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The redirect URI is empty.
    #[error(
        "the redirect URI is empty; give the URI the person is sent back to, e.g. `/profile` or `https://example.com/profile`"
    )]
    EmptyRedirectUri,
    /// The subject is not a JSON object.
    #[error("the subject must be a JSON object such as {{\"subject_id\":\"...\"}}, found {found}")]
    SubjectNotObject {
        /// The JSON type found instead.
        found: &'static str,
    },
    /// The notification (webhook) URL is empty.
    #[error(
        "the notification URL is empty; give the URL Yoti should call when the share session changes"
    )]
    EmptyNotificationUrl,
    /// A location constraint's latitude is not a number in [-90, 90].
    #[error(
        "location constraint latitude {latitude} is out of range; it must be a number from -90 to 90"
    )]
    LatitudeOutOfRange {
        /// The latitude given.
        latitude: f64,
    },
    /// A location constraint's longitude is not a number in [-180, 180].
    #[error(
        "location constraint longitude {longitude} is out of range; it must be a number from -180 to 180"
    )]
    LongitudeOutOfRange {
        /// The longitude given.
        longitude: f64,
    },
    /// A location constraint's radius is negative or not a finite number.
    #[error(
        "location constraint radius {radius} is invalid; it must be a finite number of metres, 0 or more"
    )]
    RadiusOutOfRange {
        /// The radius given.
        radius: f64,
    },
    /// A location constraint's maximum uncertainty radius is negative or not a finite number.
    #[error(
        "location constraint max_uncertainty_radius {max_uncertainty_radius} is invalid; it must be a finite number of metres, 0 or more"
    )]
    MaxUncertaintyRadiusOutOfRange {
        /// The maximum uncertainty radius given.
        max_uncertainty_radius: f64,
    },
    /// An extension has an empty type.
    #[error("an extension has an empty type; give its type, e.g. `TRANSACTIONAL_FLOW`")]
    EmptyExtensionType,
    /// An extension's content is `null` or missing.
    #[error(
        "extension `{extension_type}` has no content; its content must be a non-null JSON value"
    )]
    NullExtensionContent {
        /// The extension type.
        extension_type: String,
    },
    /// The content of a known extension type does not have that type's shape.
    #[error("extension `{extension_type}` has invalid content: {reason}")]
    InvalidExtensionContent {
        /// The extension type.
        extension_type: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A third-party attribute extension defines no attributes.
    #[error(
        "a third-party attribute extension needs at least one definition (the name of an attribute to issue)"
    )]
    EmptyThirdPartyDefinitions,
    /// A third-party attribute definition has an empty name.
    #[error(
        "a third-party attribute definition has an empty name; give the name of the attribute to issue"
    )]
    EmptyDefinitionName,
    /// A third-party attribute expiry date outside the years 1970 to 9999.
    #[error(
        "the third-party attribute expiry date must be between 1970-01-01 and 9999-12-31 (UTC)"
    )]
    ExpiryDateOutOfRange,
    /// A third-party attribute expiry date that is not an RFC 3339 date and time.
    #[error(
        "the third-party attribute expiry date `{value}` is not a date and time like `2020-01-02T00:00:00.123Z`"
    )]
    InvalidExpiryDate {
        /// The text found.
        value: String,
    },
}
