use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(selfie)]
    photo: Vec<u8>,
}

fn main() {}
