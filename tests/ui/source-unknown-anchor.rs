use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(document_details, source(passprot))]
    document: String,
}

fn main() {}
