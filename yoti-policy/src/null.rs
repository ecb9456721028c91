//! `null` read as absent: Yoti treats `"key": null` like a missing key, so the policy and the
//! session bodies read it so too. A leaf module, used by both.

use serde::{Deserialize, Deserializer};

/// Deserialises `null` as the type's default, as Yoti treats `null` like an absent key.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
