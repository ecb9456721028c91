//! Attributes as `{"name", "value", "anchors", "id"}`, untyped values tagged by their kind, and
//! a profile as `{"attributes": [...]}`.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::profile::{Anchor, Attribute, AttributeValue, Date, Image, Profile};

#[derive(Serialize)]
struct AttributeForm<'a, T> {
    name: &'a str,
    value: &'a T,
    anchors: &'a [Anchor],
    #[serde(skip_serializing_if = "str::is_empty")]
    id: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedAttributeForm<T> {
    name: String,
    value: T,
    #[serde(default)]
    anchors: Vec<Anchor>,
    #[serde(default)]
    id: String,
}

/// `id` is the ephemeral id, left out when empty.
impl<T: Serialize> Serialize for Attribute<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AttributeForm {
            name: self.name(),
            value: self.value(),
            anchors: self.anchors(),
            id: self.ephemeral_id(),
        }
        .serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Attribute<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = OwnedAttributeForm::<T>::deserialize(deserializer)?;
        Ok(Attribute::from_parts(
            form.name,
            form.value,
            Arc::from(form.anchors),
            form.id,
        ))
    }
}

/// An untyped value, tagged by its kind: `{"string": "..."}`, `{"date": "1980-01-02"}`,
/// `{"image": {...}}`, `{"json": ...}`, `{"int": 7}`, `{"multi_value": [...]}`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum ValueForm {
    String(String),
    Date(Date),
    Image(Image),
    Json(serde_json::Value),
    Int(i64),
    MultiValue(Vec<ValueForm>),
}

impl From<&AttributeValue> for ValueForm {
    fn from(value: &AttributeValue) -> Self {
        match value {
            AttributeValue::String(text) => ValueForm::String(text.clone()),
            AttributeValue::Date(date) => ValueForm::Date(*date),
            AttributeValue::Image(image) => ValueForm::Image(image.clone()),
            AttributeValue::Json(json) => ValueForm::Json(json.clone()),
            AttributeValue::Int(n) => ValueForm::Int(*n),
            AttributeValue::MultiValue(items) => {
                ValueForm::MultiValue(items.iter().map(ValueForm::from).collect())
            }
        }
    }
}

impl From<ValueForm> for AttributeValue {
    fn from(value: ValueForm) -> Self {
        match value {
            ValueForm::String(text) => AttributeValue::String(text),
            ValueForm::Date(date) => AttributeValue::Date(date),
            ValueForm::Image(image) => AttributeValue::Image(image),
            ValueForm::Json(json) => AttributeValue::Json(json),
            ValueForm::Int(n) => AttributeValue::Int(n),
            ValueForm::MultiValue(items) => {
                AttributeValue::MultiValue(items.into_iter().map(AttributeValue::from).collect())
            }
        }
    }
}

impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ValueForm::from(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ValueForm::deserialize(deserializer).map(AttributeValue::from)
    }
}

#[derive(Serialize)]
struct ProfileForm<'a> {
    attributes: &'a [Attribute],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedProfileForm {
    attributes: Vec<Attribute>,
}

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ProfileForm {
            attributes: self.attributes(),
        }
        .serialize(serializer)
    }
}

/// Read back through [`Profile::from_attributes`], whose `postal_address` rule a serialised
/// profile already satisfies.
impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        OwnedProfileForm::deserialize(deserializer)
            .map(|form| Profile::from_attributes(form.attributes))
    }
}
