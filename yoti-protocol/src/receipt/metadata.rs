//! What a receipt says in clear, shared by success and failure receipts alike: a leaf module,
//! so that the error and failure types can hold it without importing the response reader.

use std::fmt;

use yoti_policy::__private::{Len, len_of};

/// The facts of a receipt that are sent in clear, as received.
///
/// `Debug` shows the lengths of the receipt id (it fetches the receipt, like a bearer token) and
/// of the remember-me ids (they identify the person), and the session id and timestamp as they
/// are.
///
/// ```
/// use yoti_protocol::receipt::ReceiptMetadata;
///
/// let metadata = ReceiptMetadata {
///     id: "cmVjZWlwdA==".into(),
///     session_id: "ss.v2.session".into(),
///     timestamp: "2025-01-01T00:00:00Z".into(),
///     remember_me_id: Some("cGVyc29u".into()),
///     parent_remember_me_id: None,
/// };
/// assert_eq!(
///     format!("{metadata:?}"),
///     "ReceiptMetadata { id: <12 bytes>, session_id: \"ss.v2.session\", \
///      timestamp: \"2025-01-01T00:00:00Z\", remember_me_id: Some(<8 bytes>), \
///      parent_remember_me_id: None }"
/// );
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ReceiptMetadata {
    /// The receipt id (standard base64).
    pub id: String,
    /// The share session id.
    pub session_id: String,
    /// When the share completed (RFC 3339, as sent).
    pub timestamp: String,
    /// The person's remember-me id for this application, when the policy asked for it.
    pub remember_me_id: Option<String>,
    /// The person's remember-me id for the parent organisation.
    pub parent_remember_me_id: Option<String>,
}

impl fmt::Debug for ReceiptMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiptMetadata")
            .field("id", &Len(self.id.len()))
            .field("session_id", &self.session_id)
            .field("timestamp", &self.timestamp)
            .field("remember_me_id", &len_of(&self.remember_me_id))
            .field(
                "parent_remember_me_id",
                &len_of(&self.parent_remember_me_id),
            )
            .finish()
    }
}
