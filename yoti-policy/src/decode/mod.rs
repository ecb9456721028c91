//! Typed decoding of a receipt's profile: the [`FromAttribute`] conversions of field types, and
//! the errors of a decode.

pub mod field;
pub mod kind;

use crate::profile::Attribute;

/// A type that a profile attribute's value converts to: the field types of a
/// `#[derive(SharePolicy)]` struct.
pub trait FromAttribute: Sized {
    /// Converts one attribute of the profile.
    ///
    /// # Errors
    ///
    /// [`ValueError`] when the attribute's value cannot become `Self`.
    fn from_attribute(attribute: &Attribute) -> Result<Self, ValueError>;
}

/// Why an attribute's value could not become a field's type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// The value has another type than the field needs.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the field needs.
        expected: &'static str,
        /// What the attribute holds.
        found: &'static str,
    },
}

/// A profile that does not fill a struct: every missing attribute and every misfit value at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// One or more fields could not be filled.
    #[error("the profile does not fill the struct")]
    Fields(Vec<FieldError>),
}

/// One field that could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The Rust field.
    pub field: &'static str,
    /// The attribute it asks for.
    pub attribute: &'static str,
    /// What went wrong.
    pub problem: FieldProblem,
}

/// What went wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// No attribute of the profile answers the field.
    Missing,
    /// The attribute is there but its value does not fit the field.
    Invalid(ValueError),
}
