//! Anchors as `{"type", "value", "sub_type", "timestamp", "associated_source"}`. What makes an
//! anchor trustworthy (its X.509 certificates and signatures) is not part of the form: an
//! anchor read back has none, like one built with `Anchor::new`.

use std::time::{Duration, UNIX_EPOCH};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::profile::{Anchor, AnchorType, rfc3339};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorForm {
    #[serde(rename = "type")]
    anchor_type: String,
    value: String,
    #[serde(default)]
    sub_type: String,
    timestamp: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    associated_source: String,
}

fn type_name(anchor_type: AnchorType) -> &'static str {
    match anchor_type {
        AnchorType::Source => "SOURCE",
        AnchorType::Verifier => "VERIFIER",
        AnchorType::Unknown => "UNKNOWN",
    }
}

impl Serialize for Anchor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AnchorForm {
            anchor_type: type_name(self.anchor_type()).to_owned(),
            value: self.value().to_owned(),
            sub_type: self.sub_type().to_owned(),
            timestamp: format_micros(self.signed_timestamp_micros()),
            associated_source: self.associated_source().to_owned(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Anchor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = AnchorForm::deserialize(deserializer)?;
        let anchor_type = [
            AnchorType::Source,
            AnchorType::Verifier,
            AnchorType::Unknown,
        ]
        .into_iter()
        .find(|t| type_name(*t) == form.anchor_type)
        .ok_or_else(|| {
            D::Error::custom("anchor `type` is not `SOURCE`, `VERIFIER` or `UNKNOWN`")
        })?;
        let micros = rfc3339::parse(&form.timestamp)
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .and_then(|since| u64::try_from(since.as_micros()).ok())
            .ok_or_else(|| {
                D::Error::custom("anchor `timestamp` is not RFC 3339 text after 1970")
            })?;
        Ok(Anchor::new(anchor_type, form.value)
            .with_sub_type(form.sub_type)
            .with_signed_timestamp_micros(micros)
            .with_associated_source(form.associated_source))
    }
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, always with six fraction digits so the text has one length.
fn format_micros(micros: u64) -> String {
    rfc3339::format_utc(Duration::from_micros(micros), 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_what_rfc3339_parses_back() {
        assert_eq!(format_micros(0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(
            format_micros(1_580_000_000_123_456),
            "2020-01-26T00:53:20.123456Z"
        );
        // 2000-02-29 and 2100-03-01: leap rules of 400 and 100 years.
        assert_eq!(&format_micros(951_782_400_000_000)[..10], "2000-02-29");
        assert_eq!(&format_micros(4_107_542_400_000_000)[..10], "2100-03-01");
        for micros in [
            0,
            1,
            951_782_400_000_000,
            1_580_000_000_123_456,
            4_107_542_400_999_999,
        ] {
            let parsed = rfc3339::parse(&format_micros(micros)).unwrap();
            let back = parsed.duration_since(UNIX_EPOCH).unwrap().as_micros();
            assert_eq!(back, u128::from(micros));
        }
    }
}
