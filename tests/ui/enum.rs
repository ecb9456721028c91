use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
enum Wanted {
    Name(String),
}

fn main() {}
