use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(remember_mee)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
