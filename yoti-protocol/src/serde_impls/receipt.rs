//! A decrypted receipt as `{"metadata", "user", "user_profile", "user_extra_data",
//! "application_profile", "application_extra_data"}`: `user` in the form of `T`, the rest in the
//! forms of `yoti-policy`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use yoti_policy::Profile;
use yoti_policy::profile::{ApplicationProfile, ExtraData};

use crate::receipt::{Receipt, ReceiptMetadata};

#[derive(Serialize)]
struct ReceiptForm<'a, T> {
    metadata: &'a ReceiptMetadata,
    user: &'a T,
    user_profile: &'a Profile,
    user_extra_data: &'a ExtraData,
    application_profile: &'a ApplicationProfile,
    application_extra_data: &'a ExtraData,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedReceiptForm<T> {
    metadata: ReceiptMetadata,
    user: T,
    user_profile: Profile,
    #[serde(default)]
    user_extra_data: ExtraData,
    application_profile: ApplicationProfile,
    #[serde(default)]
    application_extra_data: ExtraData,
}

impl<T: Serialize> Serialize for Receipt<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ReceiptForm {
            metadata: &self.metadata,
            user: &self.user,
            user_profile: &self.user_profile,
            user_extra_data: &self.user_extra_data,
            application_profile: &self.application_profile,
            application_extra_data: &self.application_extra_data,
        }
        .serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Receipt<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = OwnedReceiptForm::<T>::deserialize(deserializer)?;
        Ok(Receipt {
            metadata: form.metadata,
            application_profile: form.application_profile,
            application_extra_data: form.application_extra_data,
            user: form.user,
            user_profile: form.user_profile,
            user_extra_data: form.user_extra_data,
        })
    }
}
