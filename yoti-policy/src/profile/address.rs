//! The `structured_postal_address` attribute (docs/protocol.md, "Addresses").

use std::fmt;

use serde_json::{Map, Value};

/// The `structured_postal_address` attribute: typed accessors for the common fields, and the whole
/// JSON object, whose fields vary with `address_format` and country. `Debug` shows the keys, not
/// the values.
///
/// ```
/// use yoti_policy::StructuredPostalAddress;
///
/// let address = StructuredPostalAddress::from_json(serde_json::json!({
///     "address_format": 1,
///     "address_line1": "123 TEST ADDRESS",
///     "formatted_address": "123 TEST ADDRESS\nAB1 2CD",
///     "postal_code": "AB1 2CD",
/// }))
/// .unwrap();
/// assert_eq!(address.address_format(), Some(1));
/// assert_eq!(address.address_lines(), ["123 TEST ADDRESS"]);
/// assert_eq!(address.postal_code(), Some("AB1 2CD"));
/// assert_eq!(
///     format!("{address:?}"),
///     r#"StructuredPostalAddress { keys: ["address_format", "address_line1", "formatted_address", "postal_code"], .. }"#
/// );
/// ```
#[derive(Clone, PartialEq)]
pub struct StructuredPostalAddress {
    json: Map<String, Value>,
}

impl StructuredPostalAddress {
    /// Wraps a JSON value; `None` when it is not an object.
    pub fn from_json(json: Value) -> Option<Self> {
        match json {
            Value::Object(json) => Some(StructuredPostalAddress { json }),
            _ => None,
        }
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.json.get(key).and_then(Value::as_str)
    }

    /// `address_format`: which fields the address has (1 for the UK, ...).
    pub fn address_format(&self) -> Option<i64> {
        self.json.get("address_format").and_then(Value::as_i64)
    }

    /// `building_number`.
    pub fn building_number(&self) -> Option<&str> {
        self.text("building_number")
    }

    /// `address_line<n>`, counting from 1.
    pub fn address_line(&self, n: usize) -> Option<&str> {
        self.text(&format!("address_line{n}"))
    }

    /// `address_line1`, `address_line2`, ... up to the first one missing.
    pub fn address_lines(&self) -> Vec<&str> {
        (1..).map_while(|n| self.address_line(n)).collect()
    }

    /// `town_city`, when it is a string.
    pub fn town_city(&self) -> Option<&str> {
        self.text("town_city")
    }

    /// `postal_code`.
    pub fn postal_code(&self) -> Option<&str> {
        self.text("postal_code")
    }

    /// `country_iso`, e.g. `GBR`.
    pub fn country_iso(&self) -> Option<&str> {
        self.text("country_iso")
    }

    /// `country`, e.g. `United Kingdom`.
    pub fn country(&self) -> Option<&str> {
        self.text("country")
    }

    /// `formatted_address`: the whole address as lines separated by `\n`.
    pub fn formatted_address(&self) -> Option<&str> {
        self.text("formatted_address")
    }

    /// Any field by key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.json.get(key)
    }

    /// The whole JSON object.
    pub fn json(&self) -> &Map<String, Value> {
        &self.json
    }

    /// The whole JSON object, by value.
    pub fn into_json(self) -> Map<String, Value> {
        self.json
    }
}

/// The keys only: the values are personal data.
impl fmt::Debug for StructuredPostalAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StructuredPostalAddress")
            .field("keys", &self.json.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
