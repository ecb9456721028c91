//! Whether a receipt answer belongs to the share session the caller expects: read from its
//! `sessionId`, before any further request or any crypto (see
//! [`get_share_receipt_for_session`](crate::DigitalIdentityClient::get_share_receipt_for_session)).

use yoti_protocol::api::SessionId;
use yoti_protocol::receipt::ReceiptResponse;

use crate::error::ClientError;

/// Refuses a receipt answer of another session than `expected`, when one is expected.
pub(crate) fn check_session(
    response: &ReceiptResponse,
    expected: Option<&SessionId>,
) -> Result<(), ClientError> {
    match expected {
        Some(expected) if session_of(response) != expected.as_str() => {
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
        let mine = SessionId::parse("ss.v2.mine").unwrap();
        assert!(check_session(&response, Some(&mine)).is_ok());
        assert!(check_session(&response, None).is_ok());
        for other in ["ss.v2.theirs", "ss.v2.min", "ss.v2.mine="] {
            let other = SessionId::parse(other).unwrap();
            assert!(
                matches!(
                    check_session(&response, Some(&other)),
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
