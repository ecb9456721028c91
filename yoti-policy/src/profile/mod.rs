//! The decoded profile of a receipt: every attribute with its typed value and anchors, and the
//! typed values users ask for (dates, images, document details, addresses, age checks).

mod address;
mod age;
pub(crate) mod anchor;
mod application;
mod attribute;
mod date;
mod document_details;
mod extra_data;
mod getters;
pub mod identity_profile;
mod image;
pub(crate) mod rfc3339;

pub use address::StructuredPostalAddress;
pub(crate) use age::is_age_check_name;
pub use age::{AgeCheck, AgeVerification, AgeVerificationError};
pub use anchor::{Anchor, AnchorCertificate, AnchorType, SOURCE_OID, VERIFIER_OID};
pub use application::ApplicationProfile;
pub use attribute::{Attribute, AttributeValue};
pub use date::{Date, DateError};
pub use document_details::{DocumentDetails, DocumentDetailsError};
pub use extra_data::{AttributeIssuanceDetails, ExtraData};
pub use getters::EstimatedAgeOrDateOfBirth;
pub use identity_profile::IdentityProfileReport;
pub use image::{Image, ImageFormat};

pub(crate) const POSTAL_ADDRESS: &str = "postal_address";
pub(crate) const STRUCTURED_POSTAL_ADDRESS: &str = "structured_postal_address";

/// Every attribute of one side of a receipt, in receipt order. Names may repeat.
///
/// ```
/// use yoti_policy::{Attribute, AttributeValue, Profile};
///
/// let profile = Profile::from_attributes(vec![
///     Attribute::new("full_name", AttributeValue::String("Jane Doe".into())),
///     Attribute::new("age_over:18", AttributeValue::String("true".into())),
/// ]);
/// assert_eq!(profile.full_name().unwrap().value(), "Jane Doe");
/// assert!(profile.age_over(18).unwrap().value().result());
/// assert_eq!(profile.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    attributes: Vec<Attribute>,
}

impl Profile {
    /// A profile of these attributes, in this order. When there is no `postal_address` but a
    /// `structured_postal_address` with a `formatted_address`, a `postal_address` holding it,
    /// with the structured attribute's anchors, is added right after it (docs/protocol.md,
    /// "Conversion by name").
    pub fn from_attributes(mut attributes: Vec<Attribute>) -> Profile {
        if !attributes.iter().any(|a| a.name() == POSTAL_ADDRESS) {
            let derived = attributes.iter().enumerate().find_map(|(i, a)| {
                (a.name() == STRUCTURED_POSTAL_ADDRESS).then(|| {
                    let formatted = a.value().as_json()?.get("formatted_address")?.as_str()?;
                    Some((
                        i,
                        Attribute::from_parts(
                            POSTAL_ADDRESS.to_owned(),
                            AttributeValue::String(formatted.to_owned()),
                            a.shared_anchors().clone(),
                            String::new(),
                        ),
                    ))
                })?
            });
            if let Some((i, postal_address)) = derived {
                attributes.insert(i + 1, postal_address);
            }
        }
        Profile { attributes }
    }

    /// All attributes, in receipt order.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// All attributes, in receipt order.
    pub fn iter(&self) -> std::slice::Iter<'_, Attribute> {
        self.attributes.iter()
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.attributes.len()
    }

    /// Whether there are no attributes.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty()
    }

    /// The first attribute called `name`.
    pub fn get(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name() == name)
    }

    /// Every attribute called `name`, in receipt order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Attribute> + 'a {
        self.attributes.iter().filter(move |a| a.name() == name)
    }

    // The typed accessors (`get_as`, `full_name`, `age_over`, ...) convert through
    // `FromAttribute`, so they live with it in `decode/accessors.rs`: decoding depends on the
    // profile model, not the reverse.
}

impl<'a> IntoIterator for &'a Profile {
    type Item = &'a Attribute;
    type IntoIter = std::slice::Iter<'a, Attribute>;

    fn into_iter(self) -> Self::IntoIter {
        self.attributes.iter()
    }
}

impl IntoIterator for Profile {
    type Item = Attribute;
    type IntoIter = std::vec::IntoIter<Attribute>;

    fn into_iter(self) -> Self::IntoIter {
        self.attributes.into_iter()
    }
}
