//! The field decoder, driven the way `#[derive(SharePolicy)]` drives it.

use bytes::Bytes;
use yoti_policy::__private::{Decoder, FieldSpec, kind};
use yoti_policy::decode::{DecodeError, FieldError, FieldProblem, ValueError};
use yoti_policy::profile::{Anchor, AnchorType, DocumentDetailsError};
use yoti_policy::{
    AgeVerification, Attribute, AttributeValue, Date, DocumentDetails, Image, ImageFormat, Profile,
    StructuredPostalAddress,
};

const fn spec(field: &'static str, name: &'static str) -> FieldSpec {
    FieldSpec {
        field,
        name,
        fallback_names: &[],
        sources: &[],
        soft_preference: false,
    }
}

/// What the derive writes for this struct.
#[derive(Debug)]
struct Checkout {
    name: String,
    adult: bool,
    dob: Date,
    selfie: Attribute<Image>,
    email: Option<String>,
    details: Option<DocumentDetails>,
}

impl Checkout {
    fn from_profile(profile: &Profile) -> Result<Self, DecodeError> {
        let mut decoder = Decoder::new(profile);
        let f0 = <String as kind::HoldsText>::required(&mut decoder, &spec("name", "full_name"));
        let f1 = <bool as kind::HoldsAgeCheck>::required(
            &mut decoder,
            &FieldSpec {
                fallback_names: &["age_over:18"],
                ..spec("adult", "age_over:18:5")
            },
        );
        let f2 = <Date as kind::HoldsDate>::required(&mut decoder, &spec("dob", "date_of_birth"));
        let f3 = <Attribute<Image> as kind::HoldsImage>::required(
            &mut decoder,
            &spec("selfie", "selfie"),
        );
        let f4 =
            <String as kind::HoldsText>::optional(&mut decoder, &spec("email", "email_address"));
        let f5 = <DocumentDetails as kind::HoldsDocumentDetails>::optional(
            &mut decoder,
            &spec("details", "document_details"),
        );
        match (f0, f1, f2, f3, f4, f5) {
            (Some(f0), Some(f1), Some(f2), Some(f3), Some(f4), Some(f5)) => Ok(Checkout {
                name: f0,
                adult: f1,
                dob: f2,
                selfie: f3,
                email: f4,
                details: f5,
            }),
            _ => Err(decoder.into_error()),
        }
    }
}

fn text(name: &str, value: &str) -> Attribute {
    Attribute::new(name, AttributeValue::String(value.to_owned()))
}

fn selfie() -> Attribute {
    Attribute::new(
        "selfie",
        AttributeValue::Image(Image::new(
            ImageFormat::Jpeg,
            Bytes::from_static(b"\xff\xd8"),
        )),
    )
    .with_anchors(vec![Anchor::new(AnchorType::Source, "USER_PROVIDED")])
    .with_ephemeral_id("selfie-1")
}

fn complete() -> Vec<Attribute> {
    vec![
        text("full_name", "Jane Doe"),
        text("age_over:18", "TRUE"),
        Attribute::new(
            "date_of_birth",
            AttributeValue::Date(Date::from_ymd(1980, 1, 1).unwrap()),
        ),
        selfie(),
    ]
}

#[test]
fn fills_every_field_and_optional_missing_is_none() {
    let checkout = Checkout::from_profile(&Profile::from_attributes(complete())).unwrap();
    assert_eq!(checkout.name, "Jane Doe");
    assert!(checkout.adult);
    assert_eq!(checkout.dob.to_string(), "1980-01-01");
    assert_eq!(checkout.selfie.value().data(), &b"\xff\xd8"[..]);
    assert_eq!(checkout.selfie.ephemeral_id(), "selfie-1");
    assert!(checkout.selfie.is_self_asserted());
    assert_eq!(checkout.email, None);
    assert_eq!(checkout.details, None);
}

#[test]
fn optional_present_is_some() {
    let mut attributes = complete();
    attributes.push(text("email_address", "jane@example.com"));
    attributes.push(text("document_details", "PASSPORT GBR 01234567 2030-01-01"));
    let checkout = Checkout::from_profile(&Profile::from_attributes(attributes)).unwrap();
    assert_eq!(checkout.email.as_deref(), Some("jane@example.com"));
    assert_eq!(checkout.details.unwrap().document_number(), "01234567");
}

#[test]
fn an_empty_profile_lists_every_required_field() {
    let error = Checkout::from_profile(&Profile::default()).unwrap_err();
    let missing = |field, attribute| FieldError::new(field, attribute, FieldProblem::Missing);
    assert_eq!(
        error.fields(),
        [
            missing("name", "full_name"),
            missing("adult", "age_over:18:5"),
            missing("dob", "date_of_birth"),
            missing("selfie", "selfie"),
        ]
    );
    assert_eq!(
        error.to_string(),
        "missing attributes: `name` (full_name), `adult` (age_over:18:5), `dob` (date_of_birth), \
         `selfie` (selfie)"
    );
}

