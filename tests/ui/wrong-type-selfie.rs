use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(selfie)]
    photo: String,
}

fn main() {}
