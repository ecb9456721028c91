// The derive through yoti-client's re-export, as a crate that depends on yoti-client alone names
// it (trybuild's crate has every dependency of yoti-tests; the README program's crate proves the
// one-dependency case).
use yoti_client::{Date, SharePolicy};

#[derive(SharePolicy)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    born: Option<Date>,
}

fn main() {
    assert!(Checkout::POLICY_JSON.contains("full_name"));
}
