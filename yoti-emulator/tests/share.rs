//! Shares: receipts encrypted for the application and decrypted with `yoti_policy`, the persona,
//! explicit attributes, failure receipts, third-party issuance, remember-me ids, and access by
//! another application.

mod common;

use common::{APP_A, Signer, config, control_share, share_ok, start};
use serde_json::{Value, json};
use yoti_policy::{AnchorType, Date, SharePolicy};
use yoti_protocol::receipt::ReceiptResponse;

#[tokio::test]
async fn the_persona_satisfies_a_policy_and_the_receipt_decrypts() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let wanted = json!([
        {"name": "full_name", "optional": false},
        {"name": "date_of_birth", "optional": false},
        {"name": "date_of_birth", "optional": false, "derivation": "age_over:18"},
        {"name": "date_of_birth", "optional": false, "derivation": "age_under:21"},
        {"name": "selfie", "optional": false},
        {"name": "email_address", "optional": true},
        {"name": "document_images", "optional": false},
        {"name": "structured_postal_address", "optional": false},
        {"name": "family_name", "optional": false, "constraints": [{"type": "SOURCE",
            "preferred_sources": {"anchors": [{"name": "DRIVING_LICENCE", "sub_type": ""}],
            "soft_preference": false}}]}
    ]);
    let id = signer.create_session(&config(wanted)).await;
    let receipt_id = share_ok(&emulator, &id, "").await;
    let receipt = signer.decrypt_receipt(&receipt_id).await;

    assert_eq!(receipt.id(), receipt_id);
    assert_eq!(receipt.session_id(), id);
    assert!(receipt.remember_me_id().is_none());
    let app = receipt.application_profile();
    assert_eq!(app.name(), Some("Corner Shop"));
    assert_eq!(app.url(), Some("https://shop.example"));
    assert_eq!(app.receipt_bgcolor(), Some("#00aa55"));
    assert!(app.logo().is_some());

    let user = receipt.user_profile();
    assert_eq!(user.full_name().unwrap().value(), "Jane Alexandra Doe");
    assert_eq!(
        user.date_of_birth().unwrap().value().to_string(),
        "1988-04-12"
    );
    assert!(user.age_over(18).unwrap().value().result());
    assert!(!user.age_under(21).unwrap().value().result());
    assert!(!user.selfie().unwrap().value().data().is_empty());
    assert_eq!(
        user.email_address().unwrap().value(),
        "jane.doe@example.com"
    );
    assert_eq!(user.document_images().unwrap().value().len(), 2);
    assert!(user.structured_postal_address().is_some());

    let name = user.full_name().unwrap();
    let sources: Vec<_> = name.sources().map(|a| (a.value(), a.sub_type())).collect();
    assert_eq!(sources, [("PASSPORT", "NFC")]);
    let verifier = name.verifiers().next().unwrap();
    assert_eq!(verifier.anchor_type(), AnchorType::Verifier);
    assert_eq!(verifier.value(), "PASSPORT_NFC_SIGNATURE");
    assert!(verifier.signed_timestamp_micros() > 1_700_000_000_000_000);
    assert!(!name.is_self_asserted());
    // The persona honours the source constraint.
    let family = user.family_name().unwrap();
    assert_eq!(family.sources().next().unwrap().value(), "DRIVING_LICENCE");
}

#[derive(SharePolicy, Debug)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(age_over = 18)]
    adult: bool,
    #[yoti(email_address)]
    email: Option<String>,
    #[yoti(date_of_birth)]
    born: Date,
}

#[tokio::test]
async fn a_derived_struct_decodes_from_an_explicit_share() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let body = json!({
        "policy": serde_json::from_str::<Value>(Checkout::POLICY_JSON).unwrap(),
        "extensions": [],
        "redirectUri": "https://shop.example/done"
    });
    let id = signer.create_session(&body).await;
    let share = json!({"attributes": [
        {"name": "full_name", "value": "Ann Other", "content_type": "STRING",
         "anchors": [{"type": "SOURCE", "value": "PASSPORT", "sub_type": "OCR"}]},
        {"name": "date_of_birth", "value": "2015-06-01", "content_type": "DATE"}
    ]});
    let receipt_id = share_ok(&emulator, &id, &share.to_string()).await;
    let receipt = signer.decrypt_receipt(&receipt_id).await;
    let profile = receipt.user_profile();
    // The age check was derived from the shared date of birth.
    assert!(!profile.age_over(18).unwrap().value().result());
    let name = profile.full_name().unwrap();
    let anchors: Vec<_> = name
        .anchors()
        .iter()
        .map(|a| (a.anchor_type(), a.value(), a.sub_type()))
        .collect();
    assert_eq!(anchors, [(AnchorType::Source, "PASSPORT", "OCR")]);

    let receipt_body = signer.get_receipt(&receipt_id).await.body;
    let item_key_id = serde_json::from_slice::<Value>(&receipt_body).unwrap()["wrappedItemKeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let item_key = signer
        .send("GET", &format!("/v2/wrapped-item-keys/{item_key_id}"), None)
        .await;
    let typed: yoti_protocol::receipt::Receipt<Checkout> =
        yoti_protocol::receipt::Receipt::decrypt(&receipt_body, &item_key.body, &signer.key)
            .unwrap();
    let checkout = typed.user();
    assert_eq!(checkout.name, "Ann Other");
    assert!(!checkout.adult);
    assert_eq!(checkout.email, None);
    assert_eq!(checkout.born.to_string(), "2015-06-01");
}

