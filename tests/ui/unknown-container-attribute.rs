use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(colour = "blue")]
struct Wanted {
    #[yoti(full_name)]
    name: String,
}

fn main() {}
