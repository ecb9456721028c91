//! A fast reader for receipt bodies of the shape Yoti sends: one object of strings, `null`s and
//! the two content objects, with no escapes. It finds the end of each string with `memchr` and
//! leaves the content fields unchecked as UTF-8; serde_json's string scan and UTF-8 check of a
//! large receipt's 360 KB cost about as much as its base64 decoding (BENCHMARKS.md).
//!
//! It gives up (`None`) on anything else: escapes, numbers, arrays, nested unknown values,
//! duplicate fields, failure receipts. [`ReceiptResponse::from_json`](super::ReceiptResponse)
//! then reads the body with serde_json, which also gives the errors. What it returns is what
//! serde_json would have read, provided every non-empty content field then decodes as base64:
//! base64 text is ASCII without control characters or quotes, so it is a JSON string as it stands.

use std::borrow::Cow;

use super::body::{ContentBody, Encoded, ReceiptBody, Text};

/// Reads `body` if it has the common shape; `None` means "use the general reader".
pub(crate) fn receipt_body(body: &[u8]) -> Option<ReceiptBody<'_>> {
    let mut cursor = Cursor { rest: body };
    let mut receipt = ReceiptBody::default();
    let mut seen = Seen::default();
    cursor.object(|cursor, key| {
        let text = Cursor::optional_text;
        match key {
            "id" => seen.read(0, &mut receipt.id, cursor, text),
            "sessionId" => seen.read(1, &mut receipt.session_id, cursor, text),
            "timestamp" => seen.read(2, &mut receipt.timestamp, cursor, text),
            "rememberMeId" => seen.read(3, &mut receipt.remember_me_id, cursor, text),
            "parentRememberMeId" => seen.read(4, &mut receipt.parent_remember_me_id, cursor, text),
            "wrappedItemKeyId" => seen.read(5, &mut receipt.wrapped_item_key_id, cursor, text),
            "wrappedKey" => seen.read(6, &mut receipt.wrapped_key, cursor, text),
            "content" => seen.read(7, &mut receipt.content, cursor, Cursor::content),
            "otherPartyContent" => {
                seen.read(8, &mut receipt.other_party_content, cursor, Cursor::content)
            }
            // A failure receipt is rare and has `errorReason` objects: the general reader's job.
            "error" => {
                seen.read(9, &mut receipt.error, cursor, text)?;
                Text::non_empty(&receipt.error).is_none().then_some(())
            }
            "errorReason" => seen.read(10, &mut (), cursor, |cursor| cursor.literal(b"null")),
            _ => cursor.skip_simple(),
        }
    })?;
    cursor.end()?;
    Some(receipt)
}

/// The known fields read so far: serde rejects a field given twice.
#[derive(Default)]
struct Seen(u16);

impl Seen {
    fn first(&mut self, field: u8) -> Option<()> {
        let bit = 1 << field;
        if self.0 & bit != 0 {
            return None;
        }
        self.0 |= bit;
        Some(())
    }

    /// Reads the value of `field` into `slot`, unless the field was read before.
    fn read<'a, T>(
        &mut self,
        field: u8,
        slot: &mut T,
        cursor: &mut Cursor<'a>,
        value: fn(&mut Cursor<'a>) -> Option<T>,
    ) -> Option<()> {
        self.first(field)?;
        *slot = value(cursor)?;
        Some(())
    }
}

struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    /// The next byte after JSON whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let start = self
            .rest
            .iter()
            .position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))?;
        self.rest = &self.rest[start..];
        self.rest.first().copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.rest = &self.rest[1..])
    }

    fn literal(&mut self, literal: &[u8]) -> Option<()> {
        self.peek()?;
        self.rest = self.rest.strip_prefix(literal)?;
        Some(())
    }

    /// Only whitespace is left.
    fn end(&mut self) -> Option<()> {
        self.peek().is_none().then_some(())
    }

    /// The bytes between a string's quotes, unchecked: an escaped quote ends it early, and
    /// whoever uses the bytes must reject the backslash before it.
    fn raw_string(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let len = memchr::memchr(b'"', self.rest)?;
        let (text, rest) = self.rest.split_at(len);
        self.rest = &rest[1..];
        Some(text)
    }

    /// A string checked as serde_json checks it, without escapes.
    fn text(&mut self) -> Option<&'a str> {
        let text = self.raw_string()?;
        if text.iter().any(|&byte| byte == b'\\' || byte < 0x20) {
            return None;
        }
        std::str::from_utf8(text).ok()
    }

    fn optional_text(&mut self) -> Option<Option<Text<'a>>> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            return Some(None);
        }
        Some(Some(Text(Cow::Borrowed(self.text()?))))
    }

    /// A content field's base64: unchecked, see the module's comment.
    fn optional_encoded(&mut self) -> Option<Option<Encoded<'a>>> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            return Some(None);
        }
        Some(Some(Encoded(Cow::Borrowed(self.raw_string()?))))
    }

    /// `content` / `otherPartyContent`: an object, `null` or `""`.
    fn content(&mut self) -> Option<Option<ContentBody<'a>>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| None),
            b'"' => self.text()?.is_empty().then_some(None),
            _ => {
                let mut content = ContentBody::default();
                let mut seen = Seen::default();
                let encoded = Cursor::optional_encoded;
                self.object(|cursor, key| match key {
                    "profile" => seen.read(0, &mut content.profile, cursor, encoded),
                    "extraData" => seen.read(1, &mut content.extra_data, cursor, encoded),
                    _ => cursor.skip_simple(),
                })?;
                Some(Some(content))
            }
        }
    }

    /// An unknown field's value, if it is a string, `true`, `false` or `null`.
    fn skip_simple(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.text().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            _ => self.literal(b"null"),
        }
    }

    /// `{ "key": value, ... }`, each value read by `member`.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let key = self.text()?;
            self.eat(b':')?;
            member(self, key)?;
            match self.peek()? {
                b',' => self.rest = &self.rest[1..],
                b'}' => {
                    self.rest = &self.rest[1..];
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The non-empty profile and extra data of a content object.
    type Blobs<'a> = Option<(Option<&'a [u8]>, Option<&'a [u8]>)>;

    fn content<'a>(content: &'a Option<ContentBody<'_>>) -> Blobs<'a> {
        content.as_ref().map(|content| {
            (
                Encoded::non_empty(&content.profile),
                Encoded::non_empty(&content.extra_data),
            )
        })
    }

    #[test]
    fn reads_the_fixture_as_serde_json_does() {
        let body = yoti_test_support::vector("receipts/v2-synthetic-receipt.json");
        let fast = receipt_body(&body).expect("the fixture has the common shape");
        let general: ReceiptBody<'_> = serde_json::from_slice(&body).unwrap();
        for (fast, general) in [
            (&fast.id, &general.id),
            (&fast.session_id, &general.session_id),
            (&fast.timestamp, &general.timestamp),
            (&fast.remember_me_id, &general.remember_me_id),
            (&fast.parent_remember_me_id, &general.parent_remember_me_id),
            (&fast.wrapped_item_key_id, &general.wrapped_item_key_id),
            (&fast.wrapped_key, &general.wrapped_key),
        ] {
            assert!(fast.is_some());
            assert_eq!(fast, general);
        }
        assert!(content(&fast.content).is_some_and(|(p, e)| p.is_some() && e.is_some()));
        assert_eq!(content(&fast.content), content(&general.content));
        assert_eq!(
            content(&fast.other_party_content),
            content(&general.other_party_content)
        );
    }

    #[cfg(feature = "produce")]
    #[test]
    fn reads_what_the_receipt_encryptor_writes() {
        use super::super::content::ReceiptContent;
        use super::super::encrypt::produce_receipt;
        use super::super::{PrivateKey, ReceiptMetadata};

        let key = PrivateKey::from_pem(yoti_test_support::vector("keys/node-2048.pem")).unwrap();
        let metadata = ReceiptMetadata {
            id: "aWQ=".into(),
            session_id: "ss.v2.x".into(),
            timestamp: "2025-05-21T11:01:07Z".into(),
            remember_me_id: None,
            parent_remember_me_id: Some("cA==".into()),
        };
        let content = ReceiptContent {
            user_profile: Some(vec![1, 2, 3].into()),
            user_extra_data: Some(Vec::new().into()),
            ..ReceiptContent::default()
        };
        let produced = produce_receipt(&key.public_key(), &metadata, "k1", &content).unwrap();
        let body = receipt_body(produced.receipt_json.as_bytes()).expect("common shape");
        let read = super::super::ReceiptResponse::read(body)
            .unwrap()
            .into_success()
            .unwrap();
        assert_eq!(read.metadata(), &metadata);
        assert_eq!(read.wrapped_item_key_id(), "k1");
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        for json in [
            r#"{"id":"a\/b"}"#,
            r#"{"id":7}"#,
            r#"{"id":"a","id":"b"}"#,
            r#"{"content":{"profile":"a"},"content":null}"#,
            r#"{"content":{"profile":"a","profile":"b"}}"#,
            r#"{"content":"x"}"#,
            r#"{"content":["x"]}"#,
            r#"{"error":"FRAUD_DETECTED"}"#,
            r#"{"errorReason":{"requirements_not_met_details":[]}}"#,
            r#"{"errorReason":null,"errorReason":null}"#,
            r#"{"unknown":{"deep":1}}"#,
            r#"{"unknown":12}"#,
            r#"{"id":"a",}"#,
            r#"{"id":"a"} x"#,
            r#"{"id":"a""#,
            "{\"id\":\"a\tb\"}",
            "{\"id\":\"\u{7f}\u{0}\"}",
            r#"{"i\u0064":"a"}"#,
            r#"["id"]"#,
            "",
        ] {
            assert!(receipt_body(json.as_bytes()).is_none(), "{json}");
        }
        assert!(receipt_body(b"{\"id\":\"\xff\"}").is_none());
    }

    #[test]
    fn reads_nulls_empty_content_and_simple_unknown_fields() {
        let body = receipt_body(
            br#" { "id" : null , "content" : "" , "otherPartyContent" : { "profile" : null ,
                "extraData" : "QUJD", "x": true } , "error" : "" , "errorReason" : null ,
                "later" : "field", "flag": false, "none": null } "#,
        )
        .unwrap();
        assert!(body.id.is_none());
        assert!(body.content.is_none());
        assert_eq!(
            content(&body.other_party_content),
            Some((None, Some(&b"QUJD"[..])))
        );
        assert_eq!(body.error, Some(Text(Cow::Borrowed(""))));
    }

    mod same_as_serde_json {
        //! Whatever the fast reader makes of a body, `from_json` answers exactly as the general
        //! reader alone would: the same receipt or the same error.

        use base64::Engine;
        use base64::engine::general_purpose::STANDARD;
        use proptest::prelude::*;
        use prost::Message;

        use super::super::super::{ReceiptError, ReceiptResponse};
        use crate::proto::EncryptedData;

        fn blob(byte: u8) -> String {
            let data = EncryptedData {
                iv: vec![byte; 16].into(),
                cipher_text: vec![byte; 32].into(),
            };
            format!("\"{}\"", STANDARD.encode(data.encode_to_vec()))
        }

        /// The members of a success receipt that reads.
        fn base() -> Vec<(String, Vec<u8>)> {
            [
                ("id", "\"aWQ=\"".to_owned()),
                ("sessionId", "\"ss.v2.x\"".into()),
                ("timestamp", "\"2025-05-21T11:01:07Z\"".into()),
                ("wrappedItemKeyId", "\"k1\"".into()),
                ("wrappedKey", format!("\"{}\"", "A".repeat(64))),
                (
                    "content",
                    format!("{{\"profile\":{},\"extraData\":{}}}", blob(1), blob(0xff)),
                ),
                (
                    "otherPartyContent",
                    format!("{{\"profile\":{}}}", blob(0xfb)),
                ),
            ]
            .into_iter()
            .map(|(key, value)| (format!("\"{key}\""), value.into_bytes()))
            .collect()
        }

        fn keys() -> Vec<String> {
            [
                "id",
                "sessionId",
                "timestamp",
                "rememberMeId",
                "parentRememberMeId",
                "wrappedItemKeyId",
                "wrappedKey",
                "content",
                "otherPartyContent",
                "error",
                "errorReason",
                "unknown",
                "i\\u0064",
                "content\\/",
            ]
            .into_iter()
            .map(|key| format!("\"{key}\""))
            .collect()
        }

        fn values() -> Vec<Vec<u8>> {
            let escaped = blob(0xff).replacen('/', "\\/", 1);
            let tab = blob(1).replacen('A', "\t", 1);
            let quote = blob(1).replacen('A', "\\\"", 1);
            let mut values: Vec<Vec<u8>> = [
                blob(7),
                escaped.clone(),
                tab.clone(),
                quote.clone(),
                format!("\"\\u0041{}\"", "A".repeat(63)),
                "\"\"".into(),
                "null".into(),
                "true".into(),
                "false".into(),
                "7".into(),
                "{}".into(),
                "[]".into(),
                "\"caf\u{e9}\"".into(),
                "\"FRAUD_DETECTED\"".into(),
                "{\"requirements_not_met_details\":[]}".into(),
                format!("{{\"profile\":{},\"extraData\":null}}", blob(2)),
                format!("{{\"profile\":{escaped}}}"),
                format!("{{\"profile\":{tab}}}"),
                format!("{{\"profile\":{quote}}}"),
                r#"{"extraData":"","x":7}"#.to_owned(),
                format!("{{\"profile\":{},\"profile\":null}}", blob(3)),
                format!("[{}]", blob(4)),
            ]
            .into_iter()
            .map(String::into_bytes)
            .collect();
            values.push(b"\"\xff\"".to_vec());
            // A content field that is not UTF-8 (the byte before its closing quote).
            let mut invalid = format!("{{\"profile\":{}", blob(5)).into_bytes();
            invalid.insert(invalid.len() - 1, 0xff);
            invalid.push(b'}');
            values.push(invalid);
            // serde_json does not check the UTF-8 of a field it ignores.
            let mut ignored = format!("{{\"profile\":{},\"x\":\"", blob(6)).into_bytes();
            ignored.extend_from_slice(b"\xc2\"}");
            values.push(ignored);
            values
        }

        #[derive(Debug, Clone)]
        enum Edit {
            Replace(prop::sample::Index, prop::sample::Index),
            Insert(
                prop::sample::Index,
                prop::sample::Index,
                prop::sample::Index,
            ),
            Remove(prop::sample::Index),
            Duplicate(prop::sample::Index),
        }

        fn edit() -> impl Strategy<Value = Edit> {
            let index = any::<prop::sample::Index>;
            prop_oneof![
                (index(), index()).prop_map(|(at, value)| Edit::Replace(at, value)),
                (index(), index(), index())
                    .prop_map(|(at, key, value)| Edit::Insert(at, key, value)),
                index().prop_map(Edit::Remove),
                index().prop_map(Edit::Duplicate),
            ]
        }

        fn body(
            edits: &[Edit],
            space: &[u8],
            cut: Option<prop::sample::Index>,
            tail: &[u8],
        ) -> Vec<u8> {
            let (keys, values) = (keys(), values());
            let mut members = base();
            for edit in edits {
                let len = members.len();
                match edit {
                    Edit::Replace(at, value) if len > 0 => {
                        members[at.index(len)].1 = value.get(&values).clone();
                    }
                    Edit::Insert(at, key, value) => members.insert(
                        at.index(len + 1),
                        (key.get(&keys).clone(), value.get(&values).clone()),
                    ),
                    Edit::Remove(at) if len > 0 => drop(members.remove(at.index(len))),
                    Edit::Duplicate(at) if len > 0 => {
                        let member = members[at.index(len)].clone();
                        members.push(member);
                    }
                    _ => {}
                }
            }
            let mut body = space.to_vec();
            body.push(b'{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                for part in [space, key.as_bytes(), space, b":", space, value, space] {
                    body.extend_from_slice(part);
                }
            }
            body.push(b'}');
            body.extend_from_slice(space);
            if let Some(cut) = cut {
                body.truncate(cut.index(body.len() + 1));
            }
            body.extend_from_slice(tail);
            body
        }

        /// What a reader answered: the receipt, or the error with everything it holds (with
        /// serde_json's own message, which the error does not show).
        fn answer(
            result: Result<ReceiptResponse, ReceiptError>,
        ) -> Result<ReceiptResponse, String> {
            result.map_err(|error| match &error {
                ReceiptError::Json { source, .. } => {
                    format!("{error:?}: {}", source.parser_message())
                }
                _ => format!("{error:?}"),
            })
        }

        #[test]
        fn the_base_body_takes_the_fast_path() {
            let body = body(&[], b" ", None, b"");
            let fast = super::receipt_body(&body).expect("common shape");
            assert!(ReceiptResponse::read(fast).is_ok());
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(5000))]

            #[test]
            fn from_json_answers_as_serde_json_alone(
                edits in proptest::collection::vec(edit(), 0..4),
                // Mostly bodies that read, so that the fast reader's successes are compared too.
                space in prop::sample::select(vec![&b""[..], b"", b" ", b"\n\t ", b"\x0c"]),
                cut in proptest::option::weighted(0.03, any::<prop::sample::Index>()),
                tail in prop::sample::select(vec![&b""[..], b"", b"", b"", b"", b" x", b"}", b"\n"]),
            ) {
                let body = body(&edits, space, cut, tail);
                prop_assert_eq!(
                    answer(ReceiptResponse::from_json(&body)),
                    answer(ReceiptResponse::read_general(&body)),
                    "{}", String::from_utf8_lossy(&body)
                );
            }
        }
    }
}
