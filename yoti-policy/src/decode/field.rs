//! The per-field decoding used by the code `#[derive(SharePolicy)]` generates.

use super::{DecodeError, FieldError, FromAttribute};
use crate::profile::Profile;

/// Where a field's value comes from, written by the derive.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The Rust field name.
    pub field: &'static str,
    /// The attribute name as it comes back in the receipt: `full_name`, or the derivation
    /// (`age_over:18`) for age checks.
    pub name: &'static str,
    /// Names tried in order when no attribute is called `name` (an estimated age check
    /// `age_over:18:5` may come back as `age_over:18`).
    pub fallback_names: &'static [&'static str],
    /// A `SOURCE` constraint's anchors as `(name, sub_type)`; empty when the field has none.
    pub sources: &'static [(&'static str, &'static str)],
    /// Whether the source constraint is only a preference.
    pub soft_preference: bool,
}

/// Fills the fields of one struct, collecting every error before reporting them together.
#[derive(Debug)]
pub struct Decoder<'p> {
    profile: &'p Profile,
    errors: Vec<FieldError>,
}

impl<'p> Decoder<'p> {
    /// Starts decoding `profile`.
    pub fn new(profile: &'p Profile) -> Self {
        Decoder {
            profile,
            errors: Vec::new(),
        }
    }

    /// A required field: `None` (and an error recorded) when missing or invalid.
    pub fn required<T: FromAttribute>(&mut self, spec: &FieldSpec) -> Option<T> {
        let _ = (self.profile, spec);
        todo_decode()
    }

    /// An optional field: `Some(None)` when missing, `None` (and an error recorded) when invalid.
    pub fn optional<T: FromAttribute>(&mut self, spec: &FieldSpec) -> Option<Option<T>> {
        let _ = (self.profile, spec);
        todo_decode()
    }

    /// The error listing everything that went wrong.
    pub fn into_error(self) -> DecodeError {
        DecodeError::Fields(self.errors)
    }
}

fn todo_decode<T>() -> Option<T> {
    None
}
