//! Getters of a [`Profile`] that look across its attributes rather than convert one.

use yoti_policy_core::catalogue::{DATE_OF_BIRTH, ESTIMATED_AGE};

use super::{Attribute, Profile};

/// What [`Profile::estimated_age_with_fallback`] found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EstimatedAgeOrDateOfBirth<'a> {
    /// The `estimated_age` attribute.
    EstimatedAge(&'a Attribute),
    /// No `estimated_age`: the `date_of_birth` attribute Yoti answered with instead.
    DateOfBirth(&'a Attribute),
}

impl<'a> EstimatedAgeOrDateOfBirth<'a> {
    /// The attribute found, whichever it is.
    pub fn attribute(&self) -> &'a Attribute {
        match self {
            EstimatedAgeOrDateOfBirth::EstimatedAge(attribute)
            | EstimatedAgeOrDateOfBirth::DateOfBirth(attribute) => attribute,
        }
    }

    /// Whether it is the `estimated_age` attribute.
    pub fn is_estimated_age(&self) -> bool {
        matches!(self, EstimatedAgeOrDateOfBirth::EstimatedAge(_))
    }
}

impl Profile {
    /// The attribute whose ephemeral id is `id`: how an identity profile report's evidence
    /// (`document_images_attribute_id`, `selfie_attribute_id`) names attributes. `None` for an
    /// empty id, which attributes without one have.
    pub fn attribute_by_ephemeral_id(&self, id: &str) -> Option<&Attribute> {
        if id.is_empty() {
            return None;
        }
        self.iter().find(|attribute| attribute.ephemeral_id() == id)
    }

    /// `estimated_age` when the receipt has it, else `date_of_birth`: an estimated age check
    /// asks for `date_of_birth` as its alternative name, and Yoti answers with one or the
    /// other (the official Go SDK's `EstimatedAgeWithFallback`). `None` when neither is there.
    pub fn estimated_age_with_fallback(&self) -> Option<EstimatedAgeOrDateOfBirth<'_>> {
        match self.get(ESTIMATED_AGE) {
            Some(estimated) => Some(EstimatedAgeOrDateOfBirth::EstimatedAge(estimated)),
            None => self
                .get(DATE_OF_BIRTH)
                .map(EstimatedAgeOrDateOfBirth::DateOfBirth),
        }
    }
}