#[tokio::test]
async fn unsatisfied_policies_give_a_failure_receipt_with_details() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let wanted = json!([
        {"name": "full_name", "optional": false},
        {"name": "nationality", "optional": false, "constraints": [{"type": "SOURCE",
            "preferred_sources": {"anchors": [{"name": "PASSPORT", "sub_type": ""}],
            "soft_preference": false}}]},
        {"name": "email_address", "optional": true}
    ]);
    let id = signer.create_session(&config(wanted)).await;
    let share = json!({"attributes": [
        {"name": "nationality", "value": "GBR",
         "anchors": [{"type": "SOURCE", "value": "DRIVING_LICENCE"}]}
    ]});
    let receipt_id = share_ok(&emulator, &id, &share.to_string()).await;
    let answer = signer.get_receipt(&receipt_id).await;
    assert_eq!(answer.status, 200);
    let body = answer.json();
    assert!(body.get("wrappedItemKeyId").is_none());
    assert!(body.get("content").is_none());
    let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(&answer.body).unwrap()
    else {
        panic!("expected a failure receipt: {body}");
    };
    assert_eq!(failure.id(), receipt_id);
    assert_eq!(failure.session_id(), id);
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
                None
            ),
            (
                Some("SOURCE_CONSTRAINT_NOT_MET"),
                Some("nationality"),
                Some("PASSPORT"),
                Some("GBR")
            ),
        ]
    );
    assert!(
        failure
            .requirements_not_met
            .iter()
            .all(|r| r.audit_id.is_some())
    );
}

#[tokio::test]
async fn an_identity_profile_needs_a_report() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let mut body = config(json!([]));
    body["policy"]["identity_profile_requirements"] =
        json!({"trust_framework": "UK_TFIDA", "scheme": {"type": "RTW"}});
    let id = signer.create_session(&body).await;
    let receipt_id = share_ok(&emulator, &id, r#"{"attributes": []}"#).await;
    let answer = signer.get_receipt(&receipt_id).await;
    let failure = answer.json();
    assert_eq!(
        failure["errorReason"]["requirements_not_met_details"][0]["failure_type"],
        "IDENTITY_PROFILE_NOT_MET"
    );

    // The persona shares a report.
    let id = signer.create_session(&body).await;
    let receipt_id = share_ok(&emulator, &id, "{}").await;
    let receipt = signer.decrypt_receipt(&receipt_id).await;
    let report = receipt.user_profile().identity_profile_report().unwrap();
    assert_eq!(
        report.value().verification_report().unwrap()["trust_framework"],
        "UK_TFIDA"
    );
}

#[tokio::test]
async fn remember_me_ids_and_third_party_issuance_appear_when_asked_for() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let mut body = config(json!([{"name": "full_name", "optional": false}]));
    body["policy"]["wanted_remember_me"] = json!(true);
    body["extensions"] = json!([{"type": "THIRD_PARTY_ATTRIBUTE", "content": {
        "expiry_date": "2030-01-02T00:00:00.123Z",
        "definitions": [{"name": "com.shop.member"}]}}]);
    let first = signer.create_session(&body).await;
    let receipt = signer
        .decrypt_receipt(&share_ok(&emulator, &first, "").await)
        .await;
    let remember_me = receipt.remember_me_id().unwrap().to_owned();
    assert_eq!(remember_me.len(), 64);
    let issuance = receipt
        .application_extra_data()
        .attribute_issuance_details()
        .unwrap();
    assert_eq!(issuance.definitions(), ["com.shop.member"]);
    assert_eq!(issuance.expiry_text(), "2030-01-02T00:00:00.123Z");
    assert!(!issuance.token().is_empty());

    // The same person with the same application keeps the same remember-me id.
    let second = signer.create_session(&body).await;
    let receipt = signer
        .decrypt_receipt(&share_ok(&emulator, &second, "").await)
        .await;
    assert_eq!(receipt.remember_me_id(), Some(remember_me.as_str()));

    // A given remember-me id is used as is.
    let third = signer.create_session(&body).await;
    let receipt = signer
        .decrypt_receipt(&share_ok(&emulator, &third, r#"{"remember_me_id":"given-id"}"#).await)
        .await;
    assert_eq!(receipt.remember_me_id(), Some("given-id"));
}

#[tokio::test]
async fn receipts_and_item_keys_belong_to_their_application() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    let receipt_id = share_ok(&emulator, &id, "").await;
    let receipt = signer.get_receipt(&receipt_id).await;
    assert_eq!(receipt.status, 200);
    let item_key_id = receipt.json()["wrappedItemKeyId"]
        .as_str()
        .unwrap()
        .to_owned();

    let other = Signer::b(&emulator);
    let answer = other.get_receipt(&receipt_id).await;
    assert_eq!(answer.error(404).1, "Receipt not found");
    let answer = other
        .send("GET", &format!("/v2/wrapped-item-keys/{item_key_id}"), None)
        .await;
    assert_eq!(answer.error(404).0, "NOT_FOUND");
}

