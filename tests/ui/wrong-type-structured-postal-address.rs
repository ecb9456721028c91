use yoti_policy::{Attribute, SharePolicy};

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(structured_postal_address)]
    address: Attribute<String>,
}

fn main() {}
