//! What a share came to: the person shared what the policy asked for, or Yoti sent a failure
//! receipt. Both are everyday outcomes a callback page shows, so they are a value, not an error.

use yoti_protocol::receipt::{FailureReceipt, Receipt, ReceiptMetadata};

/// The outcome of a share, as [`get_share_receipt`](crate::DigitalIdentityClient::get_share_receipt)
/// returns it: one `match` tells a completed share from a declined or failed one. Errors are
/// left for what went wrong between the backend and Yoti.
///
/// ```
/// use yoti_client::{Profile, ShareOutcome};
///
/// fn page(outcome: ShareOutcome<Profile>) -> String {
///     match outcome {
///         ShareOutcome::Shared(receipt) => format!("thank you ({} attributes)", receipt.user().len()),
///         ShareOutcome::NotShared(failure) => format!("the share did not complete: {}", failure.error),
///     }
/// }
/// ```
#[must_use = "a share that did not complete is `NotShared`: match the outcome"]
#[derive(Clone, PartialEq)]
// One value per receipt, moved once: boxing the large variant would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum ShareOutcome<T> {
    /// The person shared: the receipt, decrypted and decoded into `T`.
    Shared(Receipt<T>),
    /// The share did not complete (e.g. `MANDATORY_DOCUMENT_NOT_PROVIDED`): Yoti's failure
    /// receipt, with the requirements that were not met.
    NotShared(FailureReceipt),
}

impl<T> ShareOutcome<T> {
    /// The receipt's clear facts (receipt id, session id, timestamp, remember-me ids), whichever
    /// the outcome.
    pub fn metadata(&self) -> &ReceiptMetadata {
        match self {
            ShareOutcome::Shared(receipt) => receipt.metadata(),
            ShareOutcome::NotShared(failure) => &failure.metadata,
        }
    }

    /// Whether the person shared.
    #[must_use]
    pub fn is_shared(&self) -> bool {
        matches!(self, ShareOutcome::Shared(_))
    }

    /// The receipt of a completed share, `None` for a failure receipt.
    #[must_use]
    pub fn into_receipt(self) -> Option<Receipt<T>> {
        match self {
            ShareOutcome::Shared(receipt) => Some(receipt),
            ShareOutcome::NotShared(_) => None,
        }
    }

    /// The failure receipt of a share that did not complete, `None` for a completed one.
    #[must_use]
    pub fn failure(&self) -> Option<&FailureReceipt> {
        match self {
            ShareOutcome::Shared(_) => None,
            ShareOutcome::NotShared(failure) => Some(failure),
        }
    }
}

/// Whatever `T` is: [`Receipt`]'s `Debug` names the user's type and never prints its values.
impl<T> std::fmt::Debug for ShareOutcome<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareOutcome::Shared(receipt) => f.debug_tuple("Shared").field(receipt).finish(),
            ShareOutcome::NotShared(failure) => f.debug_tuple("NotShared").field(failure).finish(),
        }
    }
}
