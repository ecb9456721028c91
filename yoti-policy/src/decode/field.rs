//! The per-field decoding used by the code `#[derive(SharePolicy)]` generates.

use super::{DecodeError, FieldError, FieldProblem, FromAttribute};
use crate::profile::{AnchorType, Attribute, Profile};

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
///
/// ```
/// use yoti_policy::__private::{Decoder, FieldSpec};
/// use yoti_policy::{Attribute, AttributeValue, Profile};
///
/// let profile = Profile::from_attributes(vec![Attribute::new(
///     "full_name",
///     AttributeValue::String("Jane Doe".into()),
/// )]);
/// let spec = |field, name| FieldSpec {
///     field,
///     name,
///     fallback_names: &[],
///     sources: &[],
///     soft_preference: false,
/// };
/// let mut decoder = Decoder::new(&profile);
/// let name: Option<String> = decoder.required(&spec("name", "full_name"));
/// let adult: Option<bool> = decoder.required(&spec("adult", "age_over:18"));
/// let email: Option<Option<String>> = decoder.optional(&spec("email", "email_address"));
/// assert_eq!(name.as_deref(), Some("Jane Doe"));
/// assert_eq!(adult, None);
/// assert_eq!(email, Some(None));
/// assert_eq!(decoder.into_error().to_string(), "missing attributes: `adult` (age_over:18)");
/// ```
#[derive(Debug)]
pub struct Decoder<'p> {
    profile: &'p Profile,
    errors: Vec<FieldError>,
}

/// What the profile holds for one field.
enum Found<'p> {
    Attribute(&'p Attribute),
    Missing,
    SourceNotMet,
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
        match self.find(spec) {
            Found::Attribute(attribute) => self.convert(spec, attribute),
            Found::Missing => self.record(spec, FieldProblem::Missing),
            Found::SourceNotMet => self.record(spec, FieldProblem::SourceNotMet),
        }
    }

    /// An optional field: `Some(None)` when missing, `None` (and an error recorded) when invalid.
    /// An attribute that is there but not from a source a hard constraint asks for counts as
    /// missing: Yoti did not provide what was asked.
    pub fn optional<T: FromAttribute>(&mut self, spec: &FieldSpec) -> Option<Option<T>> {
        match self.find(spec) {
            Found::Attribute(attribute) => self.convert(spec, attribute).map(Some),
            Found::Missing | Found::SourceNotMet => Some(None),
        }
    }

    /// The error listing everything that went wrong.
    pub fn into_error(self) -> DecodeError {
        DecodeError::Fields(self.errors)
    }

    fn convert<T: FromAttribute>(&mut self, spec: &FieldSpec, attribute: &Attribute) -> Option<T> {
        match T::from_attribute(attribute) {
            Ok(value) => Some(value),
            Err(error) => self.record(spec, FieldProblem::Invalid(error)),
        }
    }

    fn record<T>(&mut self, spec: &FieldSpec, problem: FieldProblem) -> Option<T> {
        self.errors
            .push(FieldError::new(spec.field, spec.name, problem));
        None
    }

    /// The attribute for `spec`: by name then fallback names; under a source constraint, the
    /// first whose SOURCE anchor matches, else (soft preference) the first of any source.
    fn find(&self, spec: &FieldSpec) -> Found<'p> {
        let profile = self.profile;
        let names = || std::iter::once(spec.name).chain(spec.fallback_names.iter().copied());
        let mut candidates = names().flat_map(|name| profile.get_all(name));
        let Some(first) = candidates.next() else {
            return Found::Missing;
        };
        if spec.sources.is_empty() {
            return Found::Attribute(first);
        }
        let matching = std::iter::once(first)
            .chain(candidates)
            .find(|attribute| from_wanted_source(attribute, spec.sources));
        match matching {
            Some(attribute) => Found::Attribute(attribute),
            None if spec.soft_preference => Found::Attribute(first),
            None => Found::SourceNotMet,
        }
    }
}

fn from_wanted_source(attribute: &Attribute, sources: &[(&str, &str)]) -> bool {
    attribute.anchors().iter().any(|anchor| {
        anchor.anchor_type() == AnchorType::Source
            && sources.iter().any(|&(name, sub_type)| {
                anchor.value() == name && (sub_type.is_empty() || anchor.sub_type() == sub_type)
            })
    })
}
