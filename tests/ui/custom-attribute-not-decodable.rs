use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(attribute = "com.thirdparty.id")]
    third_party: u32,
}

fn main() {}
