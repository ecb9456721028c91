//! The serde form of receipts (cargo feature `serde`): each type's documented JSON literally,
//! round trips through serde_json, a whole `Receipt<T>` of a derived struct, and bad input
//! refused with a serde error.

use prost::Message;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use yoti_policy::{Profile, SharePolicy};
use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::produce_receipt;
use yoti_protocol::receipt::{FailureReceipt, Receipt, ReceiptMetadata, ReceiptResponse};

mod common;
use common::{fixture, key, protobuf_fixture};

/// Serialises to `expected`, and reads back equal to `value`.
fn check<T>(value: &T, expected: Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(serde_json::to_value(value).unwrap(), expected);
    let text = serde_json::to_string(value).unwrap();
    assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value);
}

fn refused<T: DeserializeOwned + std::fmt::Debug>(json: Value) -> String {
    serde_json::from_value::<T>(json).unwrap_err().to_string()
}

fn metadata() -> ReceiptMetadata {
    ReceiptMetadata {
        id: "cmVjZWlwdA==".into(),
        session_id: "ss.v2.session".into(),
        timestamp: "2025-05-21T11:01:07Z".into(),
        remember_me_id: Some("cGVyc29u".into()),
        parent_remember_me_id: None,
    }
}

#[test]
fn metadata_is_snake_case_with_the_timestamp_as_sent() {
    check(
        &metadata(),
        json!({"id": "cmVjZWlwdA==", "session_id": "ss.v2.session",
               "timestamp": "2025-05-21T11:01:07Z", "remember_me_id": "cGVyc29u"}),
    );
    check(
        &ReceiptMetadata {
            parent_remember_me_id: Some("cGFyZW50".into()),
            ..metadata()
        },
        json!({"id": "cmVjZWlwdA==", "session_id": "ss.v2.session",
               "timestamp": "2025-05-21T11:01:07Z", "remember_me_id": "cGVyc29u",
               "parent_remember_me_id": "cGFyZW50"}),
    );
}

#[test]
fn metadata_needs_what_a_receipt_needs() {
    let base = json!({"id": "r", "session_id": "s", "timestamp": "t"});
    serde_json::from_value::<ReceiptMetadata>(base.clone()).unwrap();
    for field in ["id", "session_id", "timestamp"] {
        let mut empty = base.clone();
        empty[field] = json!("");
        assert!(refused::<ReceiptMetadata>(empty).contains(field));
        let mut missing = base.clone();
        missing.as_object_mut().unwrap().remove(field);
        assert!(refused::<ReceiptMetadata>(missing).contains(field));
    }
    let mut unknown = base.clone();
    unknown["sessionId"] = json!("s");
    assert!(refused::<ReceiptMetadata>(unknown).contains("sessionId"));
    refused::<ReceiptMetadata>(json!({"id": 7, "session_id": "s", "timestamp": "t"}));
}

#[test]
fn a_failure_receipt_keeps_every_requirement() {
    let body = fixture("receipts/v2-failure-receipt.json");
    let ReceiptResponse::Failure(failure) = ReceiptResponse::from_json(&body).unwrap() else {
        panic!("not a failure receipt");
    };
    check(
        &failure,
        json!({
            "metadata": {
                "id": "tXTQK9E22lyzyIhVZM7pY1ctI7FHelLgvrVO35RO+vWKjJJJSJhu2ZLFBCce14Xy",
                "session_id": "ss.v2.ChZvRm1QTG5tT1FJMjZMYm9xeC1Fdlh3EgdsZDUuZ2Jy",
                "timestamp": "2025-05-21T11:01:07Z"
            },
            "error": "MANDATORY_DOCUMENT_NOT_PROVIDED",
            "requirements_not_met": [{
                "failure_type": "ID_DOCUMENT_COUNTRY",
                "document_type": "PASSPORT",
                "document_country_iso_code": "IRL",
                "audit_id": "97001564-a18a-4afd-bf19-3ffacc88abbb",
                "details": "NOT_APPLICABLE_FOR_SCHEME"
            }]
        }),
    );
}

#[test]
fn a_failure_receipt_leaves_out_absent_fields_and_reads_them_back_as_none() {
    let failure: FailureReceipt = serde_json::from_value(json!({
        "metadata": {"id": "r", "session_id": "s", "timestamp": "t"},
        "error": "FRAUD_DETECTED",
        "requirements_not_met": [{"failure_type": "X"}, {}]
    }))
    .unwrap();
    assert_eq!(failure.requirements_not_met.len(), 2);
    assert_eq!(
        failure.requirements_not_met[0].failure_type.as_deref(),
        Some("X")
    );
    assert_eq!(
        failure.requirements_not_met[0].document_country_iso_code,
        None
    );
    check(
        &failure,
        json!({
            "metadata": {"id": "r", "session_id": "s", "timestamp": "t"},
            "error": "FRAUD_DETECTED",
            "requirements_not_met": [{"failure_type": "X"}, {}]
        }),
    );
    let metadata = json!({"id": "r", "session_id": "s", "timestamp": "t"});
    assert!(
        refused::<FailureReceipt>(json!({"metadata": metadata, "error": ""})).contains("error")
    );
    refused::<FailureReceipt>(json!({"metadata": metadata}));
    refused::<FailureReceipt>(
        json!({"metadata": metadata, "error": "X", "requirements_not_met": [{"country": "IRL"}]}),
    );
}

