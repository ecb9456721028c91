use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_over = 18.5)]
    adult: bool,
}

fn main() {}
