use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(selfie_authentication, pin_authentication, auth_type = 1)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
