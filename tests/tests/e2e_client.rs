//! The client against the emulator, through public APIs only: every endpoint, the whole share
//! flow into a derived struct, and every error path a caller has to handle.

use std::time::Duration;

use serde_json::json;
use yoti_client::{
    ClientError, DigitalIdentityClient, IdError, ReceiptId, RetryPolicy, ShareOutcome,
};
use yoti_emulator::{ApplicationState, Emulator, EmulatorHandle};
use yoti_policy::{
    AgeVerification, Attribute, Date, DocumentDetails, Image, Profile, SharePolicy,
    ShareSessionConfiguration, StructuredPostalAddress,
};
use yoti_test_support::{EmulatorControl, Fault, FaultRule, test_key};

const SDK_ID: &str = "e2e-sdk-id";
const OTHER_SDK_ID: &str = "e2e-other-sdk-id";
const REDIRECT: &str = "https://example.com/callback";

async fn emulator() -> EmulatorHandle {
    Emulator::builder()
        .app(SDK_ID, test_key("node-2048.pem").public_key())
        .app(OTHER_SDK_ID, test_key("go-4096.pem").public_key())
        .start()
        .await
        .unwrap()
}

fn client(emulator: &EmulatorHandle) -> DigitalIdentityClient {
    DigitalIdentityClient::builder(SDK_ID, test_key("node-2048.pem"))
        .base_url(emulator.base_url())
        .retry(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        })
        .build()
        .unwrap()
}

/// What a redirect carries: the receipt id percent-encoded.
fn as_on_redirect(receipt_id: &str) -> String {
    receipt_id
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

#[derive(Debug, SharePolicy)]
#[yoti(selfie_authentication, remember_me)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    dob: Date,
    #[yoti(age_over = 18)]
    adult: bool,
    #[yoti(age_under = 30)]
    under_30: AgeVerification,
    #[yoti(selfie)]
    photo: Image,
    #[yoti(email_address)]
    email: Option<String>,
    #[yoti(document_details, source(passport))]
    document: DocumentDetails,
    #[yoti(document_images)]
    document_images: Vec<Image>,
    #[yoti(structured_postal_address)]
    address: Attribute<StructuredPostalAddress>,
}

#[tokio::test]
async fn the_whole_flow_decodes_the_persona_into_the_struct() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let config = ShareSessionConfiguration::new::<Checkout>(REDIRECT).unwrap();

    let session = client.create_share_session(&config).await.unwrap();
    assert!(session.id.as_str().starts_with("ss.v2."), "{}", session.id);
    assert_eq!(session.status, "CREATED");
    let details = client.get_share_session(&session.id).await.unwrap();
    assert!(details.qr_code.is_none() && details.receipt.is_none());

    let qr = client.create_share_qr_code(&session.id).await.unwrap();
    let uri = qr.uri.clone().unwrap();
    assert!(uri.starts_with(emulator.origin()), "{uri}");
    let qr_details = client.get_share_qr_code(&qr.id).await.unwrap();
    assert_eq!(qr_details.session.id, session.id);
    assert_eq!(qr_details.redirect_uri, REDIRECT);
    let details = client.get_share_session(&session.id).await.unwrap();
    assert_eq!(details.qr_code.unwrap().id, qr.id);

    let receipt_id = EmulatorControl::new(&emulator)
        .share_as_persona(&session.id)
        .await
        .unwrap()
        .receipt_id;
    let details = client.get_share_session(&session.id).await.unwrap();
    assert_eq!(details.receipt.unwrap().id, receipt_id);

    let receipt = client
        .get_share_receipt::<Checkout>(
            &ReceiptId::parse(&as_on_redirect(&receipt_id.to_string())).unwrap(),
        )
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    assert_eq!(receipt.id(), receipt_id);
    assert_eq!(receipt.session_id(), session.id);
    assert!(receipt.remember_me_id().is_some());
    assert!(receipt.application_profile().name().is_some());

    let user = receipt.user();
    assert_eq!(user.name, "Jane Alexandra Doe");
    assert_eq!(user.dob.to_string(), "1988-04-12");
    assert!(user.adult);
    assert!(!user.under_30.result());
    assert_eq!(user.under_30.age(), 30);
    assert_eq!(user.photo.data()[..2], [0xff, 0xd8]);
    assert_eq!(user.email.as_deref(), Some("jane.doe@example.com"));
    assert_eq!(user.document.document_type(), "PASSPORT");
    assert_eq!(user.document_images.len(), 2);
    assert!(user.address.sources().next().is_some());
    assert_eq!(user.address.value().country_iso(), Some("GBR"));
}

