use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
union Wanted {
    adult: bool,
}

fn main() {}
