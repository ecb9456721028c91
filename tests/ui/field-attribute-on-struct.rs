use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(full_name)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
