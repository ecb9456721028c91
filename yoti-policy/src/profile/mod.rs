//! The decoded profile of a receipt: every attribute with its typed value and anchors.
//!
//! (Skeleton: the receipt work fills in the values, anchors and conversions.)

use bytes::Bytes;

/// Every attribute of one side of a receipt, in receipt order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    attributes: Vec<Attribute>,
}

impl Profile {
    /// All attributes, in receipt order.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }
}

/// One attribute: name, value, anchors. `Attribute` (of [`AttributeValue`]) is the untyped form
/// found in a [`Profile`]; `Attribute<T>` is the typed form a struct field can ask for.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute<T = AttributeValue> {
    name: String,
    value: T,
}

impl<T> Attribute<T> {
    /// The attribute name, e.g. `full_name` or `age_over:18`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }
}

/// An attribute value, typed by its content type.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AttributeValue {
    /// `STRING`, and `UNDEFINED` or unknown content types.
    String(String),
}

/// A date of birth: a full date or, as Yoti documents, only a year and month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    year: u16,
}

/// A JPEG or PNG image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    format: ImageFormat,
    data: Bytes,
}

/// The format of an [`Image`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageFormat {
    /// `image/jpeg`
    Jpeg,
    /// `image/png`
    Png,
}

/// The parsed `document_details` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDetails {
    document_type: String,
}

/// The `structured_postal_address` attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct StructuredPostalAddress {
    json: serde_json::Map<String, serde_json::Value>,
}

/// The result of an age check (`age_over:18`, `age_under:30`, `age_over:18:5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeVerification {
    result: bool,
}
