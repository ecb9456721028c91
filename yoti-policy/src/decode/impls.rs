//! [`FromAttribute`] for every field type a `#[derive(SharePolicy)]` struct can use.

use super::{FromAttribute, ValueError};
use crate::profile::{
    AgeVerification, Attribute, AttributeValue, Date, DocumentDetails, IdentityProfileReport,
    Image, StructuredPostalAddress,
};

fn wrong_type(expected: &'static str, found: &AttributeValue) -> ValueError {
    ValueError::WrongType {
        expected,
        found: found.kind_name(),
    }
}

/// Text, or a date written as `YYYY-MM-DD` (a `String` field may hold `date_of_birth`).
impl FromAttribute for String {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::String(text) => Ok(text.clone()),
            AttributeValue::Date(date) => Ok(date.to_string()),
            other => Err(wrong_type("a string", other)),
        }
    }
}

/// The result of an age check: the attribute's name must be `age_over:N` or `age_under:N`.
impl FromAttribute for bool {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        AgeVerification::from_attribute(attribute).map(|check| check.result())
    }
}

impl FromAttribute for AgeVerification {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::String(text) => Ok(AgeVerification::parse(attribute.name(), text)?),
            other => Err(wrong_type("an age check (`true` or `false`)", other)),
        }
    }
}

/// A `DATE` value, or a string that parses as one.
impl FromAttribute for Date {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::Date(date) => Ok(*date),
            AttributeValue::String(text) => Ok(text.parse()?),
            other => Err(wrong_type("a date", other)),
        }
    }
}

impl FromAttribute for Image {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::Image(image) => Ok(image.clone()),
            other => Err(wrong_type("an image", other)),
        }
    }
}

/// The image items of a multi-value (other items are skipped), or a single image.
impl FromAttribute for Vec<Image> {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::MultiValue(items) => Ok(items
                .iter()
                .filter_map(AttributeValue::as_image)
                .cloned()
                .collect()),
            AttributeValue::Image(image) => Ok(vec![image.clone()]),
            other => Err(wrong_type("a multi-value of images", other)),
        }
    }
}

impl FromAttribute for DocumentDetails {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::String(text) => Ok(text.parse()?),
            other => Err(wrong_type("document details", other)),
        }
    }
}

impl FromAttribute for StructuredPostalAddress {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        let value = attribute.value();
        json_object(value)
            .and_then(|json| StructuredPostalAddress::from_json(json.clone()))
            .ok_or_else(|| wrong_type("a JSON object", value))
    }
}

impl FromAttribute for IdentityProfileReport {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        let value = attribute.value();
        json_object(value)
            .and_then(|json| IdentityProfileReport::from_json(json.clone()))
            .ok_or_else(|| wrong_type("a JSON object", value))
    }
}

fn json_object(value: &AttributeValue) -> Option<&serde_json::Value> {
    value.as_json().filter(|json| json.is_object())
}

impl FromAttribute for serde_json::Value {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::Json(json) => Ok(json.clone()),
            other => Err(wrong_type("JSON", other)),
        }
    }
}

impl FromAttribute for i64 {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        match attribute.value() {
            AttributeValue::Int(n) => Ok(*n),
            other => Err(wrong_type("an integer", other)),
        }
    }
}

/// The untyped attribute itself.
impl FromAttribute for AttributeValue {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        Ok(attribute.value().clone())
    }
}

/// The value as `T`, with the attribute's name, anchors and ephemeral id.
impl<T: FromAttribute> FromAttribute for Attribute<T> {
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError> {
        Ok(attribute.with_value(T::from_attribute(attribute)?))
    }
}
