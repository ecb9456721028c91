//! Every policy Yoti would reject is refused by `build` and `validate`, with its own error.

use serde_json::json;
use yoti_policy::Policy;
use yoti_policy::policy::{PolicyError, SourceAnchor, SourceConstraint, WantedAttribute};

fn build_err(builder: yoti_policy::policy::PolicyBuilder) -> PolicyError {
    builder.build().unwrap_err()
}

#[test]
fn empty_attribute_name() {
    let err = build_err(Policy::builder().full_name().attribute(""));
    assert_eq!(err, PolicyError::EmptyAttributeName { index: 1 });
    assert!(
        err.to_string()
            .contains("wanted attribute #1 has an empty name")
    );
}

#[test]
fn ages_must_be_between_1_and_999() {
    for (builder, derivation, age) in [
        (Policy::builder().age_over(0), "age_over:0", 0),
        (Policy::builder().age_under(0), "age_under:0", 0),
        (Policy::builder().age_over(1000), "age_over:1000", 1000),
        (
            Policy::builder().age_under(u32::MAX),
            "age_under:4294967295",
            4_294_967_295,
        ),
        (
            Policy::builder().estimated_age_over(0, 5),
            "age_over:0:5",
            0,
        ),
    ] {
        assert_eq!(
            build_err(builder),
            PolicyError::AgeOutOfRange {
                derivation: derivation.into(),
                age
            }
        );
    }
    assert!(Policy::builder().age_over(1).age_under(999).build().is_ok());
    let message = build_err(Policy::builder().age_over(0)).to_string();
    assert!(message.contains("between 1 and 999"), "{message}");
}

#[test]
fn buffers_must_be_at_most_999() {
    assert_eq!(
        build_err(Policy::builder().estimated_age_over(18, 1000)),
        PolicyError::BufferOutOfRange {
            derivation: "age_over:18:1000".into(),
            buffer: 1000
        }
    );
    assert!(
        Policy::builder()
            .estimated_age_over(18, 999)
            .build()
            .is_ok()
    );
    assert!(Policy::builder().estimated_age_over(18, 0).build().is_ok());
}

#[test]
fn derivations_must_be_age_checks() {
    for derivation in [
        "",
        "age_over",
        "age_over:",
        "age_over:18:",
        "age_over:x",
        "age_over:-18",
        "age_over:+18",
        "age_over: 18",
        "age_under:18:5",
        "age_over:18:5:1",
        "age_between:18",
        "AGE_OVER:18",
    ] {
        let err = build_err(
            Policy::builder()
                .wanted(WantedAttribute::new("date_of_birth").with_derivation(derivation)),
        );
        assert_eq!(
            err,
            PolicyError::MalformedDerivation {
                name: "date_of_birth".into(),
                derivation: derivation.into()
            },
            "{derivation:?}"
        );
    }
    // Too many digits is still a number: out of range, not malformed.
    assert!(matches!(
        build_err(
            Policy::builder().wanted(
                WantedAttribute::new("date_of_birth")
                    .with_derivation("age_over:99999999999999999999999")
            )
        ),
        PolicyError::AgeOutOfRange { age: u64::MAX, .. }
    ));
}

#[test]
fn source_constraints_need_named_anchors() {
    let err = build_err(
        Policy::builder()
            .wanted(WantedAttribute::new("full_name").with_constraint(SourceConstraint::new())),
    );
    assert_eq!(
        err,
        PolicyError::EmptySourceAnchors {
            name: "full_name".into()
        }
    );
    let err = build_err(
        Policy::builder()
            .wanted(WantedAttribute::new("full_name").with_constraint(
                SourceConstraint::new().with_anchor(SourceAnchor::new("", "NFC")),
            )),
    );
    assert_eq!(
        err,
        PolicyError::EmptyAnchorName {
            name: "full_name".into()
        }
    );
}

#[test]
fn alternative_names_must_not_be_empty() {
    let err = build_err(
        Policy::builder().wanted(WantedAttribute::new("estimated_age").with_alternative_name("")),
    );
    assert_eq!(
        err,
        PolicyError::EmptyAlternativeName {
            name: "estimated_age".into()
        }
    );
}

#[test]
fn identity_profiles_must_be_objects() {
    assert_eq!(
        build_err(Policy::builder().identity_profile_requirements(json!("UK_TFIDA"))),
        PolicyError::IdentityProfileNotObject {
            key: "identity_profile_requirements",
            found: "a string"
        }
    );
    assert_eq!(
        build_err(Policy::builder().advanced_identity_profile_requirements(json!([1]))),
        PolicyError::IdentityProfileNotObject {
            key: "advanced_identity_profile_requirements",
            found: "an array"
        }
    );
    // The plain requirements are checked even when the advanced ones replace them.
    assert_eq!(
        build_err(
            Policy::builder()
                .identity_profile_requirements(json!(null))
                .advanced_identity_profile_requirements(json!({}))
        ),
        PolicyError::IdentityProfileNotObject {
            key: "identity_profile_requirements",
            found: "null"
        }
    );
    for (value, found) in [(json!(true), "a boolean"), (json!(1), "a number")] {
        assert_eq!(
            build_err(Policy::builder().identity_profile_requirements(value)),
            PolicyError::IdentityProfileNotObject {
                key: "identity_profile_requirements",
                found
            }
        );
    }
}

#[test]
fn validate_checks_deserialised_policies() {
    let read: Policy =
        serde_json::from_str(r#"{"wanted":[],"identity_profile_requirements":"DBS"}"#).unwrap();
    assert!(matches!(
        read.validate(),
        Err(PolicyError::IdentityProfileNotObject { .. })
    ));
    let read: Policy = serde_json::from_str(r#"{"wanted":[{"name":""}]}"#).unwrap();
    assert_eq!(
        read.validate(),
        Err(PolicyError::EmptyAttributeName { index: 0 })
    );
}
