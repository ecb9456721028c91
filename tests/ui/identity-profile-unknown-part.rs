use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(identity_profile(trust_framework = "UK_TFIDA", schema = "DBS"))]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
