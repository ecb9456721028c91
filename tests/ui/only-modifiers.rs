use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(accept_self_asserted)]
    name: String,
}

fn main() {}
