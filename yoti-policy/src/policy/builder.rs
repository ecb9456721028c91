//! A builder for policies known only at run time.

use serde_json::Value;
use yoti_policy_core::catalogue::{
    DATE_OF_BIRTH, DOCUMENT_DETAILS, DOCUMENT_IMAGES, EMAIL_ADDRESS, FAMILY_NAME, FULL_NAME,
    GENDER, GIVEN_NAMES, NATIONALITY, PHONE_NUMBER, PIN_AUTHENTICATION, POSTAL_ADDRESS, SELFIE,
    SELFIE_AUTHENTICATION, STRUCTURED_POSTAL_ADDRESS,
};

use super::errors::PolicyError;
use super::model::{Policy, WantedAttribute};
use super::validate::check_object;

/// Builds a [`Policy`] at run time, with the semantics of the official Node SDK's builder:
///
/// * wanted attributes keep the order they were first added in; adding one that asks for the
///   same thing again (same derivation, or same name when there is none, and same constraints)
///   replaces the earlier one in its place;
/// * authentication types form an insertion-ordered set: enabling one twice keeps one entry,
///   disabling removes it.
///
/// [`build`](Self::build) checks what Yoti would reject.
///
/// ```
/// use yoti_policy::Policy;
///
/// let policy = Policy::builder()
///     .family_name()
///     .given_names()
///     .age_under(30)
///     .age_under(30) // the same question again: still one entry
///     .pin_authentication(true)
///     .remember_me(true)
///     .build()?;
/// assert_eq!(policy.wanted().len(), 3);
/// assert_eq!(policy.wanted_auth_types(), &[2]);
/// # Ok::<(), yoti_policy::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct PolicyBuilder {
    policy: Policy,
}

impl Policy {
    /// A builder for a policy known only at run time.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }
}

macro_rules! catalogue_attributes {
    ($($(#[$doc:meta])* $method:ident => $name:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $method(self) -> Self {
                self.wanted(WantedAttribute::new($name))
            }
        )*
    };
}

impl PolicyBuilder {
    /// An empty builder: no attributes, no authentication types, no remember-me.
    pub fn new() -> Self {
        PolicyBuilder::default()
    }

    catalogue_attributes! {
        /// Asks for `family_name`.
        family_name => FAMILY_NAME;
        /// Asks for `given_names`.
        given_names => GIVEN_NAMES;
        /// Asks for `full_name`.
        full_name => FULL_NAME;
        /// Asks for `date_of_birth`.
        date_of_birth => DATE_OF_BIRTH;
        /// Asks for `gender`.
        gender => GENDER;
        /// Asks for `postal_address`.
        postal_address => POSTAL_ADDRESS;
        /// Asks for `structured_postal_address`.
        structured_postal_address => STRUCTURED_POSTAL_ADDRESS;
        /// Asks for `nationality`.
        nationality => NATIONALITY;
        /// Asks for `phone_number`.
        phone_number => PHONE_NUMBER;
        /// Asks for `selfie`.
        selfie => SELFIE;
        /// Asks for `email_address`.
        email_address => EMAIL_ADDRESS;
        /// Asks for `document_details`.
        document_details => DOCUMENT_DETAILS;
        /// Asks for `document_images`.
        document_images => DOCUMENT_IMAGES;
    }

    /// Asks whether the person is over `age` (1..=999, checked by [`build`](Self::build)).
    pub fn age_over(self, age: u32) -> Self {
        self.wanted(WantedAttribute::age_over(age))
    }

    /// Asks whether the person is under `age` (1..=999, checked by [`build`](Self::build)).
    pub fn age_under(self, age: u32) -> Self {
        self.wanted(WantedAttribute::age_under(age))
    }

    /// Asks whether the person's estimated age is over `age` with a safety `buffer` (age
    /// 1..=999, buffer 0..=999, checked by [`build`](Self::build)).
    pub fn estimated_age_over(self, age: u32, buffer: u32) -> Self {
        self.wanted(WantedAttribute::estimated_age_over(age, buffer))
    }

    /// Asks for a required attribute by name, e.g. one outside the catalogue.
    pub fn attribute(self, name: impl Into<String>) -> Self {
        self.wanted(WantedAttribute::new(name))
    }

    /// Asks for any wanted attribute (optional ones, ones with constraints, ...). One that asks
    /// for the same thing as an earlier one replaces it in its place.
    pub fn wanted(mut self, attribute: WantedAttribute) -> Self {
        let wanted = &mut self.policy.wanted;
        match wanted
            .iter_mut()
            .find(|existing| existing.dedup_key() == attribute.dedup_key())
        {
            Some(existing) => *existing = attribute,
            None => wanted.push(attribute),
        }
        self
    }

    /// Enables or disables selfie authentication (auth type 1).
    pub fn selfie_authentication(self, enabled: bool) -> Self {
        self.set_auth_type(SELFIE_AUTHENTICATION, enabled)
    }

    /// Enables or disables PIN authentication (auth type 2).
    pub fn pin_authentication(self, enabled: bool) -> Self {
        self.set_auth_type(PIN_AUTHENTICATION, enabled)
    }

    /// Enables authentication type `auth_type`; enabling one twice keeps one entry.
    pub fn auth_type(self, auth_type: u32) -> Self {
        self.set_auth_type(auth_type, true)
    }

    /// Disables authentication type `auth_type`.
    pub fn without_auth_type(self, auth_type: u32) -> Self {
        self.set_auth_type(auth_type, false)
    }

    fn set_auth_type(mut self, auth_type: u32, enabled: bool) -> Self {
        let types = &mut self.policy.wanted_auth_types;
        let present = types.contains(&auth_type);
        if enabled && !present {
            types.push(auth_type);
        } else if !enabled && present {
            types.retain(|t| *t != auth_type);
        }
        self
    }

    /// Sets `wanted_remember_me`.
    pub fn remember_me(mut self, remember_me: bool) -> Self {
        self.policy.wanted_remember_me = remember_me;
        self
    }

    /// Sets `wanted_remember_me_optional`.
    pub fn remember_me_optional(mut self, optional: bool) -> Self {
        self.policy.wanted_remember_me_optional = optional;
        self
    }

    /// Sets the identity profile requirements (a JSON object, checked by
    /// [`build`](Self::build)), e.g.
    /// `{"trust_framework":"UK_TFIDA","scheme":{"type":"DBS","objective":"STANDARD"}}`.
    pub fn identity_profile_requirements(mut self, requirements: Value) -> Self {
        self.policy.identity_profile_requirements = Some(requirements);
        self
    }

    /// Sets the advanced identity profile requirements (a JSON object, checked by
    /// [`build`](Self::build)). When both kinds are set, only these are sent.
    pub fn advanced_identity_profile_requirements(mut self, requirements: Value) -> Self {
        self.policy.advanced_identity_profile_requirements = Some(requirements);
        self
    }

    /// The policy.
    ///
    /// # Errors
    ///
    /// A [`PolicyError`] for the first thing Yoti would reject (see [`Policy::validate`]).
    pub fn build(self) -> Result<Policy, PolicyError> {
        // Check the plain requirements too, before they may be dropped for the advanced ones.
        check_object(
            "identity_profile_requirements",
            self.policy.identity_profile_requirements.as_ref(),
        )?;
        let policy = self.policy.normalised();
        policy.validate()?;
        Ok(policy)
    }
}
