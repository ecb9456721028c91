//! The application's own profile: the name, URL, logo and colour the person saw when sharing.

use super::{Image, Profile};

/// The application profile of a receipt (`content.profile`).
///
/// ```
/// use yoti_policy::profile::ApplicationProfile;
/// use yoti_policy::{Attribute, AttributeValue, Profile};
///
/// let profile = Profile::from_attributes(vec![Attribute::new(
///     "application_name",
///     AttributeValue::String("Node SDK Test".into()),
/// )]);
/// let application = ApplicationProfile::from_profile(&profile);
/// assert_eq!(application.name(), Some("Node SDK Test"));
/// assert_eq!(application.logo(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicationProfile {
    name: Option<String>,
    url: Option<String>,
    logo: Option<Image>,
    receipt_bgcolor: Option<String>,
    profile: Profile,
}

impl ApplicationProfile {
    /// Reads the application attributes of a decoded profile. Missing or mistyped attributes are
    /// `None`.
    pub fn from_profile(profile: &Profile) -> ApplicationProfile {
        let text = |name: &str| {
            profile
                .get(name)
                .and_then(|attribute| attribute.value().as_str())
                .map(str::to_owned)
        };
        ApplicationProfile {
            name: text("application_name"),
            url: text("application_url"),
            logo: profile
                .get("application_logo")
                .and_then(|attribute| attribute.value().as_image())
                .cloned(),
            receipt_bgcolor: text("application_receipt_bgcolor"),
            profile: profile.clone(),
        }
    }

    /// `application_name`.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// `application_url`.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// `application_logo`.
    pub fn logo(&self) -> Option<&Image> {
        self.logo.as_ref()
    }

    /// `application_receipt_bgcolor`, e.g. `#ffffff`.
    pub fn receipt_bgcolor(&self) -> Option<&str> {
        self.receipt_bgcolor.as_deref()
    }

    /// Every attribute of the application profile, with anchors.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }
}
