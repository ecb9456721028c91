use yoti_client::{DigitalIdentityClient, ReceiptId, ShareOutcome};

struct Checkout {
    name: String,
}

async fn callback(client: &DigitalIdentityClient, receipt_id: &ReceiptId) -> String {
    match client.get_share_receipt::<Checkout>(receipt_id).await.unwrap() {
        ShareOutcome::Shared(receipt) => receipt.user().name.clone(),
        ShareOutcome::NotShared(failure) => failure.error,
    }
}

fn main() {
    let _ = callback;
}
