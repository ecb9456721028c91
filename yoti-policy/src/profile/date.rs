//! Calendar dates as Yoti writes them: `YYYY-MM-DD`, and the partial `YYYY-MM` and `YYYY`.

use std::fmt;
use std::str::FromStr;

/// A date of birth: a full date or, as Yoti documents, only a year and month or a year.
///
/// `Debug` shows only which of these it is (`Date(YYYY-MM)`), so that a struct holding a date
/// of birth can be logged; [`Display`](fmt::Display) and the accessors give the date.
///
/// ```
/// use yoti_policy::Date;
///
/// let full: Date = "1970-12-01".parse()?;
/// assert_eq!((full.year(), full.month(), full.day()), (1970, Some(12), Some(1)));
/// let partial: Date = "1970-12".parse()?;
/// assert_eq!(partial.day(), None);
/// assert_eq!(partial.to_string(), "1970-12");
/// assert_eq!(format!("{partial:?}"), "Date(YYYY-MM)");
/// assert!("1970-02-30".parse::<Date>().is_err());
/// # Ok::<(), yoti_policy::profile::DateError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    // 0 when absent; then `day` is 0 too.
    month: u8,
    // 0 when absent.
    day: u8,
}

/// Why a text is not a [`Date`], or a [`Date`] does not convert to another date type.
///
/// The messages never quote the text: it may be a date of birth.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not `YYYY-MM-DD`, `YYYY-MM` or `YYYY` with ASCII digits (or a year above 9999).
    #[error("the text is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")]
    Syntax,
    /// The month is not 1 to 12.
    #[error("the month of the date is not between 1 and 12")]
    Month,
    /// The day does not exist in that month.
    #[error("the day of the date does not exist in its month")]
    Day,
    /// A partial date cannot become a full calendar date. Holds the date, which neither the
    /// message nor `Debug` shows.
    #[error("a partial date (without a {missing}) cannot become a full calendar date", missing = if .0.month().is_none() { "month or day" } else { "day" })]
    Partial(Date),
}

impl Date {
    /// A full date, validated.
    ///
    /// # Errors
    ///
    /// [`DateError::Month`] or [`DateError::Day`] when the day does not exist.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if year > 9999 {
            return Err(DateError::Syntax);
        }
        check_month(month)?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day);
        }
        Ok(Date { year, month, day })
    }

    /// A year and month without a day (`YYYY-MM`).
    ///
    /// # Errors
    ///
    /// [`DateError::Month`] when the month is not 1 to 12.
    pub fn from_year_month(year: u16, month: u8) -> Result<Self, DateError> {
        if year > 9999 {
            return Err(DateError::Syntax);
        }
        check_month(month)?;
        Ok(Date {
            year,
            month,
            day: 0,
        })
    }

    /// A year alone (`YYYY`).
    ///
    /// # Errors
    ///
    /// [`DateError::Syntax`] when the year has more than four digits.
    pub fn from_year(year: u16) -> Result<Self, DateError> {
        if year > 9999 {
            return Err(DateError::Syntax);
        }
        Ok(Date {
            year,
            month: 0,
            day: 0,
        })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month (1 to 12), when the date has one.
    pub fn month(&self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// The day of the month, when the date has one.
    pub fn day(&self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    /// Whether the date has a year, month and day.
    pub fn is_full(&self) -> bool {
        self.day != 0
    }
}

fn check_month(month: u8) -> Result<(), DateError> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(DateError::Month)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn digits<const N: usize>(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    if bytes.len() != N || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0u16, |n, b| n * 10 + u16::from(b - b'0')))
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('-');
        let year = parts
            .next()
            .and_then(digits::<4>)
            .ok_or(DateError::Syntax)?;
        let month = match parts.next() {
            None => return Date::from_year(year),
            Some(month) => digits::<2>(month).ok_or(DateError::Syntax)?,
        };
        let day = match parts.next() {
            None => return Date::from_year_month(year, month as u8),
            Some(day) => digits::<2>(day).ok_or(DateError::Syntax)?,
        };
        if parts.next().is_some() {
            return Err(DateError::Syntax);
        }
        Date::from_ymd(year, month as u8, day as u8)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match (self.month(), self.day()) {
            (Some(_), Some(_)) => "Date(YYYY-MM-DD)",
            (Some(_), None) => "Date(YYYY-MM)",
            _ => "Date(YYYY)",
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month() {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day() {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "time")]
impl TryFrom<Date> for time::Date {
    type Error = DateError;

    /// Fails with [`DateError::Partial`] for a date without a day.
    fn try_from(date: Date) -> Result<Self, DateError> {
        let (Some(month), Some(day)) = (date.month(), date.day()) else {
            return Err(DateError::Partial(date));
        };
        let month = time::Month::try_from(month).map_err(|_| DateError::Partial(date))?;
        time::Date::from_calendar_date(i32::from(date.year), month, day)
            .map_err(|_| DateError::Partial(date))
    }
}

#[cfg(feature = "chrono")]
impl TryFrom<Date> for chrono::NaiveDate {
    type Error = DateError;

    /// Fails with [`DateError::Partial`] for a date without a day.
    fn try_from(date: Date) -> Result<Self, DateError> {
        let (Some(month), Some(day)) = (date.month(), date.day()) else {
            return Err(DateError::Partial(date));
        };
        chrono::NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(month), u32::from(day))
            .ok_or(DateError::Partial(date))
    }
}
