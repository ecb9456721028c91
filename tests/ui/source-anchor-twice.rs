use yoti_policy::SharePolicy;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(document_details, source(passport, passport = "NFC"))]
    document: String,
}

fn main() {}
