use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
#[yoti(selfie_authentification)]
struct Wanted {
    #[yoti(full_nme)]
    name: String,
    #[yoti(age_over = 0)]
    adult: bool,
}

fn main() {}
