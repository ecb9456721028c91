//! UTC timestamps as Yoti wants them: `YYYY-MM-DDTHH:MM:SS.mmmZ`, exactly three fractional digits.

use std::time::{SystemTime, UNIX_EPOCH};

use super::errors::SessionError;

const SECONDS_PER_DAY: u64 = 86_400;
/// Days from 1970-01-01 to 10000-01-01: the first instant that needs a five-digit year.
const DAYS_TO_YEAR_10000: u64 = 2_932_897;

/// Formats `time` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, truncating below the millisecond.
pub(super) fn format_utc_millis(time: SystemTime) -> Result<String, SessionError> {
    let since_epoch = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| SessionError::ExpiryDateOutOfRange)?;
    if since_epoch.as_secs() / SECONDS_PER_DAY >= DAYS_TO_YEAR_10000 {
        return Err(SessionError::ExpiryDateOutOfRange);
    }
    Ok(crate::profile::rfc3339::format_utc(since_epoch, 3))
}

/// Reads an RFC 3339 date and time (`2020-01-02T00:00:00.123Z`, `2020-01-02T04:00:00+04:00`),
/// with the same reader as the receipt's expiry dates.
pub(super) fn parse_rfc3339(text: &str) -> Result<SystemTime, SessionError> {
    crate::profile::rfc3339::parse(text).ok_or_else(|| SessionError::InvalidExpiryDate {
        value: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(millis)
    }

    #[test]
    fn formats_with_three_fraction_digits_truncating() {
        assert_eq!(
            format_utc_millis(at(1_577_923_200_123)).unwrap(),
            "2020-01-02T00:00:00.123Z"
        );
        let sub_milli = UNIX_EPOCH + Duration::new(1_577_923_200, 123_999_999);
        assert_eq!(
            format_utc_millis(sub_milli).unwrap(),
            "2020-01-02T00:00:00.123Z"
        );
        assert_eq!(
            format_utc_millis(UNIX_EPOCH).unwrap(),
            "1970-01-01T00:00:00.000Z"
        );
        assert_eq!(
            format_utc_millis(at(951_782_400_000)).unwrap(),
            "2000-02-29T00:00:00.000Z"
        );
    }

    #[test]
    fn rejects_times_outside_four_digit_years_after_1970() {
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(
            format_utc_millis(before),
            Err(SessionError::ExpiryDateOutOfRange)
        );
        let last = UNIX_EPOCH + Duration::from_secs(DAYS_TO_YEAR_10000 * SECONDS_PER_DAY - 1);
        assert_eq!(format_utc_millis(last).unwrap(), "9999-12-31T23:59:59.000Z");
        let after = last + Duration::from_secs(1);
        assert_eq!(
            format_utc_millis(after),
            Err(SessionError::ExpiryDateOutOfRange)
        );
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        for millis in [0, 1_577_923_200_123, 951_782_400_000, 4_102_444_799_999] {
            let text = format_utc_millis(at(millis)).unwrap();
            assert_eq!(parse_rfc3339(&text).unwrap(), at(millis), "{text}");
        }
        // Node: 2020-01-02T00:00:00.123+04:00 is sent as 2020-01-01T20:00:00.123Z.
        let shifted = parse_rfc3339("2020-01-02T00:00:00.123+04:00").unwrap();
        assert_eq!(
            format_utc_millis(shifted).unwrap(),
            "2020-01-01T20:00:00.123Z"
        );
        let west = parse_rfc3339("2020-01-01T19:30:00-00:30").unwrap();
        assert_eq!(format_utc_millis(west).unwrap(), "2020-01-01T20:00:00.000Z");
        let nanos = parse_rfc3339("2020-01-02T00:00:00.123456789Z").unwrap();
        assert_eq!(
            nanos,
            UNIX_EPOCH + Duration::new(1_577_923_200, 123_456_789)
        );
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "2020-01-02",
            "2020-13-02T00:00:00Z",
            "2021-02-29T00:00:00Z",
            "2020-01-02T24:00:00Z",
            "2020-01-02T00:00:00.Z",
            "2020-01-02T00:00:00",
            "2020-01-02T00:00:00+0400",
            "2020-01-02T00:00:00Zjunk",
            "+020-01-02T00:00:00Z",
        ] {
            assert!(
                matches!(
                    parse_rfc3339(bad),
                    Err(SessionError::InvalidExpiryDate { .. })
                ),
                "{bad}"
            );
        }
        // A date before 1970 reads, but cannot be sent as an expiry date.
        let before = parse_rfc3339("1969-12-31T23:59:59Z").unwrap();
        assert_eq!(
            format_utc_millis(before),
            Err(SessionError::ExpiryDateOutOfRange)
        );
    }
}
