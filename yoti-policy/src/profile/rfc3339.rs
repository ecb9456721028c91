//! A small RFC 3339 date-time reader, so that expiry dates need no date crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `None` when it is not one.
pub(crate) fn parse(text: &str) -> Option<SystemTime> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        digits.iter().try_fold(0i64, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    let separator = |at: usize, allowed: &[u8]| bytes.get(at).is_some_and(|b| allowed.contains(b));
    if !(separator(4, b"-")
        && separator(7, b"-")
        && separator(10, b"Tt ")
        && separator(13, b":")
        && separator(16, b":"))
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let date = super::Date::from_ymd(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()?;
    // 60 allows a leap second, as RFC 3339 does.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut at = 19;
    let mut nanos: u32 = 0;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 9 {
                nanos = nanos * 10 + u32::from(bytes.get(at).copied().unwrap_or(b'0') - b'0');
            }
            at += 1;
        }
        if at == start {
            return None;
        }
        for _ in (at - start)..9 {
            nanos *= 10;
        }
    }
    let offset_seconds = match bytes.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(at + 1..at + 3)?, number(at + 4..at + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    let days = days_from_civil(
        i64::from(date.year()),
        i64::from(date.month()?),
        i64::from(date.day()?),
    );
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    if seconds >= 0 {
        UNIX_EPOCH.checked_add(Duration::new(u64::try_from(seconds).ok()?, nanos))
    } else {
        let before = Duration::new(u64::try_from(-seconds).ok()?, 0);
        UNIX_EPOCH
            .checked_sub(before)?
            .checked_add(Duration::new(0, nanos))
    }
}

/// `YYYY-MM-DDTHH:MM:SS.fffZ` of a time `since_epoch` after 1970-01-01 UTC, with `digits`
/// (at most 9) fraction digits, truncated; a year past 9999 is written with more digits.
pub(crate) fn format_utc(since_epoch: Duration, digits: u32) -> String {
    let seconds = since_epoch.as_secs();
    let (year, month, day) = civil_from_days(seconds / 86_400);
    let of_day = seconds % 86_400;
    let digits = digits.min(9);
    let fraction = since_epoch.subsec_nanos() / 10u32.pow(9 - digits);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{fraction:0width$}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60,
        width = digits as usize,
    )
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Shift the epoch to 0000-03-01 so that leap days fall at the end of a year.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn micros(text: &str) -> Option<i128> {
        parse(text).map(|time| match time.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_micros() as i128,
            Err(before) => -(before.duration().as_micros() as i128),
        })
    }

    #[test]
    fn reads_utc_offsets_and_fractions() {
        assert_eq!(
            micros("2019-10-15T22:04:05.123Z"),
            Some(1_571_177_045_123_000)
        );
        assert_eq!(micros("2019-10-15T22:04:05Z"), Some(1_571_177_045_000_000));
        assert_eq!(
            micros("2019-10-16T00:04:05+02:00"),
            Some(1_571_177_045_000_000)
        );
        assert_eq!(
            micros("2019-10-15t21:04:05-01:00"),
            Some(1_571_177_045_000_000)
        );
        assert_eq!(micros("1970-01-01T00:00:00.000001Z"), Some(1));
        assert_eq!(micros("1969-12-31T23:59:59.5Z"), Some(-500_000));
        assert_eq!(
            micros("2000-02-29T00:00:00.1234567891Z"),
            Some(951_782_400_123_456)
        );
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for text in [
            "",
            "2019-10-15",
            "2019-10-15T22:04:05",
            "2019-13-15T22:04:05Z",
            "2019-02-29T22:04:05Z",
            "2019-10-15T24:04:05Z",
            "2019-10-15T22:04:05.Z",
            "2019-10-15T22:04:05+0200",
            "2019-10-15T22:04:05Zjunk",
            "not a date at all",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
