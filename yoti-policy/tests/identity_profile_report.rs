//! The typed views of an identity profile report, against the right-to-work report of
//! test-vectors/ (docs/protocol.md, "Identity profile report"), and the evidence links that
//! resolve to attributes of the same profile by ephemeral id.

use bytes::Bytes;
use serde_json::{Value, json};
use yoti_policy::profile::IdentityProfileReport;
use yoti_policy::{Attribute, AttributeValue, Image, ImageFormat, Profile, SharePolicy};

const DOCUMENT_IMAGES_ID: &str = "f253c8ab-f07b-4aeb-9dd0-50e670c7ebaf";
const SELFIE_ID: &str = "cc507f84-f1aa-476a-877b-850e949e0fc8";

fn rtw_json() -> Value {
    serde_json::from_str(&yoti_test_support::vector_text(
        "json/identity-profile-report-rtw.json",
    ))
    .unwrap()
}

fn rtw() -> IdentityProfileReport {
    IdentityProfileReport::from_json(rtw_json()).unwrap()
}

fn image(byte: u8) -> AttributeValue {
    AttributeValue::Image(Image::new(ImageFormat::Jpeg, Bytes::from(vec![byte; 4])))
}

/// A profile as a receipt of an RTW share holds it: the report, and the images it links to.
fn rtw_profile() -> Profile {
    Profile::from_attributes(vec![
        Attribute::new("selfie", image(1)).with_ephemeral_id(SELFIE_ID),
        Attribute::new(
            "document_images",
            AttributeValue::MultiValue(vec![image(2)]),
        )
        .with_ephemeral_id(DOCUMENT_IMAGES_ID),
        Attribute::new("identity_profile_report", AttributeValue::Json(rtw_json()))
            .with_ephemeral_id("report-id"),
    ])
}

#[test]
fn identity_assertion_reads_the_name_and_date_of_birth() {
    let report = rtw();
    let assertion = report.identity_assertion().unwrap();
    let name = assertion.current_name().unwrap();
    assert_eq!(name.given_names(), Some("JOHN JIM FRED"));
    assert_eq!(name.first_name(), Some("JOHN"));
    assert_eq!(name.middle_name(), Some("JIM FRED"));
    assert_eq!(name.family_name(), Some("FOO"));
    assert_eq!(name.full_name(), Some("JOHN JIM FRED FOO"));
    assert_eq!(
        assertion.date_of_birth().map(|d| d.to_string()).as_deref(),
        Some("1979-01-01")
    );
    // The RTW report has no address.
    assert!(assertion.address().is_none());
}

#[test]
fn verification_report_reads_schemes_and_the_assurance_process() {
    let report = rtw();
    let verification = report.verification_report().unwrap();
    assert_eq!(
        verification.report_id(),
        Some("61b99534-116d-4a25-9750-2d708c0fb168")
    );
    assert_eq!(verification.timestamp(), Some("2022-01-02T15:04:05Z"));
    assert_eq!(
        verification.subject_id(),
        Some("f0726cb6-97c1-4802-9feb-eb7c6cd07949")
    );
    assert_eq!(verification.trust_framework(), Some("UK_TFIDA"));

    let schemes: Vec<_> = verification.schemes().collect();
    assert_eq!(schemes.len(), 1);
    let scheme = schemes[0].scheme().unwrap();
    assert_eq!(scheme.scheme_type(), Some("RTW"));
    assert_eq!(scheme.objective(), None);
    assert_eq!(schemes[0].requirements_met(), Some(true));
    assert_eq!(schemes[0].requirements_not_met_info(), None);

    let process = verification.assurance_process().unwrap();
    assert_eq!(process.level_of_assurance(), Some("MEDIUM"));
    assert_eq!(process.policy(), Some("GPG45"));
    assert_eq!(process.procedure(), Some("M1C"));
    let assurance: Vec<_> = process
        .assurance()
        .map(|a| {
            (
                a.assurance_type().unwrap(),
                a.classification().unwrap(),
                a.evidence_links().count(),
            )
        })
        .collect();
    assert_eq!(
        assurance,
        [
            ("EVIDENCE_STRENGTH", "4", 1),
            ("EVIDENCE_VALIDITY", "3", 1),
            ("VERIFICATION", "3", 2)
        ]
    );
}

