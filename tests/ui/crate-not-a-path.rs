use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(crate = "yoti policy")]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
