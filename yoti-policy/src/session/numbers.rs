//! JSON numbers written the way the official Node SDK writes them: an integral floating-point
//! value without a fraction (`30`, not `30.0`), so that bodies compare byte for byte.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// Below this magnitude JavaScript writes an integral number with all its digits and no
/// exponent; from it on, with an exponent (`1e+21`), as `serde_json` does for floats too.
const JS_PLAIN_INTEGER_LIMIT: f64 = 1e21;

/// Writes `value` as an integer when it is integral and JavaScript would write it without an
/// exponent, else as a float.
pub(super) fn serialize_f64<S: Serializer>(value: f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < JS_PLAIN_INTEGER_LIMIT {
        // Exact: the value is integral and far inside i128's range.
        #[allow(clippy::cast_possible_truncation)]
        let integer = value as i128;
        match i64::try_from(integer) {
            Ok(small) => serializer.serialize_i64(small),
            Err(_) => serializer.serialize_i128(integer),
        }
    } else {
        serializer.serialize_f64(value)
    }
}

/// A JSON value whose integral floats are written as integers.
pub(super) struct NodeJson<'a>(pub(super) &'a Value);

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Number(n) if n.is_f64() => match n.as_f64() {
                Some(f) => serialize_f64(f, serializer),
                None => n.serialize(serializer),
            },
            Value::Array(items) => serializer.collect_seq(items.iter().map(NodeJson)),
            Value::Object(members) => {
                serializer.collect_map(members.iter().map(|(k, v)| (k, NodeJson(v))))
            }
            other => other.serialize(serializer),
        }
    }
}
