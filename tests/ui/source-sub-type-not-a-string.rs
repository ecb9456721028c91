use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(document_details, source(driving_licence = NFC))]
    document: String,
}

fn main() {}
