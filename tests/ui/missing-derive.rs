use yoti_client::DigitalIdentityClient;

struct Checkout {
    name: String,
}

async fn callback(client: &DigitalIdentityClient, receipt_id: &str) -> String {
    let receipt = client.get_share_receipt::<Checkout>(receipt_id).await.unwrap();
    receipt.user().name.clone()
}

fn main() {
    let _ = callback;
}
