use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
    #[yoti(email_address)]
    email: String,
    #[yoti(full_name)]
    name_again: Option<String>,
}

fn main() {}
