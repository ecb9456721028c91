//! Typed decoding of a receipt's profile: the [`FromAttribute`] conversions of field types, and
//! the errors of a decode.

mod accessors;
mod error;
pub mod field;
mod impls;
pub mod kind;

pub use error::{DecodeError, FieldError, FieldProblem, ValueError};

use crate::profile::Attribute;

/// A type that a profile attribute's value converts to: the field types of a
/// `#[derive(SharePolicy)]` struct.
///
/// ```
/// use yoti_policy::{Attribute, AttributeValue, Date, FromAttribute};
///
/// let dob = Attribute::new("date_of_birth", AttributeValue::String("1980-01-01".into()));
/// assert_eq!(Date::from_attribute(&dob)?.to_string(), "1980-01-01");
/// assert!(bool::from_attribute(&dob).is_err());
/// # Ok::<(), yoti_policy::decode::ValueError>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be decoded from a profile attribute",
    note = "field types: `String`, `bool` (age checks), `Date`, `Image`, `Vec<Image>`, `DocumentDetails`, `StructuredPostalAddress`, `AgeVerification`, `IdentityProfileReport`, `serde_json::Value`, `i64`, or `Attribute<_>` of one of them"
)]
pub trait FromAttribute: Sized {
    /// Converts one attribute of the profile.
    ///
    /// # Errors
    ///
    /// [`ValueError`] when the attribute's value cannot become `Self`.
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError>;
}
