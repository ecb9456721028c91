use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(document_details, soft_preference)]
    document: String,
}

fn main() {}
