//! Date-times as the API writes them, and today's date for age checks.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

/// `2026-01-02T03:04:05.678Z`: UTC with milliseconds (session and QR code date-times).
pub(crate) fn rfc3339_millis(at: SystemTime) -> String {
    let t = OffsetDateTime::from(at);
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
    let t = OffsetDateTime::from(at);
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
        age -= 1;
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
    fn ages_count_whole_years() {
        assert_eq!(age_on("1988-04-12", (2026, 4, 11)), Some(37));
        assert_eq!(age_on("1988-04-12", (2026, 4, 12)), Some(38));
        assert_eq!(age_on("not a date", (2026, 4, 12)), None);
        assert_eq!(age_on("2030-01-01", (2026, 4, 12)), None);
    }
}
