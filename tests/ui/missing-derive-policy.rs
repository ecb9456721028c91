use yoti_client::ShareSessionConfiguration;

struct Checkout {
    name: String,
}

fn main() {
    let _ = ShareSessionConfiguration::new::<Checkout>("https://shop.example/callback");
}