#[derive(Debug, PartialEq, SharePolicy, Serialize, Deserialize)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(phone_number)]
    phone: Option<String>,
    #[yoti(date_of_birth)]
    born: yoti_policy::Date,
}

fn attribute(name: &str, value: &str, content_type: ContentType) -> Attribute {
    Attribute {
        name: name.into(),
        value: value.as_bytes().to_vec().into(),
        content_type: content_type as i32,
        ..Attribute::default()
    }
}

/// A receipt made for the fixture key and decrypted, with application content and extra data.
fn receipt() -> Receipt<Checkout> {
    let key = key("node-2048.pem");
    let user = AttributeList {
        attributes: vec![
            attribute("full_name", "Jane Doe", ContentType::String),
            attribute("date_of_birth", "1988-04-12", ContentType::Date),
        ],
    };
    let application = AttributeList {
        attributes: vec![attribute("application_name", "Shop", ContentType::String)],
    };
    let content = ReceiptContent {
        application_profile: Some(application.encode_to_vec().into()),
        application_extra_data: Some(protobuf_fixture("extra-data.b64").to_vec().into()),
        user_profile: Some(user.encode_to_vec().into()),
        user_extra_data: None,
    };
    let produced = produce_receipt(&key.public_key(), &metadata(), "k1", &content).unwrap();
    Receipt::decrypt(
        produced.receipt_json.as_bytes(),
        produced.wrapped_item_key_json.as_bytes(),
        &key,
    )
    .unwrap()
}

#[test]
fn a_receipt_of_a_derived_struct_round_trips() {
    let receipt = receipt();
    let value = serde_json::to_value(&receipt).unwrap();
    let string =
        |name: &str, value: &str| json!({"name": name, "value": {"string": value}, "anchors": []});
    assert_eq!(
        value,
        json!({
            "metadata": {"id": "cmVjZWlwdA==", "session_id": "ss.v2.session",
                         "timestamp": "2025-05-21T11:01:07Z", "remember_me_id": "cGVyc29u"},
            "user": {"name": "Jane Doe", "phone": null, "born": "1988-04-12"},
            "user_profile": {"attributes": [
                string("full_name", "Jane Doe"),
                {"name": "date_of_birth", "value": {"date": "1988-04-12"}, "anchors": []}
            ]},
            "user_extra_data": {"attribute_issuance_details": []},
            "application_profile": {"attributes": [string("application_name", "Shop")]},
            "application_extra_data": {"attribute_issuance_details": [{
                "token": "c29tZUlzc3VhbmNlVG9rZW4=",
                "expiry": "2019-10-15T22:04:05.123Z",
                "definitions": ["com.thirdparty.id", "com.thirdparty.other_id"]
            }]}
        })
    );

    let text = serde_json::to_string(&receipt).unwrap();
    let back: Receipt<Checkout> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, receipt);
    assert_eq!(
        back.user().born,
        yoti_policy::Date::from_ymd(1988, 4, 12).unwrap()
    );
    assert_eq!(back.application_profile().name(), Some("Shop"));
    assert!(
        back.application_extra_data()
            .attribute_issuance_details()
            .unwrap()
            .expiry()
            .is_some()
    );
    assert_eq!(back.remember_me_id(), Some("cGVyc29u"));

    // The untyped receipt has the same form, with the profile as `user`.
    let untyped: Receipt<Profile> = serde_json::from_str(&text.replace(
        r#""user":{"name":"Jane Doe","phone":null,"born":"1988-04-12"}"#,
        r#""user":{"attributes":[]}"#,
    ))
    .unwrap();
    assert!(untyped.user().is_empty());
    assert_eq!(untyped.user_profile(), receipt.user_profile());
}

#[test]
fn a_receipt_refuses_what_does_not_fit() {
    let mut value = serde_json::to_value(receipt()).unwrap();
    value["user"]["born"] = json!("1988-02-30");
    refused::<Receipt<Checkout>>(value.clone());
    value["user"]["born"] = json!("1988-04-12");
    serde_json::from_value::<Receipt<Checkout>>(value.clone()).unwrap();
    value["metadata"]["id"] = json!("");
    assert!(refused::<Receipt<Checkout>>(value.clone()).contains("id"));
    value["metadata"]["id"] = json!("r");
    value["wrappedKey"] = json!("x");
    assert!(refused::<Receipt<Checkout>>(value).contains("wrappedKey"));
}
