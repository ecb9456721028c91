use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(
    identity_profile(trust_framework = "UK_TFIDA", scheme = "DBS"),
    advanced_identity_profile = r#"{"profiles":[]}"#
)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
