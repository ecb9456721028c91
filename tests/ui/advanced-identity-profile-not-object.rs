use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(advanced_identity_profile = r#"[{"trust_framework": "UK_TFIDA"}]"#)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
