use crate::decode::DecodeError;
use crate::policy::Policy;
use crate::profile::Profile;

/// A share policy known at compile time, and the decoder of the profile it produces.
///
/// Implement it with `#[derive(SharePolicy)]`; see the crate documentation for the attribute
/// grammar.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a share policy: add `#[derive(SharePolicy)]` to it",
    label = "not a share policy",
    note = "declare what the share asks for with `#[derive(SharePolicy)]` and `#[yoti(...)]` on each field"
)]
pub trait SharePolicy: Sized {
    /// The policy as the canonical compact JSON that goes into a share session configuration,
    /// written by the derive at compile time.
    const POLICY_JSON: &'static str;

    /// The policy as a value, to put into a [`ShareSessionConfiguration`](crate::ShareSessionConfiguration)
    /// or to inspect. It serialises to exactly [`POLICY_JSON`](Self::POLICY_JSON).
    fn policy() -> Policy;

    /// Fills every field from the user's profile of a receipt.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] listing every required attribute that is missing and every value that does
    /// not fit its field.
    fn from_profile(profile: &Profile) -> Result<Self, DecodeError>;
}

/// What the person's profile of a receipt can be decoded into: any [`SharePolicy`] struct, or
/// the untyped [`Profile`] itself.
#[diagnostic::on_unimplemented(
    message = "a receipt cannot be read into `{Self}`: add `#[derive(SharePolicy)]` to it",
    label = "not a share policy",
    note = "a receipt is read into a struct with `#[derive(SharePolicy)]`, or into `Profile` for every attribute untyped"
)]
pub trait FromUserProfile: Sized {
    /// Builds the value from the person's decoded profile.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the profile does not fill the type.
    fn from_user_profile(profile: &Profile) -> Result<Self, DecodeError>;
}

impl<T: SharePolicy> FromUserProfile for T {
    fn from_user_profile(profile: &Profile) -> Result<Self, DecodeError> {
        T::from_profile(profile)
    }
}

impl FromUserProfile for Profile {
    fn from_user_profile(profile: &Profile) -> Result<Self, DecodeError> {
        Ok(profile.clone())
    }
}
