//! The errors of the receipt module: why a key could not be loaded, a receipt could not be
//! turned into a profile, or a receipt could not be produced.
//!
//! They live apart from the code that returns them so that the key, the crypto primitives and
//! the receipt producer, which all share some of them, depend on this file and not on each other.

use std::fmt;
use std::ops::RangeInclusive;
use std::path::PathBuf;

use super::failure::FailureReceipt;
use yoti_policy::DecodeError;

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

/// Why a key could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The input holds no PEM block at all.
    #[error(
        "the key is not PEM: no `-----BEGIN ...-----` line found; expected the application's \
         `RSA PRIVATE KEY` (PKCS#1) or `PRIVATE KEY` (PKCS#8) PEM file from Yoti Hub"
    )]
    NotPem,
    /// A PEM block is there but cannot be read (missing end line, bad base64).
    #[error("the PEM text is malformed ({reason}); the file may be truncated or edited")]
    MalformedPem {
        /// What is wrong, in words that quote nothing of the key.
        reason: &'static str,
    },
    /// The PEM holds something else than a private key, such as a public key or a certificate.
    #[error(
        "the PEM holds a `{label}` block, not a private key; use the application's private key \
         file (`RSA PRIVATE KEY` or `PRIVATE KEY`) from Yoti Hub"
    )]
    NotAPrivateKey {
        /// The label of the PEM block found, e.g. `PUBLIC KEY` or `CERTIFICATE`.
        label: String,
    },
    /// The private key is protected by a passphrase.
    #[error(
        "the private key is encrypted (`ENCRYPTED PRIVATE KEY`); decrypt it first, e.g. \
         `openssl pkey -in key.pem -out plain.pem`"
    )]
    Encrypted,
    /// The private key is not an RSA key.
    #[error("the private key is {algorithm}, not RSA; Yoti application keys are RSA keys")]
    NotRsa {
        /// The kind of key found, e.g. `an EC key`.
        algorithm: String,
    },
    /// The key's DER data does not decode as a consistent RSA private key.
    #[error("the private key data is truncated or corrupted")]
    Corrupted,
    /// [`PrivateKey::generate`](crate::PrivateKey::generate) failed inside the crypto library.
    #[error("a new RSA key could not be generated: the crypto library failed")]
    Generate,
    /// The modulus is smaller than [`MIN_KEY_BITS`](super::MIN_KEY_BITS).
    #[error("the RSA key is too small ({}); at least 2048 bits are needed", bits_text(.bits))]
    TooSmall {
        /// The modulus size, when it could be read.
        bits: Option<usize>,
    },
    /// The modulus is larger than [`MAX_KEY_BITS`](super::MAX_KEY_BITS).
    #[error("the RSA key has {bits} bits; at most 4096 bits are supported")]
    TooLarge {
        /// The modulus size.
        bits: usize,
    },
    /// The key's DER data has bytes after the key: the file was edited or joined with another.
    #[error(
        "the private key data has bytes after the key; the file may have been edited or joined \
         with another"
    )]
    TrailingData,
    /// The RSA public exponent is smaller than
    /// [`MIN_PUBLIC_EXPONENT`](super::MIN_PUBLIC_EXPONENT) (65537).
    #[error(
        "the RSA key's public exponent is {exponent}; at least 65537 is needed (small exponents \
         are weak): generate a new key"
    )]
    WeakExponent {
        /// The public exponent (public information, as the modulus is).
        exponent: u64,
    },
    /// The key file could not be read.
    #[error("cannot read the key file {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The key file is not a regular file: a directory, a device such as `/dev/zero`, a FIFO or
    /// a socket. It was not opened.
    #[error(
        "the key file {} is not a regular file; point to the PEM file of the application's key",
        .path.display()
    )]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The key file is larger than any key file: nothing of it is used.
    #[error(
        "the key file {} is larger than {limit} bytes, too large for a key file (a 4096-bit PEM \
         key is under 4 KiB)",
        .path.display()
    )]
    FileTooLarge {
        /// The path.
        path: PathBuf,
        /// The most bytes a key file may hold,
        /// [`MAX_KEY_FILE_SIZE`](super::MAX_KEY_FILE_SIZE).
        limit: usize,
    },
    /// Bytes given as a public key are not the DER `SubjectPublicKeyInfo` of a usable RSA key.
    #[error(
        "the public key is not the DER SubjectPublicKeyInfo of an RSA key of 2048 to 4096 bits"
    )]
    InvalidPublicKey,
}

fn bits_text(bits: &Option<usize>) -> String {
    match bits {
        Some(bits) => format!("{bits} bits"),
        None => "fewer than 2048 bits".to_owned(),
    }
}

/// The receipt could not be decrypted: the key is not the one the receipt was made for, or the
/// receipt or the wrapped item key was altered. Deliberately says nothing about which step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the receipt could not be decrypted: it was not made for this application key, or the \
     receipt or its wrapped item key was altered"
)]
#[non_exhaustive]
pub struct DecryptionError;

/// Why a receipt could not be produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncryptError {
    /// The message is longer than RSA PKCS#1 v1.5 can carry under this key.
    #[error("the message is too long for RSA PKCS#1 v1.5 encryption under this key")]
    MessageTooLong,
    /// The system random generator failed.
    #[error("the system random generator failed")]
    Random,
    /// An internal failure of the crypto library.
    #[error("encryption failed inside the crypto library")]
    Crypto,
    /// The JSON body could not be written.
    #[error("the receipt JSON could not be written")]
    Json,
}
