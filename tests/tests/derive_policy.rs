//! `#[derive(SharePolicy)]` writes exactly the policy JSON of the official Node SDK: every entry of
//! `policy-examples.json` reproduced by a derived struct (the last one inside a share session
//! configuration), and a full example worked out by hand from the policy rules
//! (docs/protocol.md, "Policy JSON").

use serde_json::Value;
use yoti_policy::{
    Attribute, Date, DocumentDetails, Image, Profile, SharePolicy, StructuredPostalAddress,
};

fn expected_json(index: usize) -> String {
    let examples: Value =
        serde_json::from_slice(&yoti_test_support::vector("json/policy-examples.json")).unwrap();
    examples[index]["expected_json"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Entry 0: all thirteen catalogue attributes, each required.
#[allow(dead_code)]
#[derive(SharePolicy)]
struct AllAttributes {
    #[yoti(family_name)]
    family_name: String,
    #[yoti(given_names)]
    given_names: String,
    #[yoti(full_name)]
    full_name: String,
    #[yoti(date_of_birth)]
    date_of_birth: Date,
    #[yoti(gender)]
    gender: String,
    #[yoti(postal_address)]
    postal_address: String,
    #[yoti(structured_postal_address)]
    structured_postal_address: StructuredPostalAddress,
    #[yoti(nationality)]
    nationality: String,
    #[yoti(phone_number)]
    phone_number: String,
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(email_address)]
    email_address: String,
    #[yoti(document_details)]
    document_details: DocumentDetails,
    #[yoti(document_images)]
    document_images: Vec<Image>,
}

/// Entry 1: two plain attributes.
#[allow(dead_code)]
#[derive(SharePolicy)]
struct Names {
    #[yoti(family_name)]
    family: String,
    #[yoti(given_names)]
    given: String,
}

/// Entry 2: date of birth and three age derivations.
#[allow(dead_code)]
#[derive(SharePolicy)]
struct Ages {
    #[yoti(date_of_birth)]
    dob: Date,
    #[yoti(age_over = 18)]
    over_18: bool,
    #[yoti(age_under = 30)]
    under_30: bool,
    #[yoti(age_under = 40)]
    under_40: bool,
}

/// Entry 3: the same age check asked twice is one wanted attribute (asking it twice in a struct
/// is a compile error, see `tests/ui/duplicate-age-under.rs`).
#[allow(dead_code)]
#[derive(SharePolicy)]
struct UnderThirty {
    #[yoti(age_under = 30)]
    under_30: bool,
}

/// Entry 4: selfie, PIN and a custom authentication type, no attributes.
#[derive(SharePolicy)]
#[yoti(selfie_authentication, pin_authentication, auth_type = 99)]
struct AuthTypes;

/// Entry 5: nothing at all.
#[derive(SharePolicy)]
struct NoAuthTypes {}

/// Entry 6: remember-me.
#[derive(SharePolicy)]
#[yoti(remember_me)]
struct RememberMe;

/// Entry 7: the same attribute from two different sources is two wanted attributes.
#[allow(dead_code)]
#[derive(SharePolicy)]
struct FamilyNameTwoSources {
    #[yoti(family_name, source(passport))]
    from_passport: String,
    #[yoti(family_name, source(driving_licence), accept_self_asserted)]
    from_licence: String,
}

/// Entry 8: identity profile requirements only.
#[derive(SharePolicy)]
#[yoti(identity_profile(trust_framework = "UK_TFIDA", scheme = "DBS", objective = "STANDARD"))]
struct IdentityProfileOnly;

/// Entry 9: identity profile requirements alongside attributes.
#[allow(dead_code)]
#[derive(SharePolicy)]
#[yoti(identity_profile(trust_framework = "UK_TFIDA", scheme = "DBS", objective = "STANDARD"))]
struct IdentityProfileAndAttributes {
    #[yoti(gender)]
    gender: String,
    #[yoti(nationality)]
    nationality: String,
}

/// Entry 10: advanced identity profile requirements, written with whitespace.
#[derive(SharePolicy)]
#[yoti(advanced_identity_profile = r#"{
    "profiles": [
        {
            "trust_framework": "UK_TFIDA",
            "schemes": [
                { "label": "LB912", "type": "RTW" },
                { "label": "LB777", "type": "DBS", "objective": "BASIC" }
            ]
        },
        {
            "trust_framework": "YOTI_GLOBAL",
            "schemes": [ { "label": "LB321", "type": "IDENTITY", "objective": "AL_L1" } ]
        }
    ]
}"#)]
struct AdvancedIdentityProfile;