#[derive(Debug, SharePolicy)]
struct Named {
    #[yoti(full_name)]
    name: String,
    #[yoti(phone_number)]
    phone: Option<String>,
}

#[tokio::test]
async fn explicit_attributes_arrive_exactly_and_untyped_receipts_hold_every_attribute() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
    let session = client.create_share_session(&config).await.unwrap();
    let receipt_id = EmulatorControl::new(&emulator)
        .share(
            &session.id,
            &json!({"attributes": [{"name": "full_name", "value": "Zoë O'Brien", "content_type": "STRING",
            "anchors": [{"type": "SOURCE", "value": "DRIVING_LICENCE", "sub_type": ""}]}]}),
        )
        .await
        .unwrap()
        .receipt_id;

    let typed = client
        .get_share_receipt::<Named>(&receipt_id)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    assert_eq!(typed.user().name, "Zoë O'Brien");
    assert_eq!(typed.user().phone, None);

    let untyped = client
        .get_share_receipt::<Profile>(&receipt_id)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    let name = untyped.user().full_name().unwrap();
    assert_eq!(name.value(), "Zoë O'Brien");
    assert_eq!(name.sources().next().unwrap().value(), "DRIVING_LICENCE");
}

#[tokio::test]
async fn a_failed_share_is_a_typed_failure_and_no_item_key_is_fetched() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
    let session = client.create_share_session(&config).await.unwrap();
    let receipt_id = EmulatorControl::new(&emulator)
        .share(
            &session.id,
            &json!({"attributes": [{"name": "phone_number", "value": "+44 7700 900000"}]}),
        )
        .await
        .unwrap()
        .receipt_id;

    let outcome = client
        .get_share_receipt::<Named>(&receipt_id)
        .await
        .unwrap();
    let ShareOutcome::NotShared(failure) = outcome else {
        panic!("expected a failure receipt, got {outcome:?}");
    };
    assert_eq!(failure.error, "MANDATORY_DOCUMENT_NOT_PROVIDED");
    assert_eq!(failure.id(), receipt_id);
    assert!(
        failure
            .requirements_not_met
            .iter()
            .any(|detail| detail.details.as_deref() == Some("full_name")),
        "{failure:?}"
    );
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        0
    );
}

#[derive(Debug, SharePolicy)]
#[allow(dead_code)] // only its policy is ever sent
struct ShoeSize {
    // Outside the catalogue and not a third-party name (`com.example.shoe_size` would be one).
    #[yoti(attribute = "shoe_size")]
    size: String,
}

