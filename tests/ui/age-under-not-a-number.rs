use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(age_under = eighteen)]
    young: bool,
}

fn main() {}
