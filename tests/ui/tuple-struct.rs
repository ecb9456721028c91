use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted(#[yoti(full_name)] String);

fn main() {}