#[tokio::test]
async fn the_documented_http_errors_are_variants_to_match_on() {
    let emulator = emulator().await;
    let client = client(&emulator);

    // 400: an attribute Yoti does not know.
    let config = ShareSessionConfiguration::new::<ShoeSize>(REDIRECT).unwrap();
    let error = client.create_share_session(&config).await.unwrap_err();
    let ClientError::BadRequest(api) = &error else {
        panic!("expected 400, got {error:?}");
    };
    assert_eq!(api.code.as_deref(), Some("INVALID_PAYLOAD"));
    assert!(
        api.message.as_deref().unwrap().contains("not known"),
        "{api}"
    );

    // 404: unknown session, QR code and receipt.
    for error in [
        client
            .get_share_session(&"ss.v2.unknown".parse().unwrap())
            .await
            .unwrap_err(),
        client
            .get_share_qr_code(&"unknown-qr".parse().unwrap())
            .await
            .unwrap_err(),
    ] {
        assert!(matches!(error, ClientError::NotFound(_)), "{error:?}");
    }
    let unknown_receipt = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let error = client
        .get_share_receipt::<Named>(&ReceiptId::parse(unknown_receipt).unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::NotFound(_)), "{error:?}");

    // 403: the application may not share.
    assert!(emulator.set_application_state(SDK_ID, ApplicationState::ServiceDisabled));
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
    let error = client.create_share_session(&config).await.unwrap_err();
    assert!(matches!(error, ClientError::Forbidden(_)), "{error:?}");
}

#[tokio::test]
async fn signatures_are_checked_and_receipts_stay_with_their_application() {
    let emulator = emulator().await;
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();

    // The right SDK id with another application's key: the digest does not verify.
    let impostor = DigitalIdentityClient::builder(SDK_ID, test_key("go-4096.pem"))
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let error = impostor.create_share_session(&config).await.unwrap_err();
    let ClientError::Unauthorized(api) = &error else {
        panic!("expected 401, got {error:?}");
    };
    assert_eq!(api.code.as_deref(), Some("INVALID_REQUEST_SIGNATURE"));

    // An SDK id the service does not know.
    let stranger = DigitalIdentityClient::builder("unknown-sdk-id", test_key("node-2048.pem"))
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let error = stranger.create_share_session(&config).await.unwrap_err();
    let ClientError::Unauthorized(api) = &error else {
        panic!("expected 401, got {error:?}");
    };
    assert_eq!(api.code.as_deref(), Some("INVALID_AUTH_HEADER"));

    // A receipt of one application is not found by another.
    let session = client(&emulator)
        .create_share_session(&config)
        .await
        .unwrap();
    let receipt_id = EmulatorControl::new(&emulator)
        .share_as_persona(&session.id)
        .await
        .unwrap()
        .receipt_id;
    let other = DigitalIdentityClient::builder(OTHER_SDK_ID, test_key("go-4096.pem"))
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let error = other
        .get_share_receipt::<Named>(&receipt_id)
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::NotFound(_)), "{error:?}");
    let error = other.get_share_session(&session.id).await.unwrap_err();
    assert!(matches!(error, ClientError::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn a_replayed_nonce_is_refused() {
    let emulator = emulator().await;
    let key = test_key("node-2048.pem");
    let signed = yoti_client::signing::sign_request(
        &key,
        "GET",
        "/v2/sessions/ss.v2.unknown",
        &yoti_client::signing::new_nonce(),
        yoti_client::signing::now_ms(),
        None,
    )
    .unwrap();
    let http = reqwest::Client::new();
    let send = || {
        http.get(format!("{}{}", emulator.base_url(), signed.path_and_query))
            .header("X-Yoti-Auth-Id", SDK_ID)
            .header("X-Yoti-Auth-Digest", &signed.digest)
            .send()
    };
    assert_eq!(send().await.unwrap().status(), 404);
    let replay = send().await.unwrap();
    assert_eq!(replay.status(), 401);
    assert!(replay.text().await.unwrap().contains("INVALID"));
}

#[tokio::test]
async fn get_requests_are_retried_through_server_errors_and_dropped_connections() {
    let emulator = emulator().await;
    let control = EmulatorControl::new(&emulator);
    let client = client(&emulator);
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
    let session = client.create_share_session(&config).await.unwrap();

    control
        .add_fault(
            &FaultRule::new(Fault::status(503))
                .route("GET /v2/sessions/*")
                .times(2),
        )
        .await
        .unwrap();
    let details = client.get_share_session(&session.id).await.unwrap();
    assert_eq!(details.id, session.id);
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 3);

    control
        .add_fault(
            &FaultRule::new(Fault::DropMidBody)
                .route("GET /v2/sessions/*")
                .times(1),
        )
        .await
        .unwrap();
    client.get_share_session(&session.id).await.unwrap();
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 5);

    // Past the retries the last error is returned.
    control
        .add_fault(
            &FaultRule::new(Fault::status(500))
                .route("GET /v2/sessions/*")
                .times(10),
        )
        .await
        .unwrap();
    let error = client.get_share_session(&session.id).await.unwrap_err();
    let ClientError::Server(api) = &error else {
        panic!("expected 5xx, got {error:?}");
    };
    assert_eq!(api.status, 500);
    assert_eq!(emulator.request_count("GET /v2/sessions/{session_id}"), 9);
}

