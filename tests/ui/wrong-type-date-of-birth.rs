use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(date_of_birth)]
    dob: bool,
}

fn main() {}
