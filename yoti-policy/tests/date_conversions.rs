//! Conversions of `Date` to the calendar types of `time` and `chrono` (the crate features of the
//! same names).

use yoti_policy::Date;
use yoti_policy::profile::DateError;

#[cfg(feature = "time")]
#[test]
fn dates_convert_to_time() {
    let date: time::Date = "2080-09-11".parse::<Date>().unwrap().try_into().unwrap();
    assert_eq!(date.to_string(), "2080-09-11");
    let partial = "2080-09".parse::<Date>().unwrap();
    let error = time::Date::try_from(partial).unwrap_err();
    assert_eq!(error, DateError::Partial(partial));
    assert_eq!(
        error.to_string(),
        "a partial date (without a day) cannot become a full calendar date"
    );
    assert_eq!(format!("{error:?}"), "Partial(Date(YYYY-MM))");
}

#[cfg(feature = "chrono")]
#[test]
fn dates_convert_to_chrono() {
    let date: chrono::NaiveDate = "2080-09-11".parse::<Date>().unwrap().try_into().unwrap();
    assert_eq!(date, chrono::NaiveDate::from_ymd_opt(2080, 9, 11).unwrap());
    let partial = "2080".parse::<Date>().unwrap();
    let error = chrono::NaiveDate::try_from(partial).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a partial date (without a month or day) cannot become a full calendar date"
    );
    // The Debug of the error shows the date's shape, never the year the person was born in.
    let error = chrono::NaiveDate::try_from("1983-07".parse::<Date>().unwrap()).unwrap_err();
    assert!(!format!("{error} {error:?}").contains("1983"));
}
