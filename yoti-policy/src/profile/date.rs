//! Calendar dates as Yoti writes them: `YYYY-MM-DD`, and the partial `YYYY-MM` and `YYYY`.

use std::fmt;
use std::str::FromStr;

/// A date of birth: a full date or, as Yoti documents, only a year and month or a year.
///
/// ```
/// use yoti_policy::Date;
///
/// let full: Date = "1970-12-01".parse()?;
/// assert_eq!((full.year(), full.month(), full.day()), (1970, Some(12), Some(1)));
/// let partial: Date = "1970-12".parse()?;
/// assert_eq!(partial.day(), None);
/// assert_eq!(partial.to_string(), "1970-12");
/// assert!("1970-02-30".parse::<Date>().is_err());
/// # Ok::<(), yoti_policy::profile::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    // 0 when absent; then `day` is 0 too.
    month: u8,
    // 0 when absent.
    day: u8,
}

/// Why a text is not a [`Date`], or a [`Date`] does not convert to another date type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not `YYYY-MM-DD`, `YYYY-MM` or `YYYY` with ASCII digits.
    #[error("`{0}` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")]
    Syntax(String),
    /// The month is not 1 to 12.
    #[error("month {month} of `{text}` is not between 1 and 12")]
    Month {
        /// The text that was parsed.
        text: String,
        /// The month found.
        month: u8,
    },
    /// The day does not exist in that month.
    #[error("day {day} of `{text}` does not exist in that month")]
    Day {
        /// The text that was parsed.
        text: String,
        /// The day found.
        day: u8,
    },
    /// A partial date cannot become a full calendar date.
    #[error("the partial date {0} has no {missing}", missing = if .0.month().is_none() { "month or day" } else { "day" })]
    Partial(Date),
}

impl Date {
    /// A full date, validated.
    ///
    /// # Errors
    ///
    /// [`DateError::Month`] or [`DateError::Day`] when the day does not exist.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let text = || format!("{year:04}-{month:02}-{day:02}");
        if year > 9999 {
            return Err(DateError::Syntax(text()));
        }
        check_month(month, text)?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day { text: text(), day });
        }
        Ok(Date { year, month, day })
    }

    /// A year and month without a day (`YYYY-MM`).
    ///
    /// # Errors
    ///
    /// [`DateError::Month`] when the month is not 1 to 12.
    pub fn from_year_month(year: u16, month: u8) -> Result<Self, DateError> {
        let text = || format!("{year:04}-{month:02}");
        if year > 9999 {
            return Err(DateError::Syntax(text()));
        }
        check_month(month, text)?;
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
            return Err(DateError::Syntax(year.to_string()));
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

fn check_month(month: u8, text: impl Fn() -> String) -> Result<(), DateError> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(DateError::Month {
            text: text(),
            month,
        })
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
        let syntax = || DateError::Syntax(text.to_owned());
        let mut parts = text.split('-');
        let year = parts.next().and_then(digits::<4>).ok_or_else(syntax)?;
        let month = match parts.next() {
            None => return Date::from_year(year),
            Some(month) => digits::<2>(month).ok_or_else(syntax)?,
        };
        let day = match parts.next() {
            None => {
                return Date::from_year_month(year, month as u8).map_err(|e| relabel(e, text));
            }
            Some(day) => digits::<2>(day).ok_or_else(syntax)?,
        };
        if parts.next().is_some() {
            return Err(syntax());
        }
        Date::from_ymd(year, month as u8, day as u8).map_err(|e| relabel(e, text))
    }
}

// Errors quote the text as written, not as reformatted.
fn relabel(error: DateError, original: &str) -> DateError {
    match error {
        DateError::Month { month, .. } => DateError::Month {
            text: original.to_owned(),
            month,
        },
        DateError::Day { day, .. } => DateError::Day {
            text: original.to_owned(),
            day,
        },
        other => other,
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