#[test]
fn evidence_reads_documents_and_the_face_capture() {
    let report = rtw();
    let evidence = report.verification_report().unwrap().evidence().unwrap();
    let documents: Vec<_> = evidence.documents().collect();
    assert_eq!(documents.len(), 1);
    let passport = documents[0];
    assert_eq!(
        passport.evidence_id(),
        Some("41960172-ca91-487c-8bb3-2c547f80fe54")
    );
    assert_eq!(passport.timestamp(), Some("2022-01-02T15:04:05Z"));
    assert_eq!(
        passport.document_fields().unwrap()["document_type"],
        "PASSPORT"
    );
    assert_eq!(
        passport.passed_checks().collect::<Vec<_>>(),
        [
            "CHIP_DIGITAL_SIGNATURE",
            "AUTOMATED_FACE_MATCH",
            "FRAUD_DOCUMENTS_LIST"
        ]
    );
    assert_eq!(passport.verifying_org(), Some("Yoti Ltd."));
    assert_eq!(passport.user_activity_ids().count(), 1);
    assert_eq!(
        passport.document_images_attribute_id(),
        Some(DOCUMENT_IMAGES_ID)
    );

    let face = evidence.face_capture().unwrap();
    assert_eq!(
        face.evidence_id(),
        Some("fb0880ca-5dd5-4776-badb-17549123c50b")
    );
    let liveness = face.initial_liveness().unwrap();
    assert_eq!(liveness.liveness_type(), Some("ACTIVE"));
    assert_eq!(liveness.timestamp(), Some("2022-01-02T15:04:05Z"));
    assert_eq!(face.verifying_org(), Some("Yoti Ltd."));
    assert_eq!(
        face.user_activity_ids().collect::<Vec<_>>(),
        ["a8e41187-7f5b-4e83-83d5-dc471452f1a8"]
    );
    assert_eq!(face.selfie_attribute_id(), Some(SELFIE_ID));
}

#[test]
fn authentication_report_and_proof() {
    let report = rtw();
    let authentication = report.authentication_report().unwrap();
    assert_eq!(
        authentication.report_id(),
        Some("d7202b65-657e-47a7-9679-7596db617b8c")
    );
    assert_eq!(authentication.timestamp(), Some("2022-01-02T15:04:05Z"));
    assert_eq!(authentication.policy(), Some("GPG44"));
    assert_eq!(authentication.level(), Some("MEDIUM"));
    assert_eq!(report.proof(), Some("<signature provided here>"));
    // A plain report has no plural reports.
    assert_eq!(report.verification_reports().count(), 0);
    assert_eq!(report.authentication_reports().count(), 0);
}

#[test]
fn evidence_links_resolve_to_the_profiles_attributes() {
    let profile = rtw_profile();
    let report = profile.identity_profile_report().unwrap().into_value();
    let evidence = report.verification_report().unwrap().evidence().unwrap();

    let images = evidence
        .documents()
        .next()
        .unwrap()
        .images(&profile)
        .unwrap();
    assert_eq!(images.name(), "document_images");
    assert_eq!(images.value(), &AttributeValue::MultiValue(vec![image(2)]));

    let selfie = evidence.face_capture().unwrap().selfie(&profile).unwrap();
    assert_eq!(selfie.name(), "selfie");
    assert_eq!(selfie.value(), &image(1));
}

#[test]
fn a_link_to_a_missing_attribute_is_none() {
    let profile = Profile::from_attributes(vec![
        Attribute::new("selfie", image(1)).with_ephemeral_id("another-id"),
        // An attribute without an ephemeral id never matches, not even an empty link.
        Attribute::new("document_images", image(2)),
    ]);
    let report = IdentityProfileReport::from_json(json!({"verification_report": {"evidence": {
        "documents": [{"document_images_attribute_id": ""}, {}],
        "face_capture": {"selfie_attribute_id": SELFIE_ID},
    }}}))
    .unwrap();
    let evidence = report.verification_report().unwrap().evidence().unwrap();
    assert!(evidence.documents().all(|d| d.images(&profile).is_none()));
    assert!(evidence.face_capture().unwrap().selfie(&profile).is_none());
    assert!(profile.attribute_by_ephemeral_id("").is_none());
    assert_eq!(
        profile
            .attribute_by_ephemeral_id("another-id")
            .unwrap()
            .name(),
        "selfie"
    );
}

#[test]
fn advanced_reports_are_read_in_the_plural() {
    let report = IdentityProfileReport::from_json(json!({
        "identity_assertion": {"current_name": {"full_name": "A B"}},
        "verification_reports": [
            {"trust_framework": "UK_TFIDA", "schemes_compliance": [
                {"scheme": {"type": "RTW", "label": "LB912"}, "requirements_met": true},
                {"scheme": {"type": "DBS", "objective": "BASIC", "label": "LB777"},
                 "requirements_met": false, "requirements_not_met_info": "ADDRESS"}
            ]},
            {"trust_framework": "YOTI_GLOBAL", "schemes_compliance": [
                {"scheme": {"type": "IDENTITY", "objective": "AL_L1", "label": "LB321"}, "requirements_met": true}
            ]},
            "not an object: skipped"
        ],
        "authentication_reports": [{"policy": "GPG44", "level": "MEDIUM"}],
    }))
    .unwrap();
    assert!(report.verification_report().is_none());
    let frameworks: Vec<_> = report
        .verification_reports()
        .map(|v| v.trust_framework().unwrap())
        .collect();
    assert_eq!(frameworks, ["UK_TFIDA", "YOTI_GLOBAL"]);
    let unmet: Vec<_> = report
        .verification_reports()
        .flat_map(|v| v.schemes().collect::<Vec<_>>())
        .filter(|s| s.requirements_met() == Some(false))
        .map(|s| {
            let scheme = s.scheme().unwrap();
            (
                scheme.label().unwrap(),
                scheme.objective().unwrap(),
                s.requirements_not_met_info().unwrap(),
            )
        })
        .collect();
    assert_eq!(unmet, [("LB777", "BASIC", "ADDRESS")]);
    let authentication: Vec<_> = report.authentication_reports().collect();
    assert_eq!(authentication.len(), 1);
    assert_eq!(authentication[0].level(), Some("MEDIUM"));
}

