use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted<T> {
    #[yoti(full_name)]
    name: T,
}

fn main() {}
