//! Receipts bound to the share session the caller expects.
//!
//! A receipt id is no secret: it travels in the redirect's query and so ends up in browser
//! history, proxy logs and screenshots. A backend that remembers which share session it created
//! for a browser (a cookie) can ask for that browser's receipt only; the receipt names its session
//! in its metadata (`sessionId`), which is read before any further request or any crypto.

use yoti_policy::FromUserProfile;
use yoti_protocol::api::{ReceiptId, SessionId};

use crate::client::DigitalIdentityClient;
use crate::error::ClientError;
use crate::outcome::ShareOutcome;

impl DigitalIdentityClient {
    /// [`get_share_receipt`](Self::get_share_receipt) for the share session `session_id` only:
    /// a receipt of any other session, success or failure, is
    /// [`ClientError::ReceiptForAnotherSession`].
    ///
    /// `session_id` is the id of the session the application created for this browser, kept on
    /// its side (e.g. behind a cookie) when it showed the QR code; never take it from the
    /// redirect. The session is checked on the receipt's metadata as soon as it is parsed,
    /// before the wrapped item key is fetched and before anything is decrypted, so someone
    /// else's receipt costs one request and no crypto.
    ///
    /// ```no_run
    /// # async fn run(client: yoti_client::DigitalIdentityClient) -> Result<(), Box<dyn std::error::Error>> {
    /// use yoti_client::{ClientError, ReceiptId, SessionId, ShareOutcome, SharePolicy};
    ///
    /// #[derive(SharePolicy)]
    /// struct Wanted {
    ///     #[yoti(full_name)]
    ///     name: String,
    /// }
    ///
    /// // On the redirect: the receipt id from the query, the session id from this browser's cookie.
    /// # let (receipt_from_query, session_from_cookie) = ("", "");
    /// let receipt_id = ReceiptId::parse(receipt_from_query)?;
    /// let session_id = SessionId::parse(session_from_cookie)?;
    /// match client
    ///     .get_share_receipt_for_session::<Wanted>(&receipt_id, &session_id)
    ///     .await
    /// {
    ///     Ok(ShareOutcome::Shared(receipt)) => println!("verified: {}", receipt.user().name),
    ///     Ok(ShareOutcome::NotShared(failure)) => println!("not shared: {}", failure.error),
    ///     Err(ClientError::ReceiptForAnotherSession) => println!("not this browser's share: 403"),
    ///     Err(other) => return Err(other.into()),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ClientError::ReceiptForAnotherSession`], and every error of
    /// [`get_share_receipt`](Self::get_share_receipt).
    pub async fn get_share_receipt_for_session<T: FromUserProfile>(
        &self,
        receipt_id: &ReceiptId,
        session_id: &SessionId,
    ) -> Result<ShareOutcome<T>, ClientError> {
        self.share_receipt(receipt_id, Some(session_id)).await
    }
}
