//! What every typed view of the report shares: a borrowed JSON object, read leniently. A key
//! that is missing or holds another JSON type reads as `None` (or an empty iterator), never as
//! an error: the report grows over time, and the raw object stays reachable through `json()`
//! and indexing for anything the view does not name.

use serde_json::{Map, Value};

pub(super) type Object = Map<String, Value>;

pub(super) fn str_at<'a>(json: &'a Object, key: &str) -> Option<&'a str> {
    json.get(key).and_then(Value::as_str)
}

pub(super) fn bool_at(json: &Object, key: &str) -> Option<bool> {
    json.get(key).and_then(Value::as_bool)
}

pub(super) fn object_at<'a>(json: &'a Object, key: &str) -> Option<&'a Object> {
    json.get(key).and_then(Value::as_object)
}

fn array_at<'a>(json: &'a Object, key: &str) -> impl Iterator<Item = &'a Value> + 'a {
    json.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// The items of an array that are objects; other items are skipped.
pub(super) fn objects_at<'a>(json: &'a Object, key: &str) -> impl Iterator<Item = &'a Object> + 'a {
    array_at(json, key).filter_map(Value::as_object)
}

/// The items of an array that are strings; other items are skipped.
pub(super) fn strs_at<'a>(json: &'a Object, key: &str) -> impl Iterator<Item = &'a str> + 'a {
    array_at(json, key).filter_map(Value::as_str)
}

/// Declares a view: a `Copy` wrapper of a borrowed object with `json()`, indexing by key (a
/// missing key is `Value::Null`, as with `serde_json::Value`) and a `Debug` that prints the keys
/// only, as the values are personal data.
macro_rules! view {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq)]
        pub struct $name<'a> {
            json: &'a serde_json::Map<String, serde_json::Value>,
        }

        impl<'a> $name<'a> {
            pub(super) fn new(json: &'a serde_json::Map<String, serde_json::Value>) -> Self {
                $name { json }
            }

            /// The raw JSON object, keys this view does not name included.
            pub fn json(&self) -> &'a serde_json::Map<String, serde_json::Value> {
                self.json
            }
        }

        impl std::ops::Index<&str> for $name<'_> {
            type Output = serde_json::Value;

            fn index(&self, key: &str) -> &serde_json::Value {
                static NULL: serde_json::Value = serde_json::Value::Null;
                self.json.get(key).unwrap_or(&NULL)
            }
        }

        impl std::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("keys", &self.json.keys().collect::<Vec<_>>())
                    .finish_non_exhaustive()
            }
        }
    };
}

pub(super) use view;
