//! Random policies: the serde model writes exactly the canonical JSON of the derive's
//! `PolicySpec` and reads it back; random builder call sequences write what a reference model of
//! the official Node SDK's ordered-map semantics writes.

use proptest::prelude::*;
use serde_json::Value;
use yoti_policy::Policy;
use yoti_policy::catalogue::{ATTRIBUTE_WORDS, ESTIMATED_AGE, SOURCE_ANCHORS};
use yoti_policy::policy::{PolicyBuilder, SourceAnchor, SourceConstraint, WantedAttribute};
use yoti_policy_core::spec::{PolicySpec, SourceSpec, WantedSpec};

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(ATTRIBUTE_WORDS).prop_map(str::to_owned),
        Just(ESTIMATED_AGE.to_owned()),
        any::<String>(),
    ]
}

fn source() -> impl Strategy<Value = SourceSpec> {
    (
        prop::collection::vec(
            (
                proptest::sample::select(SOURCE_ANCHORS).prop_map(|(_, wire)| wire.to_owned()),
                prop_oneof![Just(String::new()), Just("NFC".to_owned()), any::<String>()],
            ),
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(anchors, soft_preference)| SourceSpec {
            anchors,
            soft_preference,
        })
}

fn derivation() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..=999).prop_map(|n| format!("age_over:{n}")),
        (1u32..=999).prop_map(|n| format!("age_under:{n}")),
        (1u32..=999, 0u32..=999).prop_map(|(n, b)| format!("age_over:{n}:{b}")),
        any::<String>(),
    ]
}

fn wanted() -> impl Strategy<Value = WantedSpec> {
    (
        name(),
        any::<bool>(),
        proptest::option::of(derivation()),
        prop::collection::vec(source(), 0..3),
        proptest::option::of(any::<bool>()),
        prop::collection::vec(any::<String>(), 0..3),
    )
        .prop_map(
            |(name, optional, derivation, constraints, accept, alternative_names)| WantedSpec {
                name,
                optional,
                derivation,
                constraints,
                accept_self_asserted: accept,
                alternative_names,
            },
        )
}

/// Small JSON values: integers (whose bytes `serde_json` keeps), strings with any characters,
/// nested arrays and objects with distinct keys.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map("[a-z_]{1,12}", json_value(), 0..4)
        // Shuffle away from sorted order: key order must be kept as written.
        .prop_map(|members| Value::Object(members.into_iter().rev().collect()))
}

