//! `identity_assertion`: the identity the report vouches for.

use super::view::{object_at, str_at, view};
use crate::profile::{Date, StructuredPostalAddress};

view! {
    /// `identity_assertion`: the current name, the date of birth and, when the scheme asks for
    /// it, the address.
    IdentityAssertion
}

impl<'a> IdentityAssertion<'a> {
    /// `current_name`.
    pub fn current_name(&self) -> Option<CurrentName<'a>> {
        object_at(self.json, "current_name").map(CurrentName::new)
    }

    /// `date_of_birth`; `None` when absent or not a date (the text stays at
    /// `assertion["date_of_birth"]`).
    pub fn date_of_birth(&self) -> Option<Date> {
        str_at(self.json, "date_of_birth")?.parse().ok()
    }

    /// `address`, when present and an object.
    pub fn address(&self) -> Option<StructuredPostalAddress> {
        StructuredPostalAddress::from_json(self.json.get("address")?.clone())
    }
}

view! {
    /// `current_name` of an identity assertion.
    CurrentName
}

impl<'a> CurrentName<'a> {
    /// `given_names`: every given name.
    pub fn given_names(&self) -> Option<&'a str> {
        str_at(self.json, "given_names")
    }

    /// `first_name`.
    pub fn first_name(&self) -> Option<&'a str> {
        str_at(self.json, "first_name")
    }

    /// `middle_name`.
    pub fn middle_name(&self) -> Option<&'a str> {
        str_at(self.json, "middle_name")
    }

    /// `family_name`.
    pub fn family_name(&self) -> Option<&'a str> {
        str_at(self.json, "family_name")
    }

    /// `full_name`.
    pub fn full_name(&self) -> Option<&'a str> {
        str_at(self.json, "full_name")
    }
}
