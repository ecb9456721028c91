use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(attribute = "")]
    third_party: String,
}

fn main() {}
