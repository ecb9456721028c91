//! Getters of a profile that look across its attributes: the estimated age with its
//! `date_of_birth` fallback (the official Go SDK's `EstimatedAgeWithFallback`).

use yoti_policy::profile::EstimatedAgeOrDateOfBirth;
use yoti_policy::{Attribute, AttributeValue, Date, Profile};

fn estimated_age() -> Attribute {
    Attribute::new("estimated_age", AttributeValue::String("18-24".into()))
}

fn date_of_birth() -> Attribute {
    Attribute::new(
        "date_of_birth",
        AttributeValue::Date(Date::from_ymd(1980, 1, 2).unwrap()),
    )
}

#[test]
fn the_estimated_age_wins_when_the_receipt_has_it() {
    let profile = Profile::from_attributes(vec![date_of_birth(), estimated_age()]);
    let found = profile.estimated_age_with_fallback().unwrap();
    assert!(found.is_estimated_age());
    assert!(matches!(found, EstimatedAgeOrDateOfBirth::EstimatedAge(_)));
    assert_eq!(found.attribute().name(), "estimated_age");
    assert_eq!(found.attribute().value().as_str(), Some("18-24"));
}

#[test]
fn the_date_of_birth_is_the_fallback() {
    let profile = Profile::from_attributes(vec![date_of_birth()]);
    let found = profile.estimated_age_with_fallback().unwrap();
    assert!(!found.is_estimated_age());
    assert_eq!(found.attribute().name(), "date_of_birth");
    assert_eq!(
        found.attribute().value().as_date().map(ToString::to_string),
        Some("1980-01-02".to_owned())
    );
}

#[test]
fn neither_is_none() {
    let profile = Profile::from_attributes(vec![Attribute::new(
        "full_name",
        AttributeValue::String("Jane Doe".into()),
    )]);
    assert!(profile.estimated_age_with_fallback().is_none());
}