#[test]
fn wrong_values_name_the_field_the_attribute_and_why() {
    let attributes = vec![
        Attribute::new("full_name", AttributeValue::Json(serde_json::json!({}))),
        text("age_over:18", "maybe"),
        text("date_of_birth", "1980-02-30"),
        text("document_details", "PASSPORT  GBR 1"),
    ];
    let error = Checkout::from_profile(&Profile::from_attributes(attributes)).unwrap_err();
    assert_eq!(
        error.fields()[0],
        FieldError::new(
            "name",
            "full_name",
            FieldProblem::Invalid(ValueError::WrongType {
                expected: "a string",
                found: "JSON"
            })
        )
    );
    assert_eq!(
        error.fields()[4],
        FieldError::new(
            "details",
            "document_details",
            FieldProblem::Invalid(ValueError::DocumentDetails(
                DocumentDetailsError::EmptyToken { position: 2 }
            ))
        )
    );
    assert_eq!(
        error.to_string(),
        "missing attributes: `selfie` (selfie); invalid: `name` (full_name): expected a string, \
         found JSON, `adult` (age_over:18:5): an age check's value must be `true` or `false`, \
         and is another text, `dob` (date_of_birth): the day of the date does not exist in its \
         month, `details` (document_details): token 2 of the document details is empty (a \
         double, leading or trailing space)"
    );
}

#[test]
fn fallback_names_are_tried_in_order() {
    let profile = Profile::from_attributes(vec![
        text("age_over:18", "false"),
        text("age_over:18:5", "true"),
    ]);
    let spec = FieldSpec {
        fallback_names: &["age_over:18"],
        ..spec("adult", "age_over:18:5")
    };
    let mut decoder = Decoder::new(&profile);
    assert_eq!(decoder.required::<bool>(&spec), Some(true));
    let check = decoder.required::<AgeVerification>(&spec).unwrap();
    assert_eq!(check.buffer(), Some(5));

    let profile = Profile::from_attributes(vec![text("age_over:18", "false")]);
    let mut decoder = Decoder::new(&profile);
    let check = decoder
        .required::<Attribute<AgeVerification>>(&spec)
        .unwrap();
    assert_eq!(check.name(), "age_over:18");
    assert!(!check.value().result());
    assert!(decoder.into_error().fields().is_empty());
}

fn family_name(value: &str, source: &str, sub_type: &str) -> Attribute {
    text("family_name", value).with_anchors(vec![
        Anchor::new(AnchorType::Source, source).with_sub_type(sub_type),
    ])
}

fn sourced(sources: &'static [(&'static str, &'static str)], soft: bool) -> FieldSpec {
    FieldSpec {
        sources,
        soft_preference: soft,
        ..spec("family", "family_name")
    }
}

#[test]
fn a_source_constraint_picks_the_attribute_from_that_source() {
    let profile = Profile::from_attributes(vec![
        family_name("Licence", "DRIVING_LICENCE", ""),
        family_name("Passport", "PASSPORT", "OCR"),
        family_name("Passport NFC", "PASSPORT", "NFC"),
    ]);
    let mut decoder = Decoder::new(&profile);
    let pick = |decoder: &mut Decoder<'_>, sources, soft| {
        decoder.required::<String>(&sourced(sources, soft))
    };
    assert_eq!(pick(&mut decoder, &[], false).as_deref(), Some("Licence"));
    assert_eq!(
        pick(&mut decoder, &[("PASSPORT", "")], false).as_deref(),
        Some("Passport")
    );
    assert_eq!(
        pick(&mut decoder, &[("PASSPORT", "NFC")], false).as_deref(),
        Some("Passport NFC")
    );
    assert_eq!(
        pick(
            &mut decoder,
            &[("NATIONAL_ID", ""), ("PASSPORT", "NFC")],
            false
        )
        .as_deref(),
        Some("Passport NFC")
    );
    assert_eq!(
        pick(&mut decoder, &[("NATIONAL_ID", "")], true).as_deref(),
        Some("Licence")
    );
    assert_eq!(pick(&mut decoder, &[("NATIONAL_ID", "")], false), None);
    assert_eq!(
        decoder
            .optional::<String>(&sourced(&[("NATIONAL_ID", "")], false))
            .unwrap(),
        None
    );
    let error = decoder.into_error();
    assert_eq!(
        error.fields(),
        [FieldError::new(
            "family",
            "family_name",
            FieldProblem::SourceNotMet
        )]
    );
    assert_eq!(
        error.to_string(),
        "not from a required source: `family` (family_name)"
    );
}

