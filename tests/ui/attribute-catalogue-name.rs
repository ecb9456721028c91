use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(attribute = "full_name")]
    name: String,
}

fn main() {}
