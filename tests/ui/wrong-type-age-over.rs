use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_over = 18)]
    adult: String,
}

fn main() {}