#[test]
fn a_verifier_is_not_a_source() {
    let profile = Profile::from_attributes(vec![
        text("family_name", "Verified")
            .with_anchors(vec![Anchor::new(AnchorType::Verifier, "PASSPORT")]),
    ]);
    let mut decoder = Decoder::new(&profile);
    assert_eq!(
        decoder.required::<String>(&sourced(&[("PASSPORT", "")], false)),
        None
    );
}

#[test]
fn optional_invalid_is_an_error() {
    let profile = Profile::from_attributes(vec![text("email_address", "")]);
    let mut decoder = Decoder::new(&profile);
    assert_eq!(
        decoder.optional::<String>(&spec("email", "email_address")),
        Some(Some(String::new()))
    );
    assert_eq!(
        decoder.optional::<i64>(&spec("email", "email_address")),
        None
    );
    assert_eq!(
        decoder.into_error().to_string(),
        "invalid: `email` (email_address): expected an integer, found a string"
    );
}

#[test]
fn every_field_type_decodes() {
    let address = serde_json::json!({"formatted_address": "1 Road\nTown", "address_format": 1});
    let images = AttributeValue::MultiValue(vec![
        AttributeValue::Image(Image::new(ImageFormat::Jpeg, Bytes::from_static(b"1"))),
        AttributeValue::String("skipped".into()),
        AttributeValue::Image(Image::new(ImageFormat::Png, Bytes::from_static(b"2"))),
    ]);
    let profile = Profile::from_attributes(vec![
        Attribute::new(
            "structured_postal_address",
            AttributeValue::Json(address.clone()),
        ),
        Attribute::new("document_images", images),
        Attribute::new("count", AttributeValue::Int(7)),
        text("date_of_birth", "1980-01"),
        Attribute::new(
            "date_only",
            AttributeValue::Date(Date::from_ymd(1980, 1, 2).unwrap()),
        ),
    ]);
    let mut decoder = Decoder::new(&profile);
    let structured = decoder
        .required::<StructuredPostalAddress>(&spec("a", "structured_postal_address"))
        .unwrap();
    assert_eq!(structured.address_format(), Some(1));
    let json = decoder
        .required::<serde_json::Value>(&spec("a", "structured_postal_address"))
        .unwrap();
    assert_eq!(json, address);
    let postal = decoder
        .required::<String>(&spec("p", "postal_address"))
        .unwrap();
    assert_eq!(postal, "1 Road\nTown");
    let images = decoder
        .required::<Vec<Image>>(&spec("i", "document_images"))
        .unwrap();
    let data: Vec<_> = images.iter().map(|i| i.data().clone()).collect();
    assert_eq!(data, [Bytes::from_static(b"1"), Bytes::from_static(b"2")]);
    assert_eq!(decoder.required::<i64>(&spec("n", "count")), Some(7));
    let partial = decoder
        .required::<Date>(&spec("d", "date_of_birth"))
        .unwrap();
    assert_eq!(partial.day(), None);
    assert_eq!(
        decoder
            .required::<String>(&spec("s", "date_only"))
            .as_deref(),
        Some("1980-01-02")
    );
    assert!(decoder.into_error().fields().is_empty());

    fn holds_address<T: kind::HoldsStructuredPostalAddress>() {}
    holds_address::<serde_json::Value>();
    fn holds_images<T: kind::HoldsDocumentImages>() {}
    holds_images::<Attribute<Vec<Image>>>();
    fn holds_any<T: kind::HoldsAny>() {}
    holds_any::<i64>();
}

#[test]
fn misfit_types() {
    let profile = Profile::from_attributes(vec![
        text("selfie", "not an image"),
        text("structured_postal_address", "not JSON"),
        Attribute::new("json_list", AttributeValue::Json(serde_json::json!([1]))),
        text("document_images", "x"),
        text("full_name", "Jane"),
    ]);
    let mut decoder = Decoder::new(&profile);
    assert_eq!(decoder.required::<Image>(&spec("a", "selfie")), None);
    assert_eq!(
        decoder.required::<StructuredPostalAddress>(&spec("b", "structured_postal_address")),
        None
    );
    assert_eq!(
        decoder.required::<StructuredPostalAddress>(&spec("c", "json_list")),
        None
    );
    assert_eq!(
        decoder.required::<Vec<Image>>(&spec("d", "document_images")),
        None
    );
    assert_eq!(decoder.required::<bool>(&spec("e", "full_name")), None);
    let reasons: Vec<_> = decoder
        .into_error()
        .fields()
        .iter()
        .map(|e| match &e.problem {
            FieldProblem::Invalid(error) => error.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            "expected an image, found a string",
            "expected a JSON object, found a string",
            "expected a JSON object, found JSON",
            "expected a multi-value of images, found a string",
            "`full_name` is not an age check name (age_over:<age>[:<buffer>] or \
             age_under:<age>[:<buffer>])",
        ]
    );
}
