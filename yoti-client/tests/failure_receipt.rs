//! A share that did not satisfy the policy, through the client: the failure receipt keeps the
//! receipt's metadata and every unmet requirement with all its fields, and no wrapped item key is
//! fetched for it.

#[path = "support/emulator.rs"]
mod emulator;

use yoti_client::ShareOutcome;
use yoti_policy::{SharePolicy, ShareSessionConfiguration};
use yoti_test_support::EmulatorControl;

#[derive(Debug, SharePolicy)]
#[allow(dead_code)] // the share fails: only its policy is used
struct Traveller {
    #[yoti(full_name)]
    name: String,
    #[yoti(nationality, source(passport))]
    nationality: String,
}

#[tokio::test]
async fn a_failed_share_keeps_the_metadata_and_every_requirement() {
    let (emulator, client) = emulator::start().await;
    let config = ShareSessionConfiguration::new::<Traveller>("https://example.com/cb").unwrap();
    let session_id = client.create_share_session(&config).await.unwrap().id;
    // No full name, and a nationality from a driving licence where only a passport will do.
    let share = serde_json::json!({"attributes": [{"name": "nationality", "value": "GBR",
        "anchors": [{"type": "SOURCE", "value": "DRIVING_LICENCE"}]}]});
    let receipt_id = EmulatorControl::new(&emulator)
        .share(&session_id, &share)
        .await
        .unwrap()
        .receipt_id;

    let outcome = client
        .get_share_receipt::<Traveller>(&receipt_id)
        .await
        .unwrap();
    assert!(!outcome.is_shared());
    let ShareOutcome::NotShared(failure) = &outcome else {
        panic!("expected a failure receipt, got {outcome:?}");
    };
    assert!(receipt_id.is_returned_as(failure.id()));
    assert_eq!(failure.session_id(), session_id);
    assert_eq!(failure.metadata.session_id, session_id);
    // The emulator writes RFC 3339 seconds in UTC: `YYYY-MM-DDTHH:MM:SSZ`.
    let timestamp = failure.timestamp();
    assert_eq!(timestamp.len(), 20, "{timestamp}");
    assert!(
        timestamp.ends_with('Z') && timestamp.as_bytes()[10] == b'T',
        "{timestamp}"
    );
    assert_eq!(failure.remember_me_id(), None);
    assert_eq!(failure.error, "MANDATORY_DOCUMENT_NOT_PROVIDED");

    let details: Vec<_> = failure
        .requirements_not_met
        .iter()
        .map(|r| {
            (
                r.failure_type.as_deref(),
                r.details.as_deref(),
                r.document_type.as_deref(),
                r.document_country_iso_code.as_deref(),
                r.audit_id.as_ref().map(String::len),
            )
        })
        .collect();
    assert_eq!(
        details,
        [
            (
                Some("ATTRIBUTE_NOT_PROVIDED"),
                Some("full_name"),
                None,
                None,
                Some(36)
            ),
            (
                Some("SOURCE_CONSTRAINT_NOT_MET"),
                Some("nationality"),
                Some("PASSPORT"),
                Some("GBR"),
                Some(36)
            ),
        ]
    );
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        0
    );

    // Neither the message nor `Debug` shows the receipt id or the person's document.
    // (The random ids are taken out first: they could hold `GBR` by chance.)
    let debug = format!("{outcome:?}");
    assert!(debug.contains(session_id.as_str()), "{debug}");
    for text in [failure.to_string(), debug] {
        assert!(!text.contains(&receipt_id.to_string()), "{text}");
        let rest = text.replace(session_id.as_str(), "");
        for secret in ["PASSPORT", "GBR"] {
            assert!(!rest.contains(secret), "{secret} in {text}");
        }
    }
}
