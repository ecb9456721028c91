use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(estimated_age_over = 18)]
    adult: bool,
}

fn main() {}
