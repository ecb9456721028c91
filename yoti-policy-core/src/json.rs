//! The free-form parts of a policy (identity profile requirements) as `serde_json` values, keys
//! kept in the order written (`serde_json`'s `preserve_order`, which this crate turns on).
//!
//! The derive macro reads `advanced_identity_profile = "..."` with [`parse`] at compile time, so
//! that its `POLICY_JSON` is the text `serde_json` writes for the runtime policy of the same
//! struct.

use std::fmt;

use serde_core::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
pub use serde_json::{Map, Number, Value};

/// Parses one JSON value with `serde_json` (RFC 8259, strict: no comments, no trailing commas,
/// arrays and objects nested at most 127 deep, numbers a 64-bit float can hold), also refusing
/// the same key twice in one object, where `serde_json` would keep the last one.
///
/// ```
/// use yoti_policy_core::json::{Value, parse};
///
/// let value = parse(r#" {"scheme": {"type": "RTW"}, "n": 10} "#).unwrap();
/// assert_eq!(value.to_string(), r#"{"scheme":{"type":"RTW"},"n":10}"#);
/// assert!(matches!(value, Value::Object(_)));
/// assert_eq!(
///     parse(r#"{"a":1,"a":2}"#).unwrap_err().to_string(),
///     "duplicate key \"a\" in one object at line 1 column 10"
/// );
/// ```
///
/// # Errors
///
/// `serde_json`'s error, with the line and column of the first problem.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = UniqueKeys.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Builds a [`Value`] like `Value`'s own `Deserialize`, refusing repeated keys.
#[derive(Clone, Copy)]
struct UniqueKeys;

impl<'de> DeserializeSeed<'de> for UniqueKeys {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for UniqueKeys {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        // serde_json's reader refuses what a float cannot hold, so `n` is finite.
        Ok(Value::from(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate key {key:?} in one object"
                )));
            }
            let value = map.next_value_seed(self)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_key_order_and_writes_serde_json_text() {
        let value =
            parse(" {\"b\" : [true, false, null, -0.5e+3, 10], \"a\": {}, \"c\": []}\n").unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(
            value.to_string(),
            r#"{"b":[true,false,null,-500.0,10],"a":{},"c":[]}"#
        );
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let value = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\u0001""#).unwrap();
        assert_eq!(
            value,
            Value::String("a\"\\/\u{8}\u{c}\n\r\té\u{1F600}\u{1}".into())
        );
        assert_eq!(value.to_string(), r#""a\"\\/\b\f\n\r\té😀\u0001""#);
    }

    #[test]
    fn refuses_what_rfc_8259_refuses() {
        for text in [
            "",
            "   ",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "'x'",
            "tru",
            "nul1",
            "{} {}",
            "1 // comment",
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "-a",
            "1.e3",
            r#""\x""#,
            r#""\u12G4""#,
            r#""\ud83d""#,
            r#""\ud83dx""#,
            r#""\ude00""#,
            "\"a\nb\"",
            "\"abc",
        ] {
            assert!(parse(text).is_err(), "{text:?} accepted");
        }
    }

    #[test]
    fn refuses_a_repeated_key_at_any_depth() {
        for text in [r#"{"a":1,"a":2}"#, r#"{"p":[{"t":"RTW","t":"DBS"}]}"#] {
            let error = parse(text).unwrap_err();
            assert!(error.to_string().contains("duplicate key"), "{error}");
            assert!(serde_json::from_str::<Value>(text).is_ok());
        }
        assert!(parse(r#"{"a":{"a":1},"b":{"a":2}}"#).is_ok());
    }

    #[test]
    fn limits_nesting_depth() {
        let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse(&deep).is_err());
        assert!(parse(&"{\"a\":".repeat(128)).is_err());
    }

    #[test]
    fn errors_say_where() {
        let error = parse("{\n  \"a\": [1,]\n}").unwrap_err();
        assert_eq!(error.to_string(), "trailing comma at line 2 column 11");
        assert_eq!(parse("{\"a\":1,\n\"a\":2}").unwrap_err().line(), 2);
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
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
        fn reads_what_serde_json_writes_as_serde_json_does(value in json_value(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            // The same value as serde_json reads (a float may come back an ulp off, alike).
            prop_assert_eq!(parse(&text).unwrap(), serde_json::from_str::<Value>(&text).unwrap());
        }

        #[test]
        fn accepts_what_serde_json_accepts_less_repeated_keys(
            text in r#"[\[\]{}",:0-9ae.+\- \\u]{0,24}"#,
        ) {
            match (parse(&text), serde_json::from_str::<Value>(&text)) {
                (Ok(ours), Ok(theirs)) => prop_assert_eq!(ours, theirs),
                (Err(error), Ok(_)) => {
                    prop_assert!(error.to_string().contains("duplicate key"), "{}", error);
                }
                (ours, theirs) => prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}", text),
            }
        }
    }
}
