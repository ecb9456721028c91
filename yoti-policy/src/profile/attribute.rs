//! One attribute of a profile: name, value, anchors and ephemeral id.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use super::anchor::{Anchor, AnchorType};
use super::{
    AgeVerification, Date, DocumentDetails, IdentityProfileReport, Image, StructuredPostalAddress,
};
use crate::redact::{JsonShape, Len, TypeName};

/// One attribute: name, value, anchors. `Attribute` (of [`AttributeValue`]) is the untyped form
/// found in a [`Profile`](super::Profile); `Attribute<T>` is the typed form a struct field can ask
/// for, such as `Attribute<Image>`.
///
/// `Debug` shows the name, the shape of the value (its kind and size) and how many anchors there
/// are, never the value: a profile can be logged without logging the person.
///
/// ```
/// use yoti_policy::profile::{Anchor, AnchorType};
/// use yoti_policy::{Attribute, AttributeValue};
///
/// let name = Attribute::new("full_name", AttributeValue::String("Jane Doe".into()))
///     .with_anchors(vec![Anchor::new(AnchorType::Source, "USER_PROVIDED")]);
/// assert_eq!(name.name(), "full_name");
/// assert_eq!(name.value().as_str(), Some("Jane Doe"));
/// assert!(name.is_self_asserted());
/// assert_eq!(
///     format!("{name:?}"),
///     r#"Attribute { name: "full_name", value: String(<8 bytes>), anchors: 1, .. }"#
/// );
/// ```
#[derive(Clone, PartialEq)]
pub struct Attribute<T = AttributeValue> {
    name: String,
    value: T,
    // Shared: typed copies of an attribute and the derived `postal_address` reuse them.
    anchors: Arc<[Anchor]>,
    ephemeral_id: String,
}

impl<T> Attribute<T> {
    /// An attribute without anchors or ephemeral id.
    pub fn new(name: impl Into<String>, value: T) -> Self {
        Attribute {
            name: name.into(),
            value,
            anchors: Arc::from([]),
            ephemeral_id: String::new(),
        }
    }

    /// Sets the anchors (a `Vec<Anchor>`, or an `Arc<[Anchor]>` to share them between attributes).
    #[must_use]
    pub fn with_anchors(mut self, anchors: impl Into<Arc<[Anchor]>>) -> Self {
        self.anchors = anchors.into();
        self
    }

    /// Sets the ephemeral id.
    #[must_use]
    pub fn with_ephemeral_id(mut self, ephemeral_id: impl Into<String>) -> Self {
        self.ephemeral_id = ephemeral_id.into();
        self
    }

    /// The same attribute (name, anchors, ephemeral id) with another value.
    pub fn with_value<U>(&self, value: U) -> Attribute<U> {
        Attribute {
            name: self.name.clone(),
            value,
            anchors: Arc::clone(&self.anchors),
            ephemeral_id: self.ephemeral_id.clone(),
        }
    }

    pub(crate) fn from_parts(
        name: String,
        value: T,
        anchors: Arc<[Anchor]>,
        ephemeral_id: String,
    ) -> Self {
        Attribute {
            name,
            value,
            anchors,
            ephemeral_id,
        }
    }

    pub(crate) fn shared_anchors(&self) -> &Arc<[Anchor]> {
        &self.anchors
    }

    /// The attribute name, e.g. `full_name` or `age_over:18`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value, by value.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Identifies this attribute instance within the share; empty when the receipt has none.
    pub fn ephemeral_id(&self) -> &str {
        &self.ephemeral_id
    }

    /// Every anchor, in receipt order.
    pub fn anchors(&self) -> &[Anchor] {
        &self.anchors
    }

    /// The SOURCE anchors: where the value comes from.
    pub fn sources(&self) -> impl Iterator<Item = &Anchor> {
        self.anchors_of(AnchorType::Source)
    }

    /// The VERIFIER anchors: who checked the value.
    pub fn verifiers(&self) -> impl Iterator<Item = &Anchor> {
        self.anchors_of(AnchorType::Verifier)
    }

    fn anchors_of(&self, anchor_type: AnchorType) -> impl Iterator<Item = &Anchor> {
        self.anchors
            .iter()
            .filter(move |anchor| anchor.anchor_type() == anchor_type)
    }

    /// Whether the person typed the value in: exactly one SOURCE anchor, `USER_PROVIDED`, and no
    /// VERIFIER anchor.
    pub fn is_self_asserted(&self) -> bool {
        let mut sources = self.sources();
        matches!(
            (sources.next(), sources.next()),
            (Some(source), None) if source.value() == "USER_PROVIDED"
        ) && self.verifiers().next().is_none()
    }
}