#[tokio::test]
async fn posts_are_never_sent_twice() {
    let emulator = emulator().await;
    let control = EmulatorControl::new(&emulator);
    let client = client(&emulator);
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();

    control
        .add_fault(
            &FaultRule::new(Fault::status(503))
                .route("POST /v2/sessions")
                .times(1),
        )
        .await
        .unwrap();
    let error = client.create_share_session(&config).await.unwrap_err();
    assert!(matches!(error, ClientError::Server(_)), "{error:?}");
    assert_eq!(emulator.request_count("POST /v2/sessions"), 1);

    control
        .add_fault(
            &FaultRule::new(Fault::Drop)
                .route("POST /v2/sessions")
                .times(1),
        )
        .await
        .unwrap();
    let error = client.create_share_session(&config).await.unwrap_err();
    assert!(matches!(error, ClientError::Transport { .. }), "{error:?}");
    assert_eq!(emulator.request_count("POST /v2/sessions"), 2);

    // The fault has cleared: the next call goes through.
    client.create_share_session(&config).await.unwrap();
}

#[tokio::test]
async fn timeouts_and_broken_bodies_are_reported_as_such() {
    let emulator = emulator().await;
    let control = EmulatorControl::new(&emulator);
    let client = DigitalIdentityClient::builder(SDK_ID, test_key("node-2048.pem"))
        .base_url(emulator.base_url())
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
    let session = client.create_share_session(&config).await.unwrap();

    control
        .add_fault(
            &FaultRule::new(Fault::latency(2000))
                .route("GET /v2/sessions/*")
                .times(1),
        )
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let error = client.get_share_session(&session.id).await.unwrap_err();
    assert!(matches!(error, ClientError::Timeout(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(1900));

    for kind in [Fault::not_json(), Fault::TruncatedBody] {
        control
            .add_fault(
                &FaultRule::new(kind.clone())
                    .route("GET /v2/sessions/*")
                    .times(1),
            )
            .await
            .unwrap();
        let error = client.get_share_session(&session.id).await.unwrap_err();
        assert!(
            matches!(error, ClientError::InvalidResponse { .. }),
            "{kind:?}: {error:?}"
        );
    }

    control
        .add_fault(
            &FaultRule::new(Fault::DropMidBody)
                .route("GET /v2/sessions/*")
                .times(1),
        )
        .await
        .unwrap();
    let error = client.get_share_session(&session.id).await.unwrap_err();
    assert!(matches!(error, ClientError::Transport { .. }), "{error:?}");
}

#[tokio::test]
async fn malformed_receipt_ids_fail_before_any_request() {
    let emulator = emulator().await;
    let client = client(&emulator);
    // Parsed before any call: a malformed id never reaches the client.
    for bad in ["", "not base64!", "%ZZ"] {
        let error = ReceiptId::parse(bad).unwrap_err();
        assert_eq!(error, IdError::Receipt, "{bad:?}");
        let error = ClientError::from(error);
        assert!(matches!(error, ClientError::InvalidId(_)), "{error:?}");
    }
    let _ = client;
    assert_eq!(emulator.request_count("GET /v2/receipts/{receipt_id}"), 0);
}
