use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_over)]
    adult: bool,
}

fn main() {}
