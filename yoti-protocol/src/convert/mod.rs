//! From decrypted protobuf to the profile types of `yoti-policy`: profiles, attributes with
//! their values converted by content type, anchors (X.509), and extra data.
//!
//! [`Receipt::decrypt`](crate::Receipt::decrypt) runs all of it; these functions are for reading
//! one message on its own.

mod anchor;
mod error;
mod extra_data;
mod value;

use bytes::Bytes;
use prost::Message;
use yoti_policy::Profile;

pub use anchor::{anchor, decode_anchor, to_x509};
pub use error::ProfileError;
pub use extra_data::{extra_data, issuance_details};
pub use value::{MAX_MULTI_VALUE_DEPTH, attribute};

use crate::proto;

/// Reads a decrypted `AttributeList`. Attributes whose value does not convert by its content
/// type (an empty non-string value, bad UTF-8, an invalid date or JSON, ...) are dropped; the
/// `postal_address` fallback of [`Profile::from_attributes`] applies.
///
/// ```
/// use prost::Message;
/// use yoti_protocol::convert;
/// use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
///
/// let list = AttributeList {
///     attributes: vec![
///         Attribute {
///             name: "selfie".into(),
///             content_type: ContentType::Jpeg as i32,
///             ..Attribute::default() // empty: dropped
///         },
///         Attribute {
///             name: "date_of_birth".into(),
///             value: "1980-01-01".into(),
///             content_type: ContentType::Date as i32,
///             ..Attribute::default()
///         },
///     ],
/// };
/// let profile = convert::profile(list.encode_to_vec().into())?;
/// assert!(profile.selfie().is_none());
/// assert_eq!(profile.date_of_birth().unwrap().value().to_string(), "1980-01-01");
/// # Ok::<(), convert::ProfileError>(())
/// ```
///
/// # Errors
///
/// [`ProfileError::AttributeList`] when the bytes are not an `AttributeList` at all.
pub fn profile(plaintext: Bytes) -> Result<Profile, ProfileError> {
    let list = proto::AttributeList::decode(plaintext).map_err(|_| ProfileError::AttributeList)?;
    Ok(Profile::from_attributes(
        list.attributes.into_iter().filter_map(attribute).collect(),
    ))
}
