//! The typed builder of advanced identity profile requirements writes the very JSON of the raw
//! form: the official Node SDK's example of test-vectors/json/policy-examples.json.

use serde_json::{Map, Value, json};
use yoti_policy::Policy;
use yoti_policy::session::{
    AdvancedIdentityProfile, AdvancedIdentityProfileRequirements, AdvancedIdentityProfileScheme,
};

/// The policy example with advanced identity profile requirements, as the Node SDK writes it.
fn node_example() -> String {
    let examples: Value =
        serde_json::from_slice(&yoti_test_support::vector("json/policy-examples.json")).unwrap();
    examples
        .as_array()
        .unwrap()
        .iter()
        .find_map(|example| {
            let json = example["expected_json"].as_str()?;
            json.contains("advanced_identity_profile_requirements")
                .then(|| json.to_owned())
        })
        .unwrap()
}

fn built() -> AdvancedIdentityProfileRequirements {
    AdvancedIdentityProfileRequirements::new()
        .with_profile(
            AdvancedIdentityProfile::new("UK_TFIDA")
                .with_scheme(AdvancedIdentityProfileScheme::new("RTW").with_label("LB912"))
                .with_scheme(
                    AdvancedIdentityProfileScheme::new("DBS")
                        .with_label("LB777")
                        .with_objective("BASIC"),
                ),
        )
        .with_profile(
            AdvancedIdentityProfile::new("YOTI_GLOBAL").with_scheme(
                AdvancedIdentityProfileScheme::new("IDENTITY")
                    .with_label("LB321")
                    .with_objective("AL_L1"),
            ),
        )
}

#[test]
fn the_builder_writes_the_node_sdks_example_byte_for_byte() {
    let policy = Policy::builder()
        .advanced_identity_profile_requirements(built().into())
        .build()
        .unwrap();
    assert_eq!(serde_json::to_string(&policy).unwrap(), node_example());
}

#[test]
fn the_builder_and_the_raw_form_make_the_same_policy() {
    let example: Value = serde_json::from_str(&node_example()).unwrap();
    let raw = example["advanced_identity_profile_requirements"].clone();
    assert_eq!(built().to_json(), raw);
    let from_raw = Policy::builder()
        .advanced_identity_profile_requirements(raw)
        .build()
        .unwrap();
    let from_builder = Policy::builder()
        .advanced_identity_profile_requirements(built().into())
        .build()
        .unwrap();
    assert_eq!(from_builder, from_raw);
}

#[test]
fn config_is_passed_through_after_the_objective_and_unset_parts_are_left_out() {
    let mut config = Map::new();
    config.insert("documents".to_owned(), json!(["PASSPORT"]));
    let scheme = AdvancedIdentityProfileScheme::new("IDENTITY")
        .with_objective("AL_M1")
        .with_config(config);
    let requirements = AdvancedIdentityProfileRequirements::new()
        .with_profile(AdvancedIdentityProfile::new("YOTI_GLOBAL").with_scheme(scheme))
        .with_profile(AdvancedIdentityProfile::new("UK_TFIDA"));
    assert_eq!(
        requirements.to_json().to_string(),
        r#"{"profiles":[{"trust_framework":"YOTI_GLOBAL","schemes":[{"type":"IDENTITY","objective":"AL_M1","config":{"documents":["PASSPORT"]}}]},{"trust_framework":"UK_TFIDA","schemes":[]}]}"#
    );
    let profile = &requirements.profiles()[0];
    assert_eq!(profile.trust_framework(), "YOTI_GLOBAL");
    assert_eq!(profile.schemes()[0].scheme_type(), "IDENTITY");
    assert_eq!(profile.schemes()[0].label(), None);
    assert_eq!(profile.schemes()[0].objective(), Some("AL_M1"));
    assert!(profile.schemes()[0].config().is_some());
}
