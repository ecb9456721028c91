//! Content-type conversion of attribute values (docs/protocol.md, "Content types").

use std::sync::Arc;

use bytes::Bytes;
use prost::Message;
use yoti_policy::profile::{Anchor, Attribute, AttributeValue, Image, ImageFormat};

use super::anchor::anchor;
use crate::proto::{self, ContentType};

/// How deep `MULTI_VALUE` items may nest inside each other; deeper values are dropped.
pub const MAX_MULTI_VALUE_DEPTH: usize = 8;

/// Why one value could not be converted. Never surfaces: the attribute is dropped.
#[derive(Debug)]
pub(crate) enum Unconvertible {
    Empty,
    NotUtf8,
    Date,
    Json,
    Int,
    MultiValue,
    TooDeep,
}

/// Interprets one `Attribute` message: its value converted by content type, its anchors.
/// `None` when the value does not convert (docs/protocol.md, "Content types"): such an
/// attribute is dropped from a profile.
///
/// ```
/// use yoti_protocol::convert;
/// use yoti_protocol::proto::{self, ContentType};
///
/// let date = proto::Attribute {
///     name: "date_of_birth".into(),
///     value: "1980-02-30".into(),
///     content_type: ContentType::Date as i32,
///     ..proto::Attribute::default()
/// };
/// assert!(convert::attribute(date).is_none());
/// ```
pub fn attribute(attribute: proto::Attribute) -> Option<Attribute> {
    let value = value(attribute.content_type, attribute.value, 0).ok()?;
    let anchors: Arc<[Anchor]> = attribute.anchors.iter().map(anchor).collect();
    Some(
        Attribute::new(attribute.name, value)
            .with_anchors(anchors)
            .with_ephemeral_id(attribute.ephemeral_id),
    )
}

/// Converts raw bytes by content type; `depth` counts the enclosing multi-values.
pub(crate) fn value(
    content_type: i32,
    data: Bytes,
    depth: usize,
) -> Result<AttributeValue, Unconvertible> {
    let content_type = ContentType::try_from(content_type).unwrap_or(ContentType::Undefined);
    if data.is_empty() && content_type != ContentType::String {
        return Err(Unconvertible::Empty);
    }
    Ok(match content_type {
        ContentType::String | ContentType::Undefined => AttributeValue::String(text(data)?),
        ContentType::Jpeg => AttributeValue::Image(Image::new(ImageFormat::Jpeg, data)),
        ContentType::Png => AttributeValue::Image(Image::new(ImageFormat::Png, data)),
        ContentType::Date => AttributeValue::Date(
            std::str::from_utf8(&data)
                .map_err(|_| Unconvertible::NotUtf8)?
                .parse()
                .map_err(|_| Unconvertible::Date)?,
        ),
        ContentType::Json => {
            AttributeValue::Json(serde_json::from_slice(&data).map_err(|_| Unconvertible::Json)?)
        }
        ContentType::Int => AttributeValue::Int(
            std::str::from_utf8(&data)
                .map_err(|_| Unconvertible::NotUtf8)?
                .parse()
                .map_err(|_| Unconvertible::Int)?,
        ),
        ContentType::MultiValue => {
            if depth >= MAX_MULTI_VALUE_DEPTH {
                return Err(Unconvertible::TooDeep);
            }
            let multi = proto::MultiValue::decode(data).map_err(|_| Unconvertible::MultiValue)?;
            AttributeValue::MultiValue(
                multi
                    .values
                    .into_iter()
                    .map(|item| value(item.content_type, item.data, depth + 1))
                    .collect::<Result<_, _>>()?,
            )
        }
    })
}

fn text(data: Bytes) -> Result<String, Unconvertible> {
    String::from_utf8(data.to_vec()).map_err(|_| Unconvertible::NotUtf8)
}
