//! Every documented refusal of create share session, through the client against the emulator:
//! each is a `ClientError` variant with Yoti's status, code and message, so a caller can match
//! on it; and a third-party attribute wanted by a derived policy is shared.

#[path = "support/emulator.rs"]
mod emulator;

use serde_json::json;
use yoti_client::{ApiError, ClientError};
use yoti_emulator::ApplicationState;
use yoti_policy::{Policy, SharePolicy, ShareSessionConfiguration};
use yoti_test_support::EmulatorControl;

#[derive(Debug, PartialEq, SharePolicy)]
struct Member {
    #[yoti(full_name)]
    name: String,
    #[yoti(attribute = "com.example.id")]
    member_id: String,
}

#[derive(Debug, SharePolicy)]
#[allow(dead_code)] // refused before any share: only its policy is used
struct Named {
    #[yoti(full_name)]
    name: String,
}

fn config<P: SharePolicy>() -> ShareSessionConfiguration {
    ShareSessionConfiguration::new::<P>("/done").unwrap()
}

/// A configuration whose policy was read from JSON, so never validated: `age_over:0` is not a
/// derivation Yoti accepts.
fn invalid_config() -> ShareSessionConfiguration {
    let policy: Policy = serde_json::from_value(json!({"wanted": [
        {"name": "date_of_birth", "optional": false, "derivation": "age_over:0"}
    ]}))
    .unwrap();
    ShareSessionConfiguration::from_policy(policy, "/done").unwrap()
}

fn unknown_attribute_config() -> ShareSessionConfiguration {
    let policy = Policy::builder()
        .wanted(yoti_policy::policy::WantedAttribute::new("shoe_size"))
        .build()
        .unwrap();
    ShareSessionConfiguration::from_policy(policy, "/done").unwrap()
}

fn issuing_config() -> ShareSessionConfiguration {
    let expiry = std::time::SystemTime::now() + std::time::Duration::from_secs(24 * 60 * 60);
    let issue =
        yoti_policy::session::ThirdPartyAttribute::new(expiry, ["com.example.badge"]).unwrap();
    config::<Named>().with_extension(issue)
}

/// The code and message of a refusal; panics on anything but the expected variant.
fn refusal(error: ClientError, status: u16) -> (String, String) {
    let api = match (status, error) {
        (400, ClientError::BadRequest(api)) | (403, ClientError::Forbidden(api)) => api,
        (_, other) => panic!("expected HTTP {status}, got {other:?}"),
    };
    let ApiError {
        status: got,
        code,
        message,
        ..
    } = api;
    assert_eq!(got, status);
    (code.unwrap(), message.unwrap())
}

#[tokio::test]
async fn an_invalid_payload_is_a_bad_request_in_yotis_words() {
    let (_emulator, client) = emulator::start().await;
    let error = client
        .create_share_session(&invalid_config())
        .await
        .unwrap_err();
    let (code, message) = refusal(error, 400);
    assert_eq!(code, "INVALID_PAYLOAD");
    assert!(
        message.starts_with("Invalid request payload sent: "),
        "{message}"
    );
}

#[tokio::test]
async fn unknown_attributes_are_a_bad_request_in_yotis_words() {
    let (_emulator, client) = emulator::start().await;
    let error = client
        .create_share_session(&unknown_attribute_config())
        .await
        .unwrap_err();
    let (code, message) = refusal(error, 400);
    assert_eq!(code, "INVALID_PAYLOAD");
    assert_eq!(
        message,
        "One or more of the specified attributes are not known: shoe_size"
    );
}

/// Sets the state, then creates a session with `config`: Yoti's 403.
async fn refused_in_state(
    state: ApplicationState,
    config: ShareSessionConfiguration,
) -> (String, String) {
    let (emulator, client) = emulator::start().await;
    assert!(emulator.set_application_state(emulator::SDK_ID, state));
    let error = client.create_share_session(&config).await.unwrap_err();
    refusal(error, 403)
}

#[tokio::test]
async fn a_disabled_service_is_forbidden() {
    let refused = refused_in_state(ApplicationState::ServiceDisabled, config::<Named>()).await;
    assert_eq!(
        refused,
        ("SERVICE_DISABLED".into(), "Service is disabled".into())
    );
}

#[tokio::test]
async fn a_service_without_an_organisation_is_forbidden() {
    let refused = refused_in_state(ApplicationState::NoOrganisation, config::<Named>()).await;
    assert_eq!(
        refused,
        (
            "NO_ORGANISATION".into(),
            "Service does not belong to an organisation".into()
        )
    );
}

#[tokio::test]
async fn an_organisation_not_pending_or_verified_is_forbidden() {
    let refused =
        refused_in_state(ApplicationState::OrganisationNotVerified, config::<Named>()).await;
    assert_eq!(
        refused,
        (
            "INVALID_ORG_STATUS".into(),
            "Organisation status must be PENDING or VERIFIED to perform shares".into()
        )
    );
}

#[tokio::test]
async fn requesting_a_third_party_attribute_without_permission_is_forbidden() {
    let refused = refused_in_state(
        ApplicationState::ThirdPartyRequestNotAllowed,
        config::<Member>(),
    )
    .await;
    assert_eq!(
        refused,
        (
            "THIRD_PARTY_REQUEST_NOT_ALLOWED".into(),
            "Service isn't allowed to request the specified 3rd party attribute".into()
        )
    );
}

#[tokio::test]
async fn issuing_a_third_party_attribute_without_permission_is_forbidden() {
    let refused = refused_in_state(
        ApplicationState::ThirdPartyIssuanceNotAllowed,
        issuing_config(),
    )
    .await;
    assert_eq!(
        refused,
        (
            "THIRD_PARTY_ATTRIBUTE_NOT_ALLOWED".into(),
            "Service isn't allowed to issue the specified 3rd party attribute".into()
        )
    );
}

#[tokio::test]
async fn a_derived_third_party_attribute_is_shared_and_decoded() {
    let (emulator, client) = emulator::start().await;
    let session = client
        .create_share_session(&config::<Member>())
        .await
        .unwrap();
    let receipt_id = EmulatorControl::new(&emulator)
        .share_as_persona(&session.id)
        .await
        .unwrap()
        .receipt_id;
    let receipt = client
        .get_share_receipt::<Member>(&receipt_id)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    assert_eq!(
        receipt.into_user(),
        Member {
            name: "Jane Alexandra Doe".into(),
            member_id: "com.example.id:jane-doe".into(),
        }
    );
}
