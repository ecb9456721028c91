use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(estimated_age_over = 18, buffer = 1000)]
    adult: bool,
}

fn main() {}
