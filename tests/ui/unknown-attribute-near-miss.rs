use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_nme)]
    name: String,
}

fn main() {}
