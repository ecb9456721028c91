//! Date-times as the API writes them, request timestamps, and today's date for age checks.
//! Nothing here can overflow or panic, whatever time it is given.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use yoti_protocol::api::Timestamp;

/// `at` as a date-time; clamped to the range the `time` crate writes (years 1 to 9999 at
/// least), where `OffsetDateTime::from` would panic.
fn date_time(at: SystemTime) -> OffsetDateTime {
    let nanos = match at.duration_since(UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => i128::try_from(e.duration().as_nanos()).map_or(i128::MIN, |n| -n),
    };
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(if nanos < 0 {
        OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT)
    } else {
        OffsetDateTime::new_utc(time::Date::MAX, time::Time::MAX)
    })
}

/// `at + by`, or `at` plus 100 years when that is not representable (a configured duration far
/// beyond any real one).
pub(crate) fn later(at: SystemTime, by: Duration) -> SystemTime {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);
    at.checked_add(by)
        .or_else(|| at.checked_add(CENTURY))
        .unwrap_or(at)
}

/// [`rfc3339_millis`] as the API bodies' date-time type.
pub(crate) fn timestamp(at: SystemTime) -> Timestamp {
    Timestamp::new(rfc3339_millis(at))
}

/// `2026-01-02T03:04:05.678Z`: UTC with milliseconds (session and QR code date-times).
pub(crate) fn rfc3339_millis(at: SystemTime) -> String {
    let t = date_time(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// `2026-01-02T03:04:05Z`: UTC to the second (receipt timestamps).
pub(crate) fn rfc3339_seconds(at: SystemTime) -> String {
    let t = date_time(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Milliseconds since the Unix epoch.
pub(crate) fn epoch_millis(at: SystemTime) -> i128 {
    match at.duration_since(UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_millis()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_millis()).unwrap_or(i128::MAX),
    }
}

/// Why a request `timestamp` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimestampError {
    /// Not an integer (or beyond `i128`).
    NotEpochMillis,
    /// Further from `now` than the window allows.
    OutsideWindow,
}

/// Checks a request `timestamp` (epoch milliseconds) against `now` (epoch milliseconds) and
/// the window; the epoch millisecond after which the request can no longer be accepted, i.e.
/// until when its nonce must be remembered.
pub(crate) fn check_timestamp(
    timestamp: &str,
    now: i128,
    window: Duration,
) -> Result<i128, TimestampError> {
    let sent: i128 = timestamp
        .parse()
        .map_err(|_| TimestampError::NotEpochMillis)?;
    // `abs_diff` cannot overflow, whatever the two values are.
    if now.abs_diff(sent) > window.as_millis() {
        return Err(TimestampError::OutsideWindow);
    }
    let window = i128::try_from(window.as_millis()).unwrap_or(i128::MAX);
    Ok(sent.saturating_add(window))
}

/// Microseconds since the Unix epoch (anchor timestamps).
pub(crate) fn epoch_micros(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
        .unwrap_or_default()
}

/// Today's date in UTC as (year, month, day).
pub(crate) fn today() -> (i32, u8, u8) {
    let t = OffsetDateTime::now_utc();
    (t.year(), u8::from(t.month()), t.day())
}

/// Whole years between a date of birth `YYYY-MM-DD` and `today`; `None` when it is not a date.
pub(crate) fn age_on(date_of_birth: &str, today: (i32, u8, u8)) -> Option<u32> {
    let mut parts = date_of_birth.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let (ty, tm, td) = today;
    let mut age = ty.checked_sub(year)?;
    if (tm, td) < (month, day) {
        age = age.checked_sub(1)?;
    }
    u32::try_from(age).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_utc() {
        let at = UNIX_EPOCH + Duration::from_millis(1_476_441_361_239);
        assert_eq!(rfc3339_millis(at), "2016-10-14T10:36:01.239Z");
        assert_eq!(rfc3339_seconds(at), "2016-10-14T10:36:01Z");
        assert_eq!(epoch_millis(at), 1_476_441_361_239);
        assert_eq!(epoch_micros(at), 1_476_441_361_239_000);
    }

    #[test]
    fn date_times_out_of_range_are_clamped_not_panics() {
        // Years 14,600 and -10,700: the last and first instants `time` writes are written
        // (years 9999 and -9999, or further with its large dates).
        let far = UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        assert!(rfc3339_millis(far).ends_with("-12-31T23:59:59.999Z"));
        assert!(rfc3339_seconds(far).ends_with("-12-31T23:59:59Z"));
        let before = UNIX_EPOCH - Duration::from_secs(400_000_000_000);
        assert!(rfc3339_millis(before).ends_with("-01-01T00:00:00.000Z"));
    }

    #[test]
    fn adding_durations_never_overflows() {
        let second = Duration::from_secs(1);
        assert_eq!(later(UNIX_EPOCH, second), UNIX_EPOCH + second);
        let century = Duration::from_secs(100 * 365 * 24 * 60 * 60);
        assert_eq!(later(UNIX_EPOCH, Duration::MAX), UNIX_EPOCH + century);
    }

    #[test]
    fn timestamps_are_checked_without_overflow() {
        let window = Duration::from_secs(60);
        let now = 1_476_441_361_239;
        assert_eq!(
            check_timestamp("1476441361239", now, window),
            Ok(now + 60_000)
        );
        assert_eq!(
            check_timestamp("1476441301239", now, window),
            Ok(now),
            "exactly at the edge of the window"
        );
        for far in [
            i128::MIN.to_string(),
            i128::MAX.to_string(),
            u64::MAX.to_string(),
            "-1".to_owned(),
            "1476441301238".to_owned(),
        ] {
            assert_eq!(
                check_timestamp(&far, now, window),
                Err(TimestampError::OutsideWindow),
                "{far}"
            );
        }
        assert_eq!(
            check_timestamp(&i128::MAX.to_string(), i128::MAX, Duration::MAX),
            Ok(i128::MAX)
        );
        for bad in [
            "",
            "now",
            "1.5",
            "1e3",
            "170141183460469231731687303715884105728",
        ] {
            assert_eq!(
                check_timestamp(bad, now, window),
                Err(TimestampError::NotEpochMillis),
                "{bad}"
            );
        }
    }

    #[test]
    fn ages_count_whole_years() {
        assert_eq!(age_on("1988-04-12", (2026, 4, 11)), Some(37));
        assert_eq!(age_on("1988-04-12", (2026, 4, 12)), Some(38));
        assert_eq!(age_on("not a date", (2026, 4, 12)), None);
        assert_eq!(age_on("2030-01-01", (2026, 4, 12)), None);
    }
}
