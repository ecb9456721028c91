use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_name, given_names)]
    name: String,
}

fn main() {}
