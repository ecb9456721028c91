use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_over = 1000)]
    adult: bool,
}

fn main() {}
