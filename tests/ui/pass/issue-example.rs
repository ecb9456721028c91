use yoti_policy::{Attribute, Date, DocumentDetails, Image, SharePolicy, StructuredPostalAddress};

#[allow(dead_code)]
#[derive(SharePolicy)]
#[yoti(selfie_authentication, pin_authentication, remember_me)]
struct Wanted {
    #[yoti(full_name)]                         name: String,
    #[yoti(given_names, accept_self_asserted)] given: String,
    #[yoti(family_name, accept_self_asserted = false)] family: String,
    #[yoti(date_of_birth)]                     dob: Date,
    #[yoti(age_over = 18)]                     adult: bool,
    #[yoti(age_under = 30)]                    young: bool,
    #[yoti(selfie)]                            photo: Image,
    #[yoti(email_address)]                     email: Option<String>,
    #[yoti(document_details, source(passport, driving_licence = "NFC"), soft_preference)]
    doc: DocumentDetails,
    #[yoti(document_images)]                   images: Vec<Image>,
    #[yoti(structured_postal_address)]         address: Attribute<StructuredPostalAddress>,
    #[yoti(attribute = "com.thirdparty.id")]   third_party: String,
    #[yoti(estimated_age_over = 18, buffer = 5)] over_18_estimated: bool,
}

const JSON: &str = <Wanted as SharePolicy>::POLICY_JSON; // a literal written by the macro

fn main() {
    assert!(JSON.starts_with(r#"{"wanted":[{"name":"full_name","optional":false},"#));
}
