//! `Timestamp`: the API's date-time text, kept as sent, converted on request (to `SystemTime`
//! always, to `time` and `chrono` with the features of the same names).

use std::time::{Duration, UNIX_EPOCH};

use yoti_policy::{Timestamp, TimestampError};

#[test]
fn the_text_is_kept_and_read_as_a_json_string() {
    let timestamp: Timestamp = serde_json::from_str(r#""2025-05-21T12:01:07.5+01:00""#).unwrap();
    assert_eq!(timestamp.as_str(), "2025-05-21T12:01:07.5+01:00");
    assert_eq!(timestamp.to_string(), "2025-05-21T12:01:07.5+01:00");
    assert_eq!(
        serde_json::to_string(&timestamp).unwrap(),
        r#""2025-05-21T12:01:07.5+01:00""#
    );
    assert_eq!(
        timestamp.to_system_time(),
        Ok(UNIX_EPOCH + Duration::from_millis(1_747_825_267_500))
    );
}

#[test]
fn a_malformed_timestamp_fails_only_when_converted() {
    for text in ["", "tomorrow", "2025-13-01T00:00:00Z", "2025-05-21 11:01"] {
        let timestamp: Timestamp = serde_json::from_value(serde_json::json!(text)).unwrap();
        assert_eq!(
            timestamp.to_system_time(),
            Err(TimestampError::Invalid),
            "{text}"
        );
    }
    let error = Timestamp::new("2025-05-21Tsecret")
        .to_system_time()
        .unwrap_err();
    assert!(!format!("{error} {error:?}").contains("secret"));
}

#[cfg(feature = "time")]
#[test]
fn timestamps_convert_to_time() {
    let at =
        time::OffsetDateTime::try_from(&Timestamp::new("2025-05-21T12:01:07.123+01:00")).unwrap();
    assert_eq!(at.unix_timestamp_nanos(), 1_747_825_267_123_000_000);
    assert_eq!(at.offset(), time::UtcOffset::UTC);
    let before_1970 =
        time::OffsetDateTime::try_from(&Timestamp::new("1969-12-31T23:59:59.25Z")).unwrap();
    assert_eq!(before_1970.unix_timestamp_nanos(), -750_000_000);
    assert_eq!(
        time::OffsetDateTime::try_from(&Timestamp::new("soon")),
        Err(TimestampError::Invalid)
    );
}

#[cfg(feature = "chrono")]
#[test]
fn timestamps_convert_to_chrono() {
    use chrono::{DateTime, Utc};

    let at = DateTime::<Utc>::try_from(&Timestamp::new("2025-05-21T11:01:07.123456789Z")).unwrap();
    assert_eq!(at.timestamp(), 1_747_825_267);
    assert_eq!(at.timestamp_subsec_nanos(), 123_456_789);
    let before_1970 =
        DateTime::<Utc>::try_from(&Timestamp::new("1969-12-31T23:59:59.25Z")).unwrap();
    assert_eq!(before_1970.timestamp_millis(), -750);
    assert_eq!(
        DateTime::<Utc>::try_from(&Timestamp::new("soon")),
        Err(TimestampError::Invalid)
    );
}
