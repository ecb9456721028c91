//! The policy examples of the official Node SDK's tests, reproduced byte for byte by the runtime
//! builder, and read back by the serde model.

use serde_json::{Value, json};
use yoti_policy::Policy;
use yoti_policy::policy::{Constraint, SourceAnchor, SourceConstraint, WantedAttribute};

fn expected(index: usize) -> String {
    let examples: Value =
        serde_json::from_slice(&yoti_test_support::vector("json/policy-examples.json")).unwrap();
    examples[index]["expected_json"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn dbs_standard() -> Value {
    json!({"trust_framework": "UK_TFIDA", "scheme": {"type": "DBS", "objective": "STANDARD"}})
}

/// The builder's policy for each of the entries 0 to 10.
fn built(index: usize) -> Policy {
    let builder = Policy::builder();
    let builder = match index {
        0 => builder
            .family_name()
            .given_names()
            .full_name()
            .date_of_birth()
            .gender()
            .postal_address()
            .structured_postal_address()
            .nationality()
            .phone_number()
            .selfie()
            .email_address()
            .document_details()
            .document_images(),
        1 => builder.attribute("family_name").attribute("given_names"),
        2 => builder
            .date_of_birth()
            .age_over(18)
            .age_under(30)
            .age_under(40),
        3 => builder.age_under(30).age_under(30),
        4 => builder
            .selfie_authentication(true)
            .pin_authentication(true)
            .auth_type(99),
        5 => builder
            .selfie_authentication(false)
            .pin_authentication(false),
        6 => builder.remember_me(true),
        7 => builder
            .wanted(
                WantedAttribute::new("family_name").with_constraint(Constraint::Source(
                    SourceConstraint::new().with_anchor(SourceAnchor::new("PASSPORT", "")),
                )),
            )
            .wanted(
                WantedAttribute::new("family_name")
                    .with_constraint(Constraint::Source(
                        SourceConstraint::new()
                            .with_anchor(SourceAnchor::from_word("driving_licence", "").unwrap()),
                    ))
                    .with_accept_self_asserted(true),
            ),
        8 => builder.identity_profile_requirements(dbs_standard()),
        9 => builder
            .gender()
            .nationality()
            .identity_profile_requirements(dbs_standard()),
        10 => builder.advanced_identity_profile_requirements(json!({"profiles": [
            {"trust_framework": "UK_TFIDA", "schemes": [
                {"label": "LB912", "type": "RTW"},
                {"label": "LB777", "type": "DBS", "objective": "BASIC"}]},
            {"trust_framework": "YOTI_GLOBAL", "schemes": [
                {"label": "LB321", "type": "IDENTITY", "objective": "AL_L1"}]}]})),
        _ => unreachable!("only entries 0 to 10 are policies"),
    };
    builder.build().unwrap()
}

#[test]
fn builder_reproduces_every_policy_example() {
    for index in 0..=10 {
        assert_eq!(
            serde_json::to_string(&built(index)).unwrap(),
            expected(index),
            "entry {index}"
        );
    }
}

#[test]
fn every_policy_example_reads_back_into_the_same_policy() {
    for index in 0..=10 {
        let read: Policy = serde_json::from_str(&expected(index)).unwrap();
        assert_eq!(read, built(index), "entry {index}");
        assert_eq!(serde_json::to_string(&read).unwrap(), expected(index));
        read.validate().unwrap();
    }
}

#[test]
fn accessors_show_what_was_read() {
    let policy: Policy = serde_json::from_str(&expected(7)).unwrap();
    let second = &policy.wanted()[1];
    assert_eq!(second.name(), "family_name");
    assert!(!second.is_optional());
    assert_eq!(second.derivation(), None);
    assert_eq!(second.accept_self_asserted(), Some(true));
    let Constraint::Source(source) = &second.constraints()[0] else {
        panic!("expected a source constraint");
    };
    assert_eq!(source.anchors()[0].name(), "DRIVING_LICENCE");
    assert_eq!(source.anchors()[0].sub_type(), "");
    assert!(!source.soft_preference());
    assert_eq!(second.constraints()[0].constraint_type(), "SOURCE");

    let policy: Policy = serde_json::from_str(&expected(4)).unwrap();
    assert_eq!(policy.wanted_auth_types(), &[1, 2, 99]);
    let policy: Policy = serde_json::from_str(&expected(6)).unwrap();
    assert!(policy.wanted_remember_me());
    assert!(!policy.wanted_remember_me_optional());
    let policy: Policy = serde_json::from_str(&expected(8)).unwrap();
    assert_eq!(
        policy.identity_profile_requirements(),
        Some(&dbs_standard())
    );
    assert_eq!(policy.advanced_identity_profile_requirements(), None);
}

#[test]
fn deserialising_accepts_what_other_sdks_send() {
    // The official Go SDK omits `optional` when false and never sends the remember-me-optional
    // flag; the PHP SDK sends both identity profile keys, `null` when unset.
    let go = r#"{"wanted":[{"name":"full_name","accept_self_asserted":false},{"name":"date_of_birth","derivation":"age_over:18","optional":true}],"wanted_auth_types":[1],"wanted_remember_me":true}"#;
    let policy: Policy = serde_json::from_str(go).unwrap();
    assert!(!policy.wanted()[0].is_optional());
    assert_eq!(policy.wanted()[0].accept_self_asserted(), Some(false));
    assert!(policy.wanted()[1].is_optional());
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"wanted":[{"name":"full_name","optional":false,"accept_self_asserted":false},{"name":"date_of_birth","optional":true,"derivation":"age_over:18"}],"wanted_auth_types":[1],"wanted_remember_me":true,"wanted_remember_me_optional":false}"#
    );

    let php = r#"{"wanted":[{"name":"gender","optional":false,"derivation":null,"constraints":null}],"wanted_auth_types":null,"wanted_remember_me":null,"wanted_remember_me_optional":false,"identity_profile_requirements":null,"advanced_identity_profile_requirements":null}"#;
    let policy: Policy = serde_json::from_str(php).unwrap();
    assert_eq!(policy, Policy::builder().gender().build().unwrap());

    let minimal: Policy = serde_json::from_str(r#"{"wanted":[]}"#).unwrap();
    assert_eq!(minimal, Policy::default());
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"wanted":[],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#
    );
}

