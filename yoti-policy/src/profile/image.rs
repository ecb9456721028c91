//! JPEG and PNG images such as `selfie`, sharing the decrypted buffer.

use std::fmt;

use base64::Engine;
use bytes::Bytes;

/// A JPEG or PNG image. The bytes are a view into the decrypted receipt, not a copy.
///
/// `Debug` shows the format and the size, never the bytes.
///
/// ```
/// use yoti_policy::{Image, ImageFormat};
///
/// let image = Image::new(ImageFormat::Png, bytes::Bytes::from_static(b"\x89PNG"));
/// assert_eq!(image.mime_type(), "image/png");
/// assert_eq!(image.data_url(), "data:image/png;base64,iVBORw==");
/// assert_eq!(format!("{image:?}"), "Image { format: Png, len: 4 }");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    format: ImageFormat,
    data: Bytes,
}

/// The format of an [`Image`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageFormat {
    /// `image/jpeg`
    Jpeg,
    /// `image/png`
    Png,
}

impl ImageFormat {
    /// The MIME type: `image/jpeg` or `image/png`.
    pub fn mime_type(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
        }
    }
}

impl Image {
    /// An image of `format` holding `data`.
    pub fn new(format: ImageFormat, data: Bytes) -> Self {
        Image { format, data }
    }

    /// The format, from the attribute's content type.
    pub fn format(&self) -> ImageFormat {
        self.format
    }

    /// The raw image bytes.
    pub fn data(&self) -> &Bytes {
        &self.data
    }

    /// The raw image bytes, by value.
    pub fn into_data(self) -> Bytes {
        self.data
    }

    /// The MIME type: `image/jpeg` or `image/png`.
    pub fn mime_type(&self) -> &'static str {
        self.format.mime_type()
    }

    /// The image as a `data:` URL (`data:image/jpeg;base64,...`), ready for an `<img src>`.
    pub fn data_url(&self) -> String {
        let mut url = format!("data:{};base64,", self.mime_type());
        base64::engine::general_purpose::STANDARD.encode_string(&self.data, &mut url);
        url
    }
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Image")
            .field("format", &self.format)
            .field("len", &self.data.len())
            .finish()
    }
}
