use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(auth_type = -1)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
