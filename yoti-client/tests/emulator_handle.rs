//! A user's test driving the emulator from Rust, through the client: shares as the persona,
//! with chosen attributes and as a failure, each in one call on the handle; and faults, request
//! counters and application states on the same handle.

#[path = "support/emulator.rs"]
mod emulator;

use yoti_client::{ClientError, RetryPolicy, ShareOutcome};
use yoti_emulator::{
    ApplicationState, FailureType, Fault, FaultRule, Share, ShareAttribute, ShareError,
    UnmetRequirement,
};
use yoti_policy::{
    AgeVerification, Attribute, Date, Image, SharePolicy, ShareSessionConfiguration,
    StructuredPostalAddress,
};

#[derive(Debug, SharePolicy)]
struct Visitor {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    born: Date,
    #[yoti(age_over = 18)]
    adult: bool,
    #[yoti(age_under = 30)]
    young: AgeVerification,
    #[yoti(selfie)]
    selfie: Image,
    #[yoti(structured_postal_address)]
    address: StructuredPostalAddress,
    #[yoti(nationality)]
    nationality: Attribute<String>,
    #[yoti(attribute = "com.example.id")]
    member: String,
}

const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

async fn session(client: &yoti_client::DigitalIdentityClient) -> yoti_client::SessionId {
    let config = ShareSessionConfiguration::new::<Visitor>("/done").unwrap();
    client.create_share_session(&config).await.unwrap().id
}

#[tokio::test]
async fn the_persona_shares_in_one_call() {
    let (emulator, client) = emulator::start().await;
    let id = session(&client).await;
    let shared = emulator.share_persona(&id).unwrap();
    assert_eq!(shared.session_id, id);
    let visitor = client
        .get_share_receipt::<Visitor>(&shared.receipt_id)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared")
        .into_user();
    assert_eq!(visitor.name, "Jane Alexandra Doe");
    assert!(visitor.adult);
    assert_eq!(visitor.member, "com.example.id:jane-doe");

    // A second share of the same session is refused, typed.
    assert_eq!(
        emulator.share_persona(&id).unwrap_err(),
        ShareError::SessionCompleted
    );
    assert_eq!(
        emulator
            .share_persona(&"ss.v2.none".parse().unwrap())
            .unwrap_err(),
        ShareError::SessionNotFound
    );
}

#[tokio::test]
async fn chosen_attributes_are_shared_with_their_anchors_and_derivations() {
    let (emulator, client) = emulator::start().await;
    let id = session(&client).await;
    let share = Share::new()
        .text("full_name", "Ada Lovelace")
        .date("date_of_birth", "1815-12-10")
        .jpeg("selfie", JPEG)
        .json(
            "structured_postal_address",
            &serde_json::json!({"town_city": "London", "address_format": 1}),
        )
        .attribute(
            ShareAttribute::text("nationality", "GBR")
                .with_source("DRIVING_LICENCE", "OCR")
                .with_verifier("YOTI_ADMIN"),
        )
        .age_check("age_under:30", true)
        .text("com.example.id", "member-42");
    let receipt_id = emulator.share(&id, &share).unwrap().receipt_id;
    let visitor = client
        .get_share_receipt::<Visitor>(&receipt_id)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared")
        .into_user();
    assert_eq!(visitor.name, "Ada Lovelace");
    assert_eq!(visitor.born, Date::from_ymd(1815, 12, 10).unwrap());
    // Derived from the date of birth, as Yoti does.
    assert!(visitor.adult);
    assert!(visitor.young.result());
    assert_eq!(visitor.selfie.data().as_ref(), JPEG);
    assert_eq!(visitor.address.town_city(), Some("London"));
    assert_eq!(visitor.nationality.value(), "GBR");
    let sources: Vec<_> = visitor
        .nationality
        .sources()
        .map(|a| (a.value().to_owned(), a.sub_type().to_owned()))
        .collect();
    assert_eq!(sources, [("DRIVING_LICENCE".to_owned(), "OCR".to_owned())]);
    let verifiers: Vec<_> = visitor.nationality.verifiers().map(|a| a.value()).collect();
    assert_eq!(verifiers, ["YOTI_ADMIN"]);
    assert_eq!(visitor.member, "member-42");
}