/// Numbers in advanced identity profile requirements, written as people write them.
#[derive(SharePolicy)]
#[yoti(
    advanced_identity_profile = r#"{"profiles": [{"n": 1.50, "e": 1E3, "i": -0, "u": 18446744073709551615, "big": 123456789012345678901234567890}]}"#
)]
struct AdvancedIdentityProfileNumbers;

/// The full example of the typed policy's grammar.
#[allow(dead_code)]
#[derive(SharePolicy)]
#[yoti(selfie_authentication, pin_authentication, remember_me)]
struct Wanted {
    #[yoti(full_name)]
    name: String,
    #[yoti(given_names, accept_self_asserted)]
    given: String,
    #[yoti(family_name, accept_self_asserted = false)]
    family: String,
    #[yoti(date_of_birth)]
    dob: Date,
    #[yoti(age_over = 18)]
    adult: bool,
    #[yoti(age_under = 30)]
    young: bool,
    #[yoti(selfie)]
    photo: Image,
    #[yoti(email_address)]
    email: Option<String>,
    #[yoti(
        document_details,
        source(passport, driving_licence = "NFC"),
        soft_preference
    )]
    doc: DocumentDetails,
    #[yoti(document_images)]
    images: Vec<Image>,
    #[yoti(structured_postal_address)]
    address: Attribute<StructuredPostalAddress>,
    #[yoti(attribute = "com.thirdparty.id")]
    third_party: String,
    #[yoti(estimated_age_over = 18, buffer = 5)]
    over_18_estimated: bool,
}

const WANTED_JSON: &str = concat!(
    r#"{"wanted":["#,
    r#"{"name":"full_name","optional":false},"#,
    r#"{"name":"given_names","optional":false,"accept_self_asserted":true},"#,
    r#"{"name":"family_name","optional":false,"accept_self_asserted":false},"#,
    r#"{"name":"date_of_birth","optional":false},"#,
    r#"{"name":"date_of_birth","optional":false,"derivation":"age_over:18"},"#,
    r#"{"name":"date_of_birth","optional":false,"derivation":"age_under:30"},"#,
    r#"{"name":"selfie","optional":false},"#,
    r#"{"name":"email_address","optional":true},"#,
    r#"{"name":"document_details","optional":false,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"PASSPORT","sub_type":""},{"name":"DRIVING_LICENCE","sub_type":"NFC"}],"soft_preference":true}}]},"#,
    r#"{"name":"document_images","optional":false},"#,
    r#"{"name":"structured_postal_address","optional":false},"#,
    r#"{"name":"com.thirdparty.id","optional":false},"#,
    r#"{"name":"estimated_age","optional":false,"derivation":"age_over:18:5","alternative_names":["date_of_birth"]}"#,
    r#"],"wanted_auth_types":[1,2],"wanted_remember_me":true,"wanted_remember_me_optional":false}"#,
);

/// Optional fields in every spelling of `Option`, a raw field name, and modifiers on custom
/// attributes and age checks.
#[allow(dead_code)]
#[derive(SharePolicy)]
#[yoti(auth_type = 7, remember_me_optional)]
struct Spellings {
    #[yoti(phone_number)]
    r#type: std::option::Option<String>,
    #[yoti(nationality, source(national_id = "", pass_card = "CITIZENCARD"))]
    nationality: core::option::Option<Attribute<String>>,
    #[yoti(age_over = 999, accept_self_asserted)]
    over: Option<bool>,
    #[yoti(attribute = "com.example.\"quoted\"\\name")]
    custom: Option<String>,
}

const SPELLINGS_JSON: &str = concat!(
    r#"{"wanted":["#,
    r#"{"name":"phone_number","optional":true},"#,
    r#"{"name":"nationality","optional":true,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"NATIONAL_ID","sub_type":""},{"name":"PASS_CARD","sub_type":"CITIZENCARD"}],"soft_preference":false}}]},"#,
    r#"{"name":"date_of_birth","optional":true,"derivation":"age_over:999","accept_self_asserted":true},"#,
    r#"{"name":"com.example.\"quoted\"\\name","optional":true}"#,
    r#"],"wanted_auth_types":[7],"wanted_remember_me":false,"wanted_remember_me_optional":true}"#,
);

/// `#[yoti(crate = "...")]` names the runtime by another path.
mod renamed {
    pub mod runtime {
        pub use yoti_policy;
    }

    #[allow(dead_code)]
    #[derive(yoti_policy::SharePolicy)]
    #[yoti(crate = "crate::renamed::runtime::yoti_policy")]
    pub struct ThroughAnotherPath {
        #[yoti(full_name)]
        pub name: String,
    }
}

