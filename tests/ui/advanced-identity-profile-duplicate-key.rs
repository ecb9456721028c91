use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(advanced_identity_profile = r#"{"profiles": [
    {"trust_framework": "UK_TFIDA", "schemes": [{"type": "RTW", "type": "DBS"}]}
]}"#)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
