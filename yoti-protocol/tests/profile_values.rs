//! Content-type conversion, drop rules, multiplicity and the typed values (docs/protocol.md,
//! "Attribute values", "Age verifications" and "Document details").

use bytes::Bytes;
use prost::Message;
use yoti_policy::profile::{AgeCheck, AgeVerificationError, DateError, DocumentDetailsError};
use yoti_policy::{
    AgeVerification, Attribute, AttributeValue, Date, DocumentDetails, Image, ImageFormat, Profile,
};
use yoti_protocol::convert;
use yoti_protocol::convert::{MAX_MULTI_VALUE_DEPTH, ProfileError};
use yoti_protocol::proto::{self, ContentType, MultiValue, MultiValueItem};

fn raw(name: &str, content_type: i32, value: impl Into<Bytes>) -> proto::Attribute {
    proto::Attribute {
        name: name.to_owned(),
        value: value.into(),
        content_type,
        ephemeral_id: format!("id-{name}"),
        ..proto::Attribute::default()
    }
}

fn profile(attributes: Vec<proto::Attribute>) -> Profile {
    let list = proto::AttributeList { attributes };
    convert::profile(list.encode_to_vec().into()).unwrap()
}

/// The value of a single attribute, or `None` when it is dropped.
fn convert(content_type: i32, value: impl Into<Bytes>) -> Option<AttributeValue> {
    profile(vec![raw("a", content_type, value)])
        .get("a")
        .map(|a| a.value().clone())
}

fn multi(items: Vec<(ContentType, Bytes)>) -> Bytes {
    MultiValue {
        values: items
            .into_iter()
            .map(|(content_type, data)| MultiValueItem {
                content_type: content_type as i32,
                data,
            })
            .collect(),
    }
    .encode_to_vec()
    .into()
}

const STRING: i32 = ContentType::String as i32;
const JPEG: i32 = ContentType::Jpeg as i32;
const DATE: i32 = ContentType::Date as i32;
const PNG: i32 = ContentType::Png as i32;
const JSON: i32 = ContentType::Json as i32;
const MULTI: i32 = ContentType::MultiValue as i32;
const INT: i32 = ContentType::Int as i32;
const UNDEFINED: i32 = ContentType::Undefined as i32;

