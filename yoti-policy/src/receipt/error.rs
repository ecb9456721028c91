//! Why a receipt could not be turned into a profile.

use std::fmt;
use std::ops::RangeInclusive;

use super::crypto::DecryptionError;
use super::failure::FailureReceipt;
use crate::DecodeError;

/// Which response body an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Body {
    /// The body of `GET /v2/receipts/{id}`.
    Receipt,
    /// The body of `GET /v2/wrapped-item-keys/{id}`.
    WrappedItemKey,
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Body::Receipt => "receipt",
            Body::WrappedItemKey => "wrapped item key",
        })
    }
}

/// One of the four content blobs of a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContentField {
    /// `content.profile`: the application's own profile.
    ApplicationProfile,
    /// `content.extraData`.
    ApplicationExtraData,
    /// `otherPartyContent.profile`: the attributes the person shared.
    UserProfile,
    /// `otherPartyContent.extraData`.
    UserExtraData,
}

impl ContentField {
    /// The JSON path of the field, e.g. `otherPartyContent.profile`.
    pub fn json_path(self) -> &'static str {
        match self {
            ContentField::ApplicationProfile => "content.profile",
            ContentField::ApplicationExtraData => "content.extraData",
            ContentField::UserProfile => "otherPartyContent.profile",
            ContentField::UserExtraData => "otherPartyContent.extraData",
        }
    }
}

impl fmt::Display for ContentField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json_path())
    }
}

/// Why a receipt could not be read, decrypted or decoded.
///
/// No message quotes the receipt: not an attribute value, a remember-me id, a key or the
/// receipt id. Fields are named by their JSON path, values are described by their size.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiptError {
    /// The body is not JSON, or a field has the wrong JSON type.
    #[error("the {body} response is not the expected JSON: {source}")]
    Json {
        /// Which body.
        body: Body,
        /// Where the JSON parser stopped, and why.
        source: JsonError,
    },
    /// A field that must be there is absent, `null` or empty.
    #[error("the {body} response has no `{field}`")]
    MissingField {
        /// Which body.
        body: Body,
        /// The JSON field name.
        field: &'static str,
    },
    /// A field that must be base64 is not.
    #[error("`{field}` of the {body} response is not valid base64")]
    InvalidBase64 {
        /// Which body.
        body: Body,
        /// The JSON field name.
        field: &'static str,
    },
    /// A field whose size is not the one the protocol gives. Checked before any decryption, and
    /// on the base64 text before it is decoded, so that an oversized field costs nothing.
    #[error("`{field}` of the {body} response {found}, but must be {}", ByteCount(.expected))]
    WrongSize {
        /// Which body.
        body: Body,
        /// The JSON field name.
        field: &'static str,
        /// The sizes the protocol allows, in decoded bytes.
        expected: RangeInclusive<usize>,
        /// The size found.
        found: FieldSize,
    },
    /// A content field is base64 but not a protobuf `EncryptedData`.
    #[error("`{field}` of the receipt is not an EncryptedData message: {source}")]
    InvalidEncryptedData {
        /// Which content field.
        field: ContentField,
        /// What the protobuf decoder found.
        source: prost::DecodeError,
    },
    /// The wrapped item key given is not the one the receipt names. The ids identify the keys,
    /// not the person.
    #[error("the wrapped item key `{found}` is not the receipt's `{expected}`")]
    WrongItemKey {
        /// The receipt's `wrappedItemKeyId`.
        expected: String,
        /// The `id` of the wrapped item key given.
        found: String,
    },
    /// The share failed: Yoti sent a failure receipt, with its reasons.
    #[error("{0}")]
    Failure(Box<FailureReceipt>),
    /// The receipt could not be decrypted. One error for every cryptographic failure (wrong key,
    /// bad tag, bad padding, wrong lengths, content that does not decrypt to its protobuf
    /// message), on purpose.
    #[error(transparent)]
    Decryption(#[from] DecryptionError),
    /// The user's profile does not fill the requested struct.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

impl ReceiptError {
    /// The failure receipt, when this error is one.
    pub fn as_failure(&self) -> Option<&FailureReceipt> {
        match self {
            ReceiptError::Failure(failure) => Some(failure),
            _ => None,
        }
    }
}

/// How large a field of a response body was found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldSize {
    /// Its base64 text has this many characters: too many or too few for the expected size, so
    /// it was not decoded.
    Base64Chars(usize),
    /// It decodes to this many bytes.
    Bytes(usize),
}

impl fmt::Display for FieldSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldSize::Base64Chars(chars) => write!(f, "has {chars} base64 characters"),
            FieldSize::Bytes(bytes) => write!(f, "is {bytes} bytes"),
        }
    }
}

/// Writes `48 bytes` or `256 to 512 bytes`.
struct ByteCount<'a>(&'a RangeInclusive<usize>);

impl fmt::Display for ByteCount<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (start, end) = (self.0.start(), self.0.end());
        if start == end {
            write!(f, "{start} bytes")
        } else {
            write!(f, "{start} to {end} bytes")
        }
    }
}

/// Why a response body is not the JSON expected: the kind of problem and where it is.
///
/// serde_json's own messages are not shown: they can quote a value of the body (`invalid type:
/// string "..."`), and a receipt body holds remember-me ids.
pub struct JsonError {
    inner: serde_json::Error,
}

impl JsonError {
    pub(crate) fn new(inner: serde_json::Error) -> Self {
        JsonError { inner }
    }

    /// The line of the body where the problem was found, from 1.
    pub fn line(&self) -> usize {
        self.inner.line()
    }

    /// The column of the body where the problem was found, from 1.
    pub fn column(&self) -> usize {
        self.inner.column()
    }

    /// What kind of problem it is.
    pub fn problem(&self) -> &'static str {
        match self.inner.classify() {
            serde_json::error::Category::Syntax => "the text is not valid JSON",
            serde_json::error::Category::Eof => "the JSON ends too early",
            serde_json::error::Category::Data => {
                "a field has a value of the wrong type, or appears twice"
            }
            serde_json::error::Category::Io => "the body could not be read",
        }
    }

    /// serde_json's own message, for the tests and the fuzz target that compare two readers.
    #[cfg(any(test, fuzzing))]
    #[doc(hidden)]
    pub fn parser_message(&self) -> String {
        self.inner.to_string()
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (line {}, column {})",
            self.problem(),
            self.line(),
            self.column()
        )
    }
}

impl fmt::Debug for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonError")
            .field("problem", &self.problem())
            .field("line", &self.line())
            .field("column", &self.column())
            .finish()
    }
}

impl std::error::Error for JsonError {}
