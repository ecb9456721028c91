use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_name)]
    name: u32,
}

fn main() {}