#[tokio::test]
async fn receipt_ids_are_found_in_every_client_encoding() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    let receipt_id = share_ok(&emulator, &id, "").await;
    assert!(receipt_id.contains('+') && receipt_id.contains('/'));
    let url_safe = receipt_id.replace('+', "-").replace('/', "_");
    let percent = receipt_id.replace('+', "%2B").replace('/', "%2F");
    for form in [url_safe.clone(), format!("{url_safe}=="), percent] {
        let answer = signer
            .send("GET", &format!("/v2/receipts/{form}"), None)
            .await;
        assert_eq!(answer.status, 200, "{form}");
        assert_eq!(answer.json()["id"], json!(receipt_id));
    }
}

#[tokio::test]
async fn bad_share_requests_are_refused() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    let cases = [
        (r#"{"attributes": 3}"#, "share request"),
        (
            r#"{"attributes": [{"name": "selfie", "value": "%%%"}]}"#,
            "base64",
        ),
        (
            r#"{"attributes": [{"name": "x", "value": "a", "content_type": "WAV"}]}"#,
            "content_type",
        ),
        (
            r#"{"attributes": [{"name": "x", "value": "a", "anchors": [{"type": "WITNESS", "value": "A"}]}]}"#,
            "anchor type",
        ),
        ("{", "not valid JSON"),
    ];
    for (body, expected) in cases {
        let answer = control_share(&emulator, &id, body).await;
        let (code, message) = answer.error(400);
        assert_eq!(code, "INVALID_PAYLOAD");
        assert!(message.contains(expected), "{message}");
    }
    let answer = control_share(&emulator, "ss.v2.unknown", "").await;
    assert_eq!(answer.error(404).1, "Share session not found");
    let _ = APP_A;
}

#[tokio::test]
async fn unmet_requirements_are_listed_in_the_policy_order() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    // Neither alphabetical nor in the catalogue's order.
    let wanted = json!([
        {"name": "phone_number", "optional": false},
        {"name": "com.thirdparty.id", "optional": false},
        {"name": "date_of_birth", "optional": false, "derivation": "age_over:18"},
        {"name": "nationality", "optional": false},
        {"name": "full_name", "optional": false}
    ]);
    let id = signer.create_session(&config(wanted)).await;
    let receipt_id = share_ok(&emulator, &id, r#"{"attributes": []}"#).await;
    let answer = signer.get_receipt(&receipt_id).await;
    let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(&answer.body).unwrap()
    else {
        panic!("expected a failure receipt");
    };
    let details: Vec<_> = failure
        .requirements_not_met
        .iter()
        .map(|r| r.details.as_deref().unwrap())
        .collect();
    assert_eq!(
        details,
        [
            "phone_number",
            "com.thirdparty.id",
            "age_over:18",
            "nationality",
            "full_name"
        ]
    );
}

#[tokio::test]
async fn the_control_api_shares_a_failure_with_given_requirements() {
    let emulator = start().await;
    let signer = Signer::a(&emulator);
    let id = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    let body = json!({"requirements_not_met": [
        {"failure_type": "SELF_ASSERTED_NOT_ACCEPTED", "details": "full_name",
         "document_type": "NATIONAL_ID", "document_country_iso_code": "FRA"}
    ]});
    let receipt_id = share_ok(&emulator, &id, &body.to_string()).await;
    let answer = signer.get_receipt(&receipt_id).await;
    let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(&answer.body).unwrap()
    else {
        panic!("expected a failure receipt");
    };
    let unmet = &failure.requirements_not_met[0];
    assert_eq!(
        unmet.failure_type.as_deref(),
        Some("SELF_ASSERTED_NOT_ACCEPTED")
    );
    assert_eq!(unmet.document_type.as_deref(), Some("NATIONAL_ID"));
    assert_eq!(unmet.document_country_iso_code.as_deref(), Some("FRA"));

    let other = signer
        .create_session(&config(json!([{"name": "full_name"}])))
        .await;
    for bad in [
        json!({"requirements_not_met": []}),
        json!({"requirements_not_met": [{"failure_type": "BORED", "details": "x"}]}),
    ] {
        let answer = control_share(&emulator, &other, &bad.to_string()).await;
        assert_eq!(answer.error(400).0, "INVALID_PAYLOAD", "{bad}");
    }
}
