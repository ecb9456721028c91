use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(identity_profile(trust_framework = "UK_TFIDA", objective = "STANDARD"))]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
