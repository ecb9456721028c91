//! The typed accessors of a [`Profile`]: the first attribute of a name converted to the type a
//! caller asks for, through [`FromAttribute`]. They live with the conversions, so that the
//! profile model does not depend on decoding.

use crate::profile::{
    AgeVerification, Attribute, Date, DocumentDetails, IdentityProfileReport, Image,
    POSTAL_ADDRESS, Profile, STRUCTURED_POSTAL_ADDRESS, StructuredPostalAddress, is_age_check_name,
};

use super::{FromAttribute, ValueError};

impl Profile {
    /// The first attribute called `name`, converted to `T` (`String`, `Date`, `Image`, ...).
    /// `None` when absent; the error says why the value does not fit `T`.
    pub fn get_as<T: FromAttribute>(&self, name: &str) -> Option<Result<Attribute<T>, ValueError>> {
        self.get(name).map(Attribute::<T>::from_attribute)
    }

    // The typed accessors hide a value that does not fit; `get_as` tells why.
    fn typed<T: FromAttribute>(&self, name: &str) -> Option<Attribute<T>> {
        self.get_as(name).and_then(Result::ok)
    }

    /// `full_name`.
    pub fn full_name(&self) -> Option<Attribute<String>> {
        self.typed("full_name")
    }

    /// `given_names`.
    pub fn given_names(&self) -> Option<Attribute<String>> {
        self.typed("given_names")
    }

    /// `family_name`.
    pub fn family_name(&self) -> Option<Attribute<String>> {
        self.typed("family_name")
    }

    /// `gender`.
    pub fn gender(&self) -> Option<Attribute<String>> {
        self.typed("gender")
    }

    /// `nationality`.
    pub fn nationality(&self) -> Option<Attribute<String>> {
        self.typed("nationality")
    }

    /// `phone_number`.
    pub fn phone_number(&self) -> Option<Attribute<String>> {
        self.typed("phone_number")
    }

    /// `email_address`.
    pub fn email_address(&self) -> Option<Attribute<String>> {
        self.typed("email_address")
    }

    /// `postal_address`, or the `formatted_address` of `structured_postal_address` when the
    /// receipt has no `postal_address`.
    pub fn postal_address(&self) -> Option<Attribute<String>> {
        self.typed(POSTAL_ADDRESS)
    }

    /// `structured_postal_address`.
    pub fn structured_postal_address(&self) -> Option<Attribute<StructuredPostalAddress>> {
        self.typed(STRUCTURED_POSTAL_ADDRESS)
    }

    /// `date_of_birth`.
    pub fn date_of_birth(&self) -> Option<Attribute<Date>> {
        self.typed("date_of_birth")
    }

    /// `selfie`.
    pub fn selfie(&self) -> Option<Attribute<Image>> {
        self.typed("selfie")
    }

    /// `document_details`, parsed.
    pub fn document_details(&self) -> Option<Attribute<DocumentDetails>> {
        self.typed("document_details")
    }

    /// `document_images`: the image items of the multi-value.
    pub fn document_images(&self) -> Option<Attribute<Vec<Image>>> {
        self.typed("document_images")
    }

    /// `identity_profile_report`.
    pub fn identity_profile_report(&self) -> Option<Attribute<IdentityProfileReport>> {
        self.typed("identity_profile_report")
    }

    /// The attribute `age_over:<age>`.
    pub fn age_over(&self, age: u32) -> Option<Attribute<AgeVerification>> {
        self.typed(&format!("age_over:{age}"))
    }

    /// The attribute `age_under:<age>`.
    pub fn age_under(&self, age: u32) -> Option<Attribute<AgeVerification>> {
        self.typed(&format!("age_under:{age}"))
    }

    /// Every attribute named like an age check whose value is `true` or `false`, in receipt
    /// order.
    pub fn age_verifications(&self) -> Vec<Attribute<AgeVerification>> {
        self.iter()
            .filter(|a| is_age_check_name(a.name()))
            .filter_map(|a| Attribute::<AgeVerification>::from_attribute(a).ok())
            .collect()
    }
}