#[test]
fn reproduces_every_policy_example() {
    assert_eq!(AllAttributes::POLICY_JSON, expected_json(0));
    assert_eq!(Names::POLICY_JSON, expected_json(1));
    assert_eq!(Ages::POLICY_JSON, expected_json(2));
    assert_eq!(UnderThirty::POLICY_JSON, expected_json(3));
    assert_eq!(AuthTypes::POLICY_JSON, expected_json(4));
    assert_eq!(NoAuthTypes::POLICY_JSON, expected_json(5));
    assert_eq!(RememberMe::POLICY_JSON, expected_json(6));
    assert_eq!(FamilyNameTwoSources::POLICY_JSON, expected_json(7));
    assert_eq!(IdentityProfileOnly::POLICY_JSON, expected_json(8));
    assert_eq!(IdentityProfileAndAttributes::POLICY_JSON, expected_json(9));
    assert_eq!(AdvancedIdentityProfile::POLICY_JSON, expected_json(10));
}

#[derive(SharePolicy)]
#[yoti(remember_me)]
#[allow(dead_code)]
struct SessionExample {
    #[yoti(full_name)]
    name: String,
    #[yoti(given_names)]
    given: String,
}

#[test]
fn reproduces_the_session_configuration_example_with_a_derived_policy() {
    use yoti_policy::session::{Extension, Notification};

    let config = yoti_policy::ShareSessionConfiguration::new::<SessionExample>("/test-callback")
        .unwrap()
        .with_notification(Notification::new("/abc").unwrap())
        .with_extension(
            Extension::new("test-extension", serde_json::json!({"test": "content 1"})).unwrap(),
        )
        .with_extension(
            Extension::new("test-extension", serde_json::json!({"test": "content 2"})).unwrap(),
        )
        .with_subject(serde_json::json!({"subject_id": "some_subject_id_string"}))
        .unwrap();
    assert_eq!(serde_json::to_string(&config).unwrap(), expected_json(11));
}

#[test]
fn writes_the_full_example_by_the_protocol() {
    assert_eq!(Wanted::POLICY_JSON, WANTED_JSON);
    assert_eq!(Spellings::POLICY_JSON, SPELLINGS_JSON);
    assert_eq!(
        renamed::ThroughAnotherPath::POLICY_JSON,
        r#"{"wanted":[{"name":"full_name","optional":false}],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#
    );
}

/// `POLICY_JSON` writes each number as serde_json writes the runtime policy's value: integers
/// keep their digits, other numbers become the 64-bit float they denote.
#[test]
fn numbers_in_policy_json_are_the_runtime_policys_numbers() {
    assert!(
        AdvancedIdentityProfileNumbers::POLICY_JSON.ends_with(
            r#""advanced_identity_profile_requirements":{"profiles":[{"n":1.5,"e":1000.0,"i":-0.0,"u":18446744073709551615,"big":1.2345678901234568e+29}]}}"#
        ),
        "{}",
        AdvancedIdentityProfileNumbers::POLICY_JSON
    );
}

#[test]
fn policy_json_is_a_compile_time_constant() {
    const JSON: &str = <Wanted as SharePolicy>::POLICY_JSON;
    let value: Value = serde_json::from_str(JSON).unwrap();
    assert_eq!(value["wanted"].as_array().unwrap().len(), 13);
}

fn assert_policy_value_matches<T: SharePolicy>() {
    assert_eq!(
        serde_json::to_string(&T::policy()).unwrap(),
        T::POLICY_JSON,
        "{}",
        std::any::type_name::<T>()
    );
}

#[test]
fn policy_value_serialises_to_policy_json() {
    assert_policy_value_matches::<AllAttributes>();
    assert_policy_value_matches::<Names>();
    assert_policy_value_matches::<Ages>();
    assert_policy_value_matches::<UnderThirty>();
    assert_policy_value_matches::<AuthTypes>();
    assert_policy_value_matches::<NoAuthTypes>();
    assert_policy_value_matches::<RememberMe>();
    assert_policy_value_matches::<FamilyNameTwoSources>();
    assert_policy_value_matches::<IdentityProfileOnly>();
    assert_policy_value_matches::<IdentityProfileAndAttributes>();
    assert_policy_value_matches::<AdvancedIdentityProfile>();
    assert_policy_value_matches::<AdvancedIdentityProfileNumbers>();
    assert_policy_value_matches::<Wanted>();
    assert_policy_value_matches::<Spellings>();
    assert_policy_value_matches::<renamed::ThroughAnotherPath>();
}

#[test]
fn an_empty_profile_does_not_fill_a_struct_with_required_fields() {
    assert!(Wanted::from_profile(&Profile::default()).is_err());
    assert!(AuthTypes::from_profile(&Profile::default()).is_ok());
}
