use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_under = 30)]
    young: bool,
    #[yoti(age_under = 30)]
    under_30: bool,
}

fn main() {}
