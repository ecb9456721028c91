use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(remember_me = true)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
