use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_name = "Jane")]
    name: String,
}

fn main() {}