#[tokio::test]
async fn a_failure_is_shared_with_its_requirements() {
    let (emulator, client) = emulator::start().await;
    let id = session(&client).await;
    let failure = Share::failure([
        UnmetRequirement::new(FailureType::SourceConstraintNotMet, "nationality")
            .with_document("PASSPORT"),
        UnmetRequirement::new(FailureType::AttributeNotProvided, "selfie"),
    ]);
    let receipt_id = emulator.share(&id, &failure).unwrap().receipt_id;
    let outcome = client
        .get_share_receipt::<Visitor>(&receipt_id)
        .await
        .unwrap();
    let ShareOutcome::NotShared(failure) = outcome else {
        panic!("expected a failure receipt, got {outcome:?}");
    };
    let unmet: Vec<_> = failure
        .requirements_not_met
        .iter()
        .map(|r| {
            (
                r.failure_type.as_deref(),
                r.details.as_deref(),
                r.document_type.as_deref(),
                r.document_country_iso_code.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        unmet,
        [
            (
                Some("SOURCE_CONSTRAINT_NOT_MET"),
                Some("nationality"),
                Some("PASSPORT"),
                Some("GBR")
            ),
            (Some("ATTRIBUTE_NOT_PROVIDED"), Some("selfie"), None, None),
        ]
    );

    // A failure needs a requirement.
    let id = session(&client).await;
    assert!(matches!(
        emulator.share(&id, &Share::failure([])),
        Err(ShareError::Invalid(_))
    ));
    // What is left out of a share of chosen attributes fails the policy by itself.
    let receipt_id = emulator
        .share(&id, &Share::new().text("full_name", "Ada"))
        .unwrap()
        .receipt_id;
    let outcome = client
        .get_share_receipt::<Visitor>(&receipt_id)
        .await
        .unwrap();
    assert!(outcome.failure().is_some(), "{outcome:?}");
}

#[tokio::test]
async fn faults_counters_and_states_are_on_the_handle() {
    let (emulator, _) = emulator::start().await;
    let client = yoti_client::DigitalIdentityClient::builder(
        emulator::SDK_ID,
        yoti_test_support::test_key("node-2048.pem"),
    )
    .base_url(emulator.base_url())
    .retry(RetryPolicy::none())
    .build()
    .unwrap();
    let rule = emulator
        .add_fault(
            FaultRule::new(Fault::status(503))
                .route("POST /v2/sessions")
                .times(1),
        )
        .unwrap();
    assert_eq!(emulator.faults(), std::slice::from_ref(&rule));
    let config = ShareSessionConfiguration::new::<Visitor>("/done").unwrap();
    let error = client.create_share_session(&config).await.unwrap_err();
    assert!(
        matches!(&error, ClientError::Server(e) if e.status == 503),
        "{error:?}"
    );
    // Used up: gone, and the next call passes.
    assert!(emulator.faults().is_empty());
    assert!(!emulator.remove_fault(&rule.id));
    client.create_share_session(&config).await.unwrap();
    assert_eq!(emulator.request_counts()["POST /v2/sessions"], 2);
    emulator.reset_request_counts();
    assert!(emulator.request_counts().is_empty());

    let kept = emulator
        .add_fault(FaultRule::new(Fault::latency(1)))
        .unwrap();
    assert!(emulator.remove_fault(&kept.id));
    emulator.add_fault(FaultRule::new(Fault::Drop)).unwrap();
    emulator.clear_faults();
    assert!(emulator.faults().is_empty());
    assert!(
        emulator
            .add_fault(FaultRule::new(Fault::status(200)))
            .is_err()
    );

    assert_eq!(
        emulator.application_state(emulator::SDK_ID),
        Some(ApplicationState::Active)
    );
    assert!(emulator.set_application_state(emulator::SDK_ID, ApplicationState::ServiceDisabled));
    assert_eq!(
        emulator.application_state(emulator::SDK_ID),
        Some(ApplicationState::ServiceDisabled)
    );
    assert!(matches!(
        client.create_share_session(&config).await,
        Err(ClientError::Forbidden(_))
    ));
    assert_eq!(emulator.application_state("nobody"), None);
}
