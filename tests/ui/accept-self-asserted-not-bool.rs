use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(given_names, accept_self_asserted = "yes")]
    given: String,
}

fn main() {}
