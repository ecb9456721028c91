use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_over = 18, buffer = 5)]
    adult: bool,
}

fn main() {}
