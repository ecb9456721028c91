//! Decrypted protobuf content: `AttributeList` into a profile (every attribute's value converted
//! by content type, anchors with their X.509 certificates), `ExtraData`, a lone `Anchor`, and the
//! typed accessors and derived structs read from the profile.

#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use yoti_policy::profile::ApplicationProfile;
use yoti_policy::{AgeVerification, Date, DocumentDetails, Image, SharePolicy};
use yoti_protocol::convert;

#[derive(SharePolicy)]
#[allow(dead_code)]
struct Everything {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    dob: Option<Date>,
    #[yoti(age_over = 18)]
    adult: Option<AgeVerification>,
    #[yoti(estimated_age_over = 21, buffer = 5)]
    estimated: bool,
    #[yoti(selfie)]
    selfie: Option<Image>,
    #[yoti(document_details)]
    document: Option<DocumentDetails>,
    #[yoti(document_images)]
    images: Option<Vec<Image>>,
    #[yoti(structured_postal_address)]
    address: Option<yoti_policy::StructuredPostalAddress>,
    #[yoti(attribute = "com.example.number")]
    number: Option<i64>,
}

fuzz_target!(|data: &[u8]| {
    let bytes = Bytes::copy_from_slice(data);
    if let Ok(profile) = convert::profile(bytes.clone()) {
        let _ = ApplicationProfile::from_profile(&profile);
        let _ = profile.age_verifications();
        let _ = profile.document_details();
        let _ = profile.document_images();
        let _ = profile.structured_postal_address();
        let _ = profile.identity_profile_report();
        for attribute in profile.iter() {
            let _ = attribute.is_self_asserted();
            for anchor in attribute.anchors() {
                let _ = anchor.signed_timestamp();
                for certificate in anchor.certificates() {
                    let _ = certificate.serial_number_u128();
                    let _ = certificate.subject_common_name();
                }
            }
        }
        let _ = Everything::from_profile(&profile);
    }
    if let Ok(extra) = convert::extra_data(bytes.clone()) {
        for details in extra.all_attribute_issuance_details() {
            assert!(!details.token().is_empty());
            let _ = details.expiry();
        }
    }
    if let Ok(anchor) = convert::decode_anchor(bytes) {
        let _ = anchor.signed_timestamp();
    }
});
