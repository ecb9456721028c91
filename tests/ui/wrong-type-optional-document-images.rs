use yoti_policy::SharePolicy;

use yoti_policy::Image;

#[derive(SharePolicy)]
struct Wanted {
    #[yoti(document_images)]
    images: Option<Image>,
}

fn main() {}
