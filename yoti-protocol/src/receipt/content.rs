//! The plaintexts of a receipt: what decryption gives and what the producer encrypts.

use std::fmt;

use bytes::Bytes;
use yoti_policy::__private::len_of;

/// The four content blobs of a receipt as serialised protobuf messages; `None` where the receipt
/// has no such content. [`EncryptedReceipt::decrypt_with`](super::EncryptedReceipt::decrypt_with)
/// gives it and [`Receipt::from_content`](super::Receipt::from_content) decodes it; the producer
/// (feature `produce`) encrypts it, accepting any bytes so that tests can produce receipts with
/// garbage content. `Debug` shows their sizes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ReceiptContent {
    /// Serialised `AttributeList` of the application (`content.profile`).
    pub application_profile: Option<Bytes>,
    /// Serialised `ExtraData` of the application (`content.extraData`).
    pub application_extra_data: Option<Bytes>,
    /// Serialised `AttributeList` the person shared (`otherPartyContent.profile`).
    pub user_profile: Option<Bytes>,
    /// Serialised `ExtraData` of the person (`otherPartyContent.extraData`).
    pub user_extra_data: Option<Bytes>,
}

impl fmt::Debug for ReceiptContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiptContent")
            .field("application_profile", &len_of(&self.application_profile))
            .field(
                "application_extra_data",
                &len_of(&self.application_extra_data),
            )
            .field("user_profile", &len_of(&self.user_profile))
            .field("user_extra_data", &len_of(&self.user_extra_data))
            .finish()
    }
}