/// An attribute value, typed by its content type (docs/protocol.md, "Content types").
///
/// `Debug` shows the kind and size of the value, not the value.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum AttributeValue {
    /// `STRING`, and `UNDEFINED` or unknown content types.
    String(String),
    /// `DATE`: a full or partial date.
    Date(Date),
    /// `JPEG` or `PNG`.
    Image(Image),
    /// `JSON`, parsed.
    Json(serde_json::Value),
    /// `INT`.
    Int(i64),
    /// `MULTI_VALUE`: the items, each converted by its own content type.
    MultiValue(Vec<AttributeValue>),
}

impl AttributeValue {
    /// A short name of the variant, for error messages: `a string`, `a date`, ...
    pub fn kind_name(&self) -> &'static str {
        match self {
            AttributeValue::String(_) => "a string",
            AttributeValue::Date(_) => "a date",
            AttributeValue::Image(_) => "an image",
            AttributeValue::Json(_) => "JSON",
            AttributeValue::Int(_) => "an integer",
            AttributeValue::MultiValue(_) => "a multi-value",
        }
    }

    /// The text of a `String` value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttributeValue::String(text) => Some(text),
            _ => None,
        }
    }

    /// The date of a `Date` value.
    pub fn as_date(&self) -> Option<&Date> {
        match self {
            AttributeValue::Date(date) => Some(date),
            _ => None,
        }
    }

    /// The image of an `Image` value.
    pub fn as_image(&self) -> Option<&Image> {
        match self {
            AttributeValue::Image(image) => Some(image),
            _ => None,
        }
    }

    /// The JSON of a `Json` value.
    pub fn as_json(&self) -> Option<&serde_json::Value> {
        match self {
            AttributeValue::Json(json) => Some(json),
            _ => None,
        }
    }

    /// The integer of an `Int` value.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            AttributeValue::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// The items of a `MultiValue` value.
    pub fn as_multi_value(&self) -> Option<&[AttributeValue]> {
        match self {
            AttributeValue::MultiValue(items) => Some(items),
            _ => None,
        }
    }
}

impl fmt::Debug for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributeValue::String(text) => {
                f.debug_tuple("String").field(&Len(text.len())).finish()
            }
            // Both print as `Date(...)` and `Image { ... }`, the variant's own name.
            AttributeValue::Date(date) => fmt::Debug::fmt(date, f),
            AttributeValue::Image(image) => fmt::Debug::fmt(image, f),
            AttributeValue::Json(json) => f.debug_tuple("Json").field(&JsonShape(json)).finish(),
            AttributeValue::Int(_) => f.write_str("Int(<number>)"),
            AttributeValue::MultiValue(items) => f.debug_tuple("MultiValue").field(items).finish(),
        }
    }
}

impl<T: 'static> fmt::Debug for Attribute<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attribute")
            .field("name", &self.name)
            .field("value", &ValueShape(&self.value))
            .field("anchors", &self.anchors.len())
            .finish_non_exhaustive()
    }
}

/// The `Debug` of a typed attribute's value without the value: the value types of this crate
/// print their shape themselves; a text prints its length; any other type only its name (a
/// `bool` age check result or an `i64` is the value itself).
struct ValueShape<'a, T>(&'a T);

impl<T: 'static> fmt::Debug for ValueShape<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn shape<T: fmt::Debug + 'static>(value: &dyn Any) -> Option<&dyn fmt::Debug> {
            value
                .downcast_ref::<T>()
                .map(|value| value as &dyn fmt::Debug)
        }
        let value: &dyn Any = self.0;
        let known = shape::<AttributeValue>(value)
            .or_else(|| shape::<Date>(value))
            .or_else(|| shape::<Image>(value))
            .or_else(|| shape::<Vec<Image>>(value))
            .or_else(|| shape::<DocumentDetails>(value))
            .or_else(|| shape::<AgeVerification>(value))
            .or_else(|| shape::<StructuredPostalAddress>(value))
            .or_else(|| shape::<IdentityProfileReport>(value));
        if let Some(known) = known {
            return known.fmt(f);
        }
        if let Some(text) = value.downcast_ref::<String>() {
            return f.debug_tuple("String").field(&Len(text.len())).finish();
        }
        if let Some(json) = value.downcast_ref::<serde_json::Value>() {
            return f.debug_tuple("Json").field(&JsonShape(json)).finish();
        }
        TypeName::of::<T>().fmt(f)
    }
}
