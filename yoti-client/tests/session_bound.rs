//! `get_share_receipt_for_session` against the emulator: a receipt is handed over only for the
//! share session it belongs to; one of another session (a receipt id copied from another
//! browser) is refused after one request, before its item key is fetched or anything decrypted.

#[path = "support/emulator.rs"]
mod emulator;

use yoti_client::{ClientError, ShareOutcome};
use yoti_policy::{SharePolicy, ShareSessionConfiguration};
use yoti_test_support::EmulatorControl;

#[derive(Debug, SharePolicy)]
struct Named {
    #[yoti(full_name)]
    name: String,
}

const RECEIPTS: &str = "GET /v2/receipts/{receipt_id}";
const ITEM_KEYS: &str = "GET /v2/wrapped-item-keys/{item_key_id}";

async fn new_session(client: &yoti_client::DigitalIdentityClient) -> yoti_client::SessionId {
    let config = ShareSessionConfiguration::new::<Named>("https://example.com/callback").unwrap();
    client.create_share_session(&config).await.unwrap().id
}

#[tokio::test]
async fn a_receipt_is_given_only_for_its_own_session() {
    let (emulator, client) = emulator::start().await;
    let mine = new_session(&client).await;
    let theirs = new_session(&client).await;
    let receipt_id = EmulatorControl::new(&emulator)
        .share_as_persona(&theirs)
        .await
        .unwrap()
        .receipt_id;

    // Their receipt, asked for with my session: refused after the receipt request alone.
    let error = client
        .get_share_receipt_for_session::<Named>(&receipt_id, &mine)
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::ReceiptForAnotherSession),
        "{error:?}"
    );
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(&receipt_id.to_string()), "{text}");
        assert!(
            !text.contains(mine.as_str()) && !text.contains(theirs.as_str()),
            "{text}"
        );
    }
    assert_eq!(emulator.request_count(RECEIPTS), 1);
    assert_eq!(emulator.request_count(ITEM_KEYS), 0);

    // With its own session it is decrypted as `get_share_receipt` would.
    let receipt = client
        .get_share_receipt_for_session::<Named>(&receipt_id, &theirs)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    assert_eq!(receipt.session_id(), theirs);
    assert_eq!(receipt.user().name, "Jane Alexandra Doe");
    assert_eq!(emulator.request_count(ITEM_KEYS), 1);
}

#[tokio::test]
async fn a_failure_receipt_of_another_session_is_refused_too() {
    let (emulator, client) = emulator::start().await;
    let mine = new_session(&client).await;
    let theirs = new_session(&client).await;
    // No full name shared: the emulator answers with a failure receipt.
    let receipt_id = EmulatorControl::new(&emulator)
        .share(&theirs, &serde_json::json!({"attributes": []}))
        .await
        .unwrap()
        .receipt_id;

    let error = client
        .get_share_receipt_for_session::<Named>(&receipt_id, &mine)
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::ReceiptForAnotherSession),
        "{error:?}"
    );
    // Its own session sees the failure itself, as an outcome.
    let outcome = client
        .get_share_receipt_for_session::<Named>(&receipt_id, &theirs)
        .await
        .unwrap();
    let ShareOutcome::NotShared(failure) = &outcome else {
        panic!("expected a failure receipt, got {outcome:?}");
    };
    assert_eq!(failure.session_id(), theirs);
    assert_eq!(outcome.metadata().session_id, theirs);
}

#[tokio::test]
async fn the_emulator_at_a_base_url_without_share_gives_the_no_route_hint() {
    let (emulator, _) = emulator::start().await;
    let client = yoti_client::DigitalIdentityClient::builder(
        emulator::SDK_ID,
        yoti_test_support::test_key("node-2048.pem"),
    )
    .base_url(emulator.origin())
    .build()
    .unwrap();
    let config = ShareSessionConfiguration::new::<Named>("https://example.com/callback").unwrap();
    let error = client.create_share_session(&config).await.unwrap_err();
    assert!(
        matches!(&error, ClientError::NoRoute { base_url, .. } if *base_url == emulator.origin()),
        "{error:?}"
    );
    assert!(error.to_string().contains("`/share`"), "{error}");
}
