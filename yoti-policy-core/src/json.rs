//! A small JSON model for the free-form parts of a policy (identity profile requirements), with a
//! parser and a compact writer whose output is byte for byte what `serde_json::to_string` writes
//! for the same value (keys kept in the order written).
//!
//! The derive macro uses it to check `advanced_identity_profile = "..."` at compile time without
//! compiling `serde_json` into the proc macro.

/// A JSON value with object keys kept in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as the text it was written with (already validated as a JSON number).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object; keys in the order written.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Writes the compact form (no whitespace) of this value to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_str(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The compact form of this value.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// Writes `s` as a JSON string literal, escaping exactly as `serde_json` does.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Deepest nesting of arrays and objects [`parse`] accepts, so that hostile input cannot exhaust
/// the stack: serde_json's limit (it refuses the 128th level), so that both accept the same texts.
pub const MAX_DEPTH: usize = 127;

/// Why a text is not the JSON [`parse`] accepts, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    position: usize,
    line: usize,
    column: usize,
    kind: JsonErrorKind,
}

/// What is wrong with a JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The text ends inside a value (or is empty).
    UnexpectedEnd,
    /// A character that cannot start or continue a value here.
    UnexpectedCharacter(char),
    /// A value is complete but more non-whitespace text follows it.
    TrailingCharacters,
    /// A number that is not in JSON's number grammar (`01`, `1.`, `.5`, `+1`, `1e`).
    InvalidNumber,
    /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
    InvalidEscape,
    /// A `\uXXXX` escape of a UTF-16 surrogate that is not part of a valid pair.
    LoneSurrogate,
    /// A raw control character (below U+0020) inside a string: it must be escaped.
    ControlCharacterInString,
    /// The same key twice in one object.
    DuplicateKey(String),
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A number too large for a 64-bit float (`1e400`), which serde_json, and so the runtime
    /// policy, cannot hold.
    NumberOutOfRange,
}

impl JsonError {
    /// Byte offset into the text where the problem was found.
    pub fn position(&self) -> usize {
        self.position
    }

    /// 1-based line of [`position`](Self::position).
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column (in characters) of [`position`](Self::position).
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong.
    pub fn kind(&self) -> &JsonErrorKind {
        &self.kind
    }

    /// What is wrong, as a sentence fragment without the position.
    pub fn message(&self) -> String {
        match &self.kind {
            JsonErrorKind::UnexpectedEnd => "unexpected end of JSON text".to_owned(),
            JsonErrorKind::UnexpectedCharacter(c) => format!("unexpected character {c:?}"),
            JsonErrorKind::TrailingCharacters => "unexpected text after the JSON value".to_owned(),
            JsonErrorKind::InvalidNumber => {
                "invalid number (JSON numbers look like -12, 0.5 or 1e3)".to_owned()
            }
            JsonErrorKind::InvalidEscape => {
                "invalid escape (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)".to_owned()
            }
            JsonErrorKind::LoneSurrogate => {
                "\\u escape of a lone UTF-16 surrogate (write the pair, or the character itself)"
                    .to_owned()
            }
            JsonErrorKind::ControlCharacterInString => {
                "control character in a string (escape it, e.g. \\n)".to_owned()
            }
            JsonErrorKind::DuplicateKey(key) => format!("duplicate key {key:?} in one object"),
            JsonErrorKind::TooDeep => {
                format!("arrays and objects nested deeper than {MAX_DEPTH} levels")
            }
            JsonErrorKind::NumberOutOfRange => {
                "number out of range (larger than a 64-bit float can hold)".to_owned()
            }
        }
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message(),
            self.line,
            self.column
        )
    }
}

impl std::error::Error for JsonError {}

