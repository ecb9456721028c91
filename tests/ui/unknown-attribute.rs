use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(favourite_colour)]
    colour: String,
}

fn main() {}
