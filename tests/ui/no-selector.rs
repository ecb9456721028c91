use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
    email: String,
}

fn main() {}