/// Parses one JSON value (RFC 8259, strict: no comments, no trailing commas, no duplicate keys),
/// surrounded by optional whitespace. Numbers are validated and kept as written; string escapes,
/// including `\uXXXX` surrogate pairs, are decoded.
///
/// ```
/// use yoti_policy_core::json::{parse, Json};
///
/// let value = parse(r#" {"scheme": {"type": "RTW"}, "n": 1.50} "#).unwrap();
/// assert_eq!(value.to_compact(), r#"{"scheme":{"type":"RTW"},"n":1.50}"#);
/// assert!(matches!(value, Json::Object(_)));
/// assert_eq!(parse("[1,]").unwrap_err().to_string(), "unexpected character ']' at line 1, column 4");
/// ```
///
/// # Errors
///
/// [`JsonError`] with the position of the first problem.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    parser.skip_whitespace();
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error(JsonErrorKind::TrailingCharacters));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, kind: JsonErrorKind) -> JsonError {
        self.error_at(self.pos, kind)
    }

    fn error_at(&self, position: usize, kind: JsonErrorKind) -> JsonError {
        let before = self.text.get(..position).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        JsonError {
            position,
            line,
            column,
            kind,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The error for the character at the current position (or the end of the text).
    fn unexpected(&self) -> JsonError {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) => self.error(JsonErrorKind::UnexpectedCharacter(c)),
            None => self.error(JsonErrorKind::UnexpectedEnd),
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        for expected in word.bytes() {
            self.expect(expected)?;
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected()),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(JsonErrorKind::TooDeep));
        }
        self.pos += 1; // `{`
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected());
            }
            let key_position = self.pos;
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                return Err(self.error_at(key_position, JsonErrorKind::DuplicateKey(key)));
            }
            self.skip_whitespace();
            self.expect(b':')?;
            self.skip_whitespace();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(JsonErrorKind::TooDeep));
        }
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        let invalid = |p: &Self| p.error_at(start, JsonErrorKind::InvalidNumber);
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(invalid(self));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(invalid(self)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(invalid(self));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(invalid(self));
            }
        }
        let text = self
            .text
            .get(start..self.pos)
            .ok_or_else(|| invalid(self))?;
        // What serde_json refuses: the policy the runtime builds must hold every number.
        if !text.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(self.error_at(start, JsonErrorKind::NumberOutOfRange));
        }
        Ok(Json::Number(text.to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => char::from(b).to_digit(16),
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            };
            match digit {
                Some(d) => value = value * 16 + d,
                None => return Err(self.error(JsonErrorKind::InvalidEscape)),
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// After `\u`: one code point, reading the low half of a surrogate pair when needed.
    fn unicode_escape(&mut self, escape_start: usize) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.error_at(escape_start, JsonErrorKind::LoneSurrogate));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(escape_start, JsonErrorKind::LoneSurrogate));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error_at(escape_start, JsonErrorKind::LoneSurrogate));
            }
            other => other,
        };
        char::from_u32(code)
            .ok_or_else(|| self.error_at(escape_start, JsonErrorKind::LoneSurrogate))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening `"`
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run ends at an ASCII byte or the end, so it is on a char boundary.
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape_start = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{08}',
                        Some(b'f') => '\u{0c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape(escape_start)?);
                            continue;
                        }
                        None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                        Some(_) => {
                            return Err(self.error_at(escape_start, JsonErrorKind::InvalidEscape));
                        }
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error(JsonErrorKind::ControlCharacterInString)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn kind(text: &str) -> JsonErrorKind {
        parse(text).unwrap_err().kind().clone()
    }

    fn serde_compact(text: &str) -> String {
        serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap()).unwrap()
    }

    #[test]
    fn parses_every_kind_of_value_keeping_key_order_and_number_text() {
        let value =
            parse(" {\"b\" : [true, false, null, -0.5e+3, 10], \"a\": {}, \"c\": []}\n").unwrap();
        assert_eq!(
            value,
            Json::Object(vec![
                (
                    "b".into(),
                    Json::Array(vec![
                        Json::Bool(true),
                        Json::Bool(false),
                        Json::Null,
                        Json::Number("-0.5e+3".into()),
                        Json::Number("10".into()),
                    ])
                ),
                ("a".into(), Json::Object(vec![])),
                ("c".into(), Json::Array(vec![])),
            ])
        );
        assert_eq!(
            value.to_compact(),
            r#"{"b":[true,false,null,-0.5e+3,10],"a":{},"c":[]}"#
        );
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let value = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\u0001""#).unwrap();
        assert_eq!(
            value,
            Json::String("a\"\\/\u{8}\u{c}\n\r\té\u{1F600}\u{1}".into())
        );
        assert_eq!(value.to_compact(), r#""a\"\\/\b\f\n\r\té😀\u0001""#);
    }

    #[test]
    fn rejects_what_rfc_8259_rejects() {
        assert_eq!(kind(""), JsonErrorKind::UnexpectedEnd);
        assert_eq!(kind("   "), JsonErrorKind::UnexpectedEnd);
        assert_eq!(kind("[1,]"), JsonErrorKind::UnexpectedCharacter(']'));
        assert_eq!(kind("{\"a\":1,}"), JsonErrorKind::UnexpectedCharacter('}'));
        assert_eq!(kind("{a:1}"), JsonErrorKind::UnexpectedCharacter('a'));
        assert_eq!(kind("{\"a\" 1}"), JsonErrorKind::UnexpectedCharacter('1'));
        assert_eq!(kind("'x'"), JsonErrorKind::UnexpectedCharacter('\''));
        assert_eq!(kind("tru"), JsonErrorKind::UnexpectedEnd);
        assert_eq!(kind("nul1"), JsonErrorKind::UnexpectedCharacter('1'));
        assert_eq!(kind("{} {}"), JsonErrorKind::TrailingCharacters);
        assert_eq!(kind("1 // comment"), JsonErrorKind::TrailingCharacters);
        for number in ["01", "-", "1.", ".5", "+1", "1e", "1e+", "-a", "1.e3"] {
            assert!(parse(number).is_err(), "{number} accepted");
        }
        assert_eq!(kind("01"), JsonErrorKind::InvalidNumber);
        assert_eq!(kind("1."), JsonErrorKind::InvalidNumber);
        assert_eq!(kind("-"), JsonErrorKind::InvalidNumber);
        assert_eq!(kind(r#""\x""#), JsonErrorKind::InvalidEscape);
        assert_eq!(kind(r#""\u12G4""#), JsonErrorKind::InvalidEscape);
        assert_eq!(kind(r#""\ud83d""#), JsonErrorKind::LoneSurrogate);
        assert_eq!(kind(r#""\ud83dx""#), JsonErrorKind::LoneSurrogate);
        assert_eq!(kind(r#""\ud83d\u0041""#), JsonErrorKind::LoneSurrogate);
        assert_eq!(kind(r#""\ude00""#), JsonErrorKind::LoneSurrogate);
        assert_eq!(kind("\"a\nb\""), JsonErrorKind::ControlCharacterInString);
        assert_eq!(kind("\"abc"), JsonErrorKind::UnexpectedEnd);
        assert_eq!(
            kind(r#"{"a":1,"a":2}"#),
            JsonErrorKind::DuplicateKey("a".into())
        );
    }

    #[test]
    fn limits_nesting_depth() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(kind(&deep), JsonErrorKind::TooDeep);
        let deep_objects = "{\"a\":".repeat(MAX_DEPTH + 1);
        assert_eq!(kind(&deep_objects), JsonErrorKind::TooDeep);
    }

    #[test]
    fn errors_say_where() {
        let error = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(error.kind(), &JsonErrorKind::UnexpectedCharacter('\n'));
        assert_eq!(
            (error.position(), error.line(), error.column()),
            (12, 2, 11)
        );
        assert_eq!(
            error.to_string(),
            "unexpected character '\\n' at line 2, column 11"
        );
        let error = parse("[\"é\", x]").unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 7));
        assert_eq!(
            parse(r#"{"a":1,"a":2}"#).unwrap_err().message(),
            "duplicate key \"a\" in one object"
        );
    }

    #[test]
    fn compact_output_matches_serde_json_on_official_examples() {
        for text in [
            r#"{"trust_framework":"UK_TFIDA","scheme":{"type":"DBS","objective":"STANDARD"}}"#,
            r#"{ "profiles": [ { "trust_framework": "UK_TFIDA", "schemes": [ { "label": "LB912", "type": "RTW" }, { "label": "LB777", "type": "DBS", "objective": "BASIC" } ] }, { "trust_framework": "YOTI_GLOBAL", "schemes": [ { "label": "LB321", "type": "IDENTITY", "objective": "AL_L1", "config": {} } ] } ] }"#,
        ] {
            assert_eq!(parse(text).unwrap().to_compact(), serde_compact(text));
        }
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
            Just(Value::Null),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn compact_output_matches_serde_json(value in json_value(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            prop_assert_eq!(parse(&text).unwrap().to_compact(), serde_compact(&text));
        }

        #[test]
        fn accepts_exactly_what_serde_json_accepts(text in r#"[\[\]{}",:0-9ae.+\- \\u]{0,24}"#) {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<Value>(&text);
            if !matches!(ours.as_ref().map_err(JsonError::kind), Err(JsonErrorKind::DuplicateKey(_))) {
                prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?}", text, ours);
            }
        }
    }
}
