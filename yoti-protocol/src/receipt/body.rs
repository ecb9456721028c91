//! The JSON bodies of `GET /v2/receipts/{id}` and `GET /v2/wrapped-item-keys/{id}` exactly as
//! they travel (docs/protocol.md, "Receipt body" and "Read a wrapped item key"), one type per
//! body, read and written: the producer (`encrypt`, feature `produce`) serialises the types that
//! the reader deserialises, so it writes exactly what is read.
//!
//! Every field is optional here; which ones a receipt needs is decided when it is read
//! ([`ReceiptResponse`](super::ReceiptResponse)). Unknown fields are ignored; `null` and `""`
//! mean "absent" for the content objects. Reading copies none of the large fields: the base64
//! text is borrowed from the JSON (copied only when it has escapes) and decoded straight into
//! the buffer that is then decrypted in place.

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeInclusive;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A JSON string, borrowed when it has no escapes.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub(crate) struct Text<'a>(pub(crate) Cow<'a, str>);

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text(Cow::Borrowed(text))
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text(Cow::Owned(text))
    }
}

impl Text<'_> {
    /// The text, `None` when empty (`""` means absent, as `null` does).
    pub(crate) fn non_empty(text: &Option<Self>) -> Option<&str> {
        text.as_ref().map(|text| &*text.0).filter(|s| !s.is_empty())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// The body of a receipt response, success or failure.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReceiptBody<'a> {
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub remember_me_id: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub parent_remember_me_id: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "content_or_empty",
        skip_serializing_if = "Option::is_none"
    )]
    pub content: Option<ContentBody<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "content_or_empty",
        skip_serializing_if = "Option::is_none"
    )]
    pub other_party_content: Option<ContentBody<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub wrapped_item_key_id: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub wrapped_key: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub error: Option<Text<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_reason: Option<ErrorReasonBody>,
}

/// `errorReason` of a failure receipt (snake_case inside).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ErrorReasonBody {
    /// One entry per unmet requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements_not_met_details: Option<Vec<RequirementNotMetBody>>,
}

/// One `errorReason.requirements_not_met_details[]` entry; any field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RequirementNotMetBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_country_iso_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// `content` / `otherPartyContent`: base64 of protobuf `EncryptedData` blobs.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ContentBody<'a> {
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Encoded<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub extra_data: Option<Encoded<'a>>,
}

/// A base64 JSON string, as bytes: borrowed when it has no escapes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Encoded<'a>(pub(crate) Cow<'a, [u8]>);

impl Encoded<'_> {
    /// The base64 text, `None` when empty (`""` means absent, as `null` does).
    pub(crate) fn non_empty(text: &Option<Self>) -> Option<&[u8]> {
        text.as_ref().map(|text| &*text.0).filter(|s| !s.is_empty())
    }
}

impl Serialize for Encoded<'_> {
    /// Base64 is ASCII: any other bytes are not a field this crate writes.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = std::str::from_utf8(&self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(text)
    }
}

impl From<String> for Encoded<'_> {
    fn from(text: String) -> Self {
        Encoded(Cow::Owned(text.into_bytes()))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Encoded<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Encoded(match Text::deserialize(deserializer)?.0 {
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        }))
    }
}

/// Reads `content` / `otherPartyContent`: an object (or, as serde reads structs, an array), or
/// `null` or `""` for no content; any other string or type is an error.
fn content_or_empty<'de: 'a, 'a, D>(deserializer: D) -> Result<Option<ContentBody<'a>>, D::Error>
where
    D: Deserializer<'de>,
{
    struct ContentVisitor;

    impl<'de> Visitor<'de> for ContentVisitor {
        type Value = Option<ContentBody<'de>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("content as an object, null or an empty string")
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            ContentBody::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            ContentBody::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if text.is_empty() {
                Ok(None)
            } else {
                Err(E::custom(
                    "content must be an object, null or an empty string",
                ))
            }
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(ContentVisitor)
}

/// The body of a wrapped item key response.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(crate) struct WrappedItemKeyBody<'a> {
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub iv: Option<Text<'a>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub value: Option<Text<'a>>,
}

/// The lengths of the base64 text of `bytes` decoded bytes, with or without padding:
/// `ceil(4n / 3)` characters unpadded to `4 * ceil(n / 3)` padded.
pub(crate) fn base64_len_range(bytes: &RangeInclusive<usize>) -> RangeInclusive<usize> {
    let unpadded = |n: usize| (4 * n).div_ceil(3);
    let padded = |n: usize| n.div_ceil(3) * 4;
    unpadded(*bytes.start())..=padded(*bytes.end())
}

