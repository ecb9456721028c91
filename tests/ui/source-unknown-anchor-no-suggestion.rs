use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(document_details, source(residence_permit))]
    document: String,
}

fn main() {}