#[test]
fn conversion_by_content_type() {
    let text = |s: &str| Some(AttributeValue::String(s.to_owned()));
    assert_eq!(convert(STRING, "Jane"), text("Jane"));
    assert_eq!(convert(UNDEFINED, "raw"), text("raw"));
    assert_eq!(convert(42, "future type"), text("future type"));
    assert_eq!(
        convert(JPEG, &b"\xff\xd8"[..]),
        Some(AttributeValue::Image(Image::new(
            ImageFormat::Jpeg,
            Bytes::from_static(b"\xff\xd8")
        )))
    );
    assert_eq!(
        convert(PNG, &b"\x89PNG"[..]),
        Some(AttributeValue::Image(Image::new(
            ImageFormat::Png,
            Bytes::from_static(b"\x89PNG")
        )))
    );
    assert_eq!(
        convert(DATE, "1980-01-01"),
        Some(AttributeValue::Date(Date::from_ymd(1980, 1, 1).unwrap()))
    );
    assert_eq!(
        convert(DATE, "1980-01"),
        Some(AttributeValue::Date(
            Date::from_year_month(1980, 1).unwrap()
        ))
    );
    assert_eq!(
        convert(DATE, "1980"),
        Some(AttributeValue::Date(Date::from_year(1980).unwrap()))
    );
    assert_eq!(
        convert(JSON, r#"{"a":[1,2]}"#),
        Some(AttributeValue::Json(serde_json::json!({"a": [1, 2]})))
    );
    assert_eq!(convert(INT, "-42"), Some(AttributeValue::Int(-42)));
    assert_eq!(
        convert(
            MULTI,
            multi(vec![
                (ContentType::String, Bytes::from_static(b"x")),
                (ContentType::Int, Bytes::from_static(b"7")),
                (ContentType::Png, Bytes::from_static(b"p")),
            ])
        ),
        Some(AttributeValue::MultiValue(vec![
            AttributeValue::String("x".into()),
            AttributeValue::Int(7),
            AttributeValue::Image(Image::new(ImageFormat::Png, Bytes::from_static(b"p"))),
        ]))
    );
}

#[test]
fn empty_values_are_legal_only_for_strings() {
    assert_eq!(
        convert(STRING, ""),
        Some(AttributeValue::String(String::new()))
    );
    for content_type in [UNDEFINED, JPEG, DATE, PNG, JSON, MULTI, INT, 42] {
        assert_eq!(
            convert(content_type, ""),
            None,
            "content type {content_type}"
        );
    }
}

#[test]
fn unconvertible_values_are_dropped() {
    let bad_utf8 = &b"\xff\xfe"[..];
    assert_eq!(convert(STRING, bad_utf8), None);
    assert_eq!(convert(UNDEFINED, bad_utf8), None);
    assert_eq!(convert(DATE, bad_utf8), None);
    assert_eq!(convert(INT, bad_utf8), None);
    assert_eq!(convert(JSON, bad_utf8), None);
    assert_eq!(convert(DATE, "1980-02-30"), None);
    assert_eq!(convert(DATE, "01/01/1980"), None);
    assert_eq!(convert(JSON, "{"), None);
    assert_eq!(convert(INT, "4.2"), None);
    assert_eq!(convert(INT, "99999999999999999999"), None);
    assert_eq!(convert(MULTI, &b"\x0a\xff"[..]), None);
    // One bad item makes the whole multi-value unconvertible.
    assert_eq!(
        convert(
            MULTI,
            multi(vec![
                (ContentType::Jpeg, Bytes::from_static(b"ok")),
                (ContentType::Jpeg, Bytes::new()),
            ])
        ),
        None
    );
}

#[test]
fn dropping_one_attribute_keeps_the_others() {
    let profile = profile(vec![
        raw("application_logo", JPEG, ""),
        raw("application_url", STRING, "https://example.com"),
        raw("bad", STRING, &b"\xc3\x28"[..]),
        raw("application_name", STRING, "Node SDK Test"),
    ]);
    let names: Vec<_> = profile.iter().map(Attribute::name).collect();
    assert_eq!(names, ["application_url", "application_name"]);
}

#[test]
fn multi_values_nest_up_to_the_bound() {
    let nested = |depth: usize| {
        let mut value = Bytes::from_static(b"leaf");
        let mut content_type = ContentType::String;
        for _ in 0..depth {
            value = multi(vec![(content_type, value)]);
            content_type = ContentType::MultiValue;
        }
        value
    };
    let mut value = convert(MULTI, nested(MAX_MULTI_VALUE_DEPTH)).unwrap();
    for _ in 0..MAX_MULTI_VALUE_DEPTH {
        value = value.as_multi_value().unwrap()[0].clone();
    }
    assert_eq!(value, AttributeValue::String("leaf".into()));
    assert_eq!(convert(MULTI, nested(MAX_MULTI_VALUE_DEPTH + 1)), None);
    assert_eq!(convert(MULTI, nested(200)), None);
}

#[test]
fn multiplicity_first_and_all_in_order() {
    let profile = profile(vec![
        raw("date_of_birth", DATE, "1980-01-01"),
        raw("selfie", JPEG, "one"),
        raw("date_of_birth", DATE, "1981-02-03"),
        raw("selfie", PNG, "two"),
    ]);
    assert_eq!(
        profile.date_of_birth().unwrap().value().to_string(),
        "1980-01-01"
    );
    let dates: Vec<_> = profile
        .get_all("date_of_birth")
        .map(|a| a.value().as_date().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["1980-01-01", "1981-02-03"]);
    let selfies: Vec<_> = profile
        .get_all("selfie")
        .map(Attribute::ephemeral_id)
        .collect();
    assert_eq!(selfies, ["id-selfie", "id-selfie"]);
    assert_eq!(profile.selfie().unwrap().value().data(), &b"one"[..]);
    assert_eq!(profile.get_all("nothing").count(), 0);
    assert_eq!(profile.len(), 4);
    assert_eq!((&profile).into_iter().count(), 4);
}

#[test]
fn garbage_is_an_attribute_list_error() {
    let error = convert::profile(Bytes::from_static(&[0x0a, 0xff, 0xff])).unwrap_err();
    assert_eq!(error, ProfileError::AttributeList);
    assert_eq!(
        error.to_string(),
        "the decrypted profile is not a valid AttributeList protobuf"
    );
    assert!(convert::profile(Bytes::new()).unwrap().is_empty());
}

#[test]
fn typed_accessors_hide_misfits_and_get_as_explains() {
    let profile = profile(vec![raw("full_name", JSON, "{}")]);
    assert!(profile.full_name().is_none());
    let error = profile.get_as::<String>("full_name").unwrap().unwrap_err();
    assert_eq!(error.to_string(), "expected a string, found JSON");
    assert!(profile.get_as::<String>("given_names").is_none());
}

#[test]
fn self_asserted_means_one_user_provided_source_and_no_verifier() {
    use yoti_policy::profile::{Anchor, AnchorType};
    let value = AttributeValue::String("x".into());
    let user = || Anchor::new(AnchorType::Source, "USER_PROVIDED");
    let attribute = |anchors| Attribute::new("a", value.clone()).with_anchors(anchors);
    assert!(attribute(vec![user()]).is_self_asserted());
    assert!(attribute(vec![user(), Anchor::new(AnchorType::Unknown, "")]).is_self_asserted());
    assert!(!attribute(vec![]).is_self_asserted());
    assert!(!attribute(vec![user(), user()]).is_self_asserted());
    assert!(!attribute(vec![Anchor::new(AnchorType::Source, "PASSPORT")]).is_self_asserted());
    assert!(
        !attribute(vec![
            user(),
            Anchor::new(AnchorType::Verifier, "YOTI_ADMIN")
        ])
        .is_self_asserted()
    );
}

#[test]
fn dates_full_and_partial() {
    let date: Date = "2000-02-29".parse().unwrap();
    assert_eq!(
        (date.year(), date.month(), date.day()),
        (2000, Some(2), Some(29))
    );
    assert!(date.is_full());
    let date: Date = "2000-02".parse().unwrap();
    assert_eq!((date.month(), date.day()), (Some(2), None));
    assert_eq!(date.to_string(), "2000-02");
    let date: Date = "0999".parse().unwrap();
    assert_eq!((date.year(), date.month()), (999, None));
    assert_eq!(date.to_string(), "0999");
    assert_eq!(
        "2024-02-29".parse::<Date>().unwrap().to_string(),
        "2024-02-29"
    );
}

#[test]
fn invalid_dates() {
    let syntax = |text: &str| {
        assert_eq!(text.parse::<Date>(), Err(DateError::Syntax), "{text}");
    };
    for text in [
        "",
        "80",
        "19800",
        "1980-1-01",
        "1980-01-1",
        "1980-01-01-",
        "+980-01-01",
        "1980/01/01",
        "1980-01-01T00:00:00Z",
        " 1980",
        "１９８０",
    ] {
        syntax(text);
    }
    assert_eq!("1980-13-01".parse::<Date>(), Err(DateError::Month));
    assert_eq!("1980-00".parse::<Date>(), Err(DateError::Month));
    for text in [
        "1900-02-29",
        "2023-02-29",
        "2023-04-31",
        "2023-01-32",
        "2023-01-00",
    ] {
        assert_eq!(text.parse::<Date>(), Err(DateError::Day), "{text}");
    }
    assert_eq!(Date::from_ymd(10_000, 1, 1), Err(DateError::Syntax));
    assert_eq!(Date::from_year_month(2000, 13), Err(DateError::Month));
    // The messages say what is wrong, never what the date was.
    assert_eq!(
        DateError::Syntax.to_string(),
        "the text is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY"
    );
    assert_eq!(
        DateError::Month.to_string(),
        "the month of the date is not between 1 and 12"
    );
    assert_eq!(
        DateError::Day.to_string(),
        "the day of the date does not exist in its month"
    );
}

#[test]
fn images() {
    let image = Image::new(ImageFormat::Jpeg, Bytes::from_static(b"\xff\xd8\xff"));
    assert_eq!(image.mime_type(), "image/jpeg");
    assert_eq!(image.format(), ImageFormat::Jpeg);
    assert_eq!(image.data_url(), "data:image/jpeg;base64,/9j/");
    assert_eq!(image.into_data(), Bytes::from_static(b"\xff\xd8\xff"));
}

fn details(text: &str) -> Result<DocumentDetails, DocumentDetailsError> {
    text.parse()
}

#[test]
fn document_details_valid_examples() {
    let d = details("PASSPORT GBR 01234567").unwrap();
    assert_eq!(
        (d.document_type(), d.issuing_country(), d.document_number()),
        ("PASSPORT", "GBR", "01234567")
    );
    assert_eq!((d.expiration_date(), d.issuing_authority()), (None, None));

    let d = details("PASSPORT GBR 01234567 2020-01-01").unwrap();
    assert_eq!(
        d.expiration_date(),
        Some(Date::from_ymd(2020, 1, 1).unwrap())
    );
    assert_eq!(d.issuing_authority(), None);

    let d = details("DRIVING_LICENCE GBR 1234abc 2016-05-01 DVLA").unwrap();
    assert_eq!(d.document_type(), "DRIVING_LICENCE");
    assert_eq!(d.document_number(), "1234abc");
    assert_eq!(
        d.expiration_date(),
        Some(Date::from_ymd(2016, 5, 1).unwrap())
    );
    assert_eq!(d.issuing_authority(), Some("DVLA"));

    let d = details("DRIVING_LICENCE GBR 1234abc 2016-05-01 DVLA someThirdAttribute").unwrap();
    assert_eq!(d.issuing_authority(), Some("DVLA"));

    let d = details("PASS_CARD GBR 22719564893 - CITIZENCARD").unwrap();
    assert_eq!(d.document_type(), "PASS_CARD");
    assert_eq!(d.expiration_date(), None);
    assert_eq!(d.issuing_authority(), Some("CITIZENCARD"));

    for number in ["****", "\"", "\\"] {
        let d = details(&format!("PASSPORT GBR {number}")).unwrap();
        assert_eq!(d.document_number(), number);
    }
}

#[test]
fn document_details_invalid_examples() {
    assert_eq!(
        details(""),
        Err(DocumentDetailsError::TooFewTokens { found: 0 })
    );
    assert_eq!(
        details("PASS_CARD GBR"),
        Err(DocumentDetailsError::TooFewTokens { found: 2 })
    );
    assert_eq!(
        details("PASSPORT GBR 1234abc X016-05-01"),
        Err(DocumentDetailsError::ExpirationDate)
    );
    let double = "some-type  some-country some-doc-number - some-authority";
    assert_eq!(
        details(double),
        Err(DocumentDetailsError::EmptyToken { position: 2 })
    );
    for (text, position) in [
        (" PASSPORT GBR 1", 1),
        ("PASSPORT GBR 1 ", 4),
        ("PASSPORT GBR 1 - DVLA x ", 7),
    ] {
        assert_eq!(
            details(text),
            Err(DocumentDetailsError::EmptyToken { position }),
            "{text:?}"
        );
    }
    for date in ["2016-05", "2016", "2016-02-30", "--"] {
        assert_eq!(
            details(&format!("PASSPORT GBR 1 {date}")),
            Err(DocumentDetailsError::ExpirationDate)
        );
    }
    // The messages name the token, never the text (it holds a document number).
    assert_eq!(
        DocumentDetailsError::TooFewTokens { found: 2 }.to_string(),
        "document details need at least three tokens (type, issuing country and number) \
         separated by single spaces, found 2"
    );
    assert_eq!(
        DocumentDetailsError::EmptyToken { position: 2 }.to_string(),
        "token 2 of the document details is empty (a double, leading or trailing space)"
    );
    assert_eq!(
        DocumentDetailsError::ExpirationDate.to_string(),
        "token 4 (expiration date) of the document details is not a date (YYYY-MM-DD, or `-` \
         for none)"
    );
}

#[test]
fn age_verification_grammar() {
    let check = AgeVerification::parse("age_under:21", "False").unwrap();
    assert_eq!(
        (check.check(), check.age(), check.buffer(), check.result()),
        (AgeCheck::Under, 21, None, false)
    );
    let check = AgeVerification::parse("age_over:18:5", "true").unwrap();
    assert_eq!((check.age(), check.buffer()), (18, Some(5)));
    for name in [
        "age_over",
        "age_over:",
        "age_over:18:",
        "age_over:18:5:1",
        "age_over:+18",
        "age_over:-1",
        "age_over:1 8",
        "age_between:18",
        "AGE_OVER:18",
        "age_over:99999999999",
        "date_of_birth",
    ] {
        assert_eq!(
            AgeVerification::parse(name, "true"),
            Err(AgeVerificationError::Name(name.into())),
            "{name}"
        );
    }
    for value in ["", "yes", "1", " true", "truee"] {
        assert_eq!(
            AgeVerification::parse("age_over:18", value),
            Err(AgeVerificationError::Value)
        );
    }
    assert_eq!(
        AgeVerificationError::Value.to_string(),
        "an age check's value must be `true` or `false`, and is another text"
    );
}
