//! Why a decrypted profile or extra data could not be read at all.

/// A decrypted content blob that is not the protobuf message it should be.
///
/// Individual attributes that cannot be converted are dropped from the profile instead
/// (docs/protocol.md, "Content types"): this error means the whole message does not parse.
///
/// It does not carry the protobuf decoder's message, which can quote numbers read from the
/// plaintext.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The decrypted profile is not a serialised `AttributeList`.
    #[error("the decrypted profile is not a valid AttributeList protobuf")]
    AttributeList,
    /// The decrypted extra data is not a serialised `ExtraData`.
    #[error("the decrypted extra data is not a valid ExtraData protobuf")]
    ExtraData,
}
