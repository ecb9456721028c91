//! The errors of a typed decode: per value, per field, and for the whole struct.

use std::fmt;

use crate::profile::{AgeVerificationError, DateError, DocumentDetailsError};

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
    /// A text that should be a date is not one.
    #[error(transparent)]
    Date(#[from] DateError),
    /// The name or value of an age check does not follow the grammar.
    #[error(transparent)]
    AgeVerification(#[from] AgeVerificationError),
    /// `document_details` does not follow the grammar.
    #[error(transparent)]
    DocumentDetails(#[from] DocumentDetailsError),
}

/// A profile that does not fill a struct: every missing attribute and every misfit value at once.
///
/// ```
/// use yoti_policy::decode::{DecodeError, FieldError, FieldProblem};
///
/// let error = DecodeError::Fields(vec![
///     FieldError::new("name", "full_name", FieldProblem::Missing),
///     FieldError::new("adult", "age_over:18", FieldProblem::Missing),
/// ]);
/// assert_eq!(error.to_string(), "missing attributes: `name` (full_name), `adult` (age_over:18)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// One or more fields could not be filled.
    #[error("{}", FieldList(.0))]
    Fields(Vec<FieldError>),
}

impl DecodeError {
    /// Every field that could not be filled, in field order.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            DecodeError::Fields(fields) => fields,
        }
    }
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

impl FieldError {
    /// One field's error.
    pub fn new(field: &'static str, attribute: &'static str, problem: FieldProblem) -> Self {
        FieldError {
            field,
            attribute,
            problem,
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({})", self.field, self.attribute)?;
        match &self.problem {
            FieldProblem::Missing => f.write_str(": missing"),
            FieldProblem::Invalid(error) => write!(f, ": {error}"),
            FieldProblem::SourceNotMet => f.write_str(": not from a required source"),
        }
    }
}

/// What went wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// No attribute of the profile answers the field.
    Missing,
    /// The attribute is there but its value does not fit the field.
    Invalid(ValueError),
    /// The attribute is there, but none of its instances has a SOURCE anchor the field's
    /// (hard) source constraint asks for.
    SourceNotMet,
}

/// Writes the fields grouped by problem: `missing attributes: ...; invalid: ...`.
struct FieldList<'a>(&'a [FieldError]);

impl fmt::Display for FieldList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("the profile does not fill the struct");
        }
        let mut first_group = true;
        let mut group = |f: &mut fmt::Formatter<'_>,
                         title: &str,
                         filter: fn(&FieldProblem) -> bool,
                         reason: bool|
         -> fmt::Result {
            let mut fields = self.0.iter().filter(|e| filter(&e.problem)).peekable();
            if fields.peek().is_none() {
                return Ok(());
            }
            if !first_group {
                f.write_str("; ")?;
            }
            first_group = false;
            write!(f, "{title}: ")?;
            for (i, error) in fields.enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                if reason {
                    write!(f, "{error}")?;
                } else {
                    write!(f, "`{}` ({})", error.field, error.attribute)?;
                }
            }
            Ok(())
        };
        group(
            f,
            "missing attributes",
            |p| matches!(p, FieldProblem::Missing),
            false,
        )?;
        group(
            f,
            "not from a required source",
            |p| matches!(p, FieldProblem::SourceNotMet),
            false,
        )?;
        group(
            f,
            "invalid",
            |p| !matches!(p, FieldProblem::Missing | FieldProblem::SourceNotMet),
            true,
        )
    }
}
