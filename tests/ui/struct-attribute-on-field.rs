use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_name, remember_me)]
    name: String,
}

fn main() {}
