use yoti_client::{DigitalIdentityClient, Profile, ReceiptId, SessionId};

// The receipt id from the redirect and the session id from the browser's cookie, swapped.
async fn callback(client: &DigitalIdentityClient, receipt_id: &ReceiptId, session_id: &SessionId) {
    let _ = client
        .get_share_receipt_for_session::<Profile>(session_id, receipt_id)
        .await;
}

fn main() {
    let _ = callback;
}
