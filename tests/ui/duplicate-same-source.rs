use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(family_name, source(passport))]
    family: String,
    #[yoti(family_name, source(passport), accept_self_asserted)]
    family_again: String,
}

fn main() {}
