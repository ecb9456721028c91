//! A date-time of the API (a session's `expiry`, `created`, `updated`), kept as the RFC 3339 text
//! it was sent as: reading a body never fails on a date-time, converting one may.

use std::fmt;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::profile::rfc3339;

/// An RFC 3339 date-time as the API sent it, e.g. `2025-05-21T11:01:07.123Z`.
///
/// The text is kept unchanged ([`as_str`](Self::as_str)) and checked only when it is converted:
/// to a [`SystemTime`], and with the `time` and `chrono` features to `time::OffsetDateTime` and
/// `chrono::DateTime<Utc>` (both in UTC; the offset the text was written with is not kept).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use yoti_policy::Timestamp;
///
/// let expiry = Timestamp::new("2025-05-21T11:01:07.123Z");
/// assert_eq!(expiry.as_str(), "2025-05-21T11:01:07.123Z");
/// assert_eq!(
///     expiry.to_system_time()?,
///     UNIX_EPOCH + Duration::from_millis(1_747_825_267_123)
/// );
/// assert!(Timestamp::new("tomorrow").to_system_time().is_err());
/// # Ok::<(), yoti_policy::TimestampError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

/// Why a [`Timestamp`] could not be converted. Names no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// The text is not an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`).
    #[error("the timestamp is not an RFC 3339 date-time")]
    Invalid,
    /// The date-time is outside the range of the type it was converted to.
    #[error("the timestamp is outside the range of the date-time type")]
    OutOfRange,
}

impl Timestamp {
    /// The text, as it will be sent or as it was received; not checked.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The instant it names.
    ///
    /// # Errors
    ///
    /// [`TimestampError::Invalid`] when the text is not an RFC 3339 date-time.
    pub fn to_system_time(&self) -> Result<SystemTime, TimestampError> {
        rfc3339::parse(&self.0).ok_or(TimestampError::Invalid)
    }

    /// Nanoseconds since 1970-01-01T00:00:00Z, negative before.
    #[cfg(any(feature = "time", feature = "chrono"))]
    fn unix_nanos(&self) -> Result<i128, TimestampError> {
        let time = self.to_system_time()?;
        let nanos = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()),
            Err(before) => i128::try_from(before.duration().as_nanos()).map(|n| -n),
        };
        nanos.map_err(|_| TimestampError::OutOfRange)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Timestamp(text)
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp(text.to_owned())
    }
}

impl PartialEq<str> for Timestamp {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Timestamp {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(feature = "time")]
impl TryFrom<&Timestamp> for time::OffsetDateTime {
    type Error = TimestampError;

    /// The instant in UTC.
    fn try_from(timestamp: &Timestamp) -> Result<Self, TimestampError> {
        time::OffsetDateTime::from_unix_timestamp_nanos(timestamp.unix_nanos()?)
            .map_err(|_| TimestampError::OutOfRange)
    }
}

#[cfg(feature = "chrono")]
impl TryFrom<&Timestamp> for chrono::DateTime<chrono::Utc> {
    type Error = TimestampError;

    /// The instant in UTC.
    fn try_from(timestamp: &Timestamp) -> Result<Self, TimestampError> {
        let nanos = timestamp.unix_nanos()?;
        let seconds = i64::try_from(nanos.div_euclid(1_000_000_000))
            .map_err(|_| TimestampError::OutOfRange)?;
        let subsec = u32::try_from(nanos.rem_euclid(1_000_000_000))
            .map_err(|_| TimestampError::OutOfRange)?;
        chrono::DateTime::from_timestamp(seconds, subsec).ok_or(TimestampError::OutOfRange)
    }
}