/// Standard base64 with optional padding: `=` may be left out, or written in full or in part,
/// but never beyond what the length calls for. The same inputs as the `base64` crate's
/// `DecodePaddingMode::Indifferent`, decoded with SIMD (about four times faster on a receipt's
/// 200 KB of content, a third of the decoding cost beyond the crypto).
pub(crate) fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let data = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    let allowed_padding = match data.len() % 4 {
        2 => 2,
        3 => 1,
        _ => 0,
    };
    if text.len() - data.len() > allowed_padding {
        return None;
    }
    base64_simd::STANDARD_NO_PAD.decode_to_vec(data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use proptest::prelude::*;

    const INDIFFERENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    #[test]
    fn padding_may_be_full_partial_or_absent() {
        assert_eq!(decode_base64(b"AAE=").as_deref(), Some(&[0, 1][..]));
        assert_eq!(decode_base64(b"AAE").as_deref(), Some(&[0, 1][..]));
        assert_eq!(decode_base64(b"vw==").as_deref(), Some(&[0xbf][..]));
        assert_eq!(decode_base64(b"vw=").as_deref(), Some(&[0xbf][..]));
        assert_eq!(decode_base64(b"vw").as_deref(), Some(&[0xbf][..]));
        assert_eq!(decode_base64(b"").as_deref(), Some(&[][..]));
        assert_eq!(decode_base64(b"AAAA="), None);
        assert_eq!(decode_base64(b"AAE=="), None);
        assert_eq!(decode_base64(b"A"), None);
        assert_eq!(decode_base64(b"vx=="), None, "non-zero trailing bits");
        assert_eq!(decode_base64(b"AA A"), None);
        assert_eq!(decode_base64(b"AA-_"), None, "URL-safe alphabet");
    }

    proptest! {
        #[test]
        fn accepts_what_the_base64_crate_accepts(
            bytes in proptest::collection::vec(any::<u8>(), 0..80),
            padded in any::<bool>(),
            cut in 0usize..3,
            mutation in proptest::option::of((any::<prop::sample::Index>(), prop::sample::select(
                b"AZaz09+/=-_ .\n".to_vec(),
            ))),
        ) {
            let mut text = if padded {
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            } else {
                base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes)
            }
            .into_bytes();
            text.truncate(text.len().saturating_sub(cut));
            if let Some((index, byte)) = mutation.filter(|_| !text.is_empty()) {
                let at = index.index(text.len());
                text[at] = byte;
            }
            prop_assert_eq!(decode_base64(&text), INDIFFERENT.decode(&text).ok());
        }
    }

    #[test]
    fn base64_lengths_are_those_of_unpadded_and_padded_text() {
        for n in 0..100 {
            let bytes = vec![0xa5; n];
            let padded = base64::engine::general_purpose::STANDARD.encode(&bytes);
            let unpadded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes);
            assert_eq!(base64_len_range(&(n..=n)), unpadded.len()..=padded.len());
        }
        assert_eq!(base64_len_range(&(256..=512)), 342..=684);
    }

    #[test]
    fn borrows_text_without_escapes_and_copies_text_with_them() {
        let body: ReceiptBody<'_> =
            serde_json::from_str(r#"{"id":"abc","wrappedKey":"a\/b"}"#).unwrap();
        assert!(matches!(body.id, Some(Text(Cow::Borrowed("abc")))));
        assert!(matches!(body.wrapped_key, Some(Text(Cow::Owned(ref s))) if s == "a/b"));
    }

    #[test]
    fn reads_content_objects_null_and_empty_text() {
        let read = |json: &str| {
            serde_json::from_str::<ReceiptBody<'_>>(json).map(|b| {
                b.content.map(|c| {
                    (
                        Encoded::non_empty(&c.profile).map(<[u8]>::to_vec),
                        Encoded::non_empty(&c.extra_data).map(<[u8]>::to_vec),
                    )
                })
            })
        };
        for json in [r#"{"content":null}"#, r#"{"content":""}"#, r#"{}"#] {
            assert_eq!(read(json).unwrap(), None, "{json}");
        }
        assert_eq!(read(r#"{"content":{}}"#).unwrap(), Some((None, None)));
        assert_eq!(
            read(r#"{"content":{"profile":"cA==","extraData":null},"x":{"deep":[1]}}"#).unwrap(),
            Some((Some(b"cA==".to_vec()), None))
        );
        assert_eq!(
            read(r#"{"content":["cA=="]}"#).unwrap(),
            Some((Some(b"cA==".to_vec()), None))
        );
        for json in [
            r#"{"content":"x"}"#,
            r#"{"content":7}"#,
            r#"{"content":{"profile":7}}"#,
            r#"{"id":5}"#,
            r#"{"errorReason":5}"#,
            r#"{"id":"a","id":"b"}"#,
            r#""receipt""#,
        ] {
            assert!(read(json).is_err(), "{json}");
        }
    }

    #[test]
    fn a_failure_receipt_has_an_error_and_no_content() {
        let body: ReceiptBody<'_> = serde_json::from_str(
            r#"{"id":"abc","sessionId":"ss.v2.x","error":"FRAUD_DETECTED",
              "errorReason":{"requirements_not_met_details":[{"failure_type":"ID_DOCUMENT_COUNTRY"}]}}"#,
        )
        .unwrap();
        assert_eq!(Text::non_empty(&body.error), Some("FRAUD_DETECTED"));
        assert!(body.content.is_none());
        let details = body
            .error_reason
            .unwrap()
            .requirements_not_met_details
            .unwrap();
        assert_eq!(
            details[0].failure_type.as_deref(),
            Some("ID_DOCUMENT_COUNTRY")
        );
    }

    #[test]
    fn writes_what_it_reads_without_absent_fields() {
        let body = ReceiptBody {
            id: Some("aWQ=".into()),
            session_id: Some("ss.v2.x".into()),
            other_party_content: Some(ContentBody {
                profile: Some(String::from("cA==").into()),
                extra_data: None,
            }),
            ..ReceiptBody::default()
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"id":"aWQ=","sessionId":"ss.v2.x","otherPartyContent":{"profile":"cA=="}}"#
        );
        let read: ReceiptBody<'_> = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), json);

        let item_key = WrappedItemKeyBody {
            id: Some("k".into()),
            iv: Some("aXY=".into()),
            value: None,
        };
        assert_eq!(
            serde_json::to_string(&item_key).unwrap(),
            r#"{"id":"k","iv":"aXY="}"#
        );
        assert!(serde_json::from_str::<WrappedItemKeyBody<'_>>(r#"{"iv":["x"]}"#).is_err());
    }
}