#[test]
fn unknown_keys_are_kept_and_wrong_types_read_as_none() {
    let report = IdentityProfileReport::from_json(json!({
        "identity_assertion": {"date_of_birth": "not a date", "current_name": "not an object",
                               "address": {"postal_code": "E1 6AN", "country_iso": "GBR"}},
        "verification_report": {"report_id": 7, "schemes_compliance": {"not": "a list"},
                                 "new_key": {"nested": [1, 2]}},
        "authentication_report": [],
        "proof": false,
    }))
    .unwrap();
    let assertion = report.identity_assertion().unwrap();
    assert!(assertion.date_of_birth().is_none());
    assert_eq!(assertion["date_of_birth"], "not a date");
    assert!(assertion.current_name().is_none());
    let address = assertion.address().unwrap();
    assert_eq!(address.postal_code(), Some("E1 6AN"));
    let verification = report.verification_report().unwrap();
    assert_eq!(verification.report_id(), None);
    assert_eq!(verification["report_id"], 7);
    assert_eq!(verification.schemes().count(), 0);
    assert_eq!(verification["new_key"], json!({"nested": [1, 2]}));
    assert_eq!(verification["absent"], Value::Null);
    assert!(verification.json().contains_key("new_key"));
    assert!(report.authentication_report().is_none());
    assert_eq!(report.proof(), None);
}

#[test]
fn debug_of_every_view_prints_keys_not_values() {
    let report = rtw();
    let verification = report.verification_report().unwrap();
    let evidence = verification.evidence().unwrap();
    let document = evidence.documents().next().unwrap();
    let assertion = report.identity_assertion().unwrap();
    let debugs = [
        format!("{report:?}"),
        format!("{assertion:?}"),
        format!("{:?}", assertion.current_name().unwrap()),
        format!("{verification:?}"),
        format!("{:?}", verification.schemes().collect::<Vec<_>>()),
        format!("{:?}", verification.assurance_process().unwrap()),
        format!("{evidence:?}"),
        format!("{document:?}"),
        format!("{:?}", evidence.face_capture().unwrap()),
        format!("{:?}", report.authentication_report().unwrap()),
    ];
    assert_eq!(
        debugs[3],
        r#"VerificationReport { keys: ["report_id", "timestamp", "subject_id", "trust_framework", "schemes_compliance", "assurance_process", "evidence"], .. }"#
    );
    for debug in &debugs {
        for value in [
            "JOHN",
            "FOO",
            "1979",
            "61b99534",
            "f0726cb6",
            "123456789",
            "GBR",
            SELFIE_ID,
            DOCUMENT_IMAGES_ID,
            "signature",
        ] {
            assert!(!debug.contains(value), "{value} in {debug}");
        }
    }
}

/// A right-to-work check as a struct: the report is a field like any other.
#[derive(Debug, SharePolicy)]
#[yoti(identity_profile(trust_framework = "UK_TFIDA", scheme = "RTW"))]
struct RightToWork {
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(identity_profile_report)]
    report: IdentityProfileReport,
}

#[test]
fn a_derived_struct_reads_the_report_without_touching_json() {
    // The report is returned for the requirements, not asked for by name.
    assert_eq!(
        RightToWork::POLICY_JSON,
        r#"{"wanted":[{"name":"selfie","optional":false}],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false,"identity_profile_requirements":{"trust_framework":"UK_TFIDA","scheme":{"type":"RTW"}}}"#
    );
    let profile = rtw_profile();
    let checked = RightToWork::from_profile(&profile).unwrap();
    let verification = checked.report.verification_report().unwrap();
    let met: Vec<_> = verification
        .schemes()
        .map(|s| {
            (
                s.scheme().unwrap().scheme_type().unwrap(),
                s.requirements_met(),
            )
        })
        .collect();
    assert_eq!(met, [("RTW", Some(true))]);
    let face = verification.evidence().unwrap().face_capture().unwrap();
    assert_eq!(face.selfie(&profile).unwrap().value(), &image(1));
    assert_eq!(checked.selfie.data().as_ref(), [1; 4]);
}

#[test]
fn a_derived_struct_without_the_report_is_a_decode_error() {
    let profile = Profile::from_attributes(vec![Attribute::new("selfie", image(1))]);
    let error = RightToWork::from_profile(&profile).unwrap_err();
    assert!(
        error.to_string().contains("identity_profile_report"),
        "{error}"
    );
}