fn policy_spec() -> impl Strategy<Value = PolicySpec> {
    (
        prop::collection::vec(wanted(), 0..6),
        prop::collection::vec(any::<u32>(), 0..4),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(json_object()),
        proptest::option::of(json_object()),
    )
        .prop_map(
            |(wanted, auth_types, remember_me, remember_me_optional, identity, advanced)| {
                PolicySpec {
                    wanted,
                    auth_types,
                    remember_me,
                    remember_me_optional,
                    identity_profile: identity,
                    advanced_identity_profile: advanced,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn serde_model_writes_the_canonical_json(spec in policy_spec()) {
        let policy = Policy::from(spec.clone());
        let json = serde_json::to_string(&policy).unwrap();
        prop_assert_eq!(&json, &spec.to_json());
        let read: Policy = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(read, policy);
    }
}

/// One call on the builder, drawn from small pools so that repeats are frequent.
#[derive(Debug, Clone)]
enum Call {
    Catalogue(&'static str),
    AgeOver(u32),
    AgeUnder(u32),
    EstimatedAgeOver(u32, u32),
    Wanted {
        name: &'static str,
        optional: bool,
        source: Option<(Vec<(&'static str, &'static str)>, bool)>,
        accept_self_asserted: Option<bool>,
    },
    Selfie(bool),
    Pin(bool),
    AuthType(u32),
    WithoutAuthType(u32),
    RememberMe(bool),
    RememberMeOptional(bool),
    IdentityProfile(Value),
    AdvancedIdentityProfile(Value),
}

fn call() -> impl Strategy<Value = Call> {
    let age = || proptest::sample::select(vec![18u32, 21, 30, 40]);
    let source = (
        prop::collection::vec(
            (
                proptest::sample::select(vec!["PASSPORT", "DRIVING_LICENCE"]),
                proptest::sample::select(vec!["", "NFC"]),
            ),
            1..3,
        ),
        any::<bool>(),
    );
    prop_oneof![
        proptest::sample::select(ATTRIBUTE_WORDS).prop_map(Call::Catalogue),
        age().prop_map(Call::AgeOver),
        age().prop_map(Call::AgeUnder),
        (age(), proptest::sample::select(vec![0u32, 5]))
            .prop_map(|(a, b)| Call::EstimatedAgeOver(a, b)),
        (
            proptest::sample::select(vec!["family_name", "full_name", "com.thirdparty.id"]),
            any::<bool>(),
            proptest::option::of(source),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(
                |(name, optional, source, accept_self_asserted)| Call::Wanted {
                    name,
                    optional,
                    source,
                    accept_self_asserted,
                }
            ),
        any::<bool>().prop_map(Call::Selfie),
        any::<bool>().prop_map(Call::Pin),
        (1u32..5).prop_map(Call::AuthType),
        (1u32..5).prop_map(Call::WithoutAuthType),
        any::<bool>().prop_map(Call::RememberMe),
        any::<bool>().prop_map(Call::RememberMeOptional),
        json_object().prop_map(Call::IdentityProfile),
        json_object().prop_map(Call::AdvancedIdentityProfile),
    ]
}

fn catalogue_call(builder: PolicyBuilder, word: &str) -> PolicyBuilder {
    match word {
        "family_name" => builder.family_name(),
        "given_names" => builder.given_names(),
        "full_name" => builder.full_name(),
        "date_of_birth" => builder.date_of_birth(),
        "gender" => builder.gender(),
        "postal_address" => builder.postal_address(),
        "structured_postal_address" => builder.structured_postal_address(),
        "nationality" => builder.nationality(),
        "phone_number" => builder.phone_number(),
        "selfie" => builder.selfie(),
        "email_address" => builder.email_address(),
        "document_details" => builder.document_details(),
        "document_images" => builder.document_images(),
        other => panic!("catalogue word {other} has no builder method"),
    }
}

/// The official Node SDK's semantics, written independently of the builder: wanted attributes in
/// an insertion-ordered map keyed by derivation-or-name plus the constraints' JSON; auth types in
/// an insertion-ordered set.
#[derive(Default)]
struct Reference {
    wanted: Vec<(String, WantedSpec)>,
    spec: PolicySpec,
}

impl Reference {
    fn add(&mut self, wanted: WantedSpec) {
        let mut key = wanted
            .derivation
            .clone()
            .unwrap_or_else(|| wanted.name.clone());
        if !wanted.constraints.is_empty() {
            let mut constraints = String::from("[");
            for (i, source) in wanted.constraints.iter().enumerate() {
                if i > 0 {
                    constraints.push(',');
                }
                constraints.push_str(&source.to_json_value().to_string());
            }
            constraints.push(']');
            key = format!("{key}-{constraints}");
        }
        match self.wanted.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = wanted,
            None => self.wanted.push((key, wanted)),
        }
    }

    fn auth(&mut self, auth_type: u32, enabled: bool) {
        self.spec.auth_types.retain(|t| *t != auth_type || enabled);
        if enabled && !self.spec.auth_types.contains(&auth_type) {
            self.spec.auth_types.push(auth_type);
        }
    }

    fn into_spec(self) -> PolicySpec {
        PolicySpec {
            wanted: self.wanted.into_iter().map(|(_, w)| w).collect(),
            ..self.spec
        }
    }
}

fn apply(builder: PolicyBuilder, reference: &mut Reference, call: Call) -> PolicyBuilder {
    match call {
        Call::Catalogue(word) => {
            reference.add(WantedSpec::new(word));
            catalogue_call(builder, word)
        }
        Call::AgeOver(age) => {
            reference.add(WantedSpec::new("date_of_birth").derivation(format!("age_over:{age}")));
            builder.age_over(age)
        }
        Call::AgeUnder(age) => {
            reference.add(WantedSpec::new("date_of_birth").derivation(format!("age_under:{age}")));
            builder.age_under(age)
        }
        Call::EstimatedAgeOver(age, buffer) => {
            let mut wanted =
                WantedSpec::new("estimated_age").derivation(format!("age_over:{age}:{buffer}"));
            wanted.alternative_names = vec!["date_of_birth".into()];
            reference.add(wanted);
            builder.estimated_age_over(age, buffer)
        }
        Call::Wanted {
            name,
            optional,
            source,
            accept_self_asserted,
        } => {
            let mut spec = WantedSpec::new(name);
            spec.optional = optional;
            spec.accept_self_asserted = accept_self_asserted;
            let mut attribute = WantedAttribute::new(name).with_optional(optional);
            if let Some((anchors, soft_preference)) = source {
                spec.constraints.push(SourceSpec {
                    anchors: anchors
                        .iter()
                        .map(|(n, s)| ((*n).into(), (*s).into()))
                        .collect(),
                    soft_preference,
                });
                let constraint = anchors
                    .iter()
                    .fold(SourceConstraint::new(), |c, (n, s)| {
                        c.with_anchor(SourceAnchor::new(*n, *s))
                    })
                    .with_soft_preference(soft_preference);
                attribute = attribute.with_constraint(constraint);
            }
            if let Some(accept) = accept_self_asserted {
                attribute = attribute.with_accept_self_asserted(accept);
            }
            reference.add(spec);
            builder.wanted(attribute)
        }
        Call::Selfie(enabled) => {
            reference.auth(1, enabled);
            builder.selfie_authentication(enabled)
        }
        Call::Pin(enabled) => {
            reference.auth(2, enabled);
            builder.pin_authentication(enabled)
        }
        Call::AuthType(n) => {
            reference.auth(n, true);
            builder.auth_type(n)
        }
        Call::WithoutAuthType(n) => {
            reference.auth(n, false);
            builder.without_auth_type(n)
        }
        Call::RememberMe(b) => {
            reference.spec.remember_me = b;
            builder.remember_me(b)
        }
        Call::RememberMeOptional(b) => {
            reference.spec.remember_me_optional = b;
            builder.remember_me_optional(b)
        }
        Call::IdentityProfile(json) => {
            reference.spec.identity_profile = Some(json.clone());
            builder.identity_profile_requirements(json)
        }
        Call::AdvancedIdentityProfile(json) => {
            reference.spec.advanced_identity_profile = Some(json.clone());
            builder.advanced_identity_profile_requirements(json)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn builder_follows_node_ordered_map_semantics(calls in prop::collection::vec(call(), 0..24)) {
        let mut reference = Reference::default();
        let builder = calls
            .into_iter()
            .fold(Policy::builder(), |builder, call| apply(builder, &mut reference, call));
        let policy = builder.build().unwrap();
        let json = serde_json::to_string(&policy).unwrap();
        prop_assert_eq!(&json, &reference.into_spec().to_json());
        let read: Policy = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(read, policy);
    }
}
