//! Receipts bound to the share session the caller expects.
//!
//! A receipt id is no secret: it travels in the redirect's query and so ends up in browser
//! history, proxy logs and screenshots. A backend that remembers which share session it created
//! for a browser (a cookie) can ask for that browser's receipt only; the receipt names its session
//! in its metadata (`sessionId`), which is read before any further request or any crypto.

use yoti_policy::FromUserProfile;
use yoti_protocol::receipt::{Receipt, ReceiptResponse};

use crate::client::DigitalIdentityClient;
use crate::error::ClientError;

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
    /// use yoti_client::ClientError;
    /// use yoti_policy::SharePolicy;
    ///
    /// #[derive(SharePolicy)]
    /// struct Wanted {
    ///     #[yoti(full_name)]
    ///     name: String,
    /// }
    ///
    /// // On the redirect: the receipt id from the query, the session id from this browser's cookie.
    /// # let (receipt_id, session_id_for_this_browser) = ("", "");
    /// match client
    ///     .get_share_receipt_for_session::<Wanted>(receipt_id, session_id_for_this_browser)
    ///     .await
    /// {
    ///     Ok(receipt) => println!("verified: {}", receipt.user().name),
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
        receipt_id: &str,
        session_id: &str,
    ) -> Result<Receipt<T>, ClientError> {
        self.share_receipt(receipt_id, Some(session_id)).await
    }
}

/// Refuses a receipt answer of another session than `expected`, when one is expected.
pub(crate) fn check_session(
    response: &ReceiptResponse,
    expected: Option<&str>,
) -> Result<(), ClientError> {
    match expected {
        Some(expected) if session_of(response) != expected => {
            Err(ClientError::ReceiptForAnotherSession)
        }
        _ => Ok(()),
    }
}

/// The `sessionId` a receipt answer carries, success or failure.
fn session_of(response: &ReceiptResponse) -> &str {
    match response {
        ReceiptResponse::Success(receipt) => &receipt.metadata().session_id,
        ReceiptResponse::Failure(failure) => failure.session_id(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure_of(session: &str) -> ReceiptResponse {
        let body = format!(
            r#"{{"id":"cmVjZWlwdA==","sessionId":"{session}","timestamp":"t","error":"FRAUD_DETECTED"}}"#
        );
        ReceiptResponse::from_json(body.as_bytes()).unwrap()
    }

    #[test]
    fn only_a_receipt_of_the_expected_session_passes() {
        let response = failure_of("ss.v2.mine");
        assert!(check_session(&response, Some("ss.v2.mine")).is_ok());
        assert!(check_session(&response, None).is_ok());
        for other in ["ss.v2.theirs", "ss.v2.min", "ss.v2.mine ", ""] {
            assert!(
                matches!(
                    check_session(&response, Some(other)),
                    Err(ClientError::ReceiptForAnotherSession)
                ),
                "{other:?}"
            );
        }
    }

    #[test]
    fn the_refusal_names_no_id() {
        let text = ClientError::ReceiptForAnotherSession.to_string();
        assert!(!text.contains("ss.v2"), "{text}");
        assert!(text.contains("another share session"), "{text}");
    }
}