#[test]
fn deserialising_rejects_what_has_no_meaning() {
    for bad in [
        r#"{}"#,
        r#"{"wanted":[{"optional":false}]}"#,
        r#"{"wanted":[{"name":"x","constraints":[{"type":"SOMETHING","preferred_sources":{"anchors":[]}}]}]}"#,
        r#"{"wanted":[{"name":"x","constraints":[{"type":"SOURCE"}]}]}"#,
        r#"{"wanted":[{"name":"x","constraints":[{"preferred_sources":{"anchors":[]}}]}]}"#,
        r#"{"wanted":[],"wanted_auth_types":[-1]}"#,
    ] {
        assert!(serde_json::from_str::<Policy>(bad).is_err(), "{bad}");
    }
    let unknown = serde_json::from_str::<Policy>(
        r#"{"wanted":[{"name":"x","constraints":[{"type":"SOMETHING"}]}]}"#,
    )
    .unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("unknown constraint type `SOMETHING`")
    );
}

#[test]
fn advanced_identity_profile_wins_and_the_plain_one_is_dropped() {
    let advanced = json!({"profiles": []});
    let policy = Policy::builder()
        .identity_profile_requirements(dbs_standard())
        .advanced_identity_profile_requirements(advanced.clone())
        .build()
        .unwrap();
    assert_eq!(policy.identity_profile_requirements(), None);
    assert_eq!(
        policy.advanced_identity_profile_requirements(),
        Some(&advanced)
    );
    let json = serde_json::to_string(&policy).unwrap();
    assert!(json.ends_with(r#","advanced_identity_profile_requirements":{"profiles":[]}}"#));

    let both = r#"{"wanted":[],"identity_profile_requirements":{"a":1},"advanced_identity_profile_requirements":{"b":2}}"#;
    let read: Policy = serde_json::from_str(both).unwrap();
    assert_eq!(read.identity_profile_requirements(), None);
    assert_eq!(
        read.advanced_identity_profile_requirements(),
        Some(&json!({"b": 2}))
    );
}

#[test]
fn sources_with_sub_types_and_soft_preference() {
    let policy = Policy::builder()
        .wanted(
            WantedAttribute::new("document_details")
                .with_optional(true)
                .with_constraint(
                    SourceConstraint::new()
                        .with_anchor(SourceAnchor::from_word("passport", "").unwrap())
                        .with_anchor(SourceAnchor::new("DRIVING_LICENCE", "NFC"))
                        .with_soft_preference(true),
                ),
        )
        .estimated_age_over(18, 5)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"wanted":[{"name":"document_details","optional":true,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"PASSPORT","sub_type":""},{"name":"DRIVING_LICENCE","sub_type":"NFC"}],"soft_preference":true}}]},{"name":"estimated_age","optional":false,"derivation":"age_over:18:5","alternative_names":["date_of_birth"]}],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#
    );
    assert!(SourceAnchor::from_word("PASSPORT", "").is_none());
    // A missing sub type or soft preference reads as their defaults.
    let read: Policy = serde_json::from_str(
        r#"{"wanted":[{"name":"selfie","constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"PASSPORT"}]}}]}]}"#,
    )
    .unwrap();
    let Constraint::Source(source) = &read.wanted()[0].constraints()[0] else {
        panic!("expected a source constraint");
    };
    assert_eq!(source.anchors(), &[SourceAnchor::new("PASSPORT", "")]);
    assert!(!source.soft_preference());
}

#[test]
fn auth_types_form_an_ordered_set() {
    let policy = Policy::builder()
        .auth_type(99)
        .selfie_authentication(true)
        .auth_type(99)
        .pin_authentication(true)
        .selfie_authentication(true)
        .without_auth_type(99)
        .auth_type(7)
        .build()
        .unwrap();
    assert_eq!(policy.wanted_auth_types(), &[1, 2, 7]);
    let policy = Policy::builder()
        .selfie_authentication(true)
        .selfie_authentication(false)
        .without_auth_type(5)
        .build()
        .unwrap();
    assert_eq!(policy.wanted_auth_types(), &[] as &[u32]);
}

#[test]
fn the_same_question_replaces_the_first_in_its_place() {
    let policy = Policy::builder()
        .full_name()
        .email_address()
        .wanted(WantedAttribute::new("full_name").with_optional(true))
        .remember_me_optional(true)
        .build()
        .unwrap();
    assert_eq!(policy.wanted().len(), 2);
    assert_eq!(policy.wanted()[0].name(), "full_name");
    assert!(policy.wanted()[0].is_optional());
    assert!(policy.wanted_remember_me_optional());
    // A derivation is its own question, distinct from the plain attribute.
    let policy = Policy::builder()
        .date_of_birth()
        .age_over(18)
        .age_over(18)
        .estimated_age_over(18, 5)
        .build()
        .unwrap();
    assert_eq!(policy.wanted().len(), 3);
}
